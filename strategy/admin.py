from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Axis, Decision, Objective, Strategy


class AxisInline(admin.StackedInline):
    model = Axis
    extra = 0
    show_change_link = True


class DecisionInline(admin.TabularInline):
    model = Decision
    extra = 0
    fields = ["at", "from_status", "to_status", "by", "by_name", "comment"]
    readonly_fields = ["at", "by"]


@admin.register(Strategy)
class StrategyAdmin(SimpleHistoryAdmin):
    """Cluster data: the strategy page is where it is changed and decided; the admin is the
    superusers' view of it (content admins hold no permission on it)."""

    list_display = ["cluster", "start_year", "end_year", "status", "updated_at"]
    list_filter = ["status", "cluster"]
    list_select_related = ["cluster"]
    raw_id_fields = ["responsible", "created_by"]
    readonly_fields = ["created_at", "updated_at"]
    inlines = [AxisInline, DecisionInline]


class ObjectiveInline(admin.TabularInline):
    model = Objective
    extra = 0
    raw_id_fields = ["action"]


@admin.register(Axis)
class AxisAdmin(SimpleHistoryAdmin):
    list_display = ["title", "strategy", "order"]
    list_select_related = ["strategy__cluster"]
    inlines = [ObjectiveInline]


@admin.register(Objective)
class ObjectiveAdmin(SimpleHistoryAdmin):
    list_display = ["axis", "kind", "reference", "target", "year"]
    list_select_related = ["axis__strategy__cluster"]
    raw_id_fields = ["action"]
