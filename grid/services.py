"""Writes on assessments: start, answer, submit, validate, return, reopen, import.

Every function takes the acting user as `by`, runs in a transaction and raises ValidationError
with a French message that forms and views show as is. Every write to an assessment first locks
its row (`_lock`): of two concurrent writers the second waits for the first to commit, then
sees its status, so nothing is saved into an assessment that has left draft or returned, and of
two workflow steps exactly one happens.
"""

from collections.abc import Mapping
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import formats, timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from accounts.names import account_name, person_name
from initiatives.models import Enjeu

from . import rules
from .changes import CUSTOM_PREFIX, RowChange, StoredRows, custom_key, row_changes
from .labels import ACTION_LABELS
from .maturity import DEFAULT_BANDS
from .models import (
    Answer,
    Assessment,
    Campaign,
    CustomAnswer,
    GridDisplay,
    GridVersion,
    MaturityLevel,
    Question,
    Transition,
)
from .payload import ParsedPayload
from .scoring import NOT_APPLICABLE, AnswerValue, CustomRow, GridSpec, score, scores_to_json
from .selectors import assessment_rows
from .specs import grid_spec

Status = Assessment.Status


class StaleAnswer(Exception):
    """Someone saved this row since the writer's revision; their answer is kept.

    `conflicts` holds the stored rows (Answer or CustomAnswer) that were not overwritten."""

    def __init__(self, conflicts: list):
        super().__init__("stale answer")
        self.conflicts = conflicts

    @property
    def current(self):
        return self.conflicts[0]


class AssessmentExists(ValidationError):
    """The year is started already, by someone else (two « commencer » at once, or a page
    loaded before): `assessment` is theirs, which the second person gets."""

    def __init__(self, message: str, assessment: Assessment):
        super().__init__(message)
        self.assessment = assessment


def _lock(assessment: Assessment) -> Assessment:
    """Lock the assessment's row for the rest of the transaction and bring `assessment` up to
    date with it (the caller's object is the one the service works on and returns)."""
    fresh = (
        Assessment.objects.select_for_update(of=("self",))
        .only("status", "scores", "updated_at")
        .get(pk=assessment.pk)
    )
    assessment.status, assessment.scores = fresh.status, fresh.scores
    assessment.updated_at = fresh.updated_at
    return assessment


def _lock_editable(assessment: Assessment) -> Assessment:
    locked = _lock(assessment)
    if not locked.is_editable:
        raise ValidationError(
            _("Cette autoévaluation est %(status)s : elle ne se modifie plus.")
            % {"status": locked.get_status_display()}
        )
    return locked


def _record(assessment: Assessment, to_status: str, by, comment: str = "") -> None:
    Transition.objects.create(
        assessment=assessment, from_status=assessment.status, to_status=to_status, by=by,
        by_name=account_name(by), comment=comment,
    )
    assessment.status = to_status
    assessment.save(update_fields=["status", "scores", "updated_at"])


def _previous_assessment(cluster, year: int) -> Assessment | None:
    return (
        Assessment.objects.filter(cluster=cluster, campaign__year__lt=year)
        .order_by("-campaign__year").first()
    )


