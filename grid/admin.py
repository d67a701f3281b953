from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db import models
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from simple_history.admin import SimpleHistoryAdmin

from initiatives.content_admin import ContentHistoryAdmin, ContentTabularInline

from .maturity import RANKS, scale_problems
from .models import Assignment, Campaign, GridVersion, MaturityLevel, Question
from .selectors import grid_version_is_frozen
from .services import (
    grid_version_derive,
    maturity_levels_default,
    question_mark_reviewed,
    question_review_forget,
)


class FrozenVersionMixin:
    """Versions used by an assessment, and their questions, are read-only (DESIGN §3)."""

    def version_of(self, obj):
        raise NotImplementedError

    def has_change_permission(self, request, obj=None):
        if obj is not None and grid_version_is_frozen(self.version_of(obj)):
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and grid_version_is_frozen(self.version_of(obj)):
            return False
        return super().has_delete_permission(request, obj)


class MaturityLevelFormSet(forms.BaseInlineFormSet):
    """The four levels are checked together: ranks 1 to 4, bounds from 0 % and increasing."""

    def clean(self):
        super().clean()
        if any(self.errors):
            return
        bands = [
            (form.cleaned_data.get("rank"), form.cleaned_data.get("lower_bound"))
            for form in self.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE")
        ]
        problems = scale_problems(bands)
        if problems:
            raise ValidationError(problems)


class MaturityLevelInline(ContentTabularInline):
    """Editable until the version is used; then read-only, as its questions (DESIGN §8)."""

    model = MaturityLevel
    formset = MaturityLevelFormSet
    fields = ["rank", "letter", "name", "lower_bound"]
    extra = 0
    min_num = max_num = len(RANKS)
    can_delete = False

    def _frozen(self, obj) -> bool:
        return obj is not None and grid_version_is_frozen(obj)

    def has_add_permission(self, request, obj=None):
        return not self._frozen(obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return not self._frozen(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return False


class QuestionInline(ContentTabularInline):
    model = Question
    extra = 0
    fields = ["order", "code", "section", "text", "bareme", "origin"]
    show_change_link = True


class DeriveForm(forms.Form):
    code = forms.SlugField(label=_("Code de la nouvelle version"), max_length=40)
    name = forms.CharField(label=_("Nom"), max_length=200)


@admin.register(GridVersion)
class GridVersionAdmin(FrozenVersionMixin, ContentHistoryAdmin):
    list_display = ["code", "name", "derived_from", "created_at", "frozen"]
    inlines = [MaturityLevelInline, QuestionInline]
    actions = ["derive"]

    def version_of(self, obj):
        return obj

    def get_inlines(self, request, obj):
        # A new version starts from the default levels (save_related); edit them afterwards.
        return self.inlines if obj is not None else [QuestionInline]

    def save_formset(self, request, form, formset, change):
        if formset.model is Question:
            for question_form in formset.forms:
                question_review_forget(question_form.instance, question_form.changed_data)
        super().save_formset(request, form, formset, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        if not form.instance.maturity_levels.exists():
            maturity_levels_default(form.instance)

    @admin.display(description=_("figée"), boolean=True)
    def frozen(self, version):
        return grid_version_is_frozen(version)

    @admin.action(description=_("Créer une nouvelle version à partir de celle-ci"))
    def derive(self, request, queryset):
        if queryset.count() != 1:
            self.message_user(request, _("Choisissez une seule version."), messages.ERROR)
            return None
        source = queryset.get()
        form = DeriveForm(request.POST if "code" in request.POST else None)
        if form.is_valid():
            try:
                version = grid_version_derive(source=source, **form.cleaned_data)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                self.message_user(
                    request, _("Version %(code)s créée.") % {"code": version.code},
                    messages.SUCCESS,
                )
                return redirect("admin:grid_gridversion_change", version.pk)
        context = {**self.admin_site.each_context(request), "form": form, "source": source,
                   "opts": self.model._meta, "title": _("Nouvelle version de la grille")}
        return render(request, "admin/grid/derive_version.html", context)


@admin.register(Question)
class QuestionAdmin(FrozenVersionMixin, ContentHistoryAdmin):
    list_display = ["code", "version", "section", "bareme", "origin", "anchor_sheet",
                    "reviewed_on", "short_text"]
    list_filter = ["version", "section", "origin", ("reviewed_on", admin.EmptyFieldListFilter),
                   "bareme"]
    list_select_related = ["version", "section", "anchor_sheet"]
    search_fields = ["code", "text"]
    # Checkboxes rather than the filter widget, whose help icons misuse aria-label (axe).
    formfield_overrides = {models.ManyToManyField: {"widget": forms.CheckboxSelectMultiple}}
    # A review is given by the action below, which records who and when; never typed in.
    readonly_fields = ["source_lines", "reviewed_on", "reviewed_by"]
    actions = ["mark_reviewed"]

    def version_of(self, obj):
        return obj.version

    def save_model(self, request, obj, form, change):
        question_review_forget(obj, form.changed_data)
        super().save_model(request, obj, form, change)

    # Reviewing changes neither wording nor barème: allowed on a frozen version too, to those
    # who may change questions (has_change_permission without a question: the model's right).
    @admin.action(description=_("Marquer comme revue"), permissions=["change"])
    def mark_reviewed(self, request, queryset):
        marked = [question_mark_reviewed(question=question, by=request.user)
                  for question in queryset]
        done, refused = marked.count(True), marked.count(False)
        if done:
            self.message_user(request, ngettext(
                "%(count)d question marquée comme revue.",
                "%(count)d questions marquées comme revues.", done,
            ) % {"count": done}, messages.SUCCESS)
        if refused:
            self.message_user(request, ngettext(
                "%(count)d question est le texte du guide : elle ne se marque pas comme revue.",
                "%(count)d questions sont le texte du guide : elles ne se marquent pas comme "
                "revues.", refused,
            ) % {"count": refused}, messages.WARNING)

    @admin.display(description=_("affirmation"))
    def short_text(self, question):
        return question.text[:90]


@admin.register(Campaign)
class CampaignAdmin(admin.ModelAdmin):
    list_display = ["year", "version"]

    def get_readonly_fields(self, request, obj=None):
        # Once a cluster has started the year, its grid version cannot change under it.
        if obj is not None and obj.assessments.exists():
            return ["year", "version"]
        return []


@admin.register(Assignment)
class AssignmentAdmin(SimpleHistoryAdmin):
    """Read only, with its history, for superusers: assignments are a cluster's own data, made
    on the grid, whose rules (the team's members only, open years only) the admin would bypass;
    content admins keep to the content."""

    list_display = ["assessment", "section", "question", "assignee", "due_on", "assigned_by", "at"]
    list_select_related = ["assessment__cluster", "assessment__campaign", "section", "question",
                           "assignee", "assigned_by"]
    list_filter = ["assessment__campaign"]

    def has_view_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser
