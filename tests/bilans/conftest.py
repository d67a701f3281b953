"""A validated year of cluster A with what its bilan must never show beside what it shows: an
answer's comment, the board's validation comment, an action's owner and notes, the people's
names; an approved strategy and a done action."""

from datetime import date

import pytest
from django.core.cache import cache

from bilans.services import bilan_publish
from grid import services
from plans.services import action_create
from strategy.services import strategy_approve, strategy_save, strategy_submit
from tests.fixtures import fill
from tests.strategy.helpers import arguments

SECRET_COMMENT = "Commentaire-de-reponse-confidentiel"
SECRET_VALIDATION = "Avis-du-CA-confidentiel"
SECRET_NOTES = "Notes-internes-de-l-action"
OWNER = "Gaspard Propriétaire"
DONE_TITLE = "Bilan carbone des rencontres annuelles"


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()


@pytest.fixture
def year(cluster_a, editor, board, assessment):
    cluster_a.region, cluster_a.kind = "BRE", "pole"
    cluster_a.save()
    fill(assessment, editor, answers={"2B-1": "-"}, comments={"2B-1": SECRET_COMMENT})
    action_create(cluster=cluster_a, by=editor, title=DONE_TITLE, sheets=["12"],
                  status="done", done_on=date.today(), owner_name=OWNER, notes=SECRET_NOTES)
    strategy = strategy_save(by=editor, **arguments(cluster_a, editor))
    strategy_submit(strategy=strategy, by=editor)
    strategy_approve(strategy=strategy, by=board)
    services.assessment_submit(assessment=assessment, by=editor)
    return services.assessment_validate(assessment=assessment, by=board,
                                        comment=SECRET_VALIDATION)


@pytest.fixture
def published(year, board):
    return bilan_publish(assessment=year, by=board, text="**Merci** aux membres.\nÀ suivre.")
