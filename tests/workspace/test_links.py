"""Links from the pages of lower apps to pages above them, which they may not name
(tests/test_layers.py), reach them all the same: through workspace.context_processors, the
ASSESSMENT_RESULTS_URL setting and the models' get_absolute_url."""

import pytest
from django.urls import reverse

from initiatives.models import Lever, Section
from tests.fixtures import url

pytestmark = pytest.mark.django_db


def test_the_grid_page_links_to_its_cluster_results_and_export(editor_client, assessment):
    html = editor_client.get(url("grid", assessment)).content.decode()
    for name in ("cluster-detail", "results", "export-json"):
        args = {"slug": assessment.cluster.slug}
        if name != "cluster-detail":
            args["year"] = assessment.campaign.year
        assert f'href="{url(name, **args)}"' in html, name


def test_the_plan_pages_lead_back_to_the_clusters(editor_client, cluster_a):
    html = editor_client.get(reverse("plans:action-list", args=[cluster_a.slug])).content.decode()
    assert f'href="{url("cluster-list")}"' in html
    assert f'href="{url("cluster-detail", slug=cluster_a.slug)}"' in html


def test_a_workflow_step_leads_to_the_results(board_client, submitted):
    response = board_client.post(url("results", submitted), {"action": "validate"})
    assert response["Location"] == url("results", submitted)


def test_a_section_and_a_lever_lead_to_their_sheets():
    sheets = reverse("guide:sheet-list")
    assert Section.objects.get(code="2B").get_absolute_url() == f"{sheets}?enjeu=B&level=2"
    assert Section.objects.get(code="S").get_absolute_url() == sheets
    lever = Lever.objects.order_by("pk").first()
    assert lever.get_absolute_url() == f"{sheets}?lever={lever.slug}"