@transaction.atomic
def assessment_start(*, cluster, year: int, by, prefill: bool) -> Assessment:
    """Open the cluster's grid for a campaign year, optionally carrying last year's answers.

    Answers carry over where the question code exists in both grid versions (DESIGN §5).
    """
    campaign = Campaign.objects.select_related("version").filter(year=year).first()
    if campaign is None:
        raise ValidationError(_("Aucune campagne n'est ouverte pour %(year)s.") % {"year": year})
    theirs = Assessment.objects.filter(cluster=cluster, campaign=campaign).first()
    if theirs is not None:
        raise _started(theirs)
    last = _previous_assessment(cluster, year) if prefill else None
    carried = assessment_rows(last) if last else StoredRows({}, {}, {})
    try:
        with transaction.atomic():  # another « commencer » of the year may commit first
            assessment = Assessment.objects.create(cluster=cluster, campaign=campaign)
    except IntegrityError:
        raise _started(Assessment.objects.get(cluster=cluster, campaign=campaign)) from None
    Answer.objects.bulk_create(
        Answer(assessment=assessment, question=question, value=old.answer or "",
               comment=old.comment)
        if (old := carried.answers.get(question.code))
        else Answer(assessment=assessment, question=question)
        for question in campaign.version.questions.all()
    )
    CustomAnswer.objects.bulk_create(
        CustomAnswer(
            assessment=assessment, enjeu=enjeu, label=old.label, level=old.level,
            bareme=old.bareme, value=old.answer or "",
        )
        if (old := carried.custom.get(enjeu.code))
        else CustomAnswer(assessment=assessment, enjeu=enjeu)
        for enjeu in Enjeu.objects.all()
    )
    Transition.objects.create(
        assessment=assessment, from_status=Status.DRAFT, to_status=Status.DRAFT, by=by,
        by_name=account_name(by), carried_from=last.campaign.year if last else None,
    )
    return assessment


def _started(assessment: Assessment) -> AssessmentExists:
    """The year is started: who opened it and when, for the person who wanted to."""
    opening = assessment.transitions.select_related("by").order_by("at", "pk").first()
    return AssessmentExists(
        _("%(who)s a commencé l'autoévaluation %(year)s le %(day)s : la voici.") % {
            "who": capfirst(opening.author if opening else person_name(None)),
            "year": assessment.campaign.year,
            "day": formats.date_format(
                timezone.localdate(opening.at if opening else assessment.created_at),
                "SHORT_DATE_FORMAT"),
        },
        assessment,
    )


# --- answers ---


def answer_problems(
    spec: GridSpec, answers: Mapping[str, AnswerValue], custom: Mapping[str, CustomRow]
) -> list[str]:
    """Every reason the rules (grid.rules) refuse these rows, question rows first."""
    problems = []
    for code, value in answers.items():
        problems += rules.question_problems(
            spec.question(code), code=code, grid=spec.code, value=value.answer,
            comment=value.comment,
        )
    for enjeu, row in custom.items():
        problems += rules.custom_row_problems(
            rules.custom_subject(enjeu), enjeu=enjeu, label=row.label, level=row.level,
            bareme=row.bareme, value=row.answer,
        )
    return problems


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
    locked = _lock_editable(assessment)
    problems = answer_problems(spec or grid_spec(locked.campaign.version), answers, custom)
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
    """Save one « autre action » row if nobody saved it since `revision`."""
    row = CustomRow(enjeu, rules.normalise_text(label), level, bareme, value or None)
    update = answers_update(assessment=assessment, answers={}, custom={enjeu: row},
                            revisions={custom_key(enjeu): revision}, by=by)
    if update.conflicts:
        raise StaleAnswer(update.conflicts)
    return CustomAnswer.objects.get(assessment=assessment, enjeu__code=enjeu)


def missing_answers(rows: StoredRows) -> list[str]:
    """Codes still blank, and `na` answers without their justification."""
    return [
        code for code, value in rows.answers.items()
        if value.answer is None or (value.answer == NOT_APPLICABLE and not value.comment.strip())
    ]


@transaction.atomic
def assessment_import(*, assessment: Assessment, grid_code: str, payload: ParsedPayload,
                      revisions: Mapping[str, int], by) -> int:
    """Replace the answers of an editable assessment with an imported payload; count changes.

    The payload is checked again by the rules (it may come from anywhere), and nothing is written
    if a row the import changes was saved since the preview (`revisions`): StaleAnswer."""
    locked = _lock_editable(assessment)
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
    return len(update.written)


# --- workflow ---


