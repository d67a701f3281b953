"""`generate_network` (network.generate): fictional clusters and years of assessments, stored as
the workflow stores them, deterministic and idempotent; and the demo's network."""

from collections import Counter
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from clusters.models import Cluster, Network
from grid.models import Answer, Assessment, Campaign, CustomAnswer, Transition
from grid.scoring import score, scores_to_json
from grid.selectors import assessment_inputs
from network import selectors
from network.generate import SLUG_PREFIX, generate
from network.models import Snapshot
from tests.fixtures import built_once

pytestmark = pytest.mark.django_db


def run(*args: str) -> str:
    out = StringIO()
    call_command("generate_network", *args, stdout=out)
    return out.getvalue()


def snapshot(network_slug: str) -> dict:
    """Everything generated for a network, as plain data (no ids, no dates)."""
    clusters = Cluster.objects.filter(networks__slug=network_slug).prefetch_related("sectors")
    return {
        "clusters": {
            c.slug: (c.name, c.kind, c.region, c.size, sorted(s.slug for s in c.sectors.all()))
            for c in clusters
        },
        "assessments": {
            (a.cluster.slug, a.campaign.year): (a.status, a.scores)
            for a in Assessment.objects.filter(cluster__in=clusters).select_related(
                "cluster", "campaign")
        },
        "answers": sorted(
            Answer.objects.filter(assessment__cluster__in=clusters).values_list(
                "assessment__cluster__slug", "assessment__campaign__year", "question__code",
                "value", "comment")
        ),
        "custom": sorted(
            CustomAnswer.objects.filter(assessment__cluster__in=clusters).values_list(
                "assessment__cluster__slug", "assessment__campaign__year", "enjeu__code",
                "label", "level", "bareme", "value")
        ),
    }


def test_it_creates_the_network_its_clusters_and_their_years():
    output = run("--network", "essai", "--name", "Réseau d'essai", "--clusters", "6",
                 "--years", "3", "--first-year", "2020")
    network = Network.objects.get(slug="essai")
    assert network.name == "Réseau d'essai"
    assert network.clusters.count() == 6
    assert sorted(Campaign.objects.values_list("year", flat=True)) == [2020, 2021, 2022]
    assessments = Assessment.objects.filter(cluster__networks=network)
    assert assessments.count() == 18
    assert Answer.objects.filter(assessment__in=assessments).count() == 18 * 41
    assert CustomAnswer.objects.filter(assessment__in=assessments).count() == 18 * 4
    assert "6 pôles, 3 campagnes, 18 autoévaluations" in output


def test_a_second_run_duplicates_nothing():
    run("--network", "essai", "--clusters", "5", "--years", "2")
    counts = [model.objects.count()
              for model in (Cluster, Campaign, Assessment, Answer, CustomAnswer, Transition)]
    assert "0 pôles, 0 campagnes, 0 autoévaluations" in run(
        "--network", "essai", "--clusters", "5", "--years", "2")
    assert [model.objects.count() for model in (
        Cluster, Campaign, Assessment, Answer, CustomAnswer, Transition)] == counts
    assert Network.objects.count() == 1


def test_the_same_seed_gives_the_same_network_and_a_completed_one_is_the_same():
    generate(network_slug="essai", clusters=6, years=3, seed=4)
    once = snapshot("essai")
    Cluster.objects.filter(slug__startswith=SLUG_PREFIX).delete()
    generate(network_slug="essai", clusters=3, years=3, seed=4)  # a smaller run, then completed
    Assessment.objects.filter(cluster__slug="fictif-essai-0002", campaign__year=2017).delete()
    generate(network_slug="essai", clusters=6, years=3, seed=4)
    assert snapshot("essai") == once
    Cluster.objects.filter(slug__startswith=SLUG_PREFIX).delete()
    generate(network_slug="essai", clusters=6, years=3, seed=5)
    assert snapshot("essai") != once


def test_profiles_are_varied_and_use_the_sector_table():
    generate(network_slug="essai", clusters=60, years=1, seed=1)
    clusters = Cluster.objects.filter(networks__slug="essai").prefetch_related("sectors")
    assert len({c.region for c in clusters}) >= 12
    assert {c.kind for c in clusters} == set(Cluster.Kind.values)
    assert {c.size for c in clusters} == set(Cluster.Size.values)
    assert all(1 <= len(c.sectors.all()) <= 2 for c in clusters)
    assert all(c.slug.startswith("fictif-essai-") for c in clusters)
    assert all(" fictif " in c.name or " fictive " in c.name for c in clusters)
    assert len({c.name for c in clusters}) == 60


def test_generated_names_never_take_a_real_cluster_name(cluster_a, cluster_b, settings):
    settings.DEBUG = True
    call_command("load_demo", stdout=StringIO())
    generate(network_slug="essai", clusters=30, years=1)
    generated = Cluster.objects.filter(slug__startswith=SLUG_PREFIX)
    real = Cluster.objects.exclude(slug__startswith=SLUG_PREFIX)
    assert real.count() == 4
    assert not set(generated.values_list("name", flat=True)) & set(
        real.values_list("name", flat=True))


