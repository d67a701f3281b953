from django.contrib import admin

from initiatives.content_admin import ContentHistoryAdmin, ContentStackedInline

from .models import (
    Experience,
    ExperienceLever,
    ExperienceQuestion,
    ExperienceSheet,
    KeyFigure,
    Theme,
)


# Stacked inlines: a tabular one leaves its fields without a label of their own (axe-core).
class KeyFigureInline(ContentStackedInline):
    model = KeyFigure
    extra = 0


class SheetLinkInline(ContentStackedInline):
    model = ExperienceSheet
    extra = 0
    autocomplete_fields = ["sheet"]


class LeverLinkInline(ContentStackedInline):
    model = ExperienceLever
    extra = 0
    autocomplete_fields = ["lever"]


class QuestionLinkInline(ContentStackedInline):
    model = ExperienceQuestion
    extra = 0


@admin.register(Experience)
class ExperienceAdmin(ContentHistoryAdmin):
    list_display = ["title", "organisation", "organisation_type", "source", "published"]
    list_filter = ["source", "organisation_type", "published", "themes"]
    search_fields = ["title", "organisation", "context", "actions"]
    prepopulated_fields = {"slug": ["title"]}
    inlines = [KeyFigureInline, SheetLinkInline, LeverLinkInline, QuestionLinkInline]
    markdown_fields = ("context", "actions", "results", "success_factors")


@admin.register(Theme)
class ThemeAdmin(ContentHistoryAdmin):
    list_display = ["name", "order"]
    search_fields = ["name"]
