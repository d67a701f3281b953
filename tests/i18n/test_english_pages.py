"""The interface in English: numbers, percentages, dates and exports follow the language; the
guide's content stays French and is marked so; machine formats (export.json) do not change."""

import csv
import io
import json
from datetime import date

import pytest
from django.test import Client
from django.utils import translation
from openpyxl import load_workbook

from grid.maturity import default_scale, scale_text
from grid.presenters import csv_delimiter, decimal_2, percent
from plans.services import action_create
from reports.summary import delta
from tests.fixtures import url


def english(user) -> Client:
    client = Client(headers={"accept-language": "en"})
    client.force_login(user)
    return client


@pytest.mark.parametrize(("language", "expected"), [
    ("fr", ["62,5\u00a0%", "—", "2,67", ";", "+1,5\u00a0pt", "\u22122,0\u00a0pts"]),
    ("en", ["62.5%", "—", "2.67", ",", "+1.5\u00a0pp", "\u22122.0\u00a0pp"]),
])
def test_numbers_follow_the_language(language, expected):
    with translation.override(language):
        shown = [percent(0.625), percent(None), decimal_2(8 / 3), csv_delimiter(),
                 delta(0.5, 0.515).text, delta(0.52, 0.5).text]
    assert shown == expected


def test_maturity_levels_are_named_in_the_language():
    with translation.override("en"):
        assert scale_text(default_scale()).startswith("Beginner: under 25%")
    with translation.override("fr"):
        assert scale_text(default_scale()).startswith("Débutant\u00a0: moins de 25\u00a0%")


def test_the_grid_and_results_pages_are_english_around_french_content(editor, filled):
    client = english(editor)
    grid = client.get(url("grid", filled)).content.decode()
    assert '<html lang="en">' in grid and "Overall score" in grid
    assert '<span lang="fr">Le pôle a formulé une stratégie' in grid
    assert "exists in French only" in grid
    results = client.get(url("results", filled)).content.decode()
    assert "100.0%" in results and "100,0" not in results
    assert '"separators": ".,"' in results and '"percentSuffix": "%"' in results


def test_dates_follow_the_language(editor, cluster_a):
    action_create(cluster=cluster_a, by=editor, title="Bilan carbone", sheets=["12"],
                  status="planned", due_on=date(2025, 6, 30))
    page = english(editor).get(f"/poles/{cluster_a.slug}/plan/").content.decode()
    assert "30 Jun 2025" in page and "30/06/2025" not in page
    french = Client()
    french.force_login(editor)
    assert "30/06/2025" in french.get(f"/poles/{cluster_a.slug}/plan/").content.decode()


def test_the_csv_and_xlsx_exports_speak_english(editor, filled):
    client = english(editor)
    text = client.get(url("export-csv", filled)).content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=","))
    assert rows[0] == ["Code", "Section", "Statement", "Weight", "Answer", "Points", "Comment",
                       "Section maturity level", "Origin"]
    assert rows[1][5] == "4.00"
    book = load_workbook(io.BytesIO(client.get(url("export-xlsx", filled)).content))
    # The tabs keep the names of the guide's workbook (DESIGN §6) in every language.
    assert book.sheetnames[:2] == ["Grille d'autoévaluation", "Résultats"]
    headers = [cell.value for cell in book["Grille d'autoévaluation"][2]]
    assert "Statement" in headers and "Affirmation" not in headers


def test_export_json_is_the_same_file_in_both_languages(editor, filled):
    def exported(client):
        return json.loads(client.get(url("export-json", filled)).content)

    french = Client()
    french.force_login(editor)
    assert exported(english(editor)) == exported(french)


def test_french_plurals_follow_the_french_rule():
    singular, plural = "%(counter)s fiche", "%(counter)s fiches"
    with translation.override("fr"):
        assert [translation.ngettext(singular, plural, n) % {"counter": n}
                for n in (0, 1, 2)] == ["0 fiche", "1 fiche", "2 fiches"]
    with translation.override("en"):
        assert [translation.ngettext(singular, plural, n) % {"counter": n}
                for n in (0, 1, 2)] == ["0 sheets", "1 sheet", "2 sheets"]


def test_what_is_kept_per_process_is_kept_per_language(editor, filled):
    # The grid's rows are rendered once per version and kept: once per language too.
    french = Client()
    french.force_login(editor)
    assert "Barème 4" in french.get(url("grid", filled)).content.decode()
    page = english(editor).get(url("grid", filled)).content.decode()
    assert "Weight 4" in page and "Barème" not in page
