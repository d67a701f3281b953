"""Background work of the reports app (django-tasks): the PDF report rendered outside the
request. With the database backend `manage.py db_worker` runs it; with the immediate backend
(development, tests) it runs at once, inside the request that asked for it."""

import logging

from django.utils import timezone
from django_tasks import task

from .models import ArchivedReport, PreparedReport

log = logging.getLogger(__name__)


@task()
def render_report(prepared_id: int) -> None:
    """Render the report a PreparedReport row asks for, and keep it there (a validated year's
    is kept in ArchivedReport by `report_for`). A failure is recorded on the row, then raised so
    that the worker records it too."""
    from .selectors import report_key
    from .services import report_for  # services import this module to enqueue

    prepared = (PreparedReport.objects.select_related("assessment__cluster",
                                                      "assessment__campaign__version")
                .filter(pk=prepared_id).first())
    if prepared is None or prepared.status == PreparedReport.Status.READY:
        return
    assessment = prepared.assessment
    key = report_key(assessment, prepared.language)
    if key.state != prepared.state:
        # The year changed since it was asked for: whoever waits asks for the new state at
        # their next reload; rendering this one would be wasted.
        prepared.delete()
        return
    try:
        pdf = report_for(assessment, language=prepared.language)
    except Exception as error:
        log.exception("PDF report %s failed", prepared_id)
        PreparedReport.objects.filter(pk=prepared_id).update(
            status=PreparedReport.Status.FAILED, error=repr(error)[:2000],
            finished_at=timezone.now(),
        )
        raise
    # A validated year's file is in its archive, unless the archive could not be written
    # (report_for served it all the same): then it is kept here.
    archived = key.validation_id is not None and ArchivedReport.objects.filter(
        validation_id=key.validation_id, language=prepared.language).exists()
    PreparedReport.objects.filter(pk=prepared_id).update(
        status=PreparedReport.Status.READY, pdf=None if archived else pdf,
        finished_at=timezone.now(),
    )
    # The same report of earlier states is stale for good: not kept.
    (PreparedReport.objects.filter(assessment=assessment, language=prepared.language)
     .exclude(pk=prepared_id).exclude(status=PreparedReport.Status.PENDING).delete())
