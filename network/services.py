"""Writes of the network level: the snapshots its aggregates read."""

from django.db.models import F, Q

from clusters.models import Network
from grid.models import Assessment
from grid.selectors import answers_of

from .models import Snapshot

COUNTED = (Assessment.Status.SUBMITTED, Assessment.Status.VALIDATED)  # drafts never count
_BATCH = 500
_COLUMNS = ("pk", "cluster_id", "campaign__year", "updated_at", "scores")


def notes_of(scores: dict) -> dict[str, float | None]:
    """A snapshot's notes from the scores stored at submission (grid_score's format)."""
    return {
        "global": scores.get("global"),
        "F": scores.get("strategy_factor"),
        **scores.get("axes", {}),
        **{f"N{level}": note for level, note in scores.get("levels", {}).items()},
        **scores.get("sections", {}),
    }


def snapshots_sync(network: Network) -> int:
    """Take a snapshot of each submitted or validated assessment of the network's clusters that
    has none, or whose assessment changed since (returned, then submitted again); one query when
    nothing changed. Returns how many were taken."""
    stale = list(
        Assessment.objects.filter(cluster__networks=network, status__in=COUNTED)
        .annotate(taken_from=F("network_snapshot__taken_from"))  # one outer join, no subquery
        .filter(Q(taken_from__isnull=True) | ~Q(taken_from=F("updated_at")))
        .values_list(*_COLUMNS)
    )
    for start in range(0, len(stale), _BATCH):
        _take(stale[start:start + _BATCH])
    return len(stale)


def snapshot_on_submission(sender, instance: Assessment, **kwargs) -> None:
    """Take the snapshot as soon as an assessment of a network's cluster is submitted or
    validated (Assessment's post_save, connected in NetworkConfig.ready), so that its position
    among its peers is there at once; the network's page takes any one missed."""
    if instance.status not in COUNTED:
        return  # a draft's saves cost nothing here
    if Network.objects.filter(clusters=instance.cluster_id).exists():
        _take(list(Assessment.objects.filter(pk=instance.pk).values_list(*_COLUMNS)))


def _take(rows: list[tuple]) -> None:
    answers = answers_of([pk for pk, *_ in rows])
    Snapshot.objects.bulk_create(
        [
            Snapshot(assessment_id=pk, cluster_id=cluster, year=year, taken_from=updated,
                     notes=notes_of(scores or {}), global_note=(scores or {}).get("global"),
                     answers={code: value.answer or "" for code, value
                              in answers[pk].answers.items()})
            for pk, cluster, year, updated, scores in rows
        ],
        # Two requests may take the same snapshot at once: the last one wins, unchanged.
        update_conflicts=True, unique_fields=["assessment"],
        update_fields=["cluster", "year", "taken_from", "notes", "global_note", "answers"],
    )
