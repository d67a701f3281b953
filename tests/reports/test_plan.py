"""The cluster's action plan in the exports: `plan` in export.json (format 2), the « Plan
d'actions » tab of the XLSX and the « Plan d'actions » page of the PDF report."""

import json
import re
from collections import Counter
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from io import BytesIO, StringIO
from urllib.parse import urlencode

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from grid import services
from grid.payload import FORMAT, PayloadError, parse_payload_text
from grid.specs import grid_spec_by_code
from plans.models import Action
from plans.report import PlanRow, plan_for_report, plan_rows
from plans.services import action_create
from reports.report import report_context, report_pdf
from reports.selectors import results_content
from tests.fixtures import answers_of, custom_of, fill, set_custom, url
from tests.reports import pdf

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def days(count: int) -> date:
    return TODAY + timedelta(days=count)


@pytest.fixture
def plan(cluster_a, editor):
    """One action of each kind the report groups, and one it leaves out."""
    return [
        action_create(cluster=cluster_a, by=editor, title="Bilan carbone du pôle",
                      sheets=["12", "3"], question_codes=["2B-3", "1B-1"], owner=editor,
                      status="done", starts_on=days(-200), due_on=days(-40), done_on=days(-30),
                      indicator="Émissions", unit="tCO2e", baseline="120", target="100",
                      measured="95.5", notes="=HYPERLINK(\"x\") voté en CA"),
        action_create(cluster=cluster_a, by=editor, title="Charte achats responsables",
                      sheets=["9"], owner_name="Comité RSE", status="in_progress",
                      due_on=days(90), indicator="Adhérents signataires", unit="%",
                      baseline="0", target="40", measured="10"),
        action_create(cluster=cluster_a, by=editor, title="Plan de mobilité inter-entreprises",
                      question_codes=["2C-5"], status="planned", due_on=days(-10)),
        action_create(cluster=cluster_a, by=editor, title="Ancien audit énergie",
                      status="done", done_on=days(-500)),
        action_create(cluster=cluster_a, by=editor, title="Label abandonné", status="dropped"),
    ]


def many_actions(cluster, by, count=20):
    for number in range(count):
        action_create(cluster=cluster, by=by, title=f"Action {number}", sheets=[str(number + 1)],
                      question_codes=["1A-1"], owner=by, due_on=days(number - 10),
                      status="done" if number % 3 == 0 else "in_progress",
                      baseline="1", target="3", measured="2")


# --- the rows the exports print ---


def test_the_rows_carry_every_field_with_sheets_in_the_guides_order(plan, cluster_a):
    rows = plan_rows(cluster_a)
    first = next(row for row in rows if row.title == "Bilan carbone du pôle")
    assert first.sheets == ("3", "12")
    assert first.questions == ("2B-3", "1B-1")
    assert first.owner == "Élise Martin"  # the member's name when no free text is given
    assert (first.status, first.status_label) == ("done", "réalisée")
    assert first.progress.ratio == Decimal("1.225")  # (95.5 − 120) / (100 − 120)
    charter = next(row for row in rows if row.title == "Charte achats responsables")
    assert charter.owner == "Comité RSE" and charter.progress.ratio == Decimal("0.25")
    assert next(row for row in rows if row.title == "Label abandonné").progress is None


def test_without_a_baseline_the_plan_page_the_pdf_and_the_xlsx_show_the_same_progress(
        editor_client, editor, cluster_a, assessment):
    """One rule (plans.rules.progress_ratio): without a baseline the indicator starts from 0."""
    action_create(cluster=cluster_a, by=editor, title="Sans départ", status="in_progress",
                  due_on=days(30), indicator="Adhérents", target="100", measured="50")
    page = editor_client.get(reverse("plans:action-list", args=[cluster_a.slug]))
    assert page.context["rows"][0]["progress"].percent_text == "50\u00a0%"
    assert "<strong>50\u00a0%</strong>" in page.content.decode()
    # The HTML the PDF is drawn from (WeasyPrint adds nothing to it).
    html = render_to_string("reports/report/report.html", report_context(assessment))
    row = re.search(r"Sans départ.*?</tr>", html, re.S).group()
    assert '<td class="num">50\u00a0%</td>' in row
    book = load_workbook(BytesIO(editor_client.get(url("export-xlsx", assessment)).content))
    line = next(line for line in book["Plan d'actions"].iter_rows(min_row=3)
                if line[0].value == "Sans départ")
    assert (line[13].value, line[13].number_format) == (0.5, "0%")


