"""Fictional clusters and years of assessments for the network level (`generate_network`).

A network's pages need many clusters with a profile and several years of grids to show
anything: this writes them in bulk, deterministically for a seed. Each cluster has a base
maturity, strengths per enjeu and per question, and improves a little every year; its answers
follow the rules of `grid.rules` (checked with `grid.rules.answer_problems`, `na` with a
comment and never in section S), and a submitted or validated year stores the notes
`grid.scoring.submission_scores` computes, as `assessment_submit` does. Most years are
validated, some submitted, a few returned or left in draft (neither ever counts).

Everything is keyed so that a second run completes what is missing and duplicates nothing:
clusters by slug (`fictif-<network>-0001`…), assessments by cluster and campaign year. The
random draws of a cluster and of a year depend on the seed, the cluster's number and the year
only, so a network generated in two runs is the one generated in one (over the same years: the
last year is the one under way, with more drafts; a later run with more years leaves it as it
was, as time would).
"""

import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from django.db import transaction
from django.utils import timezone

from clusters.models import Cluster, Network, Sector
from grid import rules
from grid.changes import StoredRows
from grid.models import (
    Answer,
    Assessment,
    Campaign,
    CustomAnswer,
    GridVersion,
    Question,
    Transition,
)
from grid.scoring import (
    ENJEUX,
    NOT_APPLICABLE,
    STRATEGY,
    AnswerValue,
    CustomRow,
    GridSpec,
    submission_scores,
)
from grid.specs import grid_specs
from initiatives.models import Enjeu

from .services import snapshots_sync

SLUG_PREFIX = "fictif-"
GRID = "cgdd-2012"
CHUNK = 100  # clusters written per transaction
BATCH = 5000  # rows per INSERT

Status = Assessment.Status

KINDS = (  # (kind, share, how the name starts)
    (Cluster.Kind.POLE, 50, "Pôle fictif"),
    (Cluster.Kind.CLUSTER, 25, "Cluster fictif"),
    (Cluster.Kind.GRAPPE, 15, "Grappe fictive"),
    (Cluster.Kind.OTHER, 10, "Réseau fictif"),
)
OVERSEAS = {"GUA", "MTQ", "GUF", "LRE", "MAY"}
# Metropolitan regions drawn three times as often as Corsica and each overseas region, so that
# some regions hold fewer than five clusters (the aggregates must hide them).
REGION_WEIGHTS = {
    code: 1 if code in OVERSEAS or code == "COR" else 3 for code in Cluster.Region.values
}
SIZES = ((Cluster.Size.SMALL, 20), (Cluster.Size.MEDIUM, 40), (Cluster.Size.LARGE, 25),
         (Cluster.Size.XLARGE, 15))
SIZE_BONUS = {Cluster.Size.SMALL: -0.05, Cluster.Size.MEDIUM: 0.0, Cluster.Size.LARGE: 0.03,
              Cluster.Size.XLARGE: 0.06}
PLACES = (
    "Azur", "Boréal", "Mistral", "Garrigue", "Estuaire", "Bocage", "Causses", "Lagune", "Piémont",
    "Vallée Claire", "Trois Rivières", "Hautes Landes", "Côte Vermeille", "Plaine d'Or",
    "Marais Blanc", "Val d'Aube", "Cap Sud", "Forêt Noire", "Alizés", "Montagne Bleue",
)
THEMES = (
    "Numérique", "Agrinov", "Matériaux", "Mobilités", "Énergies", "Santé", "Aéro", "Mer",
    "Bois", "Textile", "Éco-construction", "Chimie verte", "Eau", "Tourisme", "Optique",
    "Robotique",
)
NA_COMMENTS = (
    "Sans objet : le pôle n'a pas de locaux propres.",
    "Non applicable à notre filière cette année.",
    "Compétence portée par la région, pas par le pôle.",
    "Le pôle n'a pas de salariés sur ce périmètre.",
)
EVIDENCE = (
    "Formalisé dans le plan d'actions annuel.",
    "Suivi en comité de pilotage ; compte rendu disponible.",
    "Indicateurs publiés dans le rapport d'activité.",
)
CUSTOM_LABELS = {
    "A": "Charte d'engagement des adhérents",
    "B": "Mutualisation des flux logistiques entre adhérents",
    "C": "Groupement d'employeurs pour les compétences rares",
    "D": "Appel à projets « innovation frugale »",
}
THRESHOLDS = ((0.72, "++"), (0.48, "+"), (0.24, "-"))  # below the last: « -- »


