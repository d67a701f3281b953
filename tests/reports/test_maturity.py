"""The maturity level beside every note: results, PDF, exports, import, « La démarche »."""

import csv
import html as html_module
import io
import json
import re
from io import BytesIO
from urllib.parse import urlencode

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from grid import services
from tests.fixtures import STRATEGY_CODES, answers_of, fill, url
from tests.reports import pdf

pytestmark = pytest.mark.django_db
NBSP = "\u00a0"
# A level is printed by its name, never by its letter: « C » beside a note would read as the
# enjeu C (issue #23).
C = "Intermédiaire"


@pytest.fixture
def graded(assessment, editor):
    """F = 1 and every other answer « - »: every note is ⅓ = 33,3 %, « Intermédiaire »."""
    fill(assessment, editor, "-", answers=dict.fromkeys(STRATEGY_CODES, "++"))
    return assessment


def test_the_results_page_shows_the_level_beside_each_note_and_under_each_radar(
    editor_client, graded
):
    html = editor_client.get(url("results", graded)).content.decode()
    assert f'data-note="global-maturity">Niveau de maturité : {C}</p>' in html
    assert f'data-note="axis-A">33,3{NBSP}% · {C}</span>' in html
    assert f"Niveau 1 : 33,3{NBSP}% · {C} — Niveau 2 : 33,3{NBSP}% · {C}" in html
    # The value tables under the three radars: a row per axis, its enjeu named, the note and the
    # level's name in their own cells; and the radars' hover texts.
    assert html.count(
        f'<td class="text-end" data-radar-note>33,3{NBSP}%</td><td data-radar-level>{C}</td>'
    ) == 12
    assert '<th scope="row" class="fw-normal">1D · R&amp;D et innovation</th>' in html
    radars = json.loads(html.split('id="radar-data" type="application/json">')[1]
                        .split("</script>")[0])
    assert radars["global"]["cells"] == [f"33,3{NBSP}% · {C}"] * 4  # a point's hover text
    assert 'href="/demarche/#maturite"' in html


def test_the_simulation_moves_the_levels_too(editor_client, graded):
    response = editor_client.post(
        reverse("reports:simulate", args=[graded.cluster.slug, graded.campaign.year]),
        json.dumps({"1A-1": "++"}), content_type="application/json")
    notes = response.json()["notes"]
    assert notes["global-maturity"] == f"Niveau de maturité : {C}"
    assert notes["axis-A"].endswith(C)


def test_the_pdf_prints_the_levels_beside_the_notes(editor_client, graded):
    texts = pdf.page_texts(editor_client.get(url("report", graded)).content)
    first, details = " ".join(texts[0].split()), " ".join(texts[1].split())
    assert "Niveau de maturité : Intermédiaire" in first.replace(NBSP, " ")
    assert "Niveaux de maturité : Débutant : moins de 25 %" in first.replace(NBSP, " ")
    assert "Maturité" in details and "Note globale 33,3 % Intermédiaire" in (
        details.replace(NBSP, " "))


def test_the_csv_has_each_sections_level(editor_client, graded):
    text = editor_client.get(url("export-csv", graded)).content.decode("utf-8-sig")
    rows = {row[0]: row for row in csv.reader(io.StringIO(text, newline=""), delimiter=";")}
    column = rows["Code"].index("Niveau de maturité de la section")
    assert rows["1A-1"][column] == C and rows["S-1"][column] == ""


def test_the_xlsx_results_tab_has_a_level_column(editor_client, graded):
    book = load_workbook(BytesIO(editor_client.get(url("export-xlsx", graded)).content))
    rows = {row[0]: row[1:] for row in book["Résultats"].iter_rows(min_row=2, values_only=True)}
    assert rows["Indicateur"][:2] == ("Valeur", "Niveau de maturité")
    assert rows["Note globale"][1] == C
    assert rows["Facteur de stratégie F"][1] is None  # a factor, not a note
    assert any(label and label.startswith("Niveaux de maturité : Débutant") for label in rows)


def test_export_json_adds_an_optional_maturity_key(editor_client, graded):
    payload = json.loads(editor_client.get(url("export-json", graded)).content)
    assert payload["maturity"] == {
        "scale": [
            {"rank": 1, "letter": "D", "name": "Débutant", "from": 0},
            {"rank": 2, "letter": "C", "name": "Intermédiaire", "from": 25},
            {"rank": 3, "letter": "B", "name": "Confirmé", "from": 50},
            {"rank": 4, "letter": "A", "name": "Expert", "from": 75},
        ],
        "global": "C", "axes": {"A": "C", "B": "C", "C": "C", "D": "C"},
        "levels": {"1": "C", "2": "C"},
    }


