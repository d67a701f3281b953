"""Content admins' edits: text normalised on save, inlines included (the history records only real
changes), the history's word diff, and the admin's header naming the product."""

import pytest
from django.apps import apps
from django.contrib import admin
from django.db import models
from django.urls import reverse
from django.utils import translation
from django.utils.functional import Promise

from grid.models import Question
from initiatives.content_admin import ContentHistoryAdmin, NormalisedTextForm
from initiatives.models import Sheet
from initiatives.text_changes import normalise_text, word_diff, word_diff_html

from .test_admin import content_admin, sheet_form_data  # noqa: F401 (a fixture)

CONTENT_APPS = ["initiatives", "glossary", "experiences", "grid"]


def test_normalising_keeps_lf_and_drops_spaces_and_blank_lines_at_the_ends():
    typed = "- un\r\n- deux  \r\n\r\n  - trois\t\rfin \r\n\r\n"
    assert normalise_text(typed) == "- un\n- deux\n\n  - trois\nfin"
    assert normalise_text(normalise_text(typed)) == normalise_text(typed)


@pytest.mark.django_db
def test_the_imported_content_is_already_normalised():
    """Else saving a form unchanged would record every Markdown field as changed."""
    checked = 0
    for model in apps.get_models():
        if model._meta.app_label not in CONTENT_APPS or model.__name__.startswith("Historical"):
            continue
        text_fields = [
            field.attname for field in model._meta.concrete_fields
            if isinstance(field, (models.CharField, models.TextField))
        ]
        for values in model.objects.values_list(*text_fields) if text_fields else []:
            for value in values:
                if value:
                    assert value == normalise_text(value), (model.__name__, value[-80:])
                    checked += 1
    assert checked > 1000


def as_a_browser_sends(data):
    return {
        name: value.replace("\n", "\r\n") + "\r\n" if isinstance(value, str) else value
        for name, value in data.items()
    }


@pytest.mark.django_db
def test_a_sheet_saved_with_one_field_changed_records_only_that_field(client, content_admin):  # noqa: F811
    sheet = Sheet.objects.get(number="5")
    assert any("\n" in getattr(sheet, part) for part in Sheet.PARTS)
    url = reverse("admin:initiatives_sheet_change", args=[sheet.pk])
    new_costs = sheet.costs + "\n- Un coût de plus"
    response = client.post(url, as_a_browser_sends(sheet_form_data(sheet, costs=new_costs)))
    assert response.status_code == 302, response.content.decode()[:2000]
    latest, previous = sheet.history.all()[:2]
    assert latest.diff_against(previous).changed_fields == ["costs"]
    assert latest.costs == new_costs


@pytest.mark.django_db
def test_a_sheet_saved_unchanged_records_no_change(client, content_admin):  # noqa: F811
    sheet = Sheet.objects.get(number="5")
    url = reverse("admin:initiatives_sheet_change", args=[sheet.pk])
    client.post(url, as_a_browser_sends(sheet_form_data(sheet)))
    latest, previous = sheet.history.all()[:2]
    assert latest.diff_against(previous).changed_fields == []


def test_one_word_changed_is_one_word_deleted_and_one_inserted():
    runs = word_diff("Le pôle mesure ses déchets.", "Le pôle réduit ses déchets.")
    changed = [run for run in runs if run[0] != "equal"]
    assert changed == [("delete", "mesure"), ("insert", "réduit")]
    assert "".join(text for kind, text in runs if kind != "delete") == "Le pôle réduit ses déchets."


def test_the_diff_is_escaped_and_says_what_it_marks():
    with translation.override("fr"):
        html = word_diff_html("a <b>x</b>", "a <i>y</i>")
    assert "<b>" not in html and "<i>" not in html
    assert '<del><span class="visually-hidden">retiré : </span>&lt;b&gt;x&lt;/b&gt;</del>' in html
    assert '<ins><span class="visually-hidden">ajouté : </span>&lt;i&gt;y&lt;/i&gt;</ins>' in html


