"""Links from the pages of lower apps to the pages above them, which they may not name
(tests/test_layers.py): the person's clusters; on a page under a cluster (/poles/<slug>/…,
served by grid, plans, reports, strategy, consultation or bilans) the cluster's page; under one
of its years (…/<year>/…) that year's results, JSON export, stakeholders' consultation and
public bilan."""

from django.urls import reverse
from django.utils.functional import SimpleLazyObject

# The namespaces whose `slug` is a cluster's.
UNDER_A_CLUSTER = {"grid", "plans", "reports", "strategy", "consultation", "bilans"}


def links(request) -> dict:
    # Lazy: only the pages that show a link pay for its reverse().
    return {"links": SimpleLazyObject(lambda: _links(request))}


def _links(request) -> dict[str, str]:
    urls = {"clusters": reverse("workspace:cluster-list")}
    match = getattr(request, "resolver_match", None)
    if match is None or match.namespace not in UNDER_A_CLUSTER or "slug" not in match.kwargs:
        return urls
    slug = match.kwargs["slug"]
    urls["cluster"] = reverse("workspace:cluster-detail", args=[slug])
    if "year" in match.kwargs:
        year = match.kwargs["year"]
        urls["results"] = reverse("reports:results", args=[slug, year])
        urls["export_json"] = reverse("reports:export-json", args=[slug, year])
        urls["consultation"] = reverse("consultation:manage", args=[slug, year])
        urls["bilan"] = reverse("bilans:manage", args=[slug, year])
    return urls
