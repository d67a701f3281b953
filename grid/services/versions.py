"""Grid versions and their maturity levels, written by content admins (DESIGN §3, §8).

Whether a version is frozen is a read: `grid.selectors.grid_version_is_frozen`.
"""

import datetime
from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone

from ..maturity import DEFAULT_BANDS
from ..models import GridVersion, MaturityLevel, Question


@transaction.atomic
def grid_version_derive(*, source: GridVersion, code: str, name: str) -> GridVersion:
    """A new, editable grid version copying the answer weights and every question of `source`
    (DESIGN §3), and its maturity levels (the default ones if it had none)."""
    version = GridVersion(
        code=code, name=name, description=source.description,
        answer_weights=dict(source.answer_weights), derived_from=source,
    )
    version.full_clean()
    version.save()
    for question in source.questions.prefetch_related("levers", "sheets"):
        copy = Question.objects.create(
            version=version, section_id=question.section_id, code=question.code,
            order=question.order, text=question.text, bareme=question.bareme,
            origin=question.origin, anchor_sheet_id=question.anchor_sheet_id,
            source_lines=question.source_lines, reviewed_on=question.reviewed_on,
            reviewed_by_id=question.reviewed_by_id,
        )
        copy.levers.set(question.levers.all())
        copy.sheets.set(question.sheets.all())
    bands = list(source.maturity_levels.values_list("rank", "letter", "name", "lower_bound"))
    maturity_levels_default(version, bands or DEFAULT_BANDS)
    return version


def maturity_levels_default(version: GridVersion, bands=DEFAULT_BANDS) -> None:
    """Give a version without levels these bands (rank, letter, name, lower bound in %). The
    caller holds the transaction (the admin's save, or `grid_version_derive`)."""
    for rank, letter, name, bound in bands:  # one by one: each is kept in history
        MaturityLevel.objects.create(
            version=version, rank=rank, letter=letter, name=name, lower_bound=bound
        )


REVIEWED_FIELDS = ("text", "bareme", "origin")  # what a review of a question vouches for


def question_mark_reviewed(*, question: Question, by, on: datetime.date | None = None) -> bool:
    """Record that a content admin has read a reconstructed question's wording and barème
    (DESIGN §3). Wording and barème stay as they are, so a frozen version may be reviewed too.
    Saved one by one: history keeps who and when, and the content stamp moves, so every page
    that shows the question's marker is made anew. Returns False for the guide's own texts."""
    if question.origin != Question.Origin.RECONSTRUCTED:
        return False
    question.reviewed_on = on or timezone.localdate()
    question.reviewed_by = by
    question.save(update_fields=["reviewed_on", "reviewed_by"])
    return True


def question_review_forget(question: Question, changed: Iterable[str]) -> None:
    """A review vouches for a wording and a barème: changing either (or the origin) before the
    question is saved takes the review back."""
    if set(changed) & set(REVIEWED_FIELDS):
        question.reviewed_on = question.reviewed_by = None
