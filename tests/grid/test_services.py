"""`grid.services`: the rules the pages rely on, called directly."""

from importlib import import_module

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from grid import services
from grid.models import Campaign, GridVersion, Question, Transition
from grid.payload import ParsedPayload
from grid.scoring import AnswerValue
from initiatives.models import Section
from tests.fixtures import answers_of, custom_of, fill, set_custom

pytestmark = pytest.mark.django_db


# --- two people, one answer (DESIGN §5) ---


def test_answer_save_keeps_the_first_of_two_saves_from_one_revision(assessment, editor, board):
    services.answer_save(assessment=assessment, code="2A-1", value="+", comment="Comité.",
                         revision=0, by=editor)
    with pytest.raises(services.StaleAnswer) as stale:
        services.answer_save(assessment=assessment, code="2A-1", value="--", comment="",
                             revision=0, by=board)
    assert (stale.value.current.value, stale.value.current.comment) == ("+", "Comité.")
    assert stale.value.current.updated_by == editor
    answer = assessment.answers.get(question__code="2A-1")
    assert (answer.value, answer.revision, answer.updated_by) == ("+", 1, editor)


def test_custom_answer_save_keeps_the_first_of_two_saves(assessment, editor, board):
    set_custom(assessment, editor, "A", label="Comité DD", level=1, bareme=2, value="+")
    with pytest.raises(services.StaleAnswer) as stale:
        services.custom_answer_save(assessment=assessment, enjeu="A", label="Autre", level=2,
                                    bareme=4, value="--", revision=0, by=board)
    assert stale.value.current.label == "Comité DD"
    assert custom_of(assessment)["A"] == ("Comité DD", 1, 2, "+")


# --- starting a year ---


@pytest.fixture
def version_2026(db):
    """A later grid version keeping S-1 and S-2, dropping the rest, adding S-9."""
    version = GridVersion.objects.create(code="test-2026", name="Grille 2026")
    strategy = Section.objects.get(code="S")
    for order, code in enumerate(["S-1", "S-2", "S-9"], start=1):
        Question.objects.create(version=version, section=strategy, code=code, order=order,
                                text=f"Le pôle … ({code})", bareme=4, origin="reconstructed")
    Campaign.objects.create(year=2026, version=version)
    return version


def test_prefill_carries_answers_where_the_code_exists_in_both_versions(
    cluster_a, editor, assessment, version_2026
):
    fill(assessment, editor, "-", answers={"S-1": "++", "S-2": "+"}, comments={"S-2": "Revue."})
    set_custom(assessment, editor, "C", label="Tutorat", level=1, bareme=2, value="+")
    started = services.assessment_start(cluster=cluster_a, year=2026, by=editor, prefill=True)
    assert answers_of(started) == {"S-1": ("++", ""), "S-2": ("+", "Revue."), "S-9": ("", "")}
    assert custom_of(started)["C"] == ("Tutorat", 1, 2, "+")


def test_prefill_takes_the_latest_earlier_year(cluster_a, editor, campaign_2024,
                                               assessment, version_2026):
    older = services.assessment_start(cluster=cluster_a, year=2024, by=editor, prefill=False)
    fill(older, editor, "--")
    fill(assessment, editor, "+", codes=["S-1"])
    started = services.assessment_start(cluster=cluster_a, year=2026, by=editor, prefill=True)
    assert answers_of(started)["S-1"] == ("+", "")
    assert answers_of(started)["S-2"] == ("", "")


def test_start_never_reads_another_clusters_answers(cluster_b, outsider, editor, filled):
    started = services.assessment_start(cluster=cluster_b, year=2025, by=outsider, prefill=True)
    assert set(answers_of(started).values()) == {("", "")}


# --- import ---


def test_import_refuses_a_file_of_another_grid(assessment, editor):
    with pytest.raises(ValidationError, match="grille test-2026"):
        services.assessment_import(assessment=assessment, grid_code="test-2026",
                                   payload=ParsedPayload(), revisions={}, by=editor)