def test_it_refuses_to_give_a_real_cluster_name_to_a_fictional_one():
    generate(network_slug="essai", clusters=1, years=1)
    name = Cluster.objects.get().name
    Cluster.objects.all().delete()
    Cluster.objects.create(name=name, slug="vrai-pole")
    with pytest.raises(ValueError, match="Nom déjà pris"):
        generate(network_slug="essai", clusters=1, years=1)


def test_load_demo_creates_the_demo_network_coordinated_by_reseau(settings):
    settings.DEBUG = True
    call_command("load_demo", stdout=StringIO())
    network = Network.objects.get(slug="reseau-demo")
    assert network.name == "Réseau démo des pôles"
    assert list(network.coordinators.values_list("username", flat=True)) == ["reseau"]
    slugs = set(network.clusters.values_list("slug", flat=True))
    assert "pole-littoral-durable" in slugs
    fictional = {slug for slug in slugs if slug.startswith(SLUG_PREFIX)}
    assert len(fictional) >= 12
    years = Assessment.objects.filter(cluster__slug__in=fictional).values_list(
        "campaign__year", flat=True)
    assert Counter(years) == {2023: len(fictional), 2024: len(fictional), 2025: len(fictional)}
    assert not get_user_model().objects.get(username="reseau").memberships.exists()
    littoral = Cluster.objects.get(slug="pole-littoral-durable")
    assert (littoral.kind, littoral.region, littoral.size) == ("pole", "PDL", "50-149")
    for year in (2023, 2024, 2025):  # every year has its distributions, the latest included
        assert selectors.network_year(network, year, {}).boxes["global"] is not None


# The tests that read `generated` come last: its rows stay until the module ends.


@pytest.fixture(scope="module")
def generated_once(django_db_setup, django_db_blocker):
    """Generated once: the tests that take it only read it (tests.fixtures.built_once)."""
    with built_once(django_db_blocker):
        generate(network_slug="essai", clusters=40, years=4, first_year=2021, seed=1)
        yield


@pytest.fixture
def generated(generated_once):
    return Assessment.objects.filter(cluster__networks__slug="essai").select_related(
        "campaign__version", "cluster")


def test_statuses_are_mostly_validated_with_some_submitted_and_drafts(generated):
    statuses = Counter(a.status for a in generated)
    assert {"validated", "submitted", "draft"} <= set(statuses) <= set(Assessment.Status.values)
    assert statuses["validated"] > len(generated) / 2
    for assessment in generated:
        steps = list(assessment.transitions.values_list("to_status", "by_name"))
        assert steps[-1][0] == assessment.status
        assert all(name for _, name in steps)  # no account behind them, but a name


def test_stored_scores_are_what_the_scoring_gives_on_the_stored_answers(generated):
    for assessment in generated:
        spec, answers, custom = assessment_inputs(assessment)
        if assessment.status in ("submitted", "validated"):
            assert assessment.scores == scores_to_json(spec.code, score(spec, answers, custom))
            assert assessment.scores["provisional"] is False
        else:  # drafts and returned grids store no notes: they never count
            assert assessment.scores is None
    drafts = [a for a in generated if a.status == "draft"]
    assert any(a.answers.filter(value="").exists() for a in drafts)


def test_answers_follow_the_rules_and_vary(generated):
    answers = Answer.objects.filter(assessment__in=generated)
    assert not answers.filter(value="na", question__section__code="S").exists()
    assert not answers.filter(value="na", comment="").exists()
    values = Counter(answers.values_list("value", flat=True))
    assert {"++", "+", "-", "--", "na"} <= set(values)
    assert values["--"] < values["+"]
    counted = CustomAnswer.objects.filter(assessment__in=generated).exclude(value="")
    assert counted.exists()
    assert all(row.label and row.level in (1, 2) and 1 <= row.bareme <= 4 for row in counted)
    notes = {a.scores["global"] for a in generated if a.scores}
    assert len(notes) > len(generated) / 2  # no two clusters alike


def test_a_cluster_improves_a_little_over_the_years(generated):
    by_year = {}
    for assessment in generated:
        if assessment.scores:
            by_year.setdefault(assessment.campaign.year, []).append(assessment.scores["global"])
    means = [sum(notes) / len(notes) for _, notes in sorted(by_year.items())]
    assert means[0] < means[-1] < means[0] + 0.3


def test_generated_years_are_counted_on_the_day_they_were_submitted(generated):
    snapshots = Snapshot.objects.filter(network__slug="essai", counted=True)
    assert snapshots.count() == generated.filter(status__in=["submitted", "validated"]).count()
    for snapshot in snapshots.select_related("assessment__campaign")[:50]:
        year = snapshot.assessment.campaign.year
        assert (year + 1, 1, 15) <= snapshot.taken_at.timetuple()[:3] <= (year + 1, 5, 15)
    # Not in the order they were written: the figures grow as they would have.
    order = list(snapshots.filter(year=2021).order_by("taken_at").values_list("cluster_id",
                                                                              flat=True))
    assert order != sorted(order)
