"""`reports:results` (/poles/<slug>/<year>/resultats/): notes, radars, formula, what to read
next."""

import datetime
import json
import re
from html import unescape
from html.parser import HTMLParser

import pytest
from django.test import Client
from django.utils import translation

from grid import services
from grid.models import Question, Sheet
from tests.fixtures import (
    STRATEGY_CODES,
    assert_hidden_from_outsider,
    assert_only_own_assets,
    fill,
    login_url,
    url,
)

pytestmark = pytest.mark.django_db

NBSP = "\u00a0"


def page(client, assessment):
    response = client.get(url("results", assessment))
    assert response.status_code == 200
    return response.content.decode()


def test_it_shows_the_global_note_as_a_french_percentage(editor_client, editor, assessment):
    # Strategy complete (F = 1) and every other answer « + »: R = 2/3 everywhere.
    fill(assessment, editor, "+", answers=dict.fromkeys(STRATEGY_CODES, "++"))
    html = page(editor_client, assessment)
    assert f'id="global-note">66,7{NBSP}%</p>' in html
    assert f'id="global-note">66,7{NBSP}%</p>' in html
    # 2/3 is at or above 50 % and below 75 %: « Confirmé », beside every note.
    assert 'data-note="global-maturity">Niveau de maturité : Confirmé</p>' in html
    assert f"Niveau 1 : 66,7{NBSP}% · Confirmé — Niveau 2 : 66,7{NBSP}% · Confirmé" in html
    assert "Résultats provisoires" not in html


def test_it_warns_that_results_of_an_incomplete_grid_are_provisional(
    editor_client, editor, assessment
):
    fill(assessment, editor, codes=[*STRATEGY_CODES, "1A-1"])
    html = page(editor_client, assessment)
    assert f"Résultats provisoires : la grille est remplie à 12,2{NBSP}%." in html


def test_it_draws_three_radars_with_the_apps_own_plotly(editor_client, editor, assessment):
    fill(assessment, editor)
    response = editor_client.get(url("results", assessment))
    html = response.content.decode()
    for container in ("radar-global", "radar-level1", "radar-level2"):
        assert f'<div id="{container}" class="radar" data-series=' in html
    assert '<script src="/static/plotly/plotly.min.js" defer></script>' in html
    assert_only_own_assets(html)
    data = response.context["radars"]
    assert data["global"]["labels"] == ["A", "B", "C", "D"]
    assert data["level1"]["values"] == [100.0] * 4
    assert '<script id="radar-data" type="application/json">' in html
    assert json.loads(html.split('id="radar-data" type="application/json">')[1].split("<")[0])


def test_it_recommends_the_largest_gaps_with_links_to_their_sheets(
    editor_client, editor, assessment
):
    fill(assessment, editor, answers={"1A-3": "-", "2B-2": "+"})
    response = editor_client.get(url("results", assessment))
    html = response.content.decode()
    codes = [question.code for _gap, question in response.context["recommendations"]]
    assert codes == ["1A-3", "2B-2"]  # gaps 4 × 2/3, then 3 × 1/3
    sheet = Question.objects.get(version__code="cgdd-2012", code="1A-3").sheets.get()
    assert f'<a href="{sheet.get_absolute_url()}">fiche {sheet.number}</a>' in html
    assert "2,67 point(s) à gagner" in html


def test_it_shows_the_formula_with_the_clusters_own_numbers(editor_client, editor, assessment):
    # DESIGN §4 worked check: F = 0.5, so every note is R × 0.625.
    fill(assessment, editor, answers={"S-1": "++", "S-2": "+", "S-3": "-", "S-4": "--"})
    html = page(editor_client, assessment)
    assert '<details class="card card-body mb-3" id="formula">' in html
    assert "Comment la note est-elle calculée ?" in html
    assert f"Stratégie : 8 points sur 16, donc F = 50,0{NBSP}%." in html
    assert f"8 sections : 95 points sur 95, donc R = 100,0{NBSP}%." in html
    assert "¼ + ¾ × F = ¼ + ¾ × 0,5 = 0,625." in html
    assert f"Note globale = R × 0,625 = 62,5{NBSP}%." in html


