"""Writes of the network level: the snapshots its figures read (network.models.Snapshot), taken
when a year is submitted, withdrawn or changed, and when a cluster joins or leaves a network."""

import hashlib
import json
from collections.abc import Callable, Collection
from datetime import datetime

from django.utils import timezone

from clusters.models import Cluster, Network
from grid.models import Assessment
from grid.selectors import answers_of

from .models import Snapshot

COUNTED = (Assessment.Status.SUBMITTED, Assessment.Status.VALIDATED)  # drafts never count
_BATCH = 2000


def notes_of(scores: dict) -> dict[str, float | None]:
    """A snapshot's notes from the scores stored at submission (grid_score's format)."""
    return {
        "global": scores.get("global"),
        "F": scores.get("strategy_factor"),
        **scores.get("axes", {}),
        **{f"N{level}": note for level, note in scores.get("levels", {}).items()},
        **scores.get("sections", {}),
    }


def digest_of(notes: dict, answers: dict) -> str:
    """Two snapshots with the same notes and answers give the same figures."""
    return hashlib.sha256(json.dumps([notes, answers], sort_keys=True).encode()).hexdigest()


def _profiles(cluster_ids: Collection[int]) -> dict[int, dict]:
    profiles = {pk: {"region": region, "kind": kind, "size": size, "sectors": []}
                for pk, region, kind, size in Cluster.objects.filter(pk__in=cluster_ids)
                .values_list("pk", "region", "kind", "size")}
    for cluster, sector in Cluster.sectors.through.objects.filter(
        cluster_id__in=cluster_ids
    ).order_by("sector__slug").values_list("cluster_id", "sector__slug"):
        profiles[cluster]["sectors"].append(sector)
    return profiles


def snapshots_take(assessment_ids: Collection[int], *, joined: bool = False,
                   at: Callable[[int], datetime] | None = None) -> int:
    """Bring the network snapshots of these assessments up to date: in each network of its
    cluster, a submitted or validated year whose latest snapshot is missing, withdrawn or says
    other notes is taken; in each network where its latest snapshot counts while the year no
    longer does (returned, reopened) or its cluster left, a withdrawal is taken.

    The profile recorded is the cluster's as it is now, at a submission; when a cluster joins a
    network (`joined`), its years bring the profile of their latest snapshot elsewhere, the one
    they were submitted with. `at` gives the time of each assessment's snapshot (the generator's
    invented dates); now otherwise. Returns how many were taken."""
    rows = list(Assessment.objects.filter(pk__in=assessment_ids)
                .values_list("pk", "cluster_id", "campaign__year", "status", "scores"))
    if not rows:
        return 0
    cluster_ids = {cluster for _, cluster, *_ in rows}
    networks: dict[int, set[int]] = {cluster: set() for cluster in cluster_ids}
    for cluster, network in Network.clusters.through.objects.filter(
        cluster_id__in=cluster_ids
    ).values_list("cluster_id", "network_id"):
        networks[cluster].add(network)
    latest: dict[tuple[int, int], tuple] = {}  # (network, assessment) → its latest snapshot
    recorded: dict[int, dict] = {}  # assessment → the profile of its latest counted snapshot
    for network, assessment, counted, digest, *profile in (
        Snapshot.objects.filter(assessment_id__in=[pk for pk, *_ in rows])
        .order_by("taken_at", "pk")
        .values_list("network_id", "assessment_id", "counted", "digest", "region", "kind",
                     "size", "sectors")
    ):
        latest[network, assessment] = (counted, digest)
        if counted:
            recorded[assessment] = dict(zip(("region", "kind", "size", "sectors"), profile,
                                            strict=True))
    counted_ids = [pk for pk, _, _, status, _ in rows if status in COUNTED]
    answers = answers_of(counted_ids) if counted_ids else {}
    profiles = _profiles(cluster_ids)
    now = timezone.now()
    taken = []
    for pk, cluster, year, status, scores in rows:
        if status in COUNTED:
            notes = notes_of(scores or {})
            said = {code: value.answer or "" for code, value in answers[pk].answers.items()}
            digest = digest_of(notes, said)
        for network in networks[cluster] | {n for n, a in latest if a == pk}:
            before = latest.get((network, pk))
            counts = status in COUNTED and network in networks[cluster]
            if counts and before != (True, digest):
                profile = recorded.get(pk) if joined else None
                taken.append(Snapshot(
                    network_id=network, assessment_id=pk, cluster_id=cluster, year=year,
                    taken_at=at(pk) if at else now, counted=True,
                    **(profile or profiles[cluster]), notes=notes,
                    global_note=notes["global"], answers=said, digest=digest))
            elif not counts and before is not None and before[0]:
                taken.append(Snapshot(
                    network_id=network, assessment_id=pk, cluster_id=cluster, year=year,
                    taken_at=at(pk) if at else now, counted=False))
    Snapshot.objects.bulk_create(taken, batch_size=_BATCH)
    return len(taken)


def snapshot_on_transition(sender, instance: Assessment, created: bool, raw: bool = False,
                           **kwargs) -> None:
    """Assessment's post_save (connected in NetworkConfig.ready): its answers never change
    without a transition, and a transition saves it. A year opened is nothing yet."""
    if raw or created or instance.status == Assessment.Status.DRAFT:
        return
    snapshots_take([instance.pk])


def snapshot_on_membership(sender, instance, action: str, reverse: bool, pk_set, **kwargs):
    """Network.clusters' m2m_changed: a cluster joining a network brings its submitted years, one
    leaving withdraws them, from now on (past figures stay as they were)."""
    if action == "pre_clear":
        # Who is about to leave, read before they are gone.
        instance._leaving = set(
            instance.networks.values_list("pk", flat=True) if reverse
            else instance.clusters.values_list("pk", flat=True))
        return
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    if action == "post_clear":
        pk_set = instance.__dict__.pop("_leaving", set())
    clusters = {instance.pk} if reverse else set(pk_set)
    assessments = Assessment.objects.filter(cluster__in=clusters)
    if not reverse and action != "post_add":
        # A cluster leaving: only its years this network counts need a withdrawal.
        assessments = assessments.filter(network_snapshots__network=instance)
    snapshots_take(list(assessments.values_list("pk", flat=True).distinct()),
                   joined=action == "post_add")


def snapshots_sync(network: Network, *, at: Callable[[int], datetime] | None = None) -> int:
    """Take whatever snapshot the network's clusters' years are missing (data written in bulk,
    such as the generator's, sends no signal). Returns how many were taken."""
    ids = list(Assessment.objects.filter(cluster__networks=network)
               .exclude(status=Assessment.Status.DRAFT).values_list("pk", flat=True))
    return sum(snapshots_take(ids[start:start + _BATCH], at=at)
               for start in range(0, len(ids), _BATCH))