def test_the_report_groups_done_lately_open_and_late_on_the_reports_date():
    def row(title, status, due_on=None, done_on=None):
        return PlanRow(title, status, status, (), (), "", None, due_on, done_on, "", "", None,
                       None, None, "")

    on = date(2026, 6, 30)
    grouped = plan_for_report([
        row("fait récemment", "done", done_on=date(2025, 7, 1)),
        row("fait il y a plus d'un an", "done", done_on=date(2025, 6, 30)),
        row("en retard", "in_progress", due_on=date(2026, 6, 29)),
        row("dû ce jour", "planned", due_on=on),
        row("sans échéance", "planned"),
        row("abandonné en retard", "dropped", due_on=date(2026, 1, 1)),
        row("fait plus tard", "done", done_on=date(2026, 5, 1)),
    ], on)
    assert grouped.since == date(2025, 6, 30)
    assert [r.title for r in grouped.done] == ["fait plus tard", "fait récemment"]
    assert [r.title for r in grouped.late] == ["en retard"]
    assert [r.title for r in grouped.ongoing] == ["dû ce jour", "sans échéance"]
    assert grouped.left_out == 2 and grouped.total == 7


# --- export.json ---


def test_export_json_is_format_2_with_the_plan(editor_client, assessment, plan):
    payload = json.loads(editor_client.get(url("export-json", assessment)).content)
    # « maturity » (optional, additive) follows the keys of format 2, which do not change.
    assert list(payload) == ["format", "grid", "answers", "custom", "plan", "maturity"]
    assert payload["format"] == FORMAT == 3
    assert len(payload["plan"]) == 5
    carbon = next(item for item in payload["plan"] if item["title"] == "Bilan carbone du pôle")
    assert carbon == {
        "title": "Bilan carbone du pôle",
        "status": "done",
        "sheets": ["3", "12"],
        "questions": ["2B-3", "1B-1"],
        "owner": "Élise Martin",
        "starts_on": days(-200).isoformat(),
        "due_on": days(-40).isoformat(),
        "done_on": days(-30).isoformat(),
        "indicator": {"name": "Émissions", "unit": "tCO2e", "baseline": 120, "target": 100,
                      "measured": 95.5},
        "notes": "=HYPERLINK(\"x\") voté en CA",
    }
    dropped = next(item for item in payload["plan"] if item["status"] == "dropped")
    assert dropped["indicator"] == {"name": "", "unit": "", "baseline": None, "target": None,
                                    "measured": None}
    assert dropped["starts_on"] is dropped["due_on"] is dropped["done_on"] is None


def test_an_empty_plan_is_an_empty_list(editor_client, assessment):
    assert json.loads(editor_client.get(url("export-json", assessment)).content)["plan"] == []


def test_the_pdf_carries_the_very_file_export_json_gives(editor_client, editor, assessment, plan):
    fill(assessment, editor, answers={"2B-3": "na"}, comments={"2B-3": "Sans objet."})
    exported = editor_client.get(url("export-json", assessment)).content
    _name, attached = pdf.attachment(report_pdf(assessment))
    assert attached == exported
    assert len(json.loads(attached)["plan"]) == 5


def _upload(client, assessment, text):
    file = SimpleUploadedFile("grille.json", text.encode("utf-8"), content_type="application/json")
    return client.post(url("import-json", assessment), {"file": file})


def test_a_file_with_a_plan_imports_its_answers_and_not_its_plan(
    editor_client, editor, cluster_a, assessment, campaign_2024, plan
):
    fill(assessment, editor, "+", answers={"S-1": "++", "2B-3": "na"},
         comments={"2B-3": "Pas de site.", "1A-1": "Charte signée."})
    set_custom(assessment, editor, "B", label="Covoiturage", level=2, bareme=3, value="++")
    exported = editor_client.get(url("export-json", assessment)).content.decode()
    earlier = services.assessment_start(cluster=cluster_a, year=2024, by=editor, prefill=False)

    preview = _upload(editor_client, earlier, exported)
    assert preview.status_code == 200
    html = preview.content.decode().replace("&#x27;", "'")
    assert "Le plan d'actions du fichier (5 actions) n'est pas importé" in html
    form = preview.context["confirm_form"]
    done = editor_client.post(url("import-json", earlier), urlencode(form.initial),
                              content_type="application/x-www-form-urlencoded")
    assert done.status_code == 302
    assert answers_of(earlier) == answers_of(assessment)
    assert custom_of(earlier) == custom_of(assessment)
    assert Action.objects.filter(cluster=cluster_a).count() == 5  # nothing duplicated


