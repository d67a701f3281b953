"""Writes of the reports app: the archive of validated years' PDF reports, and the actions
planned from a simulation of the results page."""

import logging
from collections.abc import Mapping, Sequence
from datetime import timedelta

from django.conf import settings
from django.db import DatabaseError, models, transaction
from django.utils import timezone, translation

from clusters.models import Cluster
from grid.models import Assessment, Question, Transition
from plans.models import Action
from plans.services import action_create

from .models import ArchivedReport, PreparedReport
from .presenters import change_title
from .report import report_pdf
from .selectors import ReportKey
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


# A rendering not finished by then is taken as lost (a worker stopped in the middle): the page
# says it failed and offers to try again. The longest report renders in under 10 seconds.
RENDER_GIVEN_UP_AFTER = timedelta(minutes=5)


def report_requested(assessment: Assessment, key: ReportKey, language: str) -> PreparedReport:
    """The rendering of the assessment's report for `key`: asked for once, whoever asks and
    however often (one row per assessment, language and state; only the request that creates it
    enqueues the task). With the immediate backend it is done when this returns."""
    from .tasks import render_report

    prepared, created = PreparedReport.objects.get_or_create(
        assessment=assessment, language=language, state=key.state,
        defaults={"requested_at": timezone.now()},
    )
    if created:
        render_report.enqueue(prepared.pk)
        prepared.refresh_from_db(fields=["status", "error", "finished_at"])
    return prepared


def report_gave_up(prepared: PreparedReport) -> bool:
    """Whether the rendering failed, or has taken so long that it will not finish."""
    if prepared.status == PreparedReport.Status.FAILED:
        return True
    return (prepared.status == PreparedReport.Status.PENDING
            and timezone.now() - prepared.requested_at > RENDER_GIVEN_UP_AFTER)


def report_retry(assessment: Assessment, key: ReportKey, language: str) -> None:
    """Ask again for a rendering that failed or was given up (nothing when it is under way or
    done)."""
    from .tasks import render_report

    stale = timezone.now() - RENDER_GIVEN_UP_AFTER
    retried = PreparedReport.objects.filter(
        assessment=assessment, language=language, state=key.state,
    ).filter(
        models.Q(status=PreparedReport.Status.FAILED)
        | models.Q(status=PreparedReport.Status.PENDING, requested_at__lt=stale)
    )
    for pk in retried.values_list("pk", flat=True):
        # Only the request that moves the row back to pending enqueues it.
        if PreparedReport.objects.filter(pk=pk).exclude(
            status=PreparedReport.Status.PENDING, requested_at__gte=stale
        ).update(status=PreparedReport.Status.PENDING, error="", requested_at=timezone.now()):
            render_report.enqueue(pk)


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
