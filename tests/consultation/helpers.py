from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from consultation import services


def open_shared(assessment, by, sections=("S", "1A", "2A", "1B", "2B", "1C", "2C", "1D", "2D")):
    return services.consultation_open(assessment=assessment, section_codes=list(sections),
                                      closes_on=timezone.localdate() + timedelta(days=10),
                                      shared=True, by=by)


def answer_data(codes, value="+", category="company", comment="") -> dict:
    return {f"q-{code}": value for code in codes} | {"category": category, "comment": comment}


def answer_url(token):
    return reverse("consultation:answer", args=[token])
