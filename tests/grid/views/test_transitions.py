"""`grid:submit`, `grid:validate`, `grid:return`, `grid:reopen`: the yearly cycle (DESIGN §5).

Each is a POST that records a transition (who, when, comment) shown on the results page.
"""

import pytest

from grid import services
from grid.models import Transition
from grid.scoring import score, scores_to_json
from grid.selectors import assessment_inputs
from tests.fixtures import (
    answers_of,
    assert_hidden_from_outsider,
    fill,
    login_url,
    messages_of,
    page_form_data,
    url,
)

pytestmark = pytest.mark.django_db

ACTIONS = ["submit", "validate", "return", "reopen"]


def reload(assessment):
    assessment.refresh_from_db()
    return assessment


def last_transition(assessment):
    return assessment.transitions.order_by("at", "pk").last()


# --- submit (staff) ---


def test_it_refuses_to_submit_an_incomplete_grid_naming_the_missing_questions(
    editor_client, editor, assessment
):
    fill(assessment, editor, codes=["S-2", "S-3", "S-4", "1A-1"])
    response = editor_client.post(url("submit", assessment))
    assert response["Location"] == url("grid", assessment)
    (message,) = messages_of(response)
    assert message.startswith("La grille n'est pas complète. Questions sans réponse : S-1, 1A-2,")
    assert "2D-4" in message and "1A-1" not in message
    assert reload(assessment).status == "draft"
    assert reload(assessment).scores is None
    assert assessment.transitions.count() == 1  # only its opening


def test_submitting_a_complete_grid_stores_its_scores(editor_client, editor, assessment):
    fill(assessment, editor, "+", answers={"S-1": "++", "2B-3": "na"},
         comments={"2B-3": "Pas de site industriel."})
    response = editor_client.post(url("submit", assessment))
    assert response["Location"] == url("results", assessment)
    assert messages_of(response) == ["Autoévaluation soumise."]
    assessment = reload(assessment)
    assert assessment.status == "submitted"
    spec, answers, custom = assessment_inputs(assessment)
    assert assessment.scores == scores_to_json(spec.code, score(spec, answers, custom))
    assert assessment.scores["provisional"] is False
    step = last_transition(assessment)
    assert (step.from_status, step.to_status, step.by, step.comment) == (
        "draft", "submitted", editor, "",
    )
    assert step.at is not None


def test_a_submitted_grid_no_longer_changes(editor_client, submitted):
    before = answers_of(submitted)
    response = editor_client.post(
        url("grid", submitted), page_form_data(submitted, **{"1A-1-value": "--"})
    )
    assert messages_of(response) == ["Cette autoévaluation est soumise : elle ne se modifie plus."]
    save = editor_client.post(
        url("answer-save", submitted), {"code": "1A-1", "value": "--", "revision": 1}
    )
    assert save.status_code == 400
    assert answers_of(submitted) == before


def test_it_refuses_to_submit_twice(editor_client, submitted):
    response = editor_client.post(url("submit", submitted))
    (message,) = messages_of(response)
    assert message.startswith(
        "Impossible de « soumettre la grille » : l'autoévaluation est au statut « soumise » "
        "(soumise par Élise Martin le "
    )
    assert Transition.objects.filter(assessment=submitted, to_status="submitted").count() == 1


# --- validate, return, reopen (board) ---


def test_the_board_validates_a_submitted_grid(board_client, board, submitted):
    stored = submitted.scores
    response = board_client.post(url("validate", submitted), {"comment": " Vu en CA du 3 mars. "})
    assert response["Location"] == url("results", submitted)
    assert messages_of(response) == ["Autoévaluation validée."]
    assessment = reload(submitted)
    assert assessment.status == "validated"
    assert assessment.scores == stored
    step = last_transition(assessment)
    assert (step.from_status, step.to_status, step.by, step.comment) == (
        "submitted", "validated", board, "Vu en CA du 3 mars.",
    )


def test_it_refuses_to_validate_a_draft(board_client, assessment):
    response = board_client.post(url("validate", assessment))
    assert response["Location"] == url("results", assessment)
    (message,) = messages_of(response)
    assert message.startswith(
        "Impossible de « valider » : l'autoévaluation est au statut « brouillon » "
        "(ouverte par Élise Martin le "
    )
    assert reload(assessment).status == "draft"
    assert assessment.transitions.count() == 1


def test_returning_a_grid_requires_a_comment(board_client, submitted):
    response = board_client.post(url("return", submitted), {"comment": "   "})
    assert messages_of(response) == [
        "Dites à l'équipe ce qui est à revoir (commentaire obligatoire)."
    ]
    assert reload(submitted).status == "submitted"
    assert reload(submitted).scores is not None


def test_a_returned_grid_is_editable_again(board_client, board, editor_client, submitted):
    response = board_client.post(url("return", submitted), {"comment": "Justifiez 2B-3."})
    assert messages_of(response) == ["Renvoyée à l'équipe."]
    assessment = reload(submitted)
    assert (assessment.status, assessment.scores) == ("returned", None)
    step = last_transition(assessment)
    assert (step.to_status, step.by, step.comment) == ("returned", board, "Justifiez 2B-3.")
    revision = assessment.answers.get(question__code="2B-3").revision
    saved = editor_client.post(
        url("answer-save", assessment),
        {"code": "2B-3", "value": "na", "comment": "Pas de site.", "revision": revision},
    )
    assert saved.status_code == 200
    assert editor_client.post(url("submit", assessment)).status_code == 302
    assert reload(assessment).status == "submitted"


