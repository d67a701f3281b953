from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db import models
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from .models import Campaign, GridVersion, Question
from .services import grid_version_derive, grid_version_is_frozen


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


class QuestionInline(admin.TabularInline):
    model = Question
    extra = 0
    fields = ["order", "code", "section", "text", "bareme", "origin"]
    show_change_link = True


class DeriveForm(forms.Form):
    code = forms.SlugField(label=_("Code de la nouvelle version"), max_length=40)
    name = forms.CharField(label=_("Nom"), max_length=200)


@admin.register(GridVersion)
class GridVersionAdmin(FrozenVersionMixin, SimpleHistoryAdmin):
    list_display = ["code", "name", "derived_from", "created_at", "frozen"]
    inlines = [QuestionInline]
    actions = ["derive"]

    def version_of(self, obj):
        return obj

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
class QuestionAdmin(FrozenVersionMixin, SimpleHistoryAdmin):
    list_display = ["code", "version", "section", "bareme", "origin", "anchor_sheet", "short_text"]
    list_filter = ["version", "section", "origin", "bareme"]
    list_select_related = ["version", "section", "anchor_sheet"]
    search_fields = ["code", "text"]
    # Checkboxes rather than the filter widget, whose help icons misuse aria-label (axe).
    formfield_overrides = {models.ManyToManyField: {"widget": forms.CheckboxSelectMultiple}}
    readonly_fields = ["source_lines"]

    def version_of(self, obj):
        return obj.version

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
