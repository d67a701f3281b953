from django import forms
from django.contrib import admin
from django.db import models, transaction
from django.utils.translation import gettext as _
from simple_history.admin import SimpleHistoryAdmin

from .models import Action, ActionComment, StepReached


class ActionAdminForm(forms.ModelForm):
    """The admin's form of an action carries the revision it was loaded at, as the plan's edit
    form does: a save over someone's later change is refused, not made in silence."""

    seen_revision = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The stored revision, not the instance's: reverting to a past version (the history
        # page) starts from an old instance.
        if self.instance.pk is not None:
            self.fields["seen_revision"].initial = self._stored().first()

    def _stored(self):
        return Action.objects.filter(pk=self.instance.pk).values_list("revision", flat=True)

    def clean(self):
        data = super().clean()
        if self.instance.pk is None:
            return data
        # The admin's views run in one transaction: the row stays locked until it is saved.
        if data.get("seen_revision") != self._stored().select_for_update().first():
            raise forms.ValidationError(_(
                "Cette action a été modifiée depuis l'ouverture de cette page : rechargez-la "
                "pour voir sa version actuelle, puis refaites vos changements."))
        return data


class ActionCommentInline(admin.TabularInline):
    model = ActionComment
    extra = 0
    fields = ["at", "by", "by_name", "text"]
    readonly_fields = ["at", "by", "by_name"]


@admin.register(Action)
class ActionAdmin(SimpleHistoryAdmin):
    """Cluster data: the pages of the plan are where it is changed; the admin is the
    superusers' view of it (content admins hold no permission on it)."""

    list_display = ["title", "cluster", "status", "due_on", "done_on"]
    list_filter = ["cluster", "status"]
    list_select_related = ["cluster"]
    search_fields = ["title", "indicator", "notes"]
    raw_id_fields = ["owner", "axis"]  # every cluster's axes would make a long list
    # Checkboxes rather than the filter widget, whose help icons misuse aria-label (axe).
    formfield_overrides = {models.ManyToManyField: {"widget": forms.CheckboxSelectMultiple}}
    readonly_fields = ["created_by", "created_at", "updated_at", "revision"]
    inlines = [ActionCommentInline]
    form = ActionAdminForm

    def history_form_view(self, request, *args, **kwargs):
        with transaction.atomic():  # as the change form's view is, for the form's lock
            return super().history_form_view(request, *args, **kwargs)

    def save_model(self, request, obj, form, change):
        if change:  # locked by the form's check: a page loaded before is then refused
            obj.revision = form.cleaned_data["seen_revision"] + 1
        super().save_model(request, obj, form, change)


@admin.register(StepReached)
class StepReachedAdmin(SimpleHistoryAdmin):
    list_display = ["cluster", "step", "reached_on", "by"]
    list_filter = ["cluster", "step__path"]
    list_select_related = ["cluster", "step__path", "step__sheet", "by"]
    raw_id_fields = ["by"]
