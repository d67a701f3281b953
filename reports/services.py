"""Writes of the reports app: the archive of validated years' PDF reports, and the actions
planned from a simulation of the results page."""

import logging
from collections.abc import Mapping, Sequence

from django.conf import settings
from django.db import DatabaseError, transaction
from django.utils import translation

from clusters.models import Cluster
from grid.models import Assessment, Question, Transition
from plans.models import Action
from plans.services import action_create

from .models import ArchivedReport
from .presenters import change_title
from .report import report_pdf
from .simulation import Change

logger = logging.getLogger(__name__)


def report_for(assessment: Assessment, *, image_cache: dict | None = None,
               language: str | None = None) -> bytes:
    """The assessment's PDF report in `language` (the active one by default): a validated
    year's is rendered once per language, kept, and served as kept from then on; other years are
    rendered as they stand."""
    language = language or translation.get_language() or settings.LANGUAGE_CODE
    with translation.override(language):
        if assessment.status != Assessment.Status.VALIDATED:
            return report_pdf(assessment, image_cache=image_cache)
        validation = (
            Transition.objects.filter(assessment=assessment,
                                      to_status=Assessment.Status.VALIDATED)
            .order_by("-at", "-pk").only("pk").first()
        )
        archive = ArchivedReport.objects.filter(validation=validation, language=language)
        for pdf in archive.values_list("pdf", flat=True):
            return bytes(pdf)
        pdf = report_pdf(assessment, image_cache=image_cache)
    try:
        with transaction.atomic():
            ArchivedReport.objects.create(validation=validation, language=language, pdf=pdf)
    except DatabaseError:
        kept = archive.values_list("pdf", flat=True).first()
        if kept is not None:  # rendered at the same time by another request: theirs is kept
            return bytes(kept)
        # No validation step to hang it on, or the database refusing the write: the report is
        # served as rendered, and kept at a later download.
        logger.warning("The report of %s is not archived", assessment, exc_info=True)
    return pdf


@transaction.atomic
def plan_from_simulation(
    *, cluster: Cluster, by, changes: Sequence[Change], questions: Mapping[str, Question]
) -> list[Action]:
    """One planned action per simulated change, linked to its question and the question's
    sheets: all of them or none."""
    return [
        action_create(
            cluster=cluster, by=by,
            title=change_title(change.code, change.before, change.after,
                               questions[change.code].text),
            question_codes=[change.code],
            sheets=list(questions[change.code].sheets.all()),
            status=Action.Status.PLANNED,
        )
        for change in changes
    ]