def test_a_file_without_a_plan_says_nothing_of_it(editor_client, assessment):
    preview = _upload(editor_client, assessment, json.dumps(
        {"grid": "cgdd-2012", "answers": {"S-1": "+"}}))  # format 1: no « format », no « plan »
    assert preview.status_code == 200
    assert "plan d" not in preview.content.decode().replace("&#x27;", "'")
    assert [change["code"] for change in preview.context["changes"]] == ["S-1"]


def test_a_later_format_is_refused_with_nothing_imported(editor_client, assessment):
    response = _upload(editor_client, assessment, json.dumps(
        {"format": 4, "grid": "cgdd-2012", "answers": {"S-1": "+"}}))
    assert response.status_code == 400
    assert response.context["errors"] == [
        "Ce fichier est au format 4, écrit par une version plus récente de l'application ; "
        "celle-ci ne lit que les formats 1 à 3. Mettez-la à jour pour l'importer."
    ]
    assert set(answers_of(assessment).values()) == {("", "")}


@pytest.mark.parametrize("data", [
    {"grid": "cgdd-2012", "answers": {"S-1": "+"}},
    {"format": 1, "grid": "cgdd-2012", "answers": {"S-1": "+"}, "custom": []},
    {"format": 2, "grid": "cgdd-2012", "answers": {"S-1": "+"},
     "plan": [{"title": "Tout champ", "status": "inconnu", "whatever": [1]}, "pas un objet"]},
])
def test_old_and_new_files_are_read(data):
    _grid, parsed = parse_payload_text(json.dumps(data), grid_spec_by_code)
    assert parsed.answers["S-1"].answer == "+"
    assert parsed.plan_count == len(data.get("plan", []))


@pytest.mark.parametrize(("data", "message"), [
    ({"format": 4, "grid": "inconnue"}, "Ce fichier est au format 4, écrit par une version"),
    ({"format": "2", "grid": "cgdd-2012"}, "« format » doit être un entier de 1 à 3, pas « 2 »"),
    ({"format": True, "grid": "cgdd-2012"}, "« format » doit être un entier de 1 à 3, pas « true"),
    ({"format": 0, "grid": "cgdd-2012"}, "« format » doit être un entier de 1 à 3, pas « 0 »"),
    ({"grid": "cgdd-2012", "plan": {"title": "x"}}, "« plan » doit être une liste d'actions."),
])
def test_a_bad_format_or_plan_is_refused(data, message):
    with pytest.raises(PayloadError) as refused:
        parse_payload_text(json.dumps(data), grid_spec_by_code)
    assert refused.value.messages[0].startswith(message)


def test_grid_score_reads_a_new_file_and_refuses_a_later_format(
    editor_client, editor, assessment, plan, tmp_path
):
    fill(assessment, editor)
    path = tmp_path / "export.json"
    path.write_bytes(editor_client.get(url("export-json", assessment)).content)
    out = StringIO()
    call_command("grid_score", str(path), stdout=out)
    assert json.loads(out.getvalue())["global"] == 1
    path.write_text(json.dumps({**json.loads(path.read_text()), "format": 4}))
    with pytest.raises(CommandError, match="format 4"):
        call_command("grid_score", str(path))


# --- XLSX ---


def test_the_workbook_has_a_plan_tab_with_real_dates_and_numbers(editor_client, assessment, plan):
    book = load_workbook(BytesIO(editor_client.get(url("export-xlsx", assessment)).content))
    sheet = book["Plan d'actions"]
    assert sheet["A1"].value == "Pôle Alpha Maritime · 2025 · grille cgdd-2012"
    assert [cell.value for cell in sheet[2]] == [
        "Intitulé", "Statut", "Fiches", "Questions", "Responsable", "Début", "Échéance",
        "Réalisée le", "Indicateur", "Unité", "Valeur de départ", "Cible", "Valeur mesurée",
        "Avancement", "Notes",
    ]
    assert sheet.freeze_panes == "A3"
    assert sheet.page_setup.orientation == "landscape" and sheet.print_title_rows == "$2:$2"
    lines = {row[0].value: row for row in sheet.iter_rows(min_row=3)}
    assert len(lines) == 5
    carbon = [cell.value for cell in lines["Bilan carbone du pôle"]]
    assert carbon[1:5] == ["réalisée", "3, 12", "2B-3, 1B-1", "Élise Martin"]
    assert [value.date() for value in carbon[5:8]] == [days(-200), days(-40), days(-30)]
    assert lines["Bilan carbone du pôle"][6].is_date
    # 122.5 % shown as the plan page shows it, in whole percents.
    assert carbon[8:14] == ["Émissions", "tCO2e", 120, 100, 95.5, 1.22]
    assert lines["Bilan carbone du pôle"][13].number_format == "0%"
    assert carbon[14] == "=HYPERLINK(\"x\") voté en CA"  # kept as text, never a formula
    assert lines["Bilan carbone du pôle"][14].data_type == "s"
    dropped = [cell.value for cell in lines["Label abandonné"]]
    assert dropped[1] == "abandonnée" and dropped[5:8] == [None, None, None]
    assert dropped[10:14] == [None, None, None, None]


