from django import forms
from django.contrib import admin
from django.db import models
from django.utils.translation import gettext_lazy as _

from .content_admin import ContentHistoryAdmin, ContentTabularInline
from .models import Concept, Enjeu, Level, Lever, Path, PathStep, Reference, Section, Sheet

PROVENANCE = (_("Provenance"), {"fields": ["source_lines"], "description": _(
    "Lignes du guide de 2012 d'où vient ce contenu ; conservées pour citer la source."
)})


class ContentAdmin(ContentHistoryAdmin):
    """Every content model keeps its history (who, when, what) and its provenance read-only."""

    readonly_fields = ["source_lines"]


@admin.register(Enjeu)
class EnjeuAdmin(ContentAdmin):
    list_display = ["code", "name", "colour"]
    markdown_fields = ("interpretation",)


@admin.register(Level)
class LevelAdmin(admin.ModelAdmin):
    list_display = ["number", "name"]


@admin.register(Section)
class SectionAdmin(ContentAdmin):
    list_display = ["code", "title", "enjeu", "level"]
    list_select_related = ["enjeu", "level"]


@admin.register(Lever)
class LeverAdmin(ContentAdmin):
    list_display = ["name", "section", "order"]
    list_filter = ["section"]
    list_select_related = ["section"]
    search_fields = ["name", "aliases"]
    prepopulated_fields = {"slug": ["name"]}
    markdown_fields = ("description",)


@admin.register(Sheet)
class SheetAdmin(ContentAdmin):
    list_display = ["number", "title", "section", "sector", "maturity"]
    list_display_links = ["number", "title"]
    list_filter = ["section__enjeu", "section__level", "maturity"]
    list_select_related = ["section"]
    search_fields = ["number", "title", "title_variants", "principle"]
    markdown_fields = Sheet.PARTS
    # Checkboxes rather than the filter widget, whose help icons misuse aria-label (axe).
    formfield_overrides = {models.ManyToManyField: {"widget": forms.CheckboxSelectMultiple}}
    fieldsets = [
        (None, {"fields": [
            "number", "slug", "order", "title", "title_variants", "section", "levers",
        ]}),
        (_("Page 1/2"), {
            "fields": ["principle", "benefits", "costs"],
            "description": _(
                "Markdown : listes à puces, **gras**. Le HTML est filtré à l'affichage."
            ),
        }),
        (_("Page 2/2 : éléments méthodologiques"), {
            "fields": [
                "key_steps", "success_factors", "actors", "case_study", "sector", "maturity",
            ],
        }),
        PROVENANCE,
    ]


class PathStepInline(ContentTabularInline):
    model = PathStep
    extra = 0
    autocomplete_fields = ["sheet"]


@admin.register(Path)
class PathAdmin(ContentAdmin):
    list_display = ["code", "name", "enjeu", "order"]
    readonly_fields = []
    inlines = [PathStepInline]
    markdown_fields = ("description",)


@admin.register(PathStep)
class PathStepAdmin(ContentHistoryAdmin):
    list_display = ["path", "step", "option", "sheet", "inferred"]
    list_filter = ["path"]
    list_select_related = ["path", "sheet"]


@admin.register(Concept)
class ConceptAdmin(ContentAdmin):
    list_display = ["title", "kind", "order"]
    list_filter = ["kind"]
    markdown_fields = ("body",)


@admin.register(Reference)
class ReferenceAdmin(ContentAdmin):
    list_display = ["order", "category", "text"]
    list_filter = ["category"]
    markdown_fields = ("text",)
