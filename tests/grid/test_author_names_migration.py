"""grid 0007 and plans 0002: steps and comments written before names were kept get their author's
name as it stands; those whose author was already deleted stay without one (« compte supprimé »)."""

import importlib

from django.apps import apps
from django.contrib.auth import get_user_model

from grid.models import Transition
from plans import services
from plans.models import ActionComment

grid_migration = importlib.import_module("grid.migrations.0007_author_names")
plans_migration = importlib.import_module("plans.migrations.0002_author_names")


def test_existing_steps_and_comments_get_their_authors_name(submitted, editor, board):
    nameless = get_user_model().objects.create_user("sans-nom")
    comment = services.action_comment_add(
        action=services.action_create(cluster=submitted.cluster, by=editor, title="Bilan"),
        by=board, text="Vu.")
    Transition.objects.create(assessment=submitted, from_status="submitted",
                              to_status="returned", by=nameless, comment="À revoir.")
    Transition.objects.create(assessment=submitted, from_status="returned",
                              to_status="submitted")
    Transition.objects.update(by_name="")
    ActionComment.objects.update(by_name="")

    grid_migration.name_the_authors(apps, None)
    plans_migration.name_the_authors(apps, None)

    assert [step.by_name for step in submitted.transitions.all()] == [
        "Élise Martin", "Élise Martin", "sans-nom", ""]
    assert [step.author for step in submitted.transitions.all()][-1] == "compte supprimé"
    comment.refresh_from_db()
    assert comment.by_name == "Bruno Durand"
