"""The PDF report (reports.report), read back with poppler as a reader's tools would."""

import datetime
import io
import json
import re
from collections import Counter
from html import unescape

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import OperationalError
from django.template.loader import render_to_string
from django.utils import translation
from PIL import Image

from grid import services
from grid.models import Campaign, Transition
from grid.payload import payload_from
from grid.selectors import assessment_inputs
from initiatives.models import Enjeu
from reports import services as services_module
from reports.models import ArchivedReport
from reports.report import report_context, report_pdf
from reports.services import report_for
from tests.fixtures import STRATEGY_CODES, built_once, fill, set_custom, url, validated_year
from tests.races import after_first_read
from tests.reports import pdf

pytestmark = pytest.mark.django_db

MM = 72 / 25.4  # poppler measures in points


def _png(size=(120, 60)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, "#1f4e79").save(buffer, "PNG")
    return buffer.getvalue()


@pytest.fixture(scope="module")
def validated_pdf(django_db_setup, django_db_blocker) -> bytes:
    """The report of `validated`, rendered once for the tests that only read it."""
    with built_once(django_db_blocker):
        return report_pdf(validated_year())


def test_page_one_names_the_cluster_the_year_and_the_global_note(validated_pdf):
    report = validated_pdf
    first = pdf.page_texts(report)[0]
    assert "Pôle Alpha Maritime" in first
    assert "2025" in first
    assert "note globale" in pdf.flat(first)
    assert "100,0 %" in first  # every answer « ++ »: the global note, French style
    assert "validée" in first and "cgdd-2012" in first
    assert "PROVISOIRE" not in report.decode("latin-1") and "PROVISOIRE" not in first


def test_every_page_has_the_header_and_page_x_of_y(validated_pdf):
    texts = pdf.page_texts(validated_pdf)
    assert len(texts) >= 3
    for number, text in enumerate(texts, start=1):
        assert "Pôle Alpha Maritime · 2025" in text
        assert "grille cgdd-2012" in text
        assert f"Page {number} / {len(texts)}" in text


def test_an_incomplete_grid_says_provisoire_on_every_page(assessment, editor):
    fill(assessment, editor, codes=list(STRATEGY_CODES))
    texts = pdf.page_texts(report_pdf(assessment))
    assert len(texts) >= 2
    assert all("PROVISOIRE" in text for text in texts)
    assert "Résultats provisoires" in texts[0]


@pytest.mark.parametrize("language", ["fr", "en"])
def test_a_year_not_validated_says_draft_on_every_page(submitted, language):
    with translation.override(language):
        texts = pdf.page_texts(report_pdf(submitted))
    mark = {"fr": "Brouillon — non validé", "en": "Draft — not validated"}[language]
    assert len(texts) >= 3
    assert all(mark in text for text in texts)


def test_a_validated_year_says_no_draft(validated_pdf):
    assert not any("non validé" in text for text in pdf.page_texts(validated_pdf))


def test_the_summary_holds_on_page_one(validated_pdf):
    first = pdf.flat(pdf.page_texts(validated_pdf)[0])
    for heading in ("les 4 enjeux", "niveau 1", "niveau 2", "stratégie globale (facteur f)",
                    "complétude", "cinq recommandations prioritaires"):
        assert heading in first
    assert "affirmation" not in first  # the answer table starts on page 2


def test_page_one_shows_the_delta_since_last_year(cluster_a, editor, board, campaign_2024,
                                                  campaign_2025):
    last_year = services.assessment_start(cluster=cluster_a, year=2024, by=editor, prefill=False)
    fill(last_year, editor, "+")
    this_year = services.assessment_start(cluster=cluster_a, year=2025, by=editor, prefill=True)
    fill(this_year, editor, "++")
    first = pdf.page_texts(report_pdf(this_year))[0]
    # 2/3 everywhere last year (R × (¼ + ¾ × 2/3) = 50 %), 100 % now: +50 points.
    assert "▲ +50,0 pts depuis 2024" in " ".join(first.split())
    assert "2024 (tirets)" in first


def test_the_first_year_says_there_is_nothing_to_compare(validated_pdf):
    assert "Première année évaluée" in pdf.page_texts(validated_pdf)[0]


def test_the_recommendations_and_their_sheets_principe_follow(assessment, editor):
    fill(assessment, editor, "--")
    texts = pdf.page_texts(report_pdf(assessment))
    first = " ".join(texts[0].split())
    assert "Cinq recommandations prioritaires" in first
    assert "fiche +" in first
    assert first.count("point(s) à gagner") == 5
    rest = " ".join(" ".join(texts[1:]).split())
    assert "Fiches recommandées : principe" in rest
    assert "Fiche + · Stratégie structurée de développement durable" in rest


