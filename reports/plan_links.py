"""Where the results page sends people to plan: the cluster's plan and its « new action » form.

Both pages belong to `plans` (`plans:action-list` at /poles/<slug>/plan/ and
`plans:action-create` at /poles/<slug>/plan/nouvelle/), built on another branch: until its URLs
are in this one, the paths are written from the cluster's page. Once they are, use
reverse("plans:action-list", args=[slug]) and reverse("plans:action-create", args=[slug]).
"""

from collections.abc import Sequence
from urllib.parse import urlencode

from django.urls import reverse


def plan_url(slug: str) -> str:
    return reverse("grid:cluster-detail", args=[slug]) + "plan/"


def new_action_url(slug: str, *, code: str, sheets: Sequence[str], title: str) -> str:
    """The form prefilled with the question, its sheets and a title (GET parameters it reads)."""
    query = urlencode({"question": code, "fiche": list(sheets), "titre": title}, doseq=True)
    return f"{plan_url(slug)}nouvelle/?{query}"
