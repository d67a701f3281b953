"""Writers racing on one assessment (defects 2 and 3 of the outside test): the assessment's row
lock makes the second writer wait for the first to commit, then see what it did.

Row locks are PostgreSQL's (SQLite queues whole transactions instead: no race to show there).
"""

from django.core.exceptions import ValidationError
from django.db import transaction

from grid import services
from grid.models import Assessment, Transition
from grid.payload import ParsedPayload
from grid.scoring import AnswerValue
from tests.fixtures import answers_of
from tests.races import finish, postgresql_only, start_and_wait

pytestmark = postgresql_only("row locks are PostgreSQL's")


def race(assessment, *calls, then=None):
    """Hold the assessment's lock (a writer in the middle of its work), start the calls, let
    them queue behind it, run `then` inside the held transaction, commit, and return them."""
    with transaction.atomic():
        Assessment.objects.select_for_update().get(pk=assessment.pk)
        racers = start_and_wait(*calls)
        if then is not None:
            then()
    return finish(racers)


def test_an_autosave_waiting_on_a_submission_is_refused_once_it_is_submitted(filled, editor):
    # Defect 2: the editability check read the assessment outside the transaction.
    answer = filled.answers.get(question__code="1A-1")
    (autosave,) = race(
        filled,
        lambda: services.answer_save(assessment=Assessment.objects.get(pk=filled.pk),
                                     code="1A-1", value="--", comment="",
                                     revision=answer.revision, by=editor),
        then=lambda: services.assessment_submit(assessment=filled, by=editor),
    )
    assert isinstance(autosave.error, ValidationError)
    assert autosave.error.messages == [
        "Cette autoévaluation est soumise : elle ne se modifie plus."
    ]
    assert answers_of(filled)["1A-1"] == ("++", "")
    stored = Assessment.objects.get(pk=filled.pk).scores
    assert stored["global"] == 1.0  # the scores frozen are those of the answers kept


def test_of_two_submissions_at_once_exactly_one_is_recorded(filled, editor):
    # Defect 3: both recorded a draft → submitted transition.
    def submit():
        return services.assessment_submit(assessment=Assessment.objects.get(pk=filled.pk),
                                          by=editor)

    racers = race(filled, submit, submit)
    assert sorted(r.error is None for r in racers) == [False, True]
    (loser,) = [r for r in racers if r.error is not None]
    assert loser.error.messages[0].startswith(
        "Impossible de « soumettre la grille » : l'autoévaluation est au statut « soumise » "
        "(soumise par Élise Martin le "
    )
    assert Transition.objects.filter(assessment=filled, to_status="submitted").count() == 1


def test_validate_and_return_at_once_one_wins_and_the_other_is_told_why(submitted, board):
    # Defect 3: both were recorded, the last commit won, and both users were told it worked.
    def validate():
        return services.assessment_validate(
            assessment=Assessment.objects.get(pk=submitted.pk), by=board, comment="OK")

    def send_back():
        return services.assessment_return(
            assessment=Assessment.objects.get(pk=submitted.pk), by=board, comment="À revoir")

    racers = race(submitted, validate, send_back)
    assert sorted(r.error is None for r in racers) == [False, True]
    (winner,) = [r for r in racers if r.error is None]
    (loser,) = [r for r in racers if r.error is not None]
    assert Assessment.objects.get(pk=submitted.pk).status == winner.result.status
    assert "Impossible de" in loser.error.messages[0]
    assert Transition.objects.filter(
        assessment=submitted, from_status="submitted").count() == 1


def test_an_import_waiting_on_a_submission_writes_nothing(filled, editor):
    revisions = dict(filled.answers.values_list("question__code", "revision"))
    (imported,) = race(
        filled,
        lambda: services.assessment_import(
            assessment=Assessment.objects.get(pk=filled.pk), grid_code="cgdd-2012",
            payload=ParsedPayload(answers={"S-1": AnswerValue("--")}), revisions=revisions,
            by=editor),
        then=lambda: services.assessment_submit(assessment=filled, by=editor),
    )
    assert isinstance(imported.error, ValidationError)
    assert answers_of(filled)["S-1"] == ("++", "")



def test_of_two_starts_of_one_year_at_once_the_second_gets_the_first_ones(
        cluster_a, editor, board, campaign_2025):
    # The second « commencer » ended in an IntegrityError (500).
    with transaction.atomic():  # the first, in the middle of its work: the year not committed
        first = services.assessment_start(cluster=cluster_a, year=2025, by=editor,
                                          prefill=False)
        racers = start_and_wait(lambda: services.assessment_start(
            cluster=cluster_a, year=2025, by=board, prefill=False))
    (second,) = finish(racers)
    assert isinstance(second.error, services.AssessmentExists)
    assert second.error.assessment.pk == first.pk
    assert second.error.messages[0].startswith("Élise Martin a commencé l'autoévaluation 2025")
    assert Assessment.objects.filter(cluster=cluster_a).count() == 1
    assert Transition.objects.filter(assessment=first).count() == 1
    assert first.answers.count() == 41