@pytest.mark.django_db
def test_the_history_page_shows_the_changed_words(client, content_admin):  # noqa: F811
    sheet = Sheet.objects.get(number="5")
    url = reverse("admin:initiatives_sheet_change", args=[sheet.pk])
    client.post(url, sheet_form_data(sheet, title=sheet.title + " (révisée)"))
    page = client.get(reverse("admin:initiatives_sheet_history", args=[sheet.pk]))
    html = page.content.decode()
    assert ' <ins><span class="visually-hidden">ajouté : </span>(révisée)</ins>' in html
    assert "None" not in html
    assert html.count("<ins>") == 1 and "<del>" not in html
    assert "Modifications" in html and "entrée" in html


@pytest.mark.django_db
@pytest.mark.parametrize(("language", "header"), [
    ("fr", "Autoévaluation développement durable des pôles — administration"),
    ("en", "Sustainable development self-assessment for clusters — administration"),
])
def test_the_admin_header_names_the_product(client, content_admin, language, header):  # noqa: F811
    html = client.get(reverse("admin:index"), headers={"accept-language": language}).content
    assert header in html.decode()
    assert "Django" not in html.decode()


def test_every_field_of_the_content_admins_has_a_translatable_name():
    """Else the admin shows Django's name made from the attribute (« Level », « Sheets »)."""
    shown = {
        shown_model
        for model, model_admin in admin.site._registry.items()
        if isinstance(model_admin, ContentHistoryAdmin)
        for shown_model in [model, *(inline.model for inline in model_admin.inlines)]
    }
    untranslated = [
        f"{model._meta.label}.{field.name}"
        for model in shown
        for field in model._meta.get_fields()
        if not field.auto_created and not isinstance(field.verbose_name, Promise)
    ]
    assert len(shown) > 15 and untranslated == []


def form_data_as_shown(response) -> dict:
    """What the browser sends back for the change form of `response` left as it is: the main
    form, each inline's rows and management form, every field at the value shown."""
    forms = [response.context["adminform"].form]
    for inline in response.context["inline_admin_formsets"]:
        forms += [inline.formset.management_form, *inline.formset.forms]
    data = {}
    for form in forms:
        for field in form:
            value = field.value()
            if field.field.disabled or value is None or value is False:
                continue
            if isinstance(value, list | tuple):
                data[field.html_name] = [str(item) for item in value]
            else:
                data[field.html_name] = "on" if value is True else str(value)
    return data


def with_spaces_at_line_ends(data):
    """As a browser sends textareas, with spaces left at the ends of lines."""
    return {
        name: value.replace("\n", "  \r\n") + " \r\n" if isinstance(value, str) and "\n" in value
        else value
        for name, value in data.items()
    }


@pytest.mark.django_db
@pytest.mark.parametrize("label", ["grid.gridversion", "glossary.glossaryterm", "initiatives.path",
                                   "experiences.experience"])
def test_inline_rows_sent_back_with_crlf_and_spaces_record_no_change(client, content_admin,  # noqa: F811
                                                                     label):
    model = apps.get_model(label)
    inline_models = [inline.model for inline in admin.site._registry[model].inlines]
    # The first row with rows in every inline; a question's text on two lines (a textarea).
    row = next(row for row in model._default_manager.order_by("pk") if all(
        inline._default_manager.filter(**{field.name: row for field in inline._meta.fields
                                          if field.related_model is model}).exists()
        for inline in inline_models))
    Question.objects.filter(pk=Question.objects.order_by("pk").first().pk).update(
        text="Le pôle a une stratégie :\n- écrite ;\n- suivie.")
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_change", args=[row.pk])
    data = with_spaces_at_line_ends(form_data_as_shown(client.get(url)))
    if label == "grid.gridversion":
        assert any("-text" in name and "\r\n" in value for name, value in data.items())
    versions = {inline: inline.history.count() for inline in inline_models}
    stored = list(model._default_manager.filter(pk=row.pk).values())
    response = client.post(url, data)
    assert response.status_code == 302, response.context["errors"] if response.context else ""
    assert {inline: inline.history.count() for inline in inline_models} == versions
    assert list(model._default_manager.filter(pk=row.pk).values()) == stored


def test_every_inline_of_the_content_admins_normalises_its_text():
    inlines = [inline for model_admin in admin.site._registry.values()
               if isinstance(model_admin, ContentHistoryAdmin) for inline in model_admin.inlines]
    assert len(inlines) >= 8
    assert [inline for inline in inlines if not issubclass(inline.form, NormalisedTextForm)] == []
