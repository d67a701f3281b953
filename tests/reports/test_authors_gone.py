"""A year survives its authors: deleting or deactivating the accounts that opened, submitted and
validated a year changes nothing of what its results page, its PDF and the evolution page say;
a step whose author was never recorded says « compte supprimé »."""

import html as html_lib
import re
from io import StringIO

import pytest
from django.core.management import call_command

from clusters.models import Membership
from grid import services
from grid.models import Transition
from tests.fixtures import fill, logged_in, make_member, url
from tests.reports import pdf

pytestmark = pytest.mark.django_db


@pytest.fixture
def reader(cluster_a):
    """A second board member, who reads the year once its authors are gone."""
    return logged_in(make_member("conseil-bis", cluster_a, Membership.Role.BOARD, "Anne", "Roux"))


@pytest.fixture
def year_2024(cluster_a, editor, board, campaign_2024):
    """2024 opened and submitted by Élise Martin, validated by Bruno Durand."""
    assessment = services.assessment_start(cluster=cluster_a, year=2024, by=editor, prefill=False)
    fill(assessment, editor)
    services.assessment_submit(assessment=assessment, by=editor)
    return services.assessment_validate(assessment=assessment, by=board, comment="Vu en CA.")


def read(response) -> str:
    assert response.status_code == 200
    return re.sub(r"\s+", " ", html_lib.unescape(response.content.decode()))


def workflow(page: str) -> str:
    start = page.index('id="workflow-title"')
    return page[start:page.index("</ol>", start)]


def test_the_results_page_says_the_same_once_its_authors_are_deleted(
    reader, year_2024, editor, board
):
    before = workflow(read(reader.get(url("results", year_2024))))
    assert "Élise Martin" in before and "Bruno Durand" in before
    editor.delete()
    board.delete()
    assert workflow(read(reader.get(url("results", year_2024)))) == before


def test_the_results_page_says_the_same_once_its_authors_are_deactivated(
    reader, year_2024, editor, board
):
    before = workflow(read(reader.get(url("results", year_2024))))
    for user in (editor, board):
        user.is_active = False
        user.save()
    assert workflow(read(reader.get(url("results", year_2024)))) == before


def test_the_pdf_names_the_authors_once_their_accounts_are_deleted(reader, year_2024, editor,
                                                                   board):
    editor.delete()
    board.delete()
    response = reader.get(url("report", year_2024))
    assert response.status_code == 200
    text = " ".join(" ".join(pdf.page_texts(response.content)).split())
    assert "Validée" in text and "Bruno Durand" in text and "Élise Martin" in text
    assert "compte supprimé" not in text


def test_the_evolution_page_names_the_board_once_its_account_is_deleted(
    reader, year_2024, editor, board
):
    editor.delete()
    board.delete()
    page = read(reader.get(url("evolution", slug=year_2024.cluster.slug)))
    comments = page[page.index('id="comments-title"'):]
    assert "Bruno Durand" in comments and "Vu en CA." in comments


def without_authors(assessment) -> None:
    """Its steps written again without an author, as network.generate writes them (and as the
    accounts deleted before names were kept left them)."""
    steps = list(assessment.transitions.all())
    Transition.objects.bulk_create(
        Transition(assessment=assessment, from_status=step.from_status,
                   to_status=step.to_status, comment=step.comment)
        for step in steps
    )
    Transition.objects.filter(pk__in=[step.pk for step in steps]).delete()


def test_a_step_without_an_author_says_compte_supprime(reader, year_2024):
    without_authors(year_2024)
    page = workflow(read(reader.get(url("results", year_2024))))
    assert page.count("compte supprimé") == 3
    evolution = read(reader.get(url("evolution", slug=year_2024.cluster.slug)))
    assert "compte supprimé" in evolution[evolution.index('id="comments-title"'):]


def test_cluster_report_writes_years_whose_steps_have_no_author(year_2024, tmp_path):
    without_authors(year_2024)
    out = StringIO()
    call_command("cluster_report", "--all", "--year", "2024", "-o", str(tmp_path), stdout=out)
    assert "1 rapport(s)" in out.getvalue()
    text = " ".join(pdf.page_texts((tmp_path / "pole-alpha-2024.pdf").read_bytes()))
    assert "compte supprimé" in " ".join(text.split())
