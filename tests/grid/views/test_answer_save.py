"""`grid:answer-save` (POST …/grille/reponse/): one answer saved as it is given, never overwriting
a colleague's answer silently (DESIGN §5)."""

import io
import json

import pytest
from django.core.management import call_command

from clusters.models import Membership
from tests.fixtures import (
    answers_of,
    assert_hidden_from_outsider,
    custom_of,
    fill,
    logged_in,
    login_url,
    make_member,
    url,
)

pytestmark = pytest.mark.django_db


def save(client, assessment, **data):
    return client.post(url("answer-save", assessment), data)


@pytest.fixture
def colleague(cluster_a):
    """A second staff member of cluster A, editing the same grid."""
    return make_member("equipe-a2", cluster_a, Membership.Role.EDITOR, "Paul", "Roux")


def test_it_saves_one_answer_and_returns_its_revision(editor_client, editor, assessment):
    response = save(editor_client, assessment, code="S-1", value="++", comment="", revision=0)
    assert response.status_code == 200
    body = response.json()
    assert (body["revision"], body["answered"], body["total"]) == (1, 1, 41)
    answer = assessment.answers.get(question__code="S-1")
    assert (answer.value, answer.revision, answer.updated_by) == ("++", 1, editor)


def test_it_returns_the_notes_of_the_stored_answers_as_grid_score_does(
    editor_client, editor, assessment, tmp_path
):
    """The page's live notes come from the scoring code (DESIGN §8): the `scores` of the
    response are `grid_score`'s output for the grid as now stored."""
    fill(assessment, editor, "+", codes=["S-1", "S-2", "1A-1", "2C-3"])
    response = save(editor_client, assessment, code="2C-3", value="++", comment="", revision=1)
    exported = tmp_path / "grid.json"
    exported.write_bytes(editor_client.get(url("export-json", assessment)).content)
    out = io.StringIO()
    call_command("grid_score", str(exported), stdout=out)
    assert response.json()["scores"] == json.loads(out.getvalue())
    assert response.json()["scores"]["axes"]["C"] > 0


def test_it_saves_not_applicable_with_its_comment(editor_client, assessment):
    response = save(
        editor_client, assessment, code="2B-3", value="na", comment=" Pas d'usine. ", revision=0
    )
    assert response.status_code == 200
    assert answers_of(assessment)["2B-3"] == ("na", "Pas d'usine.")


def test_it_clears_an_answer(editor_client, assessment):
    save(editor_client, assessment, code="S-1", value="+", revision=0)
    response = save(editor_client, assessment, code="S-1", value="", revision=1)
    assert response.json()["answered"] == 0
    assert answers_of(assessment)["S-1"] == ("", "")


def test_it_saves_a_custom_row(editor_client, assessment):
    response = save(
        editor_client, assessment, kind="custom", code="B", label="Covoiturage", level="2",
        bareme="3", value="+", revision=0,
    )
    assert response.status_code == 200
    assert response.json()["revision"] == 1
    assert custom_of(assessment)["B"] == ("Covoiturage", 2, 3, "+")


