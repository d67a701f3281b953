"""Where the results page sends people to plan: the cluster's plan and its « new action » form."""

from collections.abc import Sequence
from urllib.parse import urlencode

from django.urls import reverse


def plan_url(slug: str) -> str:
    return reverse("plans:action-list", args=[slug])


def new_action_url(slug: str, *, code: str, sheets: Sequence[str], title: str) -> str:
    """The form prefilled with the question, its sheets and a title (GET parameters it reads)."""
    query = urlencode({"question": code, "fiche": list(sheets), "titre": title}, doseq=True)
    return f"{reverse('plans:action-create', args=[slug])}?{query}"
