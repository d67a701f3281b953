"""« Simuler » on the results page: `reports:simulate` (/poles/<slug>/<year>/simuler/) scores the
stored answers with changes over them and stores nothing; `reports:simulate-plan`
(…/simuler/actions/) turns the changes into planned actions; « Planifier » on recommendations."""

import json
from html import unescape
from io import StringIO
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from grid.models import Answer, Assessment, Question, Transition
from plans.models import Action
from reports.selectors import results_content
from tests.fixtures import (
    GRID,
    STRATEGY_CODES,
    assert_hidden_from_outsider,
    fill,
    logged_in,
    login_url,
    messages_of,
    url,
)

pytestmark = pytest.mark.django_db

NBSP = "\u00a0"
PLAN_BASE, PLAN_EACH = 9, 13


def simulate_url(assessment):
    return reverse("reports:simulate", args=[assessment.cluster.slug, assessment.campaign.year])


def plan_url(assessment):
    return reverse("reports:simulate-plan",
                   args=[assessment.cluster.slug, assessment.campaign.year])


def post_json(client, assessment, data):
    body = data if isinstance(data, (str, bytes)) else json.dumps(data)
    return client.post(simulate_url(assessment), body, content_type="application/json")


def stored_state(assessment):
    """Everything a simulation must leave as it was."""
    assessment.refresh_from_db()
    return (
        sorted(Answer.objects.filter(assessment=assessment)
               .values_list("question__code", "value", "comment", "revision", "updated_at")),
        assessment.status, assessment.scores, Transition.objects.count(), Action.objects.count(),
    )


def grid_score(tmp_path, answers) -> dict:
    path = tmp_path / "merged.json"
    path.write_text(json.dumps({"grid": GRID, "answers": answers}), encoding="utf-8")
    out = StringIO()
    call_command("grid_score", str(path), stdout=out)
    return json.loads(out.getvalue())


# --- the simulation: notes of the changed answers, nothing stored ---


def test_it_scores_the_stored_answers_with_the_changes_over_them_as_grid_score_does(
    editor_client, editor, assessment, tmp_path
):
    fill(assessment, editor, "+", answers={"S-1": "++", "2C-3": "-"})
    changes = {"2C-3": "++", "S-2": "--", "1A-1": "", "2B-3": "na"}
    response = post_json(editor_client, assessment, changes)
    assert response.status_code == 200
    data = response.json()
    merged = {code: "+" for code in Question.objects.filter(version__code=GRID)
              .values_list("code", flat=True)}
    merged |= {"S-1": "++", "2C-3": "++", "S-2": "--", "1A-1": None,
               "2B-3": {"answer": "na", "comment": "simulé"}}
    assert data["scores"] == grid_score(tmp_path, merged)


def test_it_answers_the_notes_as_the_page_prints_them_and_the_radars_as_it_draws_them(
    editor_client, editor, assessment
):
    fill(assessment, editor, "+", answers=dict.fromkeys(STRATEGY_CODES, "++"))
    data = post_json(editor_client, assessment, {}).json()
    page = editor_client.get(url("results", assessment))
    # The page's series with the axis titles and the tables' rows, which a simulation keeps.
    assert data["radars"] == {
        key: {name: value for name, value in series.items() if name not in ("axes", "rows")}
        for key, series in page.context["radars"].items()}
    assert data["notes"]["global"] == f"66,7{NBSP}%" == page.context["global"]
    assert data["notes"]["levels"] == page.context["levels"]
    assert data["factor_width"] == page.context["factor_width"] == "100.0"
    html = page.content.decode()
    for key, text in data["notes"].items():
        assert f'data-note="{key}"' in html and text in unescape(html), key
    data = post_json(editor_client, assessment, {"S-1": "--"}).json()
    assert data["notes"]["factor"] == f"75,0{NBSP}%"
    assert data["notes"]["global"] == f"54,2{NBSP}%"  # 2/3 × (¼ + ¾ × ¾)
    assert data["radars"]["global"]["texts"] == [f"54,2{NBSP}%"] * 4


