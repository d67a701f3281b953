"""The grid page shows, beside each question, the cluster's actions that serve it (DESIGN §8),
through grid.annotations: grid itself knows nothing of plans."""

import re
from datetime import date

import pytest

from plans import services
from tests.fixtures import url

pytestmark = pytest.mark.django_db


def test_the_grid_shows_each_questions_actions_with_their_status(
    editor_client, cluster_a, editor, assessment
):
    services.action_create(cluster=cluster_a, by=editor, title="Former à l'éco-conception",
                           question_codes=["2B-2"], status="done", done_on=date(2025, 3, 12))
    services.action_create(cluster=cluster_a, by=editor, title="Plan de mobilité",
                           question_codes=["2B-2", "1C-2"], due_on=date(2026, 6, 30))
    response = editor_client.get(url("grid", assessment))
    rows = {row.code: row for group in response.context["sections"] for row in group.questions}
    assert [(n.text, n.status) for n in rows["2B-2"].notes] == [
        ("Action « Former à l'éco-conception »", "réalisée le 12/03/2025"),
        ("Action « Plan de mobilité »", "prévue, échéance 30/06/2026"),
        ("Planifier une action sur 2B-2", ""),
    ]
    assert [n.text for n in rows["1C-2"].notes] == [
        "Action « Plan de mobilité »", "Planifier une action sur 1C-2"]
    assert [(n.text, n.url) for n in rows["S-1"].notes] == [
        ("Planifier une action sur S-1", "/poles/pole-alpha/plan/nouvelle/?question=S-1")]
    html = re.search(r'id="q-2B-2".*?</fieldset>', response.content.decode(), re.S).group()
    assert 'aria-label="Actions liées à cette question"' in html
    assert "réalisée le 12/03/2025" in html


def test_the_board_reads_the_actions_without_an_offer_to_plan(
    board_client, cluster_a, editor, assessment
):
    services.action_create(cluster=cluster_a, by=editor, title="Plan de mobilité",
                           question_codes=["1C-2"])
    rows = {row.code: row for group in board_client.get(url("grid", assessment))
            .context["sections"] for row in group.questions}
    assert [n.text for n in rows["1C-2"].notes] == ["Action « Plan de mobilité »"]
    assert rows["S-1"].notes == ()


def test_another_clusters_actions_never_show(editor_client, cluster_b, outsider, assessment):
    services.action_create(cluster=cluster_b, by=outsider, title="Action de B",
                           question_codes=["2B-2"])
    page = editor_client.get(url("grid", assessment)).content.decode()
    assert "Action de B" not in page