def test_the_answer_table_has_every_answer_comment_and_na_reason(assessment, editor):
    fill(assessment, editor, answers={"2B-3": "na", "1A-1": "+"},
         comments={"2B-3": "Pas de site industriel.", "1A-1": "Charte des membres signée."})
    set_custom(assessment, editor, "C", label="Tutorat d'apprentis entre PME", level=1,
               bareme=2, value="++")
    text = " ".join(" ".join(pdf.page_texts(report_pdf(assessment))[1:]).split())
    for code in ("S-1", "1A-1", "2B-3", "2C-12", "2D-4"):
        assert f" {code} " in text
    assert "Pas de site industriel." in text
    assert "Charte des membres signée." in text
    assert "Tutorat d'apprentis entre PME" in text
    assert "Suivi" in text


def test_long_comments_wrap_and_the_table_breaks_with_its_header_repeated(assessment, editor):
    long_comment = ("Le comité de pilotage a examiné la démarche en détail ; " * 12
                    + "https://exemple.fr/" + "x" * 150)
    fill(assessment, editor, comments={code: long_comment for code in ("1A-1", "2B-1", "2C-3",
                                                                       "2C-7", "2D-2")})
    report = report_pdf(assessment)
    pages = pdf.layout(report)
    texts = pdf.page_texts(report)
    for page in pages:
        assert len(page.words) > 12, "no blank page (more than the header and footer)"
        for word in page.words:
            # Nothing runs off the paper or into the 14 mm side margins.
            assert word.x_min >= 13 * MM and word.x_max <= page.width - 13 * MM, word
            assert word.y_max <= page.height, word
    code = re.compile(r"^(S|[12][A-D])-\d+$", re.M)
    answer_pages = [text for text in texts[1:] if code.search(text)]
    assert len(answer_pages) >= 3
    for text in answer_pages:
        before_first_row = text[:code.search(text).start()]
        assert "Code" in before_first_row and "Affirmation" in before_first_row
        assert "Barème" in text
    # Every long comment is printed (a page may hold only rows without one).
    assert sum(text.count("Commentaire :") for text in answer_pages) == 5


def test_the_assessment_json_rides_inside_the_pdf(assessment, editor):
    fill(assessment, editor, answers={"2B-3": "na"}, comments={"2B-3": "Sans objet."})
    report = report_pdf(assessment)
    name, data = pdf.attachment(report)
    assert name == "pole-alpha-2025.json"
    spec, answers, custom = assessment_inputs(assessment)
    found = json.loads(data)
    assert found.pop("maturity")["global"] in {"A", "B", "C", "D"}  # optional, additive
    assert found == {**payload_from(spec.code, answers, custom), "plan": []}


def test_it_is_pdf_a3_with_embedded_fonts_and_tagged_with_the_grid(validated_pdf):
    report = validated_pdf
    xmp = pdf.metadata(report)
    # PDF/A-3 level A: archival AND tagged for screen readers (structure, reading order, alt).
    assert 'pdfaid:part="3"' in xmp and 'pdfaid:conformance="A"' in xmp
    assert re.search(r"^Tagged:\s+yes$", pdf.info(report), re.M)
    assert "Keywords:        cgdd-2012, 2025, pole-alpha" in pdf.info(report)
    assert "A4" in pdf.info(report) or "595.28 x 841.89" in pdf.info(report)
    fonts = pdf.fonts(report)
    assert fonts and all("yes" == row[-5] for row in fonts)  # the « emb » column