def test_it_takes_form_fields_too(editor_client, editor, assessment):
    fill(assessment, editor)
    response = editor_client.post(simulate_url(assessment), {"S-1": "--", "S-2": "--",
                                                             "S-3": "--", "S-4": "--"})
    assert response.status_code == 200
    assert response.json()["notes"]["global"] == f"25,0{NBSP}%"


def test_na_needs_no_justification_in_a_simulation(editor_client, editor, assessment):
    fill(assessment, editor, "+")
    data = post_json(editor_client, assessment, {"2C-12": "na"}).json()
    assert data["scores"]["completion"] == 1.0


@pytest.mark.parametrize(("body", "message"), [
    ({"9Z-9": "+"}, "Question « 9Z-9 » : code inconnu dans la grille « cgdd-2012 »."),
    ({"1A-1": "+++"}, "Question « 1A-1 » : réponse « +++ » invalide (attendu : ++, +, -, --, na)."),
    ({"1A-1": 2}, "Question « 1A-1 » : réponse « 2 » invalide"),
    ({"S-1": "na"}, "Question « S-1 » : « na » (non applicable) est interdit dans la section S."),
    ("{not json", "La simulation doit être un objet JSON valide."),
    ("[]", "La simulation doit être un objet JSON { code de question : réponse }."),
    ({"x": "+" * 20000}, "La simulation envoyée est trop volumineuse."),
])
def test_it_refuses_bad_input_with_a_message_and_stores_nothing(
    editor_client, editor, assessment, body, message
):
    fill(assessment, editor, "+")
    before = stored_state(assessment)
    response = post_json(editor_client, assessment, body)
    assert response.status_code == 400
    assert message in response.json()["error"]
    assert stored_state(assessment) == before


def browser(user, assessment) -> tuple[Client, str]:
    """A client that checks CSRF as a browser's requests are checked, and the page's token: the
    CSRF check reads the posted fields, before any view."""
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    client.get(url("results", assessment))
    return client, client.cookies["csrftoken"].value


def test_too_many_form_fields_get_a_json_message(editor, assessment, settings):
    # Django refuses them before the view (TooManyFieldsSent): an HTML 400 the script could not
    # read.
    fill(assessment, editor, "+")
    before = stored_state(assessment)
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 20
    client, token = browser(editor, assessment)
    response = client.post(simulate_url(assessment), {f"Q-{n}": "+" for n in range(30)},
                           HTTP_ACCEPT="application/json", HTTP_X_CSRFTOKEN=token)
    assert response.status_code == 400
    assert response.json()["error"] == (
        "La requête envoie plus de 20 champs : rien n'a été enregistré. Rechargez la page, "
        "puis recommencez.")
    assert stored_state(assessment) == before


def test_too_many_fields_for_planning_get_a_page_that_says_so(editor, assessment, settings):
    fill(assessment, editor, "+")
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 20
    client, token = browser(editor, assessment)
    response = client.post(plan_url(assessment), {"csrfmiddlewaretoken": token,
                                                  **{f"Q-{n}": "--" for n in range(30)}})
    assert response.status_code == 400
    assert "La requête envoie plus de 20 champs" in response.content.decode()
    assert not Action.objects.exists()


def test_it_refuses_a_question_given_twice_in_form_fields(editor_client, assessment):
    response = editor_client.post(simulate_url(assessment), {"S-1": ["+", "--"]})
    assert response.status_code == 400
    assert response.json()["error"] == "Question « S-1 » : une seule réponse par question."


def test_it_stores_nothing(editor_client, editor, assessment):
    fill(assessment, editor, "+")
    before = stored_state(assessment)
    assert post_json(editor_client, assessment, {"S-1": "--", "1A-1": ""}).status_code == 200
    assert stored_state(assessment) == before


