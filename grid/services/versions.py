"""Grid versions and their maturity levels, written by content admins (DESIGN §3, §8).

Whether a version is frozen is a read: `grid.selectors.grid_version_is_frozen`.
"""

from django.db import transaction

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
            source_lines=question.source_lines,
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
