"""Writes on assessments: start, answer, submit, validate, return, reopen, import.

Every function takes the acting user as `by`, runs in a transaction and raises ValidationError
with a French message that forms and views show as is.
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _

from initiatives.models import Enjeu

from .models import Answer, Assessment, Campaign, CustomAnswer, GridVersion, Question, Transition
from .payload import ParsedPayload
from .scoring import ANSWERS, NOT_APPLICABLE, STRATEGY, score, scores_to_json
from .selectors import assessment_inputs

Status = Assessment.Status


class StaleAnswer(Exception):
    """Someone saved this answer since the page was loaded; their answer is kept."""

    def __init__(self, current):
        super().__init__("stale answer")
        self.current = current


@dataclass(frozen=True)
class AnswerInput:
    value: str
    comment: str


def _record(assessment: Assessment, to_status: str, by, comment: str = "") -> None:
    Transition.objects.create(
        assessment=assessment, from_status=assessment.status, to_status=to_status, by=by,
        comment=comment,
    )
    assessment.status = to_status
    assessment.save(update_fields=["status", "scores", "updated_at"])


def _require_editable(assessment: Assessment) -> None:
    if not assessment.is_editable:
        raise ValidationError(
            _("Cette autoévaluation est %(status)s : elle ne se modifie plus.")
            % {"status": assessment.get_status_display()}
        )


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
    if Assessment.objects.filter(cluster=cluster, campaign=campaign).exists():
        raise ValidationError(_("L'autoévaluation %(year)s existe déjà.") % {"year": year})
    last = _previous_assessment(cluster, year) if prefill else None
    assessment = Assessment.objects.create(cluster=cluster, campaign=campaign)
    carried = {a.question.code: a for a in last.answers.select_related("question")} if last else {}
    Answer.objects.bulk_create(
        Answer(assessment=assessment, question=question, value=old.value, comment=old.comment)
        if (old := carried.get(question.code))
        else Answer(assessment=assessment, question=question)
        for question in campaign.version.questions.all()
    )
    carried_custom = {row.enjeu_id: row for row in last.custom_answers.all()} if last else {}
    CustomAnswer.objects.bulk_create(
        CustomAnswer(
            assessment=assessment, enjeu=enjeu, label=old.label, level=old.level,
            bareme=old.bareme, value=old.value,
        )
        if (old := carried_custom.get(enjeu.pk))
        else CustomAnswer(assessment=assessment, enjeu=enjeu)
        for enjeu in Enjeu.objects.all()
    )
    Transition.objects.create(
        assessment=assessment, from_status=Status.DRAFT, to_status=Status.DRAFT, by=by,
        comment=(
            _("Ouverte avec les réponses de %(year)s.") % {"year": last.campaign.year}
            if last else _("Ouverte.")
        ),
    )
    return assessment


def _clean_answer(question, value: str, comment: str) -> None:
    if value and value not in (*ANSWERS, NOT_APPLICABLE):
        raise ValidationError(_("Réponse inconnue : %(value)s.") % {"value": value})
    if value == NOT_APPLICABLE and question.section.code == STRATEGY:
        raise ValidationError(
            _("%(code)s : « non applicable » n'est pas possible dans la section Stratégie.")
            % {"code": question.code}
        )
    if value == NOT_APPLICABLE and not comment.strip():
        raise ValidationError(
            _("%(code)s : dites en commentaire pourquoi la question ne s'applique pas.")
            % {"code": question.code}
        )


@transaction.atomic
def answer_save(*, assessment: Assessment, code: str, value: str, comment: str,
                revision: int, by) -> Answer:
    """Save one answer if nobody saved it since `revision`; otherwise raise StaleAnswer."""
    _require_editable(assessment)
    answer = (
        assessment.answers.select_related("question__section", "updated_by")
        .filter(question__code=code).first()
    )
    if answer is None:
        raise ValidationError(_("Question inconnue : %(code)s.") % {"code": code})
    _clean_answer(answer.question, value, comment)
    updated = Answer.objects.filter(pk=answer.pk, revision=revision).update(
        value=value, comment=comment.strip(), revision=F("revision") + 1, updated_by=by,
    )
    if not updated:
        answer.refresh_from_db()
        raise StaleAnswer(answer)
    answer.refresh_from_db()
    return answer


@transaction.atomic
def custom_answer_save(*, assessment: Assessment, enjeu: str, label: str, level: int | None,
                       bareme: int | None, value: str, revision: int, by) -> CustomAnswer:
    _require_editable(assessment)
    row = assessment.custom_answers.filter(enjeu__code=enjeu).first()
    if row is None:
        raise ValidationError(_("Enjeu inconnu : %(enjeu)s.") % {"enjeu": enjeu})
    _clean_custom_label(label)
    if level not in (None, 1, 2):
        raise ValidationError(_("Le niveau d'une autre action est 1 ou 2."))
    if bareme is not None and not 1 <= bareme <= 4:
        raise ValidationError(_("Le barème d'une autre action va de 1 à 4."))
    if value and value not in ANSWERS:
        raise ValidationError(_("Réponse inconnue : %(value)s.") % {"value": value})
    updated = CustomAnswer.objects.filter(pk=row.pk, revision=revision).update(
        label=label.strip(), level=level, bareme=bareme, value=value,
        revision=F("revision") + 1, updated_by=by,
    )
    if not updated:
        row.refresh_from_db()
        raise StaleAnswer(row)
    row.refresh_from_db()
    return row


def _clean_custom_label(label: str) -> None:
    limit = CustomAnswer._meta.get_field("label").max_length
    if len(label.strip()) > limit:
        raise ValidationError(
            _("L'intitulé d'une autre action tient en %(limit)s caractères.") % {"limit": limit}
        )


def missing_answers(assessment: Assessment) -> list[str]:
    """Codes still blank, and `na` answers without their justification."""
    return [
        answer.question.code
        for answer in assessment.answers.select_related("question")
        if not answer.value or (answer.value == NOT_APPLICABLE and not answer.comment.strip())
    ]


@transaction.atomic
def assessment_submit(*, assessment: Assessment, by) -> Assessment:
    _require_editable(assessment)
    missing = missing_answers(assessment)
    if missing:
        raise ValidationError(
            _("La grille n'est pas complète. Questions sans réponse : %(codes)s.")
            % {"codes": ", ".join(missing)}
        )
    spec, answers, custom = assessment_inputs(assessment)
    assessment.scores = scores_to_json(spec.code, score(spec, answers, custom))
    _record(assessment, Status.SUBMITTED, by)
    return assessment


def _require_status(assessment: Assessment, *allowed: str) -> None:
    if assessment.status not in allowed:
        raise ValidationError(
            _("Impossible depuis le statut « %(status)s ».")
            % {"status": assessment.get_status_display()}
        )


@transaction.atomic
def assessment_validate(*, assessment: Assessment, by, comment: str = "") -> Assessment:
    _require_status(assessment, Status.SUBMITTED)
    _record(assessment, Status.VALIDATED, by, comment.strip())
    return assessment


@transaction.atomic
def assessment_return(*, assessment: Assessment, by, comment: str) -> Assessment:
    _require_status(assessment, Status.SUBMITTED)
    if not comment.strip():
        raise ValidationError(_("Dites à l'équipe ce qui est à revoir (commentaire obligatoire)."))
    assessment.scores = None
    _record(assessment, Status.RETURNED, by, comment.strip())
    return assessment


@transaction.atomic
def assessment_reopen(*, assessment: Assessment, by, comment: str = "") -> Assessment:
    _require_status(assessment, Status.VALIDATED)
    assessment.scores = None
    _record(assessment, Status.RETURNED, by, comment.strip())
    return assessment


@transaction.atomic
def assessment_import(*, assessment: Assessment, grid_code: str, payload: ParsedPayload,
                      by) -> int:
    """Replace the answers of an editable assessment with an imported payload; count changes."""
    _require_editable(assessment)
    if grid_code != assessment.campaign.version.code:
        raise ValidationError(
            _("Le fichier porte sur la grille %(file)s ; cette année utilise %(year)s.")
            % {"file": grid_code, "year": assessment.campaign.version.code}
        )
    changed = 0
    for answer in assessment.answers.select_related("question"):
        new = payload.answers.get(answer.question.code)
        value, comment = (new.answer or "", new.comment) if new else ("", "")
        if (answer.value, answer.comment) != (value, comment):
            answer.value, answer.comment, answer.updated_by = value, comment, by
            answer.revision += 1
            answer.save(update_fields=["value", "comment", "updated_by", "revision", "updated_at"])
            changed += 1
    rows = {row.enjeu: row for row in payload.custom}
    for custom in assessment.custom_answers.select_related("enjeu"):
        new = rows.get(custom.enjeu.code)
        fields = (
            (new.label, new.level, new.bareme, new.answer or "") if new else ("", None, None, "")
        )
        _clean_custom_label(fields[0])
        if (custom.label, custom.level, custom.bareme, custom.value) != fields:
            custom.label, custom.level, custom.bareme, custom.value = fields
            custom.revision += 1
            custom.updated_by = by
            custom.save()
            changed += 1
    return changed



@transaction.atomic
def grid_version_derive(*, source: GridVersion, code: str, name: str) -> GridVersion:
    """A new, editable grid version copying every question of `source` (DESIGN §3)."""
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
    return version


def grid_version_is_frozen(version: GridVersion) -> bool:
    """A version any assessment uses keeps its questions and barèmes for good."""
    return Assessment.objects.filter(campaign__version=version).exists()