@dataclass
class Counts:
    clusters: int = 0
    campaigns: int = 0
    assessments: int = 0
    answers: int = 0
    custom_answers: int = 0
    transitions: int = 0
    statuses: dict = field(default_factory=dict)
    seconds: float = 0.0


@dataclass(frozen=True)
class Profile:
    """What a cluster is and how it answers, drawn once from the seed and its number."""

    name: str
    slug: str
    kind: str
    region: str
    size: str
    sector_slugs: tuple[str, ...]
    maturity: float  # 0 (nothing done) … 1 (everything formal)
    trend: float  # gained every year
    enjeu_offsets: dict  # "S", "A"… → offset
    question_offsets: dict  # question code → offset, stable over the years
    not_applicable: frozenset  # codes it answers `na` every year (never in section S)


def _clamp(value: float, low: float = 0.0, high: float = 1.0) -> float:
    return max(low, min(high, value))


def _pick(rng: random.Random, weighted) -> object:
    values, weights = zip(*weighted, strict=True)
    return rng.choices(values, weights=weights)[0]


def cluster_slug(network_slug: str, number: int) -> str:
    return f"{SLUG_PREFIX}{network_slug[:60]}-{number:04d}"


def profile(seed: int, network_slug: str, number: int, questions: list[str],
            sector_slugs: list[str]) -> Profile:
    """The cluster `number` (1…) of a generated network; `questions` are the grid's codes in
    order (codes of section S start with « S- »)."""
    rng = random.Random(f"{seed}:{network_slug}:{number}")
    kind, _, start = KINDS[_pick(rng, [(i, k[1]) for i, k in enumerate(KINDS)])]
    region = _pick(rng, REGION_WEIGHTS.items())
    size = _pick(rng, SIZES)
    name = f"{start} {rng.choice(PLACES)} {rng.choice(THEMES)} {number:03d}"
    sectors = tuple(sorted(rng.sample(sector_slugs, min(len(sector_slugs),
                                                        rng.choice((1, 1, 2))))))
    maturity = _clamp(rng.gauss(0.46, 0.13) + SIZE_BONUS[size], 0.1, 0.85)
    return Profile(
        name=name, slug=cluster_slug(network_slug, number), kind=kind, region=region, size=size,
        sector_slugs=sectors, maturity=maturity,
        trend=_clamp(rng.gauss(0.015, 0.012), -0.01, 0.04),
        enjeu_offsets={e: rng.gauss(0, 0.1) for e in (STRATEGY, *ENJEUX)},
        question_offsets={code: rng.gauss(0, 0.12) for code in questions},
        not_applicable=frozenset(
            code for code in questions
            if not code.startswith(f"{STRATEGY}-") and rng.random() < 0.04
        ),
    )


def _status(rng: random.Random, last_year: bool) -> str:
    if last_year:  # the year under way: many grids not yet validated
        return _pick(rng, ((Status.DRAFT, 25), (Status.SUBMITTED, 25), (Status.VALIDATED, 50)))
    return _pick(rng, ((Status.DRAFT, 3), (Status.RETURNED, 2), (Status.SUBMITTED, 5),
                       (Status.VALIDATED, 90)))


def _answer(level: float) -> str:
    return next((answer for threshold, answer in THRESHOLDS if level >= threshold), "--")


def year_rows(seed: int, prof: Profile, year: int, rank: int, spec: GridSpec,
              status: str) -> StoredRows:
    """The answers and « autres actions » of the cluster's grid of `year` (its `rank`-th
    year, from 0): complete unless it is a draft."""
    rng = random.Random(f"{seed}:{prof.slug}:{year}:rows")
    comments = random.Random(f"{seed}:{prof.slug}:{year}:comments")
    level_now = prof.maturity + prof.trend * rank
    share = rng.uniform(0.2, 0.85) if status == Status.DRAFT else 1.0
    answers = {}
    for question in spec.questions:
        code = question.code
        if rng.random() > share:
            answers[code] = AnswerValue(None)
        elif code in prof.not_applicable and rules.allows_not_applicable(question.section):
            answers[code] = AnswerValue(NOT_APPLICABLE, comments.choice(NA_COMMENTS))
        else:
            enjeu = STRATEGY if question.section == STRATEGY else question.section[-1]
            answer = _answer(level_now + prof.enjeu_offsets[enjeu]
                             + prof.question_offsets.get(code, 0) + rng.gauss(0, 0.08))
            evidence = answer == "++" and comments.random() < 0.2
            comment = comments.choice(EVIDENCE) if evidence else ""
            answers[code] = AnswerValue(answer, comment)
    custom = {}
    for enjeu in ENJEUX:
        if rng.random() < 0.08:
            custom[enjeu] = CustomRow(
                enjeu, CUSTOM_LABELS[enjeu], rng.choice((1, 2)), rng.randint(1, 4),
                _answer(level_now + rng.gauss(0, 0.15)),
            )
        else:
            custom[enjeu] = CustomRow(enjeu)
    return StoredRows(answers, custom, {})


