"""`grid:grid` (/poles/<slug>/<year>/grille/): the 41 questions, and the no-JavaScript save."""

import re

import pytest

from clusters.models import Membership
from clusters.services import membership_add
from tests.grid.conftest import (
    answers_of,
    assert_hidden_from_outsider,
    custom_of,
    fill,
    logged_in,
    login_url,
    make_member,
    messages_of,
    page_form_data,
    url,
)

pytestmark = pytest.mark.django_db


def question_fieldsets(html):
    return re.findall(r'<fieldset class="question card[^"]*" id="q-([^"]+)"[^>]*>', html)


def test_it_shows_the_owner_every_question_editable(editor_client, assessment):
    response = editor_client.get(url("grid", assessment))
    assert response.status_code == 200
    html = response.content.decode()
    codes = question_fieldsets(html)
    assert len(codes) == 41
    assert codes[:5] == ["S-1", "S-2", "S-3", "S-4", "1A-1"]
    assert html.count('data-kind="custom"') == 4
    assert " disabled>" not in html
    assert url("answer-save", assessment) in html
    assert "/static/js/grid.js" in html
    assert "Enregistrer tout" in html and url("submit", assessment) in html
    assert response.context["can_edit"] is True


def test_it_offers_not_applicable_outside_section_s_only(editor_client, assessment):
    html = editor_client.get(url("grid", assessment)).content.decode()
    assert 'name="value-S-1" id="value-S-1-5" value="na"' not in html
    assert 'name="value-1A-1" id="value-1A-1-5" value="na"' in html
    assert 'for="comment-1A-1"' in html  # every control has its label


def test_it_shows_saved_answers_and_the_count(editor_client, editor, assessment):
    fill(assessment, editor, answers={"S-1": "+", "2B-3": "na"},
         comments={"2B-3": "Pas de site industriel."}, codes=[])
    response = editor_client.get(url("grid", assessment))
    html = response.content.decode()
    assert 'name="value-S-1" id="value-S-1-2" value="+" checked' in html
    assert "Pas de site industriel." in html
    assert response.context["answered"] == 2 and response.context["total"] == 41
    assert '<span id="answered">2</span> / 41' in html


def test_it_is_read_only_for_the_board(board_client, assessment):
    response = board_client.get(url("grid", assessment))
    assert response.status_code == 200
    html = response.content.decode()
    assert response.context["can_edit"] is False
    assert len(re.findall(r'data-kind="question" data-code="[^"]+" disabled', html)) == 41
    assert "Lecture seule" in html
    assert "Enregistrer tout" not in html and "/static/js/grid.js" not in html


def test_it_is_read_only_for_the_owner_once_submitted(editor_client, submitted):
    response = editor_client.get(url("grid", submitted))
    assert response.context["can_edit"] is False
    html = response.content.decode()
    assert "elle ne se modifie plus" in html
    assert "Enregistrer tout" not in html


def test_it_sends_anonymous_to_login(anonymous, assessment):
    response = anonymous.get(url("grid", assessment))
    assert response["Location"] == login_url(url("grid", assessment))


def test_it_refuses_outsider(outsider_client, cluster_a, assessment):
    assert_hidden_from_outsider(outsider_client.get(url("grid", assessment)), cluster_a)


def test_a_year_not_started_is_404(editor_client, cluster_a, assessment):
    response = editor_client.get(url("grid", slug=cluster_a.slug, year=2024))
    assert response.status_code == 404


@pytest.mark.parametrize("method", ["put", "delete", "patch"])
def test_it_refuses_other_methods(editor_client, assessment, method):
    assert getattr(editor_client, method)(url("grid", assessment)).status_code == 405


def test_its_queries_do_not_grow_with_the_answers(
    editor_client, editor, assessment, django_assert_num_queries
):
    # session, user, membership, assessment, questions, their levers, their sheets, answers,
    # custom rows
    with django_assert_num_queries(9):
        editor_client.get(url("grid", assessment))
    fill(assessment, editor, "+")
    with django_assert_num_queries(9):
        response = editor_client.get(url("grid", assessment))
    assert response.context["answered"] == 41


# --- « Enregistrer tout »: the page posted as a whole, without JavaScript ---


