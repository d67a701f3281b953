"""Writes of answers: the autosave (`answer_save`, `custom_answer_save`), the whole-form post
(`answers_update`) and the JSON import (`assessment_import`).

All of them go through `answers_update`, which runs in a transaction, locks the assessment's row
(refusing one that has left draft or returned), checks the rows against `grid.rules`
(ValidationError) and keeps the answer of whoever saved a row since the writer read it
(a conflict, or StaleAnswer).
"""

from collections.abc import Mapping
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from .. import rules
from ..changes import CUSTOM_PREFIX, RowChange, StoredRows, custom_key, row_changes
from ..models import Answer, Assessment, CustomAnswer
from ..payload import ParsedPayload
from ..scoring import AnswerValue, CustomRow, GridSpec
from ..selectors import assessment_rows
from ..specs import grid_spec
from .evidence import evidence_import_links
from .locking import assessment_lock_editable


class StaleAnswer(Exception):
    """Someone saved this row since the writer's revision; their answer is kept.

    `conflicts` holds the stored rows (Answer or CustomAnswer) that were not overwritten."""

    def __init__(self, conflicts: list):
        super().__init__("stale answer")
        self.conflicts = conflicts

    @property
    def current(self):
        return self.conflicts[0]


@dataclass(frozen=True)
class AnswersUpdate:
    written: list[str]  # keys of the rows written
    revisions: dict[str, int]  # row key → its revision now, for every row received
    conflicts: list  # stored rows left as they were: someone saved them since
    rows: StoredRows  # the assessment's rows once written, for its notes

    @property
    def answered(self) -> int:
        """Questions answered now (`na` included), of `total`."""
        return self.rows.answered

    @property
    def total(self) -> int:
        return len(self.rows.answers)


@transaction.atomic
def answers_update(
    *,
    assessment: Assessment,
    answers: Mapping[str, AnswerValue],
    custom: Mapping[str, CustomRow],
    revisions: Mapping[str, int],
    by,
    replace: bool = False,
    all_or_nothing: bool = False,
    spec: GridSpec | None = None,
) -> AnswersUpdate:
    """Write the rows that differ from what is stored, each only if its stored revision is still
    the one the writer saw (`revisions`, by row key): a row saved by someone else since is a
    conflict and keeps their answer (DESIGN §5). With `replace`, rows missing from the input
    become blank (an import); with `all_or_nothing`, one conflict writes nothing and raises
    StaleAnswer. `spec` spares reading the version's questions when the caller has them."""
    locked = assessment_lock_editable(assessment)
    problems = rules.answer_problems(spec or grid_spec(locked.campaign.version), answers, custom)
    if problems:
        raise ValidationError(problems)
    stored = assessment_rows(locked)
    changes = row_changes(stored, answers=answers, custom=custom, replace=replace)
    stale = {c.key for c in changes if revisions.get(c.key) != stored.revisions[c.key]}
    rows = _rows_to_write(locked, [change.key for change in changes])
    conflicts = [rows[change.key] for change in changes if change.key in stale]
    if conflicts and all_or_nothing:
        raise StaleAnswer(conflicts)
    revisions_now = {key: stored.revisions[key] for key in (*answers, *map(custom_key, custom))}
    written = []
    answers_now, custom_now = dict(stored.answers), dict(stored.custom)
    for change in changes:
        if change.key in stale:
            continue
        _write(rows[change.key], change, by)
        written.append(change.key)
        revisions_now[change.key] = rows[change.key].revision
        if change.is_custom:
            custom_now[change.after.enjeu] = change.after
        else:
            answers_now[change.key] = change.after
    rows_now = StoredRows(answers_now, custom_now, {**stored.revisions, **revisions_now})
    return AnswersUpdate(written, revisions_now, conflicts, rows_now)


def _rows_to_write(assessment: Assessment, keys: list[str]) -> dict[str, Answer | CustomAnswer]:
    """The stored rows behind `keys` (question codes and custom keys), with who saved them."""
    enjeux = [key.removeprefix(CUSTOM_PREFIX) for key in keys if key.startswith(CUSTOM_PREFIX)]
    codes = [key for key in keys if not key.startswith(CUSTOM_PREFIX)]
    rows: dict[str, Answer | CustomAnswer] = {}
    if codes:
        for answer in assessment.answers.filter(question__code__in=codes).select_related(
            "question", "updated_by"
        ):
            rows[answer.question.code] = answer
    if enjeux:
        for row in assessment.custom_answers.filter(enjeu__code__in=enjeux).select_related(
            "enjeu", "updated_by"
        ):
            rows[custom_key(row.enjeu.code)] = row
    return rows


def _write(row: Answer | CustomAnswer, change: RowChange, by) -> None:
    after = change.after
    if change.is_custom:
        row.label, row.level, row.bareme = after.label, after.level, after.bareme
    else:
        row.comment = after.comment
    row.value = after.answer or ""
    row.revision += 1
    row.updated_by = by
    row.save()  # save(), not QuerySet.update(): updated_at moves (auto_now)


def answer_save(*, assessment: Assessment, code: str, value: str, comment: str,
                revision: int, by) -> Answer:
    """Save one answer if nobody saved it since `revision`; otherwise raise StaleAnswer."""
    answer = AnswerValue(value or None, rules.normalise_text(comment))
    update = answers_update(assessment=assessment, answers={code: answer}, custom={},
                            revisions={code: revision}, by=by)
    if update.conflicts:
        raise StaleAnswer(update.conflicts)
    return Answer.objects.select_related("updated_by").get(
        assessment=assessment, question__code=code
    )


def custom_answer_save(*, assessment: Assessment, enjeu: str, label: str, level: int | None,
                       bareme: int | None, value: str, revision: int, by) -> CustomAnswer:
    """Save one « autre action » row if nobody saved it since `revision`; otherwise raise
    StaleAnswer."""
    row = CustomRow(enjeu, rules.normalise_text(label), level, bareme, value or None)
    update = answers_update(assessment=assessment, answers={}, custom={enjeu: row},
                            revisions={custom_key(enjeu): revision}, by=by)
    if update.conflicts:
        raise StaleAnswer(update.conflicts)
    return CustomAnswer.objects.get(assessment=assessment, enjeu__code=enjeu)


@transaction.atomic
def assessment_import(*, assessment: Assessment, grid_code: str, payload: ParsedPayload,
                      revisions: Mapping[str, int], by) -> int:
    """Replace the answers of an editable assessment with an imported payload, add the links of
    its evidence that the answers lack (its files have no content to restore); count the
    answers changed.

    The payload is checked again by the rules (it may come from anywhere), and nothing is written
    if a row the import changes was saved since the preview (`revisions`): StaleAnswer."""
    locked = assessment_lock_editable(assessment)
    if grid_code != locked.campaign.version.code:
        raise ValidationError(
            _("Le fichier porte sur la grille %(file)s ; cette année utilise %(year)s.")
            % {"file": rules.shown(grid_code), "year": locked.campaign.version.code}
        )
    update = answers_update(
        assessment=locked, answers=payload.answers,
        custom={row.enjeu: row for row in payload.custom}, revisions=revisions, by=by,
        replace=True, all_or_nothing=True,
    )
    evidence_import_links(assessment=locked, links=payload.links, by=by)
    return len(update.written)