def test_without_actions_the_tab_has_its_headers_only(editor_client, assessment):
    book = load_workbook(BytesIO(editor_client.get(url("export-xlsx", assessment)).content))
    assert book["Plan d'actions"].max_row == 2


# --- the PDF page ---


def _plan_page(report: bytes) -> str:
    return next(text for text in pdf.page_texts(report) if "Plan d'actions" in text
                and "Grille d'autoévaluation" not in text)


def test_the_report_has_a_plan_page_with_its_three_groups(assessment, plan):
    report = report_pdf(assessment)
    text = pdf.flat(_plan_page(report))
    assert "dans les 12 mois avant cette date" in text
    # In whole percents, as the plan page shows them (122.5 rounds to even).
    assert "120 → 95,5 / 100 tco2e" in text and "122 %" in text
    assert "0 → 10 / 40 %" in text and "25 %" in text
    assert "fiche 3, 12" in text and "2b-3, 1b-1" in text and "comité rse" in text
    assert "ancien audit" not in text and "label abandonné" not in text
    assert "2 autres actions (réalisées plus tôt ou abandonnées)" in text
    # Each action sits under its group's heading (positions: pdftotext reads tables by column).
    page = next(page for page in pdf.layout(report)
                if any(word.text == "Réalisées" for word in page.words))
    top = {}  # the lowest occurrence: the page's notice names the groups before their headings
    for word in page.words:
        top[word.text] = max(word.y_min, top.get(word.text, 0))
    assert top["Réalisées"] < top["Bilan"] < top["prévues"] < top["Charte"] < top["retard"]
    assert top["retard"] < top["mobilité"]
    assert re.search(r"^Tagged:\s+yes$", pdf.info(report), re.M)
    tags = Counter(line.split()[0].rstrip(":") for line in pdf.structure(report).splitlines())
    assert tags["H3"] >= 3 and tags["Table"] >= 6


def test_without_actions_the_page_says_so_in_one_line(assessment):
    text = pdf.flat(_plan_page(report_pdf(assessment)))
    assert "plan d'actions le pôle n'a encore aucune action dans son plan." in text
    assert "réalisées depuis" not in text and "avancement" not in text


def test_a_validated_year_reads_its_plan_on_its_validation_date(validated, editor, cluster_a):
    # Noon of that day, local time: a « now minus 100 days » falls on another local day near
    # midnight when summer time differs between the two dates.
    validated.transitions.filter(to_status="validated").update(
        at=timezone.make_aware(datetime.combine(days(-100), time(12))))
    action_create(cluster=cluster_a, by=editor, title="Échue après le conseil", status="planned",
                  due_on=days(-50))
    plan = report_context(validated)["plan"]
    assert plan.on == days(-100)
    assert [row.title for row in plan.ongoing] == ["Échue après le conseil"] and not plan.late


# --- queries: constant in the number of actions ---


@pytest.mark.parametrize(("name", "count"), [
    # the exports read the version's maturity levels (+1), export.json the evidence (+1); the
    # PDF report is rendered outside the request: its queries are pinned in
    # tests/reports/test_worst_case.py
    ("export-json", 10), ("export-xlsx", 10),
])
def test_the_downloads_queries_do_not_grow_with_the_actions(
    editor_client, editor, cluster_a, assessment, django_assert_num_queries, name, count
):
    fill(assessment, editor, "-", codes=["S-1"])
    results_content(assessment.campaign.version)  # read once per process
    with django_assert_num_queries(count):
        assert editor_client.get(url(name, assessment)).status_code == 200
    many_actions(cluster_a, editor)
    with django_assert_num_queries(count):
        assert editor_client.get(url(name, assessment)).status_code == 200