def test_the_whole_form_saves_the_changed_rows(editor_client, editor, assessment):
    data = page_form_data(
        assessment, **{"value-S-1": "++", "value-2B-3": "na", "comment-2B-3": "Pas d'usine.",
                       "label-autre-B": "Covoiturage", "level-autre-B": "2",
                       "bareme-autre-B": "3", "value-autre-B": "+"},
    )
    response = editor_client.post(url("grid", assessment), data)
    assert response.status_code == 302
    assert response["Location"] == url("grid", assessment)
    assert messages_of(response) == ["3 réponse(s) enregistrée(s)."]
    answers = answers_of(assessment)
    assert answers["S-1"] == ("++", "")
    assert answers["2B-3"] == ("na", "Pas d'usine.")
    assert custom_of(assessment)["B"] == ("Covoiturage", 2, 3, "+")
    assert assessment.answers.get(question__code="S-1").updated_by == editor


def test_the_whole_form_posted_unchanged_saves_nothing(editor_client, editor, assessment):
    fill(assessment, editor, codes=["S-1"])
    revisions = list(assessment.answers.values_list("revision", flat=True))
    custom_revisions = list(assessment.custom_answers.values_list("revision", flat=True))
    response = editor_client.post(url("grid", assessment), page_form_data(assessment))
    assert messages_of(response) == []
    assert list(assessment.answers.values_list("revision", flat=True)) == revisions
    assert list(assessment.custom_answers.values_list("revision", flat=True)) == custom_revisions


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"value-2B-3": "na"},
         "2B-3 : dites en commentaire pourquoi la question ne s'applique pas."),
        ({"value-S-2": "na", "comment-S-2": "Pas de stratégie."},
         "S-2 : « non applicable » n'est pas possible dans la section Stratégie."),
        ({"value-1A-1": "+++"}, "Réponse inconnue : +++."),
        ({"label-autre-C": "Tutorat", "level-autre-C": "1", "bareme-autre-C": "7",
          "value-autre-C": "+"}, "Le barème d'une autre action va de 1 à 4."),
    ],
)
def test_the_whole_form_refuses_bad_input_with_a_message(
    editor_client, assessment, changes, message
):
    before, custom_before = answers_of(assessment), custom_of(assessment)
    response = editor_client.post(url("grid", assessment), page_form_data(assessment, **changes))
    assert messages_of(response) == [message]
    assert answers_of(assessment) == before
    assert custom_of(assessment) == custom_before


def test_the_whole_form_reports_a_conflict_and_keeps_the_first_answer(
    editor_client, cluster_a, assessment
):
    loaded = page_form_data(assessment, **{"value-S-1": "-"})
    colleague = make_member("equipe-a2", cluster_a, Membership.Role.EDITOR, "Paul", "Roux")
    fill(assessment, colleague, "++", codes=["S-1"])  # saved while the page was open
    response = editor_client.post(url("grid", assessment), loaded)
    (message,) = messages_of(response)
    assert message.startswith("S-1 : Paul Roux a enregistré entre-temps la réponse « ++ »")
    assert answers_of(assessment)["S-1"] == ("++", "")


def test_the_whole_form_refuses_the_board(board_client, assessment):
    response = board_client.post(
        url("grid", assessment), page_form_data(assessment, **{"value-S-1": "++"})
    )
    assert response.status_code == 403
    assert answers_of(assessment)["S-1"] == ("", "")


def test_the_whole_form_refuses_outsider(outsider_client, cluster_a, assessment):
    response = outsider_client.post(
        url("grid", assessment), page_form_data(assessment, **{"value-S-1": "++"})
    )
    assert_hidden_from_outsider(response, cluster_a)
    assert answers_of(assessment)["S-1"] == ("", "")


def test_the_whole_form_cannot_change_a_submitted_grid(editor_client, submitted):
    response = editor_client.post(
        url("grid", submitted), page_form_data(submitted, **{"value-S-1": "--"})
    )
    assert messages_of(response) == [
        "Cette autoévaluation est soumise : elle ne se modifie plus."
    ]
    assert answers_of(submitted)["S-1"] == ("++", "")


def test_an_editor_of_another_cluster_who_is_board_here_cannot_save(
    outsider, cluster_a, assessment
):
    membership_add(cluster=cluster_a, user=outsider, role=Membership.Role.BOARD)
    response = logged_in(outsider).post(
        url("grid", assessment), page_form_data(assessment, **{"value-S-1": "+"})
    )
    assert response.status_code == 403
