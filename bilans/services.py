"""Writes of a bilan: publish (or republish, or change the board's text) and withdraw. Each
locks the year's row first, as the year's own workflow does: a year being reopened while it is
published waits, then is seen as it is. Who did what and when is the bilan's history."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from grid.models import Assessment
from grid.rules import normalise_text, text_problem

from .models import TEXT_MAX_LENGTH, TEXT_MAX_LINES, Bilan


def _locked(assessment: Assessment) -> Assessment:
    return Assessment.objects.select_for_update().get(pk=assessment.pk)


def text_problems(text: str) -> list[str]:
    problem = text_problem(text, limit=TEXT_MAX_LENGTH, max_lines=TEXT_MAX_LINES,
                           name=_("Le texte de la gouvernance"))
    return [problem] if problem else []


@transaction.atomic
def bilan_publish(*, assessment: Assessment, by, text: str = "") -> Bilan:
    """Publish the year's bilan with the board's `text`, or change the text of a published one.
    Only a validated year: ValidationError otherwise, and nothing stored."""
    assessment = _locked(assessment)
    if assessment.status != Assessment.Status.VALIDATED:
        raise ValidationError(_("Seule une année validée par la gouvernance peut être publiée : "
                                "celle-ci est « %(status)s ».")
                              % {"status": assessment.get_status_display()})
    problems = text_problems(text)
    if problems:
        raise ValidationError({"text": problems})
    bilan = Bilan.objects.filter(assessment=assessment).first() or Bilan(assessment=assessment)
    if not bilan.published:
        bilan.published_at, bilan.published_by = timezone.now(), by
    bilan.published = True
    bilan.text = normalise_text(text)
    bilan.revision += 1
    bilan._history_user = by
    bilan.save()
    return bilan


@transaction.atomic
def bilan_unpublish(*, assessment: Assessment, by) -> Bilan:
    """Withdraw the year's bilan: its public address then answers 410 (Gone)."""
    _locked(assessment)
    bilan = Bilan.objects.select_for_update().filter(assessment=assessment).first()
    if bilan is None or not bilan.published:
        raise ValidationError(_("Ce bilan n'est pas publié."))
    bilan.published = False
    bilan.revision += 1
    bilan._history_user = by
    bilan.save()
    return bilan