def test_the_logo_is_on_page_one_when_uploaded(validated, cluster_a, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    assert pdf.image_count(report_pdf(validated), 1) == 0
    cluster_a.logo = SimpleUploadedFile("logo.png", _png(), content_type="image/png")
    cluster_a.full_clean()
    cluster_a.save()
    report = report_pdf(validated)
    assert pdf.image_count(report, 1) == 1
    assert pdf.image_count(report, 2) == 0


def test_a_logo_must_be_a_small_png_or_jpeg(cluster_a):
    cluster_a.logo = SimpleUploadedFile("logo.gif", b"GIF89a", content_type="image/gif")
    with pytest.raises(ValidationError) as error:
        cluster_a.full_clean()
    assert "logo" in error.value.message_dict
    cluster_a.logo = SimpleUploadedFile("logo.png", b"\x89PNG" + b"0" * (600 * 1024))
    with pytest.raises(ValidationError) as error:
        cluster_a.full_clean()
    assert any("512 Ko" in message for message in error.value.message_dict["logo"])


def test_nothing_is_fetched_from_outside(assessment, editor, monkeypatch):
    """A sheet's Markdown may point at a remote image: the report renders without fetching it."""
    from initiatives.models import Sheet

    fill(assessment, editor, "--")
    Sheet.objects.filter(number="+").update(
        principle="![suivi](https://tracker.example/pixel.png) ![local](file:///etc/passwd)"
    )
    calls = []
    monkeypatch.setattr("urllib.request.OpenerDirector.open",
                        lambda *args, **kwargs: calls.append(args))
    assert report_pdf(assessment).startswith(b"%PDF")
    assert calls == []


def test_last_year_on_another_grid_version_compares_on_shared_questions(
    cluster_a, editor, version, campaign_2024
):
    # 2024 on cgdd-2012: all « ++ » but 2D-4 « -- » (global 96,8 %, its own results page).
    last_year = services.assessment_start(cluster=cluster_a, year=2024, by=editor, prefill=False)
    fill(last_year, editor, answers={"2D-4": "--"})
    # 2025 on a version without 2D-4, all « ++ »: 100 % on either grid.
    derived = services.grid_version_derive(source=version, code="cgdd-2026", name="Grille 2026")
    derived.questions.filter(code="2D-4").delete()
    Campaign.objects.create(year=2025, version=derived)
    this_year = services.assessment_start(cluster=cluster_a, year=2025, by=editor, prefill=False)
    fill(this_year, editor)
    texts = [" ".join(text.split()) for text in pdf.page_texts(report_pdf(this_year))]
    # On the 40 shared questions 2024 also scores 100 %: no progress, not +3,2 points.
    assert "= 0,0 pt depuis 2024 (sur 40 questions communes)" in texts[0]
    assert "grille cgdd-2012, sur les 40 questions communes" in texts[0]
    assert "comparées sur les 40 questions communes aux deux grilles" in texts[1]


def test_its_structure_is_read_as_headings_tables_lists_and_described_figures(assessment, editor):
    fill(assessment, editor, "+")  # room to improve: recommendations, a list
    tree = pdf.structure(report_pdf(assessment))
    tags = Counter(line.split()[0].rstrip(":") for line in tree.splitlines())
    assert tags["H1"] == 1 and tags["H2"] >= 5
    assert tags["Table"] >= 4 and tags["TH"] >= 40 and tags["L"] >= 1
    assert tags["Figure"] == 3 and tags["Caption"] == 3  # the three radars


def test_each_radar_tells_its_notes_in_words(validated):
    html = unescape(render_to_string("reports/report/report.html", report_context(validated)))
    # Each axis named as on the figure: its code, then its enjeu's short name.
    names = dict(Enjeu.objects.values_list("code", "short_name"))
    notes = ", ".join(f"{axis} {names[axis]} 100,0\u00a0%" for axis in "ABCD")
    assert f"<title>Les 4 enjeux — 2025 : {notes}</title>" in html


# --- a validated year's report is kept as it was first rendered ---


def test_a_validated_years_report_is_rendered_once_and_kept(validated, cluster_a, monkeypatch):
    first = report_for(validated)
    cluster_a.name = "Pôle renommé depuis"
    cluster_a.save()
    rendered = []
    monkeypatch.setattr(services_module, "report_pdf",
                        lambda *args, **kwargs: rendered.append(args) or b"")
    assert report_for(validated) == first
    assert rendered == []
    assert "Pôle Alpha Maritime" in pdf.page_texts(first)[0]


def test_a_year_reopened_and_validated_again_gets_a_new_report(validated, board, cluster_a):
    first = report_for(validated)
    services.assessment_reopen(assessment=validated, by=board, comment="Une erreur en 2B.")
    cluster_a.name = "Pôle renommé depuis"
    cluster_a.save()
    services.assessment_submit(assessment=validated, by=board)
    services.assessment_validate(assessment=validated, by=board)
    again = report_for(validated)
    assert again != first
    assert "Pôle renommé depuis" in pdf.page_texts(again)[0]
    assert ArchivedReport.objects.count() == 2


def test_each_language_keeps_its_own_edition_of_a_validated_year(validated, monkeypatch):
    french = report_for(validated, language="fr")
    english = report_for(validated, language="en")
    assert "NOTE GLOBALE" in pdf.page_texts(french)[0]
    assert "OVERALL SCORE" in pdf.page_texts(english)[0]
    assert ArchivedReport.objects.filter(language="en").count() == 1
    monkeypatch.setattr(services_module, "report_pdf", lambda *args, **kwargs: b"re-rendered")
    assert report_for(validated, language="en") == english
    assert report_for(validated, language="fr") == french


def test_a_validated_years_first_report_is_served_when_its_archive_cannot_be_written(
        validated, client, board, monkeypatch):
    # The archive's insert failing (here the database refusing it) was a 500: the report is
    # served as rendered, and kept at a later download.
    monkeypatch.setattr(services_module, "report_pdf", lambda *args, **kwargs: b"%PDF rendu")

    def refused(**kwargs):
        raise OperationalError("could not extend file: No space left on device")

    monkeypatch.setattr(ArchivedReport.objects, "create", refused)
    client.force_login(board)
    response = client.get(url("report", validated))
    assert response.status_code == 200
    assert response.content == b"%PDF rendu"
    assert ArchivedReport.objects.count() == 0
    monkeypatch.undo()
    monkeypatch.setattr(services_module, "report_pdf", lambda *args, **kwargs: b"%PDF rendu")
    assert report_for(validated) == b"%PDF rendu"
    assert ArchivedReport.objects.count() == 1


def test_a_validated_year_without_its_validation_recorded_is_served_unarchived(
        validated, monkeypatch):
    # A year validated with no validation step recorded (its archive has nothing to hang on):
    # the insert's IntegrityError, with no other archive to serve, was a 500.
    monkeypatch.setattr(services_module, "report_pdf", lambda *args, **kwargs: b"%PDF rendu")
    Transition.objects.filter(assessment=validated, to_status="validated").delete()
    assert report_for(validated) == b"%PDF rendu"
    assert ArchivedReport.objects.count() == 0


def test_of_two_first_downloads_at_once_the_second_serves_the_firsts_archive(
        validated, monkeypatch):
    # The other request's archive lands between this one's look and its insert: theirs is
    # served and kept (as before; the refused insert must not end in a 500 on the way).
    renders = iter([b"%PDF premier", b"%PDF second"])
    monkeypatch.setattr(services_module, "report_pdf", lambda *args, **kwargs: next(renders))
    validation = Transition.objects.get(assessment=validated, to_status="validated")
    theirs = after_first_read("reports_archivedreport", lambda: ArchivedReport.objects.create(
        validation=validation, language="fr", pdf=next(renders)))
    with theirs:
        assert report_for(validated, language="fr") == b"%PDF premier"
    assert bytes(ArchivedReport.objects.get().pdf) == b"%PDF premier"


def test_an_open_year_is_rendered_as_it_stands(filled, cluster_a):
    report_for(filled)
    cluster_a.name = "Pôle renommé depuis"
    cluster_a.save()
    assert "Pôle renommé depuis" in pdf.page_texts(report_for(filled))[0]
    assert ArchivedReport.objects.count() == 0


def _answer_rows(html: str) -> dict[str, str]:
    """Each question's row of the answer table, by code."""
    table = html.split('<table class="answers">')[1].split("</table>")[0]
    return dict(re.findall(r'<tr[^>]*><td class="code">([^<]+)</td>(.*?)</tr>', table, re.S))


def test_the_answer_table_marks_reconstructed_questions_under_one_legend(validated):
    question = validated.campaign.version.questions.get(code="2B-3")
    services.question_mark_reviewed(question=question, by=None, on=datetime.date(2026, 12, 3))
    html = unescape(render_to_string("reports/report/report.html", report_context(validated)))
    rows = _answer_rows(html)
    assert len(rows) == 41
    marked = {code for code, row in rows.items() if "origin-mark" in row}
    assert len(marked) == 30 and not marked & {"S-1", "1A-2", "2A-3"}
    assert "reconstituée d'après la fiche 9<" in rows["1B-1"]
    assert "reconstituée d'après la fiche 13 · revue le 3 décembre 2026" in rows["2B-3"]
    assert "reconstituée (sans fiche dans le guide)" in rows["2C-12"]
    assert html.count("la grille imprimée du guide ne donne que 11 affirmations") == 1
    with translation.override("en"):
        english = unescape(render_to_string("reports/report/report.html",
                                            report_context(validated)))
    assert "reconstructed from sheet 13 · reviewed on 3 December 2026" in _answer_rows(
        english)["2B-3"]


def test_the_pdf_prints_the_markers_and_names_the_guide_by_its_title(assessment, editor):
    fill(assessment, editor, "--")  # recommendations, so the sheets' principles follow
    text = " ".join(" ".join(pdf.page_texts(report_pdf(assessment))[1:]).split())
    assert "la grille imprimée du guide ne donne que 11 affirmations" in text
    assert "reconstituée d'après la fiche 13" in text
    assert ("Source : Guide du développement durable à l'intention des pôles de compétitivité, "
            "CGDD / DRI, collection « RéférenceS », septembre 2012.") in text
    assert "Le développement durable dans les pôles" not in text