STAFF, BOARD = "Équipe du pôle", "Conseil d'administration"  # who took each step: no account
_OPENED = (Status.DRAFT, Status.DRAFT, "", STAFF)
_SUBMITTED = (Status.DRAFT, Status.SUBMITTED, "", STAFF)
TRANSITIONS = {  # the workflow's steps up to each status, with the board's comment
    Status.DRAFT: [_OPENED],
    Status.SUBMITTED: [_OPENED, _SUBMITTED],
    Status.VALIDATED: [
        _OPENED, _SUBMITTED,
        (Status.SUBMITTED, Status.VALIDATED, "Validée en conseil d'administration.", BOARD),
    ],
    Status.RETURNED: [
        _OPENED, _SUBMITTED,
        (Status.SUBMITTED, Status.RETURNED,
         "À revoir : justifier les réponses « ++ » de la section S.", BOARD),
    ],
}


def current_version() -> GridVersion:
    """The version the latest campaign uses, else the guide's grid: a new year opens on it."""
    latest = Campaign.objects.select_related("version").order_by("-year").first()
    if latest is not None:
        return latest.version
    return GridVersion.objects.filter(code=GRID).first() or GridVersion.objects.earliest(
        "created_at"
    )


def generate(*, network_slug: str, name: str | None = None, clusters: int, years: int,
             first_year: int = 2016, seed: int = 1,
             progress: Callable[[str], None] | None = None) -> Counts:
    """Create, or complete, the network `network_slug` with `clusters` fictional clusters and
    `years` campaign years from `first_year`; returns what was created."""
    started = time.perf_counter()
    counts = Counts()
    network, _ = Network.objects.get_or_create(
        slug=network_slug, defaults={"name": name or f"Réseau fictif {network_slug}"}
    )
    if name and network.name != name:
        network.name = name
        network.save(update_fields=["name"])
    version = current_version()
    year_list = list(range(first_year, first_year + years))
    campaigns = {}
    for year in year_list:
        campaign, created = Campaign.objects.select_related("version").get_or_create(
            year=year, defaults={"version": version}
        )
        campaigns[year] = campaign
        counts.campaigns += created
    versions = {campaign.version for campaign in campaigns.values()}
    specs = grid_specs(versions)
    question_ids = {
        v.pk: dict(Question.objects.filter(version=v).values_list("code", "id")) for v in versions
    }
    codes = [q.code for q in specs[version.pk].questions]
    enjeu_ids = dict(Enjeu.objects.values_list("code", "id"))
    sectors = dict(Sector.objects.order_by("slug").values_list("slug", "id"))
    submitted_on: dict[int, datetime] = {}

    for chunk_start in range(1, clusters + 1, CHUNK):
        numbers = range(chunk_start, min(clusters, chunk_start + CHUNK - 1) + 1)
        with transaction.atomic():
            profiles = {n: profile(seed, network_slug, n, codes, list(sectors)) for n in numbers}
            by_number = _clusters(profiles, sectors, counts)
            network.clusters.add(*by_number.values())
            submitted_on.update(_assessments(seed, profiles, by_number, campaigns, specs,
                                             question_ids, enjeu_ids, counts))
        if progress:
            progress(f"{numbers[-1]}/{clusters} pôles, {counts.assessments} autoévaluations "
                     f"créées ({time.perf_counter() - started:.1f} s)")
    # Written in bulk, the assessments sent no signal: take their snapshots as submission would,
    # on the day each was submitted (in the first months of the next year, in an order the seed
    # draws), so that the network's figures grow as they would have.
    snapshots_sync(network, at=lambda pk: submitted_on.get(pk, timezone.now()))
    counts.seconds = time.perf_counter() - started
    return counts


