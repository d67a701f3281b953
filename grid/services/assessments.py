"""An assessment's start and its workflow steps: submit, validate, return, reopen (DESIGN §5).

Each takes the acting user as `by`, runs in a transaction, records a Transition with who and the
comment, and raises ValidationError with a French message that views show as is. The steps lock
the assessment's row first (`locking`), so that of two concurrent steps exactly one happens.
Each step tells the people it concerns (`grid.notices`) within its transaction.
"""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import formats, timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from accounts.names import account_name, person_name
from clusters.models import Membership
from initiatives.models import Enjeu

from .. import notices, rules
from ..changes import StoredRows
from ..labels import ACTION_LABELS
from ..models import Answer, Assessment, Assignment, Campaign, CustomAnswer, Transition
from ..scoring import submission_scores
from ..selectors import assessment_rows, previous_assessment
from ..specs import grid_spec
from .evidence import evidence_carry
from .locking import assessment_lock

Status = Assessment.Status


class AssessmentExists(ValidationError):
    """The year is started already, by someone else (two « commencer » at once, or a page
    loaded before): `assessment` is theirs, which the second person gets."""

    def __init__(self, message: str, assessment: Assessment):
        super().__init__(message)
        self.assessment = assessment


@transaction.atomic
def assessment_start(*, cluster, year: int, by, prefill: bool,
                     carry_files: bool = False) -> Assessment:
    """Open the cluster's grid for a campaign year, optionally carrying the answers of its
    latest earlier year; AssessmentExists if the year is started already.

    Answers carry over where the question code exists in both grid versions (DESIGN §5), with
    their evidence (the links, and the files only with `carry_files`, each then copied) and the
    assignments (`_carry_assignments`).
    """
    campaign = Campaign.objects.select_related("version").filter(year=year).first()
    if campaign is None:
        raise ValidationError(_("Aucune campagne n'est ouverte pour %(year)s.") % {"year": year})
    theirs = Assessment.objects.filter(cluster=cluster, campaign=campaign).first()
    if theirs is not None:
        raise _started(theirs)
    last = previous_assessment(cluster, year) if prefill else None
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
    if last is not None:
        evidence_carry(source=last, target=assessment, files=carry_files, by=by,
                       answers=assessment.answers.select_related("question"))
    CustomAnswer.objects.bulk_create(
        CustomAnswer(
            assessment=assessment, enjeu=enjeu, label=old.label, level=old.level,
            bareme=old.bareme, value=old.answer or "",
        )
        if (old := carried.custom.get(enjeu.code))
        else CustomAnswer(assessment=assessment, enjeu=enjeu)
        for enjeu in Enjeu.objects.all()
    )
    if last is not None:
        _carry_assignments(last, assessment)
    Transition.objects.create(
        assessment=assessment, from_status=Status.DRAFT, to_status=Status.DRAFT, by=by,
        by_name=account_name(by), carried_from=last.campaign.year if last else None,
    )
    return assessment


def _carry_assignments(last: Assessment, new: Assessment) -> None:
    """Give the new year the assignments of `last` whose section or question code is in its
    grid version and whose assignee is still on the team. A due date moves by the years between
    them, as the yearly work comes round at the same season; one that would already be past is
    dropped rather than making the work late on the day it opens. Two queries, three with any
    to carry; nobody is told again (they had it last year)."""
    editors = Membership.objects.filter(cluster_id=new.cluster_id, role=Membership.Role.EDITOR)
    old = list(last.assignments.filter(assignee__in=editors.values("user"))
               .select_related("section", "question"))
    if not old:
        return
    questions = {q.code: q for q in new.campaign.version.questions.select_related("section")}
    sections = {q.section.code: q.section for q in questions.values()}
    gap, today = new.campaign.year - last.campaign.year, timezone.localdate()
    carried = []
    for assignment in old:
        if assignment.question_id:
            target = {"question": questions.get(assignment.question.code)}
        else:
            target = {"section": sections.get(assignment.section.code)}
        if None in target.values():
            continue
        due = _years_later(assignment.due_on, gap) if assignment.due_on else None
        carried.append(Assignment(
            assessment=new, assignee_id=assignment.assignee_id,
            assigned_by_id=assignment.assigned_by_id,
            due_on=due if due and due >= today else None, **target,
        ))
    Assignment.objects.bulk_create(carried)


def _years_later(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February into a common year
        return day.replace(year=day.year + years, day=28)


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


def _record(assessment: Assessment, to_status: str, by, comment: str = "") -> None:
    Transition.objects.create(
        assessment=assessment, from_status=assessment.status, to_status=to_status, by=by,
        by_name=account_name(by), comment=comment,
    )
    assessment.status = to_status
    assessment.save(update_fields=["status", "scores", "updated_at"])


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
    """The comment as stored; refused, its error names the field, so that a form shows it there
    (error.messages still reads it whole)."""
    problem = rules.text_problem(
        comment, limit=rules.BOARD_COMMENT_MAX_LENGTH, name=_("Le commentaire"),
        max_lines=rules.BOARD_COMMENT_MAX_LINES,
    )
    if problem:
        raise ValidationError({"comment": problem})
    return rules.normalise_text(comment)


@transaction.atomic
def assessment_submit(*, assessment: Assessment, by) -> Assessment:
    """Submit a complete grid and store its notes with it (history does not move, DESIGN §5)."""
    locked = assessment_lock(assessment)
    _require_status(locked, "submit", *Assessment.EDITABLE)
    rows = assessment_rows(locked)
    missing = rules.missing_answers(rows.answers)
    if missing:
        raise ValidationError(
            _("La grille n'est pas complète. Questions sans réponse : %(codes)s.")
            % {"codes": ", ".join(missing)}
        )
    locked.scores = submission_scores(grid_spec(locked.campaign.version), rows.answers,
                                      rows.custom_rows)
    _record(locked, Status.SUBMITTED, by)
    notices.year_submitted(locked, by)
    return locked


@transaction.atomic
def assessment_validate(*, assessment: Assessment, by, comment: str = "") -> Assessment:
    comment = _board_comment(comment)
    locked = assessment_lock(assessment)
    _require_status(locked, "validate", Status.SUBMITTED)
    _record(locked, Status.VALIDATED, by, comment)
    notices.year_validated(locked, by, comment)
    return locked


@transaction.atomic
def assessment_return(*, assessment: Assessment, by, comment: str) -> Assessment:
    comment = _board_comment(comment)
    locked = assessment_lock(assessment)
    _require_status(locked, "return", Status.SUBMITTED)
    if not comment:
        raise ValidationError(
            {"comment": _("Dites à l'équipe ce qui est à revoir (commentaire obligatoire).")})
    locked.scores = None
    _record(locked, Status.RETURNED, by, comment)
    notices.year_returned(locked, by, comment)
    return locked


@transaction.atomic
def assessment_reopen(*, assessment: Assessment, by, comment: str = "") -> Assessment:
    comment = _board_comment(comment)
    locked = assessment_lock(assessment)
    _require_status(locked, "reopen", Status.VALIDATED)
    locked.scores = None
    _record(locked, Status.RETURNED, by, comment)
    notices.year_reopened(locked, by, comment)
    return locked