def test_import_refuses_a_validated_assessment(validated, editor):
    payload = ParsedPayload(answers={"S-1": AnswerValue("--")})
    with pytest.raises(ValidationError, match="validée"):
        services.assessment_import(assessment=validated, grid_code="cgdd-2012",
                                   payload=payload, revisions={}, by=editor)
    assert answers_of(validated)["S-1"] == ("++", "")


@pytest.mark.parametrize(
    ("answers", "message"),
    [
        ({"S-1": AnswerValue("na")},
         "Question « S-1 » : « na » (non applicable) est interdit dans la section S."),
        ({"2B-3": AnswerValue("na")},
         "Question « 2B-3 » : « na » (non applicable) exige un commentaire."),
        ({"1A-1": AnswerValue("oui")},
         "Question « 1A-1 » : réponse « oui » invalide (attendu : ++, +, -, --, na)."),
        ({"1A-1": AnswerValue("+", "x" * 1001)},
         "Question « 1A-1 » : le commentaire dépasse 1000 caractères (il en a 1001)."),
        ({"1A-1": AnswerValue("+", "a\n" * 500)},
         "Question « 1A-1 » : le commentaire dépasse 10 lignes (il en a 500)."),
    ],
)
def test_import_checks_the_rules_itself(assessment, editor, answers, message):
    # Defect 6: called directly, the service stored what the payload said.
    revisions = dict(assessment.answers.values_list("question__code", "revision"))
    with pytest.raises(ValidationError) as refused:
        services.assessment_import(assessment=assessment, grid_code="cgdd-2012",
                                   payload=ParsedPayload(answers=answers), revisions=revisions,
                                   by=editor)
    assert refused.value.messages == [message]
    assert set(answers_of(assessment).values()) == {("", "")}


def test_import_writes_nothing_when_a_row_changed_since_the_preview(assessment, editor):
    revisions = dict(assessment.answers.values_list("question__code", "revision"))
    fill(assessment, editor, "--", codes=["S-2"])  # a colleague's autosave
    payload = ParsedPayload(answers={"S-1": AnswerValue("+"), "S-2": AnswerValue("++")})
    with pytest.raises(services.StaleAnswer) as stale:
        services.assessment_import(assessment=assessment, grid_code="cgdd-2012",
                                   payload=payload, revisions=revisions, by=editor)
    assert [row.question.code for row in stale.value.conflicts] == ["S-2"]
    assert answers_of(assessment)["S-1"] == ("", "")
    assert answers_of(assessment)["S-2"] == ("--", "")


def test_the_database_refuses_what_the_rules_refuse(assessment):
    answer = assessment.answers.get(question__code="2B-3")
    for value, comment in (("ok", ""), ("na", ""), ("+", "x" * 1001)):
        answer.value, answer.comment = value, comment
        with pytest.raises(IntegrityError), transaction.atomic():
            answer.save()


def test_the_database_refuses_comments_of_too_many_lines(assessment, editor):
    answer = assessment.answers.get(question__code="2B-3")
    answer.comment = "a\n" * 9 + "a"  # 10 lines: allowed
    answer.save()
    answer.comment = "a\n" * 10 + "a"
    with pytest.raises(IntegrityError), transaction.atomic():
        answer.save()
    step = Transition(assessment=assessment, from_status="draft", to_status="draft", by=editor,
                      comment="a\n" * 20 + "a")
    with pytest.raises(IntegrityError), transaction.atomic():
        step.save()


def test_comments_written_before_the_bound_keep_their_words_on_fewer_lines():
    fold = import_module("grid.migrations.0008_fold_long_comments").fold
    assert fold("a\nb\nc\nd", 3) == "a\nb\nc d"
    assert fold("a\nb", 3) == "a\nb"
    text = "\n".join(f"ligne {n}" for n in range(500))
    assert fold(text, 10).count("\n") == 9 and len(fold(text, 10)) == len(text)