def test_it_sends_a_cluster_without_strategy_to_agenda_21_first(editor_client, editor,
                                                                 assessment):
    fill(assessment, editor, answers=dict.fromkeys(STRATEGY_CODES, "--"))
    response = editor_client.get(url("results", assessment))
    html = response.content.decode()
    assert response.context["agenda21_first"] is True
    agenda21 = Sheet.objects.get(number="+")
    assert f'<a href="{agenda21.get_absolute_url()}">' in html
    assert f'id="global-note">25,0{NBSP}%</p>' in html


def test_a_submitted_grid_keeps_its_stored_notes_when_content_changes(
    editor_client, submitted, version
):
    version.answer_weights = {"++": "1/2", "+": "1/3", "-": "1/6", "--": "0"}
    version.save()
    assert f'id="global-note">100,0{NBSP}%</p>' in page(editor_client, submitted)


def test_the_board_may_validate_or_return_a_submitted_grid(board_client, submitted):
    html = page(board_client, submitted)
    assert 'name="action" value="validate"' in html and 'name="action" value="return"' in html
    assert re.search(r'<label\s+for="id_comment"', html)


def test_the_board_may_reopen_a_validated_grid(board_client, validated):
    html = page(board_client, validated)
    assert 'name="action" value="reopen"' in html
    assert 'value="validate"' not in html


def test_the_owner_gets_no_board_buttons(editor_client, submitted):
    html = page(editor_client, submitted)
    assert 'name="action"' not in html and 'name="comment"' not in html


def test_it_sends_anonymous_to_login(anonymous, assessment):
    response = anonymous.get(url("results", assessment))
    assert response["Location"] == login_url(url("results", assessment))


def test_it_refuses_outsider(outsider_client, cluster_a, assessment):
    assert_hidden_from_outsider(outsider_client.get(url("results", assessment)), cluster_a)


def test_a_year_not_started_is_404(editor_client, cluster_a, assessment):
    assert editor_client.get(url("results", slug=cluster_a.slug, year=2024)).status_code == 404


def test_it_takes_posts_from_the_board_only(editor_client, assessment):
    # A POST is the board's decision (tests/grid/views/test_transitions.py).
    assert editor_client.post(url("results", assessment)).status_code == 403


def test_its_queries_do_not_grow_with_the_answers(
    editor_client, editor, assessment, django_assert_num_queries
):
    editor_client.get(url("results", assessment))  # reads what never changes once (below)
    # session, user, the assessment with the membership, the last content edit (the version's
    # questions with their levers and sheets, the enjeux, paths with their steps and the
    # Agenda 21 sheet, and the « Simuler » panel are read once per process), answers, custom
    # rows, transitions; the suggested path's steps reached: steps marked, done actions' sheets;
    # the cluster's networks (one more per network: its peers' notes); with recommendations,
    # the experiences linked to their questions and to their sheets (« Ils l'ont fait »); the
    # strategy covering the year (its objectives: tests/reports/views/test_objectives.py).
    with django_assert_num_queries(11):
        editor_client.get(url("results", assessment))
    fill(assessment, editor, "+", codes=["S-1"])
    with django_assert_num_queries(13):
        response = editor_client.get(url("results", assessment))
    assert len(response.context["recommendations"]) == 1
    fill(assessment, editor, "+")
    with django_assert_num_queries(13):
        response = editor_client.get(url("results", assessment))
    assert len(response.context["recommendations"]) == 8


def test_each_recommendation_names_an_experience_when_there_is_one(
    editor_client, editor, assessment
):
    fill(assessment, editor, answers={"1A-3": "-", "2D-2": "+", "2C-6": "-"})
    html = editor_client.get(url("results", assessment)).content.decode()
    items = html.split('<ol class="recommendations">')[1].split("</ol>")[0].split("<li")[1:]
    by_code = {re.search(r"<strong>([^<]+)</strong>", item).group(1): item for item in items}
    # 2C-6 is named by an experience itself; 1A-3 through its sheet; nothing illustrates 2D-2.
    assert "Ils l&#x27;ont fait" in by_code["2C-6"] or "Ils l'ont fait" in by_code["2C-6"]
    assert "/retours/strasbourg-reve/" in by_code["2C-6"]
    assert "/retours/" in by_code["1A-3"]
    assert "/retours/" not in by_code["2D-2"]


