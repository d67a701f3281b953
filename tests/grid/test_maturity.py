"""Maturity levels (DESIGN §8): the pure bands, the model's rules, new versions, the admin."""

from fractions import Fraction

import pytest
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.test import RequestFactory
from django.urls import reverse

from clusters.models import Cluster
from grid import services
from grid.admin import MaturityLevelInline
from grid.maturity import (
    DEFAULT_BANDS,
    change_text,
    default_scale,
    label_of,
    level_of,
    scale_problems,
    scale_text,
)
from grid.models import Campaign, GridVersion, MaturityLevel
from grid.selectors import latest_maturity_scale, maturity_scale
from initiatives.guide_import.grid import MATURITY_BANDS

SCALE = default_scale()


def letter(note):
    band = level_of(note, SCALE)
    return band.letter if band else None


# --- the pure function, by hand at the boundaries ---


@pytest.mark.parametrize(("note", "expected"), [
    (Fraction(0), "D"),  # 0 %
    (Fraction(2499, 10000), "D"),  # 24,99 %
    (Fraction(1, 4), "C"),  # exactly 25 %: 1/4 is not 0.2499…
    (Fraction(4999, 10000), "C"),
    (Fraction(1, 2), "B"),
    (Fraction(7499, 10000), "B"),
    (Fraction(3, 4), "A"),  # exactly 75 %
    (Fraction(1), "A"),  # 100 %
    (None, None),  # a note that does not exist has no level
])
def test_a_note_falls_in_the_band_of_the_highest_bound_it_reaches(note, expected):
    assert letter(note) == expected


def test_notes_from_floats_compare_on_their_decimal_value():
    assert letter(0.25) == "C" and letter(0.7499) == "B" and letter(0.75) == "A"


def test_a_just_below_bound_from_the_scoring_stays_below():
    # ⅓ × (¼ + ¾ × 1) = ⅓ ≈ 33,3 %: C; 3/4 − 1/10⁹ stays B.
    assert letter(Fraction(1, 3)) == "C"
    assert letter(Fraction(3, 4) - Fraction(1, 10**9)) == "B"


def test_without_bands_there_is_no_level():
    assert level_of(Fraction(1, 2), ()) is None
    assert label_of(Fraction(1, 2), ()) == ""


def test_labels_changes_and_the_legend():
    # By name, never by letter: « C » beside a note would read as the enjeu C (issue #23).
    nbsp = "\u00a0"
    assert label_of(Fraction(2, 5), SCALE) == "Intermédiaire"
    c, b = level_of(Fraction(2, 5), SCALE), level_of(Fraction(3, 5), SCALE)
    assert change_text(c, b) == "Intermédiaire → Confirmé"
    assert change_text(b, c) == "Confirmé → Intermédiaire"
    assert change_text(c, c) == "" and change_text(None, c) == ""
    assert scale_text(SCALE).startswith(f"Débutant{nbsp}: moins de 25{nbsp}%")
    assert scale_text(SCALE).endswith(f"Expert{nbsp}: 75{nbsp}% et plus")


@pytest.mark.parametrize(("bands", "message"), [
    ([(1, 0), (2, 25), (3, 50)], "exactement quatre niveaux"),
    ([(1, 0), (2, 25), (2, 50), (4, 75)], "exactement quatre niveaux"),
    ([(1, 5), (2, 25), (3, 50), (4, 75)], "rang 1 commence à 0"),
    ([(1, 0), (2, 50), (3, 50), (4, 75)], "croître strictement"),
    ([(1, 0), (2, 60), (3, 50), (4, 75)], "croître strictement"),
    ([(1, 0), (2, 25), (3, 50), (4, 100)], "entre 0 et 99"),
])
def test_a_scale_needs_four_increasing_bounds_from_0_below_100(bands, message):
    problems = scale_problems(bands)
    assert problems and message in " ".join(problems)


def test_the_default_scale_is_valid_and_the_fixture_agrees():
    assert scale_problems([(rank, bound) for rank, _l, _n, bound in DEFAULT_BANDS]) == []
    assert MATURITY_BANDS == DEFAULT_BANDS


# --- the model ---


@pytest.mark.django_db
def test_the_guide_version_has_the_four_default_levels():
    version = GridVersion.objects.get(code="cgdd-2012")
    assert maturity_scale(version.pk) == SCALE
    assert latest_maturity_scale() == (version, SCALE)


@pytest.mark.django_db
def test_the_database_refuses_a_second_rank_or_a_first_level_above_0():
    version = GridVersion.objects.get(code="cgdd-2012")
    with pytest.raises(IntegrityError), transaction.atomic():
        MaturityLevel.objects.create(version=version, rank=2, letter="X", name="X",
                                     lower_bound=30)
    level = version.maturity_levels.get(rank=1)
    level.lower_bound = 10
    with pytest.raises(ValidationError, match="commence à 0"):
        level.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        level.save()


