"""The strategic axes an action may serve. The strategy app, above plans, owns them: plans
reads them through the callable named by settings.PLAN_AXES (the way grid reaches the results
page through ASSESSMENT_RESULTS_URL), as plain data, and never imports strategy's code."""

from collections.abc import Collection
from dataclasses import dataclass

from django.conf import settings
from django.utils.module_loading import import_string

from clusters.models import Cluster


@dataclass(frozen=True)
class PlanAxis:
    pk: int
    label: str  # « Axe 1 · Sobriété des sites (2025–2027) »
    enjeux: tuple[str, ...]  # codes (« B »)
    current: bool  # of a strategy covering this year: offered to new choices


def plan_axes(cluster: Cluster, also: Collection[int] = ()) -> list[PlanAxis]:
    """The cluster's axes of the strategies covering this year, approved or not, and those of
    `also` (ids: the axes actions already serve) if they are the cluster's; in the strategy's
    order, the current ones first. A fixed number of queries."""
    return import_string(settings.PLAN_AXES)(cluster, also)


def axis_for_enjeu(axes: list[PlanAxis], enjeu: str | None) -> PlanAxis | None:
    """The first current axis covering `enjeu` (what « Planifier » proposes), or None."""
    return next((axis for axis in axes if axis.current and enjeu in axis.enjeux), None)