def _require_status(assessment: Assessment, action: str, *allowed: str) -> None:
    """Refuse a step the assessment's status does not allow, saying what happened before."""
    if assessment.status in allowed:
        return
    last = assessment.transitions.select_related("by").order_by("-at", "-pk").first()
    message = _("Impossible de « %(action)s » : l'autoévaluation est au statut « %(status)s »") % {
        "action": str(ACTION_LABELS[action][0]).lower(),
        "status": assessment.get_status_display(),
    }
    if last is not None:
        message += _(" (%(step)s par %(who)s le %(when)s)") % {
            "step": last.label.lower(),
            "who": last.author,
            "when": _("%(date)s à %(time)s") % {
                "date": formats.date_format(last.at, "DATE_FORMAT"),
                "time": formats.time_format(last.at, "TIME_FORMAT"),
            },
        }
    raise ValidationError(message + ".")


def _board_comment(comment: str) -> str:
    problem = rules.text_problem(
        comment, limit=rules.BOARD_COMMENT_MAX_LENGTH, name=_("Le commentaire"),
        max_lines=rules.BOARD_COMMENT_MAX_LINES,
    )
    if problem:
        raise ValidationError(problem)
    return rules.normalise_text(comment)


def submission_scores(spec: GridSpec, rows: StoredRows) -> dict:
    """The notes stored with a submitted grid (`grid_score`'s output on its rows): what
    `assessment_submit` stores, for whatever writes assessments in bulk (network.generate)."""
    return scores_to_json(spec.code, score(spec, rows.answers, rows.custom_rows))


@transaction.atomic
def assessment_submit(*, assessment: Assessment, by) -> Assessment:
    locked = _lock(assessment)
    _require_status(locked, "submit", *Assessment.EDITABLE)
    rows = assessment_rows(locked)
    missing = missing_answers(rows)
    if missing:
        raise ValidationError(
            _("La grille n'est pas complète. Questions sans réponse : %(codes)s.")
            % {"codes": ", ".join(missing)}
        )
    locked.scores = submission_scores(grid_spec(locked.campaign.version), rows)
    _record(locked, Status.SUBMITTED, by)
    return locked


@transaction.atomic
def assessment_validate(*, assessment: Assessment, by, comment: str = "") -> Assessment:
    comment = _board_comment(comment)
    locked = _lock(assessment)
    _require_status(locked, "validate", Status.SUBMITTED)
    _record(locked, Status.VALIDATED, by, comment)
    return locked


@transaction.atomic
def assessment_return(*, assessment: Assessment, by, comment: str) -> Assessment:
    comment = _board_comment(comment)
    locked = _lock(assessment)
    _require_status(locked, "return", Status.SUBMITTED)
    if not comment:
        raise ValidationError(_("Dites à l'équipe ce qui est à revoir (commentaire obligatoire)."))
    locked.scores = None
    _record(locked, Status.RETURNED, by, comment)
    return locked


@transaction.atomic
def assessment_reopen(*, assessment: Assessment, by, comment: str = "") -> Assessment:
    comment = _board_comment(comment)
    locked = _lock(assessment)
    _require_status(locked, "reopen", Status.VALIDATED)
    locked.scores = None
    _record(locked, Status.RETURNED, by, comment)
    return locked


@transaction.atomic
def grid_version_derive(*, source: GridVersion, code: str, name: str) -> GridVersion:
    """A new, editable grid version copying every question of `source` (DESIGN §3) and its
    maturity levels (the default ones if it had none)."""
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
    """Give a version without levels these bands (rank, letter, name, lower bound in %)."""
    for rank, letter, name, bound in bands:  # one by one: each is kept in history
        MaturityLevel.objects.create(
            version=version, rank=rank, letter=letter, name=name, lower_bound=bound
        )


def grid_version_is_frozen(version: GridVersion) -> bool:
    """A version any assessment uses keeps its questions and barèmes for good."""
    return Assessment.objects.filter(campaign__version=version).exists()


def grid_display_set(*, user, compact: bool) -> None:
    GridDisplay.objects.update_or_create(user=user, defaults={"compact": compact})
