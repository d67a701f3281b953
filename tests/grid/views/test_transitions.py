"""The yearly cycle (DESIGN §5): `grid:submit` by the team; validate, return and reopen by the
board, posted to the year's results page (`reports:results`, its decision panel).

Each records a transition (who, when, comment) shown on the results page. A refused comment comes
back on its field, with the text typed; a step the status does not allow is a message.
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

BOARD_ACTIONS = ["validate", "return", "reopen"]


def decide(client, assessment, action, comment=""):
    """The board's step, as the results page's panel posts it."""
    return client.post(url("results", assessment), {"action": action, "comment": comment})


def field_errors(response) -> list[str]:
    return response.context["decision_form"].errors.get("comment", [])


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
    response = decide(board_client, submitted, "validate", " Vu en CA du 3 mars. ")
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
    response = decide(board_client, assessment, "validate")
    assert response["Location"] == url("results", assessment)
    (message,) = messages_of(response)
    assert message.startswith(
        "Impossible de « valider » : l'autoévaluation est au statut « brouillon » "
        "(ouverte par Élise Martin le "
    )
    assert reload(assessment).status == "draft"
    assert assessment.transitions.count() == 1


def test_returning_a_grid_requires_a_comment_said_on_the_field(board_client, submitted):
    response = decide(board_client, submitted, "return", "   ")
    assert response.status_code == 400
    assert field_errors(response) == [
        "Dites à l'équipe ce qui est à revoir (commentaire obligatoire)."
    ]
    assert messages_of(response) == []  # not at the top of the page
    html = response.content.decode().replace("&#x27;", "'")
    panel = html[html.index('id="decision"'):html.index('id="global-note"')]
    assert 'is-invalid' in panel
    assert "Dites à l'équipe ce qui est à revoir (commentaire obligatoire)." in panel
    assert reload(submitted).status == "submitted"
    assert reload(submitted).scores is not None


def test_a_refused_comment_keeps_the_text_typed(board_client, submitted):
    typed = "Revoir 2B-3\n" * 21
    response = decide(board_client, submitted, "return", typed)
    assert response.status_code == 400
    assert field_errors(response) == ["Le commentaire dépasse 20 lignes (il en a 21)."]
    textarea = response.content.decode().split('name="comment"')[1]
    assert "Revoir 2B-3\nRevoir 2B-3" in textarea.split("</textarea>")[0]
    assert reload(submitted).status == "submitted"


def test_the_decision_panel_is_above_the_notes_for_the_board_only(
    board_client, editor_client, submitted
):
    html = board_client.get(url("results", submitted)).content.decode()
    assert html.index('id="decision"') < html.index('id="global-note"')
    assert 'name="action" value="validate"' in html and 'name="action" value="return"' in html
    assert html.count('name="comment"') == 1  # one place to decide
    assert 'id="decision"' not in editor_client.get(url("results", submitted)).content.decode()


def test_no_decision_panel_once_decided(board_client, validated):
    html = board_client.get(url("results", validated)).content.decode()
    assert 'id="decision"' not in html
    assert 'name="action" value="reopen"' in html  # below its history


def test_a_returned_grid_is_editable_again(board_client, board, editor_client, submitted):
    response = decide(board_client, submitted, "return", "Justifiez 2B-3.")
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
    response = decide(board_client, validated, "reopen", "Erreur sur 1C-2.")
    assert messages_of(response) == ["Autoévaluation rouverte."]
    assessment = reload(validated)
    assert (assessment.status, assessment.scores) == ("returned", None)
    step = last_transition(assessment)
    assert (step.from_status, step.to_status, step.by, step.comment) == (
        "validated", "returned", board, "Erreur sur 1C-2.",
    )


def test_it_refuses_to_reopen_a_draft(board_client, assessment):
    response = decide(board_client, assessment, "reopen")
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


@pytest.mark.parametrize("action", BOARD_ACTIONS)
def test_the_staff_cannot_act_for_the_board(editor_client, submitted, action):
    response = decide(editor_client, submitted, action, "Moi aussi.")
    assert response.status_code == 403
    assert reload(submitted).status == "submitted"


def test_the_board_cannot_submit(board_client, filled):
    assert board_client.post(url("submit", filled)).status_code == 403
    assert reload(filled).status == "draft"


@pytest.mark.parametrize("action", BOARD_ACTIONS)
def test_it_refuses_outsider(outsider_client, cluster_a, submitted, action):
    response = decide(outsider_client, submitted, action, "x")
    assert_hidden_from_outsider(response, cluster_a)
    assert reload(submitted).status == "submitted"


def test_it_refuses_outsider_submitting(outsider_client, cluster_a, filled):
    assert_hidden_from_outsider(outsider_client.post(url("submit", filled)), cluster_a)
    assert reload(filled).status == "draft"


@pytest.mark.parametrize("action", BOARD_ACTIONS)
def test_it_sends_anonymous_to_login(anonymous, submitted, action):
    response = decide(anonymous, submitted, action)
    assert response["Location"] == login_url(url("results", submitted))
    assert reload(submitted).status == "submitted"


def test_it_refuses_get_to_submit(editor_client, filled):
    assert editor_client.get(url("submit", filled)).status_code == 405
    assert reload(filled).status == "draft"


def test_an_unknown_decision_is_refused(board_client, submitted):
    response = board_client.post(url("results", submitted), {"action": "publish"})
    assert response.status_code == 400
    assert "Décision inconnue" in response.content.decode()
    assert reload(submitted).status == "submitted"


def test_a_comment_too_long_is_refused_on_the_field_not_dropped(board_client, submitted):
    response = decide(board_client, submitted, "validate", "x" * 2001)
    assert response.status_code == 400
    assert field_errors(response) == ["Le commentaire dépasse 2000 caractères (il en a 2001)."]
    assert reload(submitted).status == "submitted"


def test_a_comment_of_too_many_lines_is_refused_when_reopening(board_client, validated):
    # Issue « No input within the rules stalls the site »: the PDF prints every line.
    response = decide(board_client, validated, "reopen", "a\n" * 21)
    assert response.status_code == 400
    assert field_errors(response) == ["Le commentaire dépasse 20 lignes (il en a 21)."]
    html = response.content.decode()
    assert html.index('id="reopen"') < html.index("Le commentaire dépasse 20 lignes")
    assert reload(validated).status == "validated"
    decide(board_client, validated, "reopen", "a\n" * 20)
    assert reload(validated).status == "returned"


def test_a_comment_is_shown_as_text_not_html(board_client, board, submitted):
    services.assessment_return(assessment=submitted, by=board, comment="<b>Revoir</b> 2B-3")
    html = board_client.get(url("results", submitted)).content.decode()
    assert "&lt;b&gt;Revoir&lt;/b&gt; 2B-3" in html
    assert "<b>Revoir</b>" not in html


def test_reopen_applies_to_a_validated_grid_only(board_client, submitted):
    response = decide(board_client, submitted, "reopen", "Trop tôt")
    assert response.status_code == 302
    submitted.refresh_from_db()
    assert submitted.status == "submitted"