def test_it_simulates_on_top_of_a_validated_year_which_keeps_its_stored_notes(
    board_client, validated
):
    before = stored_state(validated)
    data = post_json(board_client, validated, {code: "--" for code in STRATEGY_CODES}).json()
    assert data["notes"]["global"] == f"25,0{NBSP}%"
    assert stored_state(validated) == before
    assert Assessment.objects.get(pk=validated.pk).scores["global"] == 1.0


def test_the_board_may_simulate(board_client, editor, assessment):
    fill(assessment, editor)
    assert post_json(board_client, assessment, {"S-1": "+"}).status_code == 200


def test_it_refuses_outsiders_coordinators_and_anonymous(
    outsider_client, coordinator, anonymous, cluster_a, assessment
):
    assert_hidden_from_outsider(post_json(outsider_client, assessment, {}), cluster_a)
    assert post_json(logged_in(coordinator), assessment, {}).status_code == 404
    response = post_json(anonymous, assessment, {})
    assert response["Location"] == login_url(simulate_url(assessment))


def test_it_refuses_get(editor_client, assessment):
    assert editor_client.get(simulate_url(assessment)).status_code == 405


def test_its_queries_do_not_grow_with_the_changes(
    editor_client, editor, assessment, django_assert_num_queries
):
    fill(assessment, editor, "+")
    # session, user, membership, assessment, grid spec, answers, custom rows; the version's
    # maturity levels (the simulated notes' levels)
    with django_assert_num_queries(7):
        post_json(editor_client, assessment, {"S-1": "--"})
    every = dict.fromkeys(Question.objects.filter(version__code=GRID)
                          .values_list("code", flat=True), "-")
    with django_assert_num_queries(7):
        response = post_json(editor_client, assessment, every)
    assert response.json()["notes"]["global"] == f"16,7{NBSP}%"  # ⅓ × (¼ + ¾ × ⅓)


# --- the results page: the panel, and « Planifier » ---


def test_the_panel_offers_every_question_with_its_stored_answer(editor_client, editor,
                                                               assessment):
    fill(assessment, editor, "+", answers={"2C-3": "-"}, codes=["S-1", "2C-3"])
    response = editor_client.get(url("results", assessment))
    html = response.content.decode()
    assert html.count('<select class="form-select form-select-sm" id="simulate-') == 41
    assert '<label class="form-label small mb-1" for="simulate-2C-3"><strong>2C-3</strong>' in html
    s1 = html.split('id="simulate-S-1"')[1].split("</select>")[0]
    assert 'value="na"' not in s1
    c3 = html.split('id="simulate-2C-3"')[1].split("</select>")[0]
    assert 'value="na"' in c3
    # The questions are the same for every cluster (rendered once); the stored answers come apart.
    saved = response.context["simulation_saved"]
    assert (saved["S-1"], saved["2C-3"], saved["1A-1"]) == ("+", "-", "")
    assert '<script id="simulation-saved" type="application/json">' in html
    texts = response.context["simulation_texts"]
    assert texts["url"] == simulate_url(assessment)
    assert '<script id="simulation-texts" type="application/json">' in html
    assert 'id="simulation-open"' in html and reverse(
        "reports:simulate-plan", args=["pole-alpha", 2025]) in html


def test_the_board_simulates_but_does_not_plan(board_client, editor, assessment):
    fill(assessment, editor, "+")
    html = board_client.get(url("results", assessment)).content.decode()
    assert 'id="simulation-open"' in html
    assert "Transformer en actions" not in html and plan_url(assessment) not in html
    assert "Planifier" not in html


