from django import forms
from django.contrib import admin
from django.db import models
from simple_history.admin import SimpleHistoryAdmin

from .models import Action, ActionComment, StepReached


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
    raw_id_fields = ["owner"]
    # Checkboxes rather than the filter widget, whose help icons misuse aria-label (axe).
    formfield_overrides = {models.ManyToManyField: {"widget": forms.CheckboxSelectMultiple}}
    readonly_fields = ["created_by", "created_at", "updated_at"]
    inlines = [ActionCommentInline]


@admin.register(StepReached)
class StepReachedAdmin(SimpleHistoryAdmin):
    list_display = ["cluster", "step", "reached_on", "by"]
    list_filter = ["cluster", "step__path"]
    list_select_related = ["cluster", "step__path", "step__sheet", "by"]
    raw_id_fields = ["by"]
