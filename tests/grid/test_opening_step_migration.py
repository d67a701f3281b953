"""grid 0006: the opening steps stored a French sentence as their comment; the migration keeps
the carried-over year instead, and leaves every other comment as it was."""

import importlib

from django.apps import apps

from grid.models import Transition

migration = importlib.import_module("grid.migrations.0006_transition_carried_from")


def test_the_sentence_becomes_the_year_and_other_comments_stay(assessment, editor):
    def step(comment, to_status="draft"):
        return Transition.objects.create(assessment=assessment, from_status="draft",
                                         to_status=to_status, by=editor, comment=comment)

    carried = step("Ouverte avec les réponses de 2024.")
    plain = step("Ouverte.")
    typed = step("Ouverte avec les réponses de 2024, mais à revoir.")
    submitted = step("Ouverte.", to_status="submitted")

    migration.sentence_to_year(apps, None)

    assert Transition.objects.get(pk=carried.pk).label == "Ouverte avec les réponses de 2024"
    for kept, carried_from, comment in [
        (carried, 2024, ""), (plain, None, ""),
        (typed, None, "Ouverte avec les réponses de 2024, mais à revoir."),
        (submitted, None, "Ouverte."),
    ]:
        kept.refresh_from_db()
        assert (kept.carried_from, kept.comment) == (carried_from, comment)

    migration.year_to_sentence(apps, None)
    carried.refresh_from_db()
    assert carried.comment == "Ouverte avec les réponses de 2024."
