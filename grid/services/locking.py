"""The row lock every write into an existing assessment takes first.

Of two concurrent writers the second waits for the first to commit, then sees its status: so
nothing is saved into an assessment that has left draft or returned, and of two workflow steps
exactly one happens (DESIGN §8). Callers hold a transaction.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from ..models import Assessment


def assessment_lock(assessment: Assessment) -> Assessment:
    """Lock the assessment's row for the rest of the transaction and bring the status, scores
    and updated_at of `assessment` up to date with it (the caller's object is the one the
    service works on and returns)."""
    fresh = (
        Assessment.objects.select_for_update(of=("self",))
        .only("status", "scores", "updated_at")
        .get(pk=assessment.pk)
    )
    assessment.status, assessment.scores = fresh.status, fresh.scores
    assessment.updated_at = fresh.updated_at
    return assessment


def assessment_lock_editable(assessment: Assessment) -> Assessment:
    """`assessment_lock`, refusing an assessment that is no longer draft or returned."""
    locked = assessment_lock(assessment)
    if not locked.is_editable:
        raise ValidationError(
            _("Cette autoévaluation est %(status)s : elle ne se modifie plus.")
            % {"status": locked.get_status_display()}
        )
    return locked