def test_the_board_reopens_a_validated_grid(board_client, board, validated):
    response = board_client.post(url("reopen", validated), {"comment": "Erreur sur 1C-2."})
    assert messages_of(response) == ["Autoévaluation rouverte."]
    assessment = reload(validated)
    assert (assessment.status, assessment.scores) == ("returned", None)
    step = last_transition(assessment)
    assert (step.from_status, step.to_status, step.by, step.comment) == (
        "validated", "returned", board, "Erreur sur 1C-2.",
    )


def test_it_refuses_to_reopen_a_draft(board_client, assessment):
    response = board_client.post(url("reopen", assessment))
    (message,) = messages_of(response)
    assert message.startswith("Impossible de « rouvrir » : l'autoévaluation est au statut « "
                              "brouillon »")
    assert reload(assessment).status == "draft"


def test_a_validated_grid_no_longer_changes(editor_client, validated):
    before = answers_of(validated)
    response = editor_client.post(
        url("grid", validated), page_form_data(validated, **{"S-1-value": "-"})
    )
    assert messages_of(response) == ["Cette autoévaluation est validée : elle ne se modifie plus."]
    assert answers_of(validated) == before
    assert reload(validated).status == "validated"


def test_every_transition_is_shown_on_the_results_page(board_client, editor, board, submitted):
    services.assessment_return(assessment=submitted, by=board, comment="Précisez 2C-12.")
    services.assessment_submit(assessment=submitted, by=editor)
    services.assessment_validate(assessment=submitted, by=board, comment="Adoptée.")
    response = board_client.get(url("results", submitted))
    steps = response.context["transitions"]
    assert [(s.to_status, s.by) for s in steps] == [
        ("draft", editor), ("submitted", editor), ("returned", board), ("submitted", editor),
        ("validated", board),
    ]
    html = response.content.decode().replace("&#x27;", "'")
    section = html[html.index('id="workflow-title"'):]
    assert section.count('<li class="list-group-item">') == 5
    for text in ("Élise Martin", "Bruno Durand", "Précisez 2C-12.", "Adoptée.", "Ouverte",
                 "Soumise", "Renvoyée à l'équipe", "Soumise de nouveau", "Validée"):
        assert text in section
    assert f"{steps[-1].at:%Y}" in section  # when


# --- who may do what ---


@pytest.mark.parametrize("action", ["validate", "return", "reopen"])
def test_the_staff_cannot_act_for_the_board(editor_client, submitted, action):
    response = editor_client.post(url(action, submitted), {"comment": "Moi aussi."})
    assert response.status_code == 403
    assert reload(submitted).status == "submitted"


def test_the_board_cannot_submit(board_client, filled):
    assert board_client.post(url("submit", filled)).status_code == 403
    assert reload(filled).status == "draft"


@pytest.mark.parametrize("action", ACTIONS)
def test_it_refuses_outsider(outsider_client, cluster_a, submitted, action):
    response = outsider_client.post(url(action, submitted), {"comment": "x"})
    assert_hidden_from_outsider(response, cluster_a)
    assert reload(submitted).status == "submitted"


@pytest.mark.parametrize("action", ACTIONS)
def test_it_sends_anonymous_to_login(anonymous, submitted, action):
    response = anonymous.post(url(action, submitted))
    assert response["Location"] == login_url(url(action, submitted))
    assert reload(submitted).status == "submitted"


@pytest.mark.parametrize("action", ACTIONS)
def test_it_refuses_get(board_client, submitted, action):
    assert board_client.get(url(action, submitted)).status_code == 405
    assert reload(submitted).status == "submitted"


def test_a_comment_too_long_is_refused_with_a_message_not_dropped(board_client, submitted):
    response = board_client.post(url("validate", submitted), {"comment": "x" * 2001})
    assert messages_of(response) == ["Le commentaire dépasse 2000 caractères (il en a 2001)."]
    assert reload(submitted).status == "submitted"


def test_a_comment_of_too_many_lines_is_refused_with_a_message(board_client, submitted):
    # Issue « No input within the rules stalls the site »: the PDF prints every line.
    response = board_client.post(url("return", submitted), {"comment": "a\n" * 21})
    assert messages_of(response) == ["Le commentaire dépasse 20 lignes (il en a 21)."]
    assert reload(submitted).status == "submitted"
    board_client.post(url("return", submitted), {"comment": "a\n" * 20})
    assert reload(submitted).status == "returned"


def test_a_comment_is_shown_as_text_not_html(board_client, board, submitted):
    services.assessment_return(assessment=submitted, by=board, comment="<b>Revoir</b> 2B-3")
    html = board_client.get(url("results", submitted)).content.decode()
    assert "&lt;b&gt;Revoir&lt;/b&gt; 2B-3" in html
    assert "<b>Revoir</b>" not in html


def test_reopen_applies_to_a_validated_grid_only(board_client, submitted):
    response = board_client.post(url("reopen", submitted), {"comment": "Trop tôt"})
    assert response.status_code == 302
    submitted.refresh_from_db()
    assert submitted.status == "submitted"
