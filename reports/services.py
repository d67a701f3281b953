"""Writes of the reports app: the archive of validated years' PDF reports."""

from django.db import IntegrityError, transaction

from grid.models import Assessment, Transition

from .models import ArchivedReport
from .report import report_pdf


def report_for(assessment: Assessment, *, image_cache: dict | None = None) -> bytes:
    """The assessment's PDF report: a validated year's is rendered once, kept, and served
    as kept from then on; other years are rendered as they stand."""
    if assessment.status != Assessment.Status.VALIDATED:
        return report_pdf(assessment, image_cache=image_cache)
    validation = (
        Transition.objects.filter(assessment=assessment, to_status=Assessment.Status.VALIDATED)
        .order_by("-at", "-pk").only("pk").first()
    )
    kept = ArchivedReport.objects.filter(validation=validation).values_list("pdf", flat=True)
    for pdf in kept:
        return bytes(pdf)
    pdf = report_pdf(assessment, image_cache=image_cache)
    try:
        with transaction.atomic():
            ArchivedReport.objects.create(validation=validation, pdf=pdf)
    except IntegrityError:  # rendered at the same time by another request: theirs is kept
        return bytes(ArchivedReport.objects.get(validation=validation).pdf)
    return pdf