def test_a_recommended_reconstructed_question_says_so_with_one_legend(
    editor_client, editor, assessment
):
    fill(assessment, editor, answers={"1A-3": "-", "2B-2": "+"})
    html = unescape(page(editor_client, assessment))
    recommendations = html.split('<ol class="recommendations">')[1].split("</ol>")[0]
    first, second = re.findall(r"<li.*?</li>", recommendations, re.S)
    assert "1A-3" in first and "origin-mark" not in first  # the guide's own text
    assert "2B-2" in second and "reconstituée d'après la fiche 12" in second
    assert html.count('id="origin-legend"') == 1
    question = Question.objects.get(version__code="cgdd-2012", code="2B-2")
    services.question_mark_reviewed(question=question, by=None, on=datetime.date(2026, 12, 3))
    html = unescape(page(editor_client, assessment))
    assert "reconstituée d'après la fiche 12 · revue le 3 décembre 2026" in html


def test_only_the_guides_texts_recommended_need_no_legend(editor_client, editor, assessment):
    fill(assessment, editor, answers={"1A-3": "-"})
    assert 'id="origin-legend"' not in page(editor_client, assessment)


def test_the_formula_says_what_is_the_guides_and_what_the_applications(
    editor_client, editor, assessment
):
    fill(assessment, editor, codes=["S-1"])
    html = unescape(page(editor_client, assessment))
    formula = html.split('id="formula"')[1].split("</details>")[0]
    assert "Du guide : les barèmes des 11 affirmations qu'il imprime" in formula
    assert "Choix de cette application : les poids des réponses, « non applicable »" in formula
    assert '<a href="/demarche/#origine">Pourquoi ?</a>' in formula


def test_the_english_page_marks_the_recommendations_in_english(editor_client, editor,
                                                              assessment):
    fill(assessment, editor, answers={"2B-2": "+"})
    editor_client.cookies["django_language"] = "en"
    with translation.override("fr"):  # the request's English stays in the request
        html = unescape(page(editor_client, assessment))
    assert "reconstructed from sheet 12" in html
    assert "From the guide: the weights of the 11 statements it prints" in html


# --- a year with no answer yet ---


def test_a_year_with_no_answer_says_so_not_zero_and_beginner(editor_client, assessment):
    html = unescape(page(editor_client, assessment))
    main = html[html.index('<main'):html.index('id="workflow-title"')]
    assert "Aucune réponse pour l'instant" in main
    assert f"0,0{NBSP}%" not in main and "Débutant" not in main
    assert "Aucune marge de progrès" not in main
    assert 'id="global-note"' not in html and "plotly.min.js" not in html
    assert f'href="{url("grid", assessment)}"' in main


def test_the_board_reads_the_same_without_the_link_to_answer(board_client, assessment):
    html = unescape(page(board_client, assessment))
    assert "Aucune réponse pour l'instant" in html
    assert "Répondre aux questions de la grille" not in html


def test_a_first_answer_brings_the_notes(editor_client, editor, assessment):
    fill(assessment, editor, codes=["S-1"], value="-")
    html = unescape(page(editor_client, assessment))
    assert 'id="global-note"' in html and "Aucune réponse pour l'instant" not in html


def test_no_answer_in_english(editor, assessment):
    client = Client(headers={"accept-language": "en"})
    client.force_login(editor)
    with translation.override("fr"):  # the request's English stays in the request
        html = unescape(client.get(url("results", assessment)).content.decode())
    assert "No answer yet" in html and "Beginner" not in html


class _LabelledByRoleless(HTMLParser):
    """The tags naming themselves by `aria-labelledby` that have no role to be named: a `div`
    or a `span` without a `role` (the Nu HTML Checker's error)."""

    def __init__(self):
        super().__init__()
        self.found: list[dict] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if "id" in attributes:
            self.ids.add(attributes["id"])
        if tag in ("div", "span") and "aria-labelledby" in attributes and not attributes.get(
            "role"
        ):
            self.found.append(attributes)


def test_the_simulation_panel_is_a_named_dialog(editor_client, editor, assessment):
    # Issue #23: the panel had aria-labelledby on a div with no role until Bootstrap opened it.
    fill(assessment, editor)
    html = page(editor_client, assessment)
    parser = _LabelledByRoleless()
    parser.feed(html)
    assert parser.found == []
    panel = re.search(r'<div [^>]*id="simulation"[^>]*>', html)
    assert 'role="dialog"' in panel.group()
    assert 'aria-labelledby="simulation-title"' in panel.group()
    assert "simulation-title" in parser.ids
