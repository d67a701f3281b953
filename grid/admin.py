from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from .models import GridVersion, Question


class QuestionInline(admin.TabularInline):
    model = Question
    extra = 0
    fields = ["order", "code", "section", "text", "bareme", "origin"]
    show_change_link = True


@admin.register(GridVersion)
class GridVersionAdmin(SimpleHistoryAdmin):
    list_display = ["code", "name", "created_at"]
    inlines = [QuestionInline]


@admin.register(Question)
class QuestionAdmin(SimpleHistoryAdmin):
    list_display = ["code", "version", "section", "bareme", "origin", "anchor_sheet", "short_text"]
    list_filter = ["version", "section", "origin", "bareme"]
    list_select_related = ["version", "section", "anchor_sheet"]
    search_fields = ["code", "text"]
    filter_horizontal = ["levers", "sheets"]
    readonly_fields = ["source_lines"]

    @admin.display(description=_("affirmation"))
    def short_text(self, question):
        return question.text[:90]