@pytest.mark.django_db
def test_a_derived_version_copies_its_sources_levels():
    source = GridVersion.objects.get(code="cgdd-2012")
    source.maturity_levels.filter(rank=2).update(name="Engagé", lower_bound=30)
    derived = services.grid_version_derive(source=source, code="cgdd-2026", name="Grille 2026")
    assert [(b.letter, b.name, b.lower_bound) for b in maturity_scale(derived.pk)] == [
        ("D", "Débutant", 0), ("C", "Engagé", 30), ("B", "Confirmé", 50), ("A", "Expert", 75),
    ]
    assert maturity_scale(source.pk)[1].name == "Engagé"  # the source keeps its own


# --- the admin ---


@pytest.fixture
def admin_client(client, db):
    user = get_user_model().objects.create_superuser("content", "c@example.org", "pw")
    client.force_login(user)
    return client


def inline_data(version, bounds=(0, 25, 50, 75), names=None):
    """The GridVersion change form as the admin posts it, its levels with these bounds."""
    levels = list(version.maturity_levels.order_by("rank"))
    names = names or [level.name for level in levels]
    data = {
        "code": version.code, "name": version.name, "description": version.description,
        "answer_weights": '{"++": "1", "+": "2/3", "-": "1/3", "--": "0"}',
        "maturity_levels-TOTAL_FORMS": "4", "maturity_levels-INITIAL_FORMS": "4",
        "maturity_levels-MIN_NUM_FORMS": "4", "maturity_levels-MAX_NUM_FORMS": "4",
        "questions-TOTAL_FORMS": "0", "questions-INITIAL_FORMS": "0",
        "questions-MIN_NUM_FORMS": "0", "questions-MAX_NUM_FORMS": "1000",
    }
    for index, (level, bound, name) in enumerate(zip(levels, bounds, names, strict=True)):
        prefix = f"maturity_levels-{index}-"
        data.update({prefix + "id": level.pk, prefix + "version": version.pk,
                     prefix + "rank": level.rank, prefix + "letter": level.letter,
                     prefix + "name": name, prefix + "lower_bound": bound})
    return data


@pytest.fixture
def unused_version(db):
    source = GridVersion.objects.get(code="cgdd-2012")
    return services.grid_version_derive(source=source, code="cgdd-2026", name="Grille 2026")


def change_url(version):
    return reverse("admin:grid_gridversion_change", args=[version.pk])


def test_an_unused_versions_levels_are_edited_in_the_admin(admin_client, unused_version):
    page = admin_client.get(change_url(unused_version)).content.decode()
    assert "Niveaux de maturité" in page and 'name="maturity_levels-0-name"' in page
    names = ["Débutant", "Engagé", "Confirmé", "Expert"]
    response = admin_client.post(change_url(unused_version),
                                 inline_data(unused_version, (0, 30, 55, 80), names))
    assert response.status_code == 302
    assert [(b.name, b.lower_bound) for b in maturity_scale(unused_version.pk)] == [
        ("Débutant", 0), ("Engagé", 30), ("Confirmé", 55), ("Expert", 80),
    ]
    assert MaturityLevel.history.filter(version_id=unused_version.pk, rank=2).count() == 2


def test_bounds_that_do_not_increase_are_refused_with_a_message(admin_client, unused_version):
    response = admin_client.post(change_url(unused_version),
                                 inline_data(unused_version, (0, 50, 40, 75)))
    assert response.status_code == 200
    assert "Les seuils doivent croître strictement" in response.content.decode()
    assert [b.lower_bound for b in maturity_scale(unused_version.pk)] == [0, 25, 50, 75]


def test_a_used_versions_levels_are_read_only_and_a_crafted_post_changes_nothing(
    admin_client
):
    version = GridVersion.objects.get(code="cgdd-2012")
    Campaign.objects.create(year=2025, version=version)
    cluster = Cluster.objects.create(name="Pôle test", slug="pole-test")
    user = get_user_model().objects.create_user("staff")
    services.assessment_start(cluster=cluster, year=2025, by=user, prefill=False)
    page = admin_client.get(change_url(version)).content.decode()
    assert "Débutant" in page and 'name="maturity_levels-0-name"' not in page
    response = admin_client.post(change_url(version), inline_data(
        version, (0, 10, 20, 30), ["Zéro", "Un", "Deux", "Trois"]))
    assert response.status_code == 403
    assert maturity_scale(version.pk) == SCALE
    # The inline itself, asked directly, allows nothing on the frozen version.
    request = RequestFactory().get(change_url(version))
    request.user = get_user_model().objects.get(username="content")
    inline = MaturityLevelInline(MaturityLevel, admin.site)
    assert not inline.has_change_permission(request, version)
    assert not inline.has_add_permission(request, version)
    assert not inline.has_delete_permission(request, version)


def test_a_version_added_in_the_admin_gets_the_default_levels(admin_client):
    response = admin_client.post(reverse("admin:grid_gridversion_add"), {
        "code": "essai", "name": "Essai", "description": "",
        "answer_weights": '{"++": "1", "+": "2/3", "-": "1/3", "--": "0"}',
        "questions-TOTAL_FORMS": "0", "questions-INITIAL_FORMS": "0",
        "questions-MIN_NUM_FORMS": "0", "questions-MAX_NUM_FORMS": "1000",
    })
    assert response.status_code == 302, response.content.decode()[:2000]
    assert maturity_scale(GridVersion.objects.get(code="essai").pk) == SCALE