@pytest.mark.parametrize(
    ("data", "error"),
    [
        ({"code": "2B-3", "value": "na", "comment": "  "},
         "Question « 2B-3 » : « na » (non applicable) exige un commentaire."),
        ({"code": "S-1", "value": "na", "comment": "Pas de stratégie."},
         "Question « S-1 » : « na » (non applicable) est interdit dans la section S."),
        ({"code": "Z-9", "value": "+"},
         "Question « Z-9 » : code inconnu dans la grille « cgdd-2012 »."),
        ({"code": "1A-1", "value": "oui"},
         "Question « 1A-1 » : réponse « oui » invalide (attendu : ++, +, -, --, na)."),
        ({"kind": "custom", "code": "B", "label": "Covoiturage", "level": "2", "bareme": "7",
          "value": "+"}, "Autre action B : barème « 7 » invalide (entier de 1 à 4)."),
        ({"kind": "custom", "code": "B", "label": "Covoiturage", "level": "3", "bareme": "2",
          "value": "+"}, "Autre action B : niveau « 3 » invalide (1 ou 2)."),
        ({"kind": "custom", "code": "E", "label": "Covoiturage", "level": "2", "bareme": "2",
          "value": "+"}, "Autre action E : enjeu « E » inconnu (A, B, C ou D)."),
        ({"kind": "custom", "code": "B", "label": "Covoiturage", "level": "2", "bareme": "2",
          "value": "na"}, "Autre action B : réponse « na » invalide (attendu : ++, +, -, --)."),
        # Defect 5: NUL bytes returned 500 on PostgreSQL.
        ({"code": "1A-1", "value": "+", "comment": "a\x00b"},
         "Question « 1A-1 » : le commentaire contient un caractère invisible interdit "
         "(U+0000) : retirez-le."),
        ({"code": "1A-1\x00", "value": "+"},
         "Question « 1A-1U+0000 » : code inconnu dans la grille « cgdd-2012 »."),
        ({"kind": "custom", "code": "B", "label": "Co\x00voiturage", "level": "2",
          "bareme": "2", "value": "+"},
         "Autre action B : le libellé contient un caractère invisible interdit (U+0000) : "
         "retirez-le."),
        # Defect 1: free text is bounded.
        ({"code": "1A-1", "value": "+", "comment": "x" * 1001},
         "Question « 1A-1 » : le commentaire dépasse 1000 caractères (il en a 1001)."),
        # Issue « No input within the rules stalls the site »: 500 lines made the PDF 331 pages.
        ({"code": "1A-1", "value": "+", "comment": "a\n" * 500},
         "Question « 1A-1 » : le commentaire dépasse 10 lignes (il en a 500)."),
        # Defect 8: only two kinds of rows exist.
        ({"kind": "comment", "code": "1A-1", "value": "+"},
         "Type de ligne inconnu : « comment »."),
    ],
)
def test_it_refuses_bad_input_with_a_message_and_changes_nothing(
    editor_client, assessment, data, error
):
    before, custom_before = answers_of(assessment), custom_of(assessment)
    response = save(editor_client, assessment, revision=0, **data)
    assert response.status_code == 400
    assert response.json()["error"] == error
    assert answers_of(assessment) == before
    assert custom_of(assessment) == custom_before


def test_it_cannot_change_a_submitted_grid(editor_client, submitted):
    answer = submitted.answers.get(question__code="S-1")
    response = save(editor_client, submitted, code="S-1", value="--", revision=answer.revision)
    assert response.status_code == 400
    assert response.json()["error"] == (
        "Cette autoévaluation est soumise : elle ne se modifie plus."
    )
    assert answers_of(submitted)["S-1"] == ("++", "")


def test_it_cannot_change_a_validated_grid(editor_client, validated):
    response = save(editor_client, validated, kind="custom", code="A", label="x", value="+",
                    revision=0)
    assert response.status_code == 400
    assert "validée" in response.json()["error"]
    assert custom_of(validated)["A"] == ("", None, None, "")


def test_a_refused_na_gives_back_the_stored_answer_and_asks_for_the_comment(
    editor_client, editor, assessment
):
    # Issue #23: the page put the refused « na » on screen as if saved; it now puts this back.
    fill(assessment, editor, answers={"2B-3": "+"}, codes=["2B-3"], comments={"2B-3": "Suivi."})
    stored = assessment.answers.get(question__code="2B-3")
    response = save(editor_client, assessment, code="2B-3", value="na", comment=" ",
                    revision=stored.revision)
    assert response.status_code == 400
    assert response.json() == {
        "error": "Question « 2B-3 » : « na » (non applicable) exige un commentaire.",
        "stored": {"value": "+", "comment": "Suivi.", "revision": stored.revision},
        "wantsComment": True,
    }


