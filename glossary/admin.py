from django.contrib import admin

from initiatives.content_admin import ContentHistoryAdmin, ContentTabularInline

from .models import GlossaryLink, GlossaryTerm


class GlossaryLinkInline(ContentTabularInline):
    model = GlossaryLink
    extra = 0
    autocomplete_fields = ["sheet"]


@admin.register(GlossaryTerm)
class GlossaryTermAdmin(ContentHistoryAdmin):
    list_display = ["term", "order"]
    search_fields = ["term", "definition"]
    readonly_fields = ["source_lines"]
    prepopulated_fields = {"slug": ["term"]}
    inlines = [GlossaryLinkInline]
    markdown_fields = ("definition",)


@admin.register(GlossaryLink)
class GlossaryLinkAdmin(ContentHistoryAdmin):
    list_display = ["term", "sheet", "kind"]
    list_filter = ["kind"]
    list_select_related = ["term", "sheet"]
