"""Grid specs by code are kept per process (grid.specs, initiatives.kept), and the JSON parser
translates a message only for an error, in the language of the moment."""

import json
from contextlib import contextmanager
from fractions import Fraction

import pytest
from django.utils import translation

from grid.models import GridVersion, Question
from grid.payload import PayloadError, parse_payload_text
from grid.services import grid_version_derive
from grid.specs import grid_spec_by_code
from initiatives import kept
from tests.fixtures import GRID

pytestmark = pytest.mark.django_db


@contextmanager
def in_request():
    """As within a request, where the content stamp is read once (sending request_started
    itself would close the test's database connection)."""
    kept._request_starts()
    try:
        yield
    finally:
        kept._request_ends()


def test_a_kept_spec_costs_no_query_within_a_request(django_assert_num_queries):
    with in_request():
        spec = grid_spec_by_code(GRID)
        with django_assert_num_queries(0):
            assert grid_spec_by_code(GRID) is spec
            assert grid_spec_by_code("no-such-grid") is None
    with django_assert_num_queries(1):  # outside a request: the content stamp, every time
        assert grid_spec_by_code(GRID) is spec


def test_an_edit_of_a_version_not_yet_in_use_is_seen_at_once(version):
    draft = grid_version_derive(source=version, code="cgdd-2027", name="Projet 2027")
    question = draft.questions.get(code="1A-1")
    assert grid_spec_by_code("cgdd-2027").question("1A-1").bareme == question.bareme
    question.bareme = question.bareme % 4 + 1
    question.save()  # through history, as the admin saves
    assert grid_spec_by_code("cgdd-2027").question("1A-1").bareme == question.bareme
    draft.answer_weights = {**draft.answer_weights, "+": "1/2"}
    draft.save()
    assert grid_spec_by_code("cgdd-2027").weights["+"] == Fraction(1, 2)
    assert grid_spec_by_code(GRID).question("1A-1").bareme == version.questions.get(
        code="1A-1").bareme


def test_a_new_version_and_a_removed_question_are_seen():
    assert grid_spec_by_code("cgdd-2030") is None
    GridVersion.objects.create(code="cgdd-2030", name="2030")
    assert grid_spec_by_code("cgdd-2030").questions == ()
    Question.objects.get(version__code=GRID, code="2D-4").delete()
    assert grid_spec_by_code(GRID).question("2D-4") is None


BAD = {
    "grid": GRID,
    "answers": {"1A-1": {"answer": "na", "comment": "x" * 1001}, "1A-2": 3},
    "custom": [{"enjeu": "A", "label": "l" * 301, "level": 1, "bareme": 1, "answer": "+"}],
}


@pytest.mark.parametrize("language, messages", [
    ("fr", [
        "Question « 1A-1 » : le commentaire dépasse 1000 caractères (il en a 1001).",
        "Question « 1A-2 » : la réponse doit être une chaîne ou un objet "
        "{« answer », « comment »}.",
        "Ligne « autre action » n° 1 : le libellé dépasse 300 caractères (il en a 301).",
    ]),
    ("en", [
        "Question “1A-1” : the comment exceeds 1000 characters (it has 1001).",
        "Question “1A-2”: the answer must be a string or an object {“answer”, “comment”}.",
        "“Other action” row no. 1 : the label exceeds 300 characters (it has 301).",
    ]),
])
def test_the_messages_are_translated_when_an_error_is_found(language, messages):
    with translation.override(language), pytest.raises(PayloadError) as refused:
        parse_payload_text(json.dumps(BAD), grid_spec_by_code)
    assert refused.value.messages == messages