@pytest.mark.parametrize("with_key", [True, False])
def test_a_file_imports_with_or_without_the_maturity_key(
    editor_client, editor, graded, campaign_2024, cluster_a, with_key
):
    exported = json.loads(editor_client.get(url("export-json", graded)).content)
    if not with_key:
        del exported["maturity"]
    other = services.assessment_start(cluster=cluster_a, year=2024, by=editor, prefill=False)
    file = SimpleUploadedFile("grille.json", json.dumps(exported).encode(),
                              content_type="application/json")
    preview = editor_client.post(url("import-json", other), {"file": file})
    assert preview.status_code == 200
    done = editor_client.post(url("import-json", other),
                              urlencode(preview.context["confirm_form"].initial),
                              content_type="application/x-www-form-urlencoded")
    assert done.status_code == 302
    assert answers_of(other) == answers_of(graded)


def test_a_maturity_key_that_is_not_an_object_is_refused(editor_client, graded):
    exported = json.loads(editor_client.get(url("export-json", graded)).content)
    exported["maturity"] = "C"
    file = SimpleUploadedFile("grille.json", json.dumps(exported).encode(),
                              content_type="application/json")
    response = editor_client.post(url("import-json", graded), {"file": file})
    assert response.status_code == 400
    assert "« maturity » doit être un objet" in " ".join(response.context["errors"])


def test_the_approach_page_explains_the_levels_and_le_rameaus_stages(client):
    html = client.get(reverse("initiatives:approach")).content.decode()
    assert 'id="maturite"' in html and 'href="#maturite"' in html
    assert '<th scope="row">Débutant</th>' in html and "moins de 25&nbsp;%" in html
    assert "75&nbsp;% et plus" in html and "grille cgdd-2012" in html
    for stage in ("Respect de la législation", "Gestion des risques",
                  "Environnements d'efficacité", "Impacts sur le développement"):
        assert stage in html
    assert "Le RAMEAU" in html and "lignes 541 à 548" in html


# A level's letter where a reader takes it for an enjeu's (issue #23): after a note (« 33,3 % · C
# »), before or after a level's name, in a change of level, or in brackets (« (C Intermédiaire) »).
LEVEL_NAMES = "Débutant|Intermédiaire|Confirmé|Expert"
LETTER_PATTERNS = [
    re.compile(r"%\s*·\s*[A-D]\b"),
    re.compile(rf"\b[A-D][\s\u00a0]+(?:·\s*)?(?:{LEVEL_NAMES})"),
    re.compile(rf"(?:{LEVEL_NAMES})[\s\u00a0]*\(?[A-D]\)"),
    re.compile(r"\b[A-D]\s*→\s*[A-D]\b"),
]


def letters_beside_levels(text: str) -> list[str]:
    text = html_module.unescape(text).replace(NBSP, " ")
    return [match.group(0) for pattern in LETTER_PATTERNS for match in pattern.finditer(text)]


@pytest.fixture
def year_before(graded, editor, board, campaign_2024):
    """2024 validated, every answer « ++ » (Expert): the level changes to 2025's."""
    before = services.assessment_start(cluster=graded.cluster, year=2024, by=editor,
                                       prefill=False)
    fill(before, editor, "++")
    services.assessment_submit(assessment=before, by=editor)
    return services.assessment_validate(assessment=before, by=board, comment="")


def test_no_surface_prints_a_levels_letter(editor_client, graded, year_before):
    surfaces = {
        name: editor_client.get(url(name, graded)).content.decode()
        for name in ("results", "export-csv")
    }
    surfaces["evolution"] = editor_client.get(
        reverse("reports:evolution", args=[graded.cluster.slug])).content.decode()
    surfaces["clusters"] = editor_client.get(reverse("workspace:cluster-list")).content.decode()
    surfaces["home"] = editor_client.get("/").content.decode()
    surfaces["approach"] = editor_client.get(reverse("initiatives:approach")).content.decode()
    surfaces["simulation"] = json.dumps(editor_client.post(
        reverse("reports:simulate", args=[graded.cluster.slug, graded.campaign.year]),
        json.dumps({"1A-1": "++"}), content_type="application/json").json(), ensure_ascii=False)
    surfaces["pdf"] = "\n".join(pdf.page_texts(editor_client.get(url("report", graded)).content))
    book = load_workbook(BytesIO(editor_client.get(url("export-xlsx", graded)).content))
    surfaces["xlsx"] = "\n".join(" ".join(str(cell) for cell in row if cell is not None)
                                 for sheet in book for row in sheet.iter_rows(values_only=True))
    # Each surface does print levels, by name; the year-over-year page their change.
    assert f"Expert → {C}" in html_module.unescape(surfaces["evolution"])
    for name, text in surfaces.items():
        assert re.search(LEVEL_NAMES, text), name
        assert letters_beside_levels(text) == [], name
    # The check sees the old way of writing them.
    assert letters_beside_levels(f"33,3{NBSP}% · C") == ["% · C"]
    assert letters_beside_levels("(C Intermédiaire)") == ["C Intermédiaire"]
    assert letters_beside_levels("Maturité A → B") == ["A → B"]
