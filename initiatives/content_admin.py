"""The admin of every content model (here and in the apps above): text normalised on save, in
the main form and in its inlines, Markdown fields with a preview rendered as the public pages
render them, and a history showing, for each change, which words of each field were removed and
added."""

from django import forms
from django.contrib import admin
from django.contrib.admin.widgets import AdminTextareaWidget
from django.db import models
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from simple_history.admin import SimpleHistoryAdmin
from simple_history.template_utils import HistoricalRecordContextHelper

from .text_changes import normalise_text, word_diff_html


class NormalisedTextForm(forms.ModelForm):
    def clean(self):
        cleaned_data = super().clean()
        for name, value in cleaned_data.items():
            if isinstance(value, str):
                cleaned_data[name] = normalise_text(value)
        return cleaned_data

    @property
    def changed_data(self):
        """A field whose text differs only by its line endings or spaces is unchanged: an inline
        row sent back so is then not saved at all, and records no version."""
        return [name for name in super().changed_data if not self._same_once_normalised(name)]

    def _same_once_normalised(self, name) -> bool:
        field = self[name]
        if not isinstance(field.field, forms.CharField):  # a choice's to_python may refuse it
            return False
        typed, stored = field.field.to_python(field.data), field.initial
        return (isinstance(typed, str) and isinstance(stored, str)
                and normalise_text(typed) == normalise_text(stored))


class WordDiffContextHelper(HistoricalRecordContextHelper):
    """Adds `diff` (a word diff, as HTML) to the change of each free-text field."""

    def context_for_delta_changes(self, delta):
        context = super().context_for_delta_changes(delta)
        for entry, change in zip(context, delta.changes, strict=True):
            field = self.model._meta.get_field(change.field)
            if isinstance(field, (models.CharField, models.TextField)) and not field.choices:
                entry["diff"] = word_diff_html(change.old or "", change.new or "")
        return context


class ContentTabularInline(admin.TabularInline):
    form = NormalisedTextForm


class ContentStackedInline(admin.StackedInline):
    form = NormalisedTextForm


class MarkdownTextarea(AdminTextareaWidget):
    """A Markdown field, with an « Aperçu » button (shown by its script) that has the text
    rendered by initiatives.views.markdown_preview and shows it below; the content is French
    whatever the admin's language, as the public pages mark it (content_lang)."""

    class Media:
        js = ["js/markdown_preview.js"]

    def render(self, name, value, attrs=None, renderer=None):
        textarea = super().render(name, value, attrs, renderer)
        field_id = (attrs or {}).get("id") or f"id_{name}"
        return format_html(
            '{}<div class="markdown-preview-bar"><button type="button" class="button" hidden '
            'id="{}-preview-button" data-markdown-preview="{}" data-url="{}" aria-expanded="false" '
            'aria-controls="{}-preview" data-show="{}" data-hide="{}" data-failed="{}">{}</button>'
            '</div><div class="markdown-preview" id="{}-preview" role="region" '
            'aria-labelledby="{}-preview-button" aria-live="polite" lang="fr" hidden></div>',
            textarea, field_id, field_id, reverse("initiatives:markdown-preview"), field_id,
            _("Aperçu"), _("Masquer l'aperçu"),
            _("L'aperçu n'a pas pu être affiché ; le texte n'est pas perdu."), _("Aperçu"),
            field_id, field_id,
        )


class ContentHistoryAdmin(SimpleHistoryAdmin):
    form = NormalisedTextForm
    # The fields the public pages render as Markdown (initiatives.markdown): edited with a preview.
    markdown_fields: tuple[str, ...] = ()

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name in self.markdown_fields:
            kwargs["widget"] = MarkdownTextarea
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def get_historical_record_context_helper(self, request, historical_record):
        return WordDiffContextHelper(self.model, historical_record)


def may_preview_markdown(request) -> bool:
    """Staff who may add or change a model with Markdown fields."""
    return request.user.is_active and request.user.is_staff and any(
        isinstance(model_admin, ContentHistoryAdmin) and model_admin.markdown_fields
        and (model_admin.has_change_permission(request) or model_admin.has_add_permission(request))
        for model_admin in admin.site._registry.values()
    )
