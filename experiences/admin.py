from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import (
    Experience,
    ExperienceLever,
    ExperienceQuestion,
    ExperienceSheet,
    KeyFigure,
    Theme,
)


class KeyFigureInline(admin.TabularInline):
    model = KeyFigure
    extra = 0


class SheetLinkInline(admin.TabularInline):
    model = ExperienceSheet
    extra = 0
    autocomplete_fields = ["sheet"]


class LeverLinkInline(admin.TabularInline):
    model = ExperienceLever
    extra = 0
    autocomplete_fields = ["lever"]


class QuestionLinkInline(admin.TabularInline):
    model = ExperienceQuestion
    extra = 0


@admin.register(Experience)
class ExperienceAdmin(SimpleHistoryAdmin):
    list_display = ["title", "organisation", "organisation_type", "source", "published"]
    list_filter = ["source", "organisation_type", "published", "themes"]
    search_fields = ["title", "organisation", "context", "actions"]
    prepopulated_fields = {"slug": ["title"]}
    filter_horizontal = ["themes"]
    inlines = [KeyFigureInline, SheetLinkInline, LeverLinkInline, QuestionLinkInline]


@admin.register(Theme)
class ThemeAdmin(SimpleHistoryAdmin):
    list_display = ["name", "order"]
    search_fields = ["name"]