def test_editors_plan_an_action_from_each_recommendation(editor_client, editor, assessment):
    fill(assessment, editor, answers={"2A-2": "-"}, codes=["2A-2"])
    html = editor_client.get(url("results", assessment)).content.decode()
    link = unescape(html.split("Planifier")[0].rsplit('href="', 1)[1].split('"')[0])
    parts = urlsplit(link)
    assert parts.path == "/poles/pole-alpha/plan/nouvelle/"
    query = parse_qs(parts.query)
    assert query["question"] == ["2A-2"]
    assert query["fiche"] == ["5", "6"]
    assert query["titre"][0].startswith("Progresser sur 2A-2 : ")


# --- « Transformer en actions » ---


def test_it_creates_one_planned_action_per_changed_answer(editor_client, editor, assessment):
    fill(assessment, editor, "+", answers={"2C-3": "-"})
    before = stored_state(assessment)
    # The panel's form posts every answer it shows.
    posted = {code: value or "" for code, value in Answer.objects.filter(
        assessment=assessment).values_list("question__code", "value")}
    posted |= {"2C-3": "++", "2A-1": "na", "1A-1": ""}
    response = editor_client.post(plan_url(assessment), posted)
    assert response.status_code == 302
    assert response["Location"] == "/poles/pole-alpha/plan/"
    assert messages_of(response) == ["2 actions prévues ont été créées à partir de la simulation."]
    actions = {action.question_codes[0]: action for action in Action.objects.all()}
    assert set(actions) == {"2C-3", "2A-1"}  # a blank is no goal
    action = actions["2C-3"]
    assert action.title.startswith("Passer 2C-3 de « - » à « ++ » : ")
    assert action.status == Action.Status.PLANNED and action.cluster == assessment.cluster
    assert action.created_by == editor
    assert [s.number for s in action.sheets.all()] == ["24"]
    assert sorted(s.number for s in actions["2A-1"].sheets.all()) == ["3", "4"]
    assert action.history.earliest().history_type == "+"  # kept in the plan's history
    assert {record.history_user for record in action.history.all()} == {editor}
    assert stored_state(assessment)[:4] == before[:4]  # the answers stay as they were


def test_it_says_so_when_nothing_changed(editor_client, editor, assessment):
    fill(assessment, editor, "+")
    response = editor_client.post(plan_url(assessment), {"S-1": "+", "1A-1": ""})
    assert response.status_code == 400
    assert "Aucune réponse simulée ne diffère des réponses enregistrées" in (
        response.content.decode())
    assert Action.objects.count() == 0


@pytest.mark.parametrize("posted", [
    {"S-1": "++", "9Z-9": "+"}, {"S-1": "na"}, {"S-1": ["++", "--"]},
])
def test_bad_input_creates_nothing(editor_client, editor, assessment, posted):
    fill(assessment, editor, "+")
    response = editor_client.post(plan_url(assessment), posted)
    assert response.status_code == 400
    assert "Question « " in response.content.decode()
    assert Action.objects.count() == 0


def test_only_editors_plan(board_client, editor, outsider_client, cluster_a, assessment):
    fill(assessment, editor, "+")
    assert board_client.post(plan_url(assessment), {"S-1": "++"}).status_code == 403
    assert_hidden_from_outsider(outsider_client.post(plan_url(assessment), {"S-1": "++"}),
                                cluster_a)
    assert Action.objects.count() == 0


def test_planning_queries_grow_only_with_the_actions_created(
    editor_client, editor, assessment, django_assert_num_queries
):
    fill(assessment, editor, "+")
    results_content(assessment.campaign.version)  # read once per process
    # session, user, membership, assessment, grid spec, answers, custom rows, the last content
    # edit (the questions with their sheets are read once), the transaction's savepoint and its
    # release; then per action what plans.services.action_create costs (checks, insert, sheets,
    # history).
    with django_assert_num_queries(PLAN_BASE + PLAN_EACH):
        assert editor_client.post(plan_url(assessment), {"S-1": "++"}).status_code == 302
    with django_assert_num_queries(PLAN_BASE + 2 * PLAN_EACH):
        assert editor_client.post(plan_url(assessment),
                                  {"S-1": "++", "2C-3": "++"}).status_code == 302
