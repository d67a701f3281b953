"""The admin of every content model (here and in the apps above): text normalised on save, in
the main form and in its inlines, and a history showing, for each change, which words of each
field were removed and added."""

from django import forms
from django.contrib import admin
from django.db import models
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


class ContentHistoryAdmin(SimpleHistoryAdmin):
    form = NormalisedTextForm

    def get_historical_record_context_helper(self, request, historical_record):
        return WordDiffContextHelper(self.model, historical_record)