@pytest.mark.parametrize(
    "data",
    [
        {"code": "S-1", "value": "na", "comment": ""},  # forbidden in S: no comment would do
        {"code": "1A-1", "value": "+", "comment": "a\n" * 11},
    ],
)
def test_other_refusals_give_back_the_stored_answer_without_asking_for_a_comment(
    editor_client, assessment, data
):
    response = save(editor_client, assessment, revision=0, **data)
    body = response.json()
    assert (response.status_code, body["wantsComment"]) == (400, False)
    assert body["stored"] == {"value": "", "comment": "", "revision": 0}


def test_a_refused_custom_row_gives_back_the_stored_row(editor_client, assessment):
    response = save(editor_client, assessment, kind="custom", code="B", label="Covoiturage",
                    level="2", bareme="2", value="na", revision=0)
    assert response.json()["stored"] == {"value": "", "label": "", "level": None,
                                         "bareme": None, "revision": 0}


def test_a_refusal_for_an_unknown_code_has_no_stored_row(editor_client, assessment):
    response = save(editor_client, assessment, code="Z-9", value="+", revision=0)
    assert response.json()["stored"] is None


def test_a_submitted_grid_refuses_with_the_stored_answer(editor_client, submitted):
    answer = submitted.answers.get(question__code="S-1")
    response = save(editor_client, submitted, code="S-1", value="--", revision=answer.revision)
    assert response.json()["stored"] == {"value": "++", "comment": "",
                                         "revision": answer.revision}


# --- two people, one question ---


def test_the_later_of_two_saves_from_one_revision_is_refused(
    editor_client, colleague, assessment
):
    first = save(logged_in(colleague), assessment, code="1A-3", value="+", comment="Charte.",
                 revision=0)
    assert first.status_code == 200
    second = save(editor_client, assessment, code="1A-3", value="--", comment="", revision=0)
    assert second.status_code == 409
    conflict = second.json()["conflict"]
    assert conflict["value"] == "+"
    assert conflict["comment"] == "Charte."
    assert conflict["revision"] == 1
    assert conflict["message"].startswith("Paul Roux a enregistré entre-temps la réponse « + »")
    assert answers_of(assessment)["1A-3"] == ("+", "Charte.")


def test_the_refused_person_may_replace_the_answer_knowingly(editor_client, colleague,
                                                             assessment):
    save(logged_in(colleague), assessment, code="1A-3", value="+", revision=0)
    conflict = save(editor_client, assessment, code="1A-3", value="--", revision=0).json()
    response = save(editor_client, assessment, code="1A-3", value="--",
                    revision=conflict["conflict"]["revision"])
    assert response.status_code == 200
    assert answers_of(assessment)["1A-3"] == ("--", "")


def test_a_custom_row_conflict_is_refused_too(editor_client, colleague, assessment):
    row = {"kind": "custom", "code": "D", "level": "2", "bareme": "2", "revision": 0}
    save(logged_in(colleague), assessment, label="Hackathon", value="++", **row)
    response = save(editor_client, assessment, label="Démonstrateur", value="-", **row)
    assert response.status_code == 409
    assert response.json()["conflict"]["value"] == "++"
    assert response.json()["conflict"]["label"] == "Hackathon"
    assert custom_of(assessment)["D"] == ("Hackathon", 2, 2, "++")


def test_it_refuses_the_board(board_client, assessment):
    response = save(board_client, assessment, code="S-1", value="++", revision=0)
    assert response.status_code == 403
    assert answers_of(assessment)["S-1"] == ("", "")


def test_it_refuses_outsider(outsider_client, cluster_a, assessment):
    response = save(outsider_client, assessment, code="S-1", value="++", revision=0)
    assert_hidden_from_outsider(response, cluster_a)
    assert answers_of(assessment)["S-1"] == ("", "")


