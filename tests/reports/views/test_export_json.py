"""`reports:export-json` (…/export.json): the assessment in the JSON of DESIGN §4, as a download."""

import json

import pytest

from tests.fixtures import (
    fill,
    set_custom,
    url,
)

pytestmark = pytest.mark.django_db


def test_it_downloads_the_answers_comments_and_custom_rows(editor_client, editor, assessment):
    fill(assessment, editor, codes=["S-1"], answers={"1A-1": "+", "2B-3": "na"},
         comments={"2B-3": "Pas de site.", "1A-1": "Charte signée."})
    set_custom(assessment, editor, "B", label="Covoiturage", level=2, bareme=3, value="+")
    response = editor_client.get(url("export-json", assessment))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response["Content-Disposition"] == 'attachment; filename="pole-alpha-2025.json"'
    payload = json.loads(response.content)
    assert payload["grid"] == "cgdd-2012"
    assert payload["answers"] == {
        "S-1": "++",
        "1A-1": {"answer": "+", "comment": "Charte signée."},
        "2B-3": {"answer": "na", "comment": "Pas de site."},
    }
    assert {"enjeu": "B", "level": 2, "label": "Covoiturage", "bareme": 3, "answer": "+"} in (
        payload["custom"]
    )


def test_it_keeps_accents_readable(editor_client, editor, assessment):
    fill(assessment, editor, codes=[], answers={"1A-1": "+"}, comments={"1A-1": "Élus associés"})
    assert "Élus associés" in editor_client.get(url("export-json", assessment)).content.decode()


def test_its_queries_do_not_grow_with_the_answers(
    editor_client, editor, assessment, django_assert_num_queries
):
    # session, user, membership, assessment, grid spec, answers, custom rows, the version's
    # maturity levels (the optional « maturity » key), actions, their sheets, the evidence
    with django_assert_num_queries(10):
        editor_client.get(url("export-json", assessment))
    fill(assessment, editor)
    with django_assert_num_queries(10):
        editor_client.get(url("export-json", assessment))