def _clusters(profiles: dict[int, Profile], sectors: dict[str, int],
              counts: Counts) -> dict[int, Cluster]:
    slugs = {prof.slug: n for n, prof in profiles.items()}
    existing = {c.slug: c for c in Cluster.objects.filter(slug__in=slugs)}
    names = {prof.name for prof in profiles.values()}
    clash = Cluster.objects.filter(name__in=names).exclude(slug__startswith=SLUG_PREFIX)
    if clash.exists():
        raise ValueError(f"Nom déjà pris par un vrai pôle : {clash.first().name}")
    new = [
        Cluster(name=prof.name, slug=prof.slug, kind=prof.kind, region=prof.region, size=prof.size)
        for prof in profiles.values() if prof.slug not in existing
    ]
    created = Cluster.objects.bulk_create(new)
    counts.clusters += len(created)
    Through = Cluster.sectors.through
    Through.objects.bulk_create(
        [Through(cluster_id=cluster.pk, sector_id=sectors[slug])
         for cluster in created for slug in profiles[slugs[cluster.slug]].sector_slugs],
        ignore_conflicts=True,
    )
    everything = {**existing, **{c.slug: c for c in created}}
    return {n: everything[prof.slug] for n, prof in profiles.items()}


def submission_time(seed: int, slug: str, year: int) -> datetime:
    """When a generated year was submitted: between mid-January and mid-May of the next year."""
    rng = random.Random(f"{seed}:{slug}:{year}:submitted")
    start = datetime(year + 1, 1, 15, 9, tzinfo=UTC)
    return start + timedelta(minutes=rng.randrange(120 * 24 * 60))


def _assessments(seed, profiles, by_number, campaigns, specs, question_ids, enjeu_ids,
                 counts: Counts) -> dict[int, datetime]:
    """Writes the missing years; returns when each was submitted, by assessment."""
    done = set(
        Assessment.objects.filter(cluster__in=by_number.values(),
                                  campaign__in=campaigns.values())
        .values_list("cluster_id", "campaign_id")
    )
    last_year = max(campaigns)
    planned = []  # (assessment, rows)
    for number, prof in profiles.items():
        cluster = by_number[number]
        for rank, (year, campaign) in enumerate(sorted(campaigns.items())):
            if (cluster.pk, campaign.pk) in done:
                continue
            spec = specs[campaign.version_id]
            status = _status(random.Random(f"{seed}:{prof.slug}:{year}:status"),
                             year == last_year)
            rows = year_rows(seed, prof, year, rank, spec, status)
            problems = rules.answer_problems(spec, rows.answers, rows.custom)
            if problems or (status != Status.DRAFT and rules.missing_answers(rows.answers)):
                raise AssertionError(f"{prof.slug} {year}: {problems}")  # a bug of this module
            scores = (submission_scores(spec, rows.answers, rows.custom_rows)
                      if status in (Status.SUBMITTED, Status.VALIDATED) else None)
            planned.append((Assessment(cluster=cluster, campaign=campaign, status=status,
                                       scores=scores), rows))
    created = Assessment.objects.bulk_create([a for a, _ in planned], batch_size=BATCH)
    answers, custom, transitions = [], [], []
    for assessment, rows in planned:
        ids = question_ids[assessment.campaign.version_id]
        answers += [
            Answer(assessment_id=assessment.pk, question_id=ids[code], value=value.answer or "",
                   comment=value.comment, revision=int(value.answer is not None))
            for code, value in rows.answers.items()
        ]
        custom += [
            CustomAnswer(assessment_id=assessment.pk, enjeu_id=enjeu_ids[enjeu], label=row.label,
                         level=row.level, bareme=row.bareme, value=row.answer or "",
                         revision=int(row.answer is not None))
            for enjeu, row in rows.custom.items()
        ]
        transitions += [
            Transition(assessment_id=assessment.pk, from_status=a, to_status=b, comment=comment,
                       by_name=name)
            for a, b, comment, name in TRANSITIONS[assessment.status]
        ]
        counts.statuses[assessment.status] = counts.statuses.get(assessment.status, 0) + 1
    Answer.objects.bulk_create(answers, batch_size=BATCH)
    CustomAnswer.objects.bulk_create(custom, batch_size=BATCH)
    Transition.objects.bulk_create(transitions, batch_size=BATCH)
    counts.assessments += len(created)
    counts.answers += len(answers)
    counts.custom_answers += len(custom)
    counts.transitions += len(transitions)
    return {assessment.pk: submission_time(seed, assessment.cluster.slug,
                                           assessment.campaign.year)
            for assessment, _ in planned}
