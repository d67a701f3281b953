"""Reads of the bilans: the public address's state in one query (the key of its cached copy),
the list of published bilans, and what a bilan shows, built from the reports' pieces."""

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, F, OuterRef, Subquery
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from accounts.names import person_name
from grid.maturity import label_of
from grid.models import Assessment, Transition
from grid.presenters import percent
from grid.selectors import cluster_years
from initiatives.labels import LEVEL_NAMES
from plans.models import Action
from plans.report import plan_for_report, plan_rows
from reports import selectors as report_selectors
from reports.objectives import objectives_block
from reports.presenters import radar_series, radar_titles
from reports.report import svg_radars
from reports.summary import factor_width, note_texts
from strategy.models import Strategy

from .models import Bilan

VALIDATED = Assessment.Status.VALIDATED
# The public page lists the latest done actions; the plan's own page has them all.
DONE_SHOWN = 20


@dataclass(frozen=True)
class PublicState:
    """What the public address answers: the page (`shown`), 410 (withdrawn: unpublished, or
    the year reopened since) or, without a row, 404. `key` names the cached copy of the page as
    it stands: it moves with every publication, withdrawal, text edit, change of the year's
    status, of the cluster's strategy or plan (what the page prints), and the language."""

    pk: int
    assessment_pk: int
    shown: bool
    key: str


def public_state(slug: str, year: int) -> PublicState | None:
    """One query, whatever the page prints."""
    def latest(queryset):
        return Subquery(queryset.order_by("-updated_at").values("updated_at")[:1])

    cluster = OuterRef("assessment__cluster")
    row = (Bilan.objects.filter(assessment__cluster__slug=slug, assessment__campaign__year=year)
           .annotate(status=F("assessment__status"), year_at=F("assessment__updated_at"),
                     strategy_at=latest(Strategy.objects.filter(cluster=cluster)),
                     plan_at=latest(Action.objects.filter(cluster=cluster)),
                     plan_size=Subquery(Action.objects.filter(cluster=cluster).order_by()
                                        .values("cluster").annotate(n=Count("pk"))
                                        .values("n")))
           .values_list("pk", "assessment_id", "published", "revision", "status", "year_at",
                        "strategy_at", "plan_at", "plan_size").first())
    if row is None:
        return None
    pk, assessment_pk, published, *parts = row
    stamp = "-".join(str(part) for part in parts).replace(" ", "_")
    return PublicState(pk, assessment_pk, published and parts[1] == VALIDATED,
                       f"bilan:{pk}:{stamp}:{get_language()}")


def bilan_of(assessment: Assessment) -> Bilan | None:
    return Bilan.objects.filter(assessment=assessment).first()


@dataclass(frozen=True)
class Step:
    at: object
    who: str
    what: str


def history(bilan: Bilan | None) -> list[Step]:
    """Who published, changed the text of or withdrew the bilan, and when, newest first (one
    query)."""
    if bilan is None:
        return []
    records = list(bilan.history.select_related("history_user").order_by("history_date"))
    steps, was_published = [], False
    for record in records:
        what = (_("texte modifié") if record.published and was_published
                else _("publié") if record.published else _("retiré de la publication"))
        steps.append(Step(record.history_date, person_name(record.history_user), what))
        was_published = record.published
    return steps[::-1]


def published_bilans(*, region: str = "", kind: str = "") -> list[Bilan]:
    """The bilans shown to the public, by cluster and newest year first: one query however
    many there are."""
    found = Bilan.objects.filter(published=True, assessment__status=VALIDATED)
    if region:
        found = found.filter(assessment__cluster__region=region)
    if kind:
        found = found.filter(assessment__cluster__kind=kind)
    return list(found.select_related("assessment__cluster", "assessment__campaign")
                .order_by("assessment__cluster__name", "-assessment__campaign__year"))


def public_bilan(pk: int) -> Bilan:
    return Bilan.objects.select_related("assessment__cluster",
                                        "assessment__campaign__version").get(pk=pk)


def validated_on(assessment: Assessment) -> date:
    at = (Transition.objects.filter(assessment=assessment, to_status=VALIDATED)
          .order_by("-at", "-pk").values_list("at", flat=True).first())
    return timezone.localdate(at or assessment.updated_at)


def bilan_content(bilan: Bilan) -> dict:
    """What a bilan shows, on its page and in its PDF: the year's notes and radars, the
    approved strategy's axes and objectives, the actions done in the year before its validation
    and the board's text. Never an answer, a comment, a piece of evidence or a name: none is in
    here to print."""
    assessment = bilan.assessment
    cluster, year = assessment.cluster, assessment.campaign.year
    page = report_selectors.results_page(assessment, limit=0)
    scores, scale = page["scores"], page["maturity"]
    names = {enjeu.code: enjeu.short_name for enjeu in page["enjeux"]}
    texts = note_texts(scores, scale)
    # The trend of an objective reads earlier years: the validated ones only, as published.
    notes = {row.assessment.campaign.year: row.scores
             for row in cluster_years(cluster, before=year)
             if row.assessment.status == VALIDATED}
    notes[year] = scores
    objectives = objectives_block(cluster, year, names, notes)
    objectives["pending"] = None  # a strategy not approved is not the board's: not shown
    on = validated_on(assessment)
    plan = plan_for_report(plan_rows(cluster), on)
    return {
        "bilan": bilan,
        "cluster": cluster,
        "year": year,
        "version": assessment.campaign.version,
        "validated_on": on,
        "global": texts["global"],
        "global_maturity": texts["global-maturity"],
        "levels": texts["levels"],
        "factor": texts["factor"],
        "factor_width": factor_width(scores),
        # Each enjeu's note and, apart, its maturity level's name.
        "axes": [(enjeu, percent(scores.axes[enjeu.code]), label_of(scores.axes[enjeu.code], scale))
                 for enjeu in page["enjeux"] if enjeu.code in scores.axes],
        "radars": radar_series(scores, scale, names),
        "radar_titles": radar_titles(),
        "svg_radars": svg_radars(scores, year, names),
        "objectives": objectives,
        "strategy_axes": _axes(objectives["strategy"], names),
        # Each action by its title, day and sheets: never its owner, notes or comments.
        "done": [(row.title, row.done_on, row.sheets) for row in plan.done[:DONE_SHOWN]],
        "done_more": max(0, len(plan.done) - DONE_SHOWN),
        "done_since": plan.since,
    }


def _axes(strategy: Strategy | None, names: dict[str, str]) -> list[dict]:
    if strategy is None:
        return []
    return [{"title": axis.title,
             "enjeux": [f"{code} · {names.get(code, '')}" for code in axis.enjeux],
             "levels": [str(LEVEL_NAMES.get(level, level)) for level in axis.levels]}
            for axis in strategy.axes.all()]