def test_it_sends_anonymous_to_login(anonymous, assessment):
    response = save(anonymous, assessment, code="S-1", value="++", revision=0)
    assert response["Location"] == login_url(url("answer-save", assessment))
    assert answers_of(assessment)["S-1"] == ("", "")


def test_it_refuses_get(editor_client, assessment):
    assert editor_client.get(url("answer-save", assessment)).status_code == 405


def test_it_refuses_a_custom_label_over_300_characters(editor_client, assessment):
    response = save(editor_client, assessment, kind="custom", code="A", label="x" * 301,
                    level="1", bareme="2", value="+", revision=0)
    assert response.status_code == 400
    assert response.json()["error"] == (
        "Autre action A : le libellé dépasse 300 caractères (il en a 301)."
    )
    assert custom_of(assessment)["A"] == ("", None, None, "")


@pytest.mark.parametrize("revision", [None, "", "deux", "-1"])
def test_a_missing_or_unreadable_revision_is_refused_without_blaming_anyone(
    editor_client, assessment, revision
):
    # Defect 8: this was a 409 « someone saved meanwhile » naming the person themself.
    data = {"code": "S-1", "value": "+"}
    if revision is not None:
        data["revision"] = revision
    response = save(editor_client, assessment, **data)
    assert response.status_code == 400
    assert "rechargez la page" in response.json()["error"]
    assert answers_of(assessment)["S-1"] == ("", "")


def test_a_save_moves_the_answers_updated_at(editor_client, assessment):
    # Defect 7: QuerySet.update() left `updated_at` at the grid's creation.
    answer = assessment.answers.get(question__code="S-1")
    save(editor_client, assessment, code="S-1", value="+", revision=0)
    answer_after = assessment.answers.get(question__code="S-1")
    assert answer_after.updated_at > answer.updated_at


def test_saving_the_stored_answer_again_is_not_a_conflict(editor_client, colleague, assessment):
    save(logged_in(colleague), assessment, code="1A-3", value="+", revision=0)
    response = save(editor_client, assessment, code="1A-3", value="+", revision=0)
    assert response.status_code == 200
    assert response.json()["revision"] == 1


def test_an_oversized_body_gets_a_json_message(editor_client, assessment, settings):
    # Defect 8: an HTML 400 made the page's script report « connexion perdue ».
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 10_000
    response = editor_client.post(
        url("answer-save", assessment),
        {"code": "S-1", "value": "+", "comment": "x" * 20_000, "revision": 0},
        HTTP_ACCEPT="application/json",
    )
    assert response.status_code == 413
    assert "trop volumineuse" in response.json()["error"]
    assert answers_of(assessment)["S-1"] == ("", "")


def test_too_many_fields_get_a_json_message(editor_client, assessment, settings):
    # Django refuses them before the view (TooManyFieldsSent): an HTML 400 made the page's
    # script report « connexion perdue ».
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 20
    response = editor_client.post(
        url("answer-save", assessment),
        {"code": "S-1", "value": "+", "comment": "", "revision": 0,
         **{f"x{n}": "" for n in range(30)}},
        HTTP_ACCEPT="application/json",
    )
    assert response.status_code == 400
    assert response.json()["error"] == (
        "La requête envoie plus de 20 champs : rien n'a été enregistré. Rechargez la page, "
        "puis recommencez.")
    assert answers_of(assessment)["S-1"] == ("", "")


def test_its_queries_do_not_grow_with_the_answers(
    editor_client, editor, assessment, django_assert_num_queries
):
    # session, user, membership, assessment, the version's questions (form and rules); in a
    # savepoint: the lock, answers, custom rows, the row to write, its update. The notes of the
    # response are scored from what the save read: no query more.
    with django_assert_num_queries(11):
        save(editor_client, assessment, code="S-1", value="+", revision=0)
    fill(assessment, editor, "++")
    with django_assert_num_queries(11):
        save(editor_client, assessment, code="S-2", value="-", revision=1)
