"""`reports:report` (…/rapport.pdf): the board's PDF, under the results page's permissions."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from reports.models import ArchivedReport, PreparedReport
from reports.selectors import results_content
from reports.tasks import render_report
from tests.fixtures import fill, url
from tests.reports import pdf

pytestmark = pytest.mark.django_db


def test_staff_get_the_pdf_inline_with_its_file_name(editor_client, filled):
    response = editor_client.get(url("report", filled))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'inline; filename="pole-alpha-2025.pdf"'
    assert "Pôle Alpha Maritime" in pdf.page_texts(response.content)[0]


def test_its_queries_do_not_grow_with_the_answers(
    editor_client, editor, assessment, django_assert_num_queries
):
    # A report rendered for the year as it stands is served in the same queries whatever the
    # year holds: session, user, membership and assessment; the last content edit and the
    # year's state (reports.selectors.report_key); the rendered file. The rendering's own
    # queries are pinned in tests/reports/test_worst_case.py.
    fill(assessment, editor, "-", codes=["S-1"])
    results_content(assessment.campaign.version)
    editor_client.get(url("report", assessment))  # rendered (immediate backend) and kept
    with django_assert_num_queries(6):
        assert editor_client.get(url("report", assessment))["Content-Type"] == "application/pdf"
    fill(assessment, editor, "-")
    editor_client.get(url("report", assessment))
    with django_assert_num_queries(6):
        assert editor_client.get(url("report", assessment))["Content-Type"] == "application/pdf"


def test_each_recommendation_names_an_experience_when_there_is_one(
    editor_client, editor, assessment
):
    fill(assessment, editor, answers={"2C-6": "-"})
    texts = pdf.page_texts(editor_client.get(url("report", assessment)).content)
    first = " ".join(texts[0].split())
    assert "2C-6" in first and "Ils l'ont fait : Communauté urbaine et Maison de l'emploi" in first


# --- rendered outside the request (issue « No input within the rules stalls the site »: three
# tabs asking for a long PDF held every worker, /healthz/ waited 32.6 s) ---

QUEUED = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


def queued():
    from django_tasks import default_task_backend

    return [(result.task.name, result.args) for result in default_task_backend.results]


@pytest.fixture
def nothing_rendered(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("the request rendered the PDF itself")

    monkeypatch.setattr("reports.services.report_pdf", refuse)


def test_a_report_not_ready_is_a_page_that_refreshes_and_nothing_is_rendered_in_the_request(
    editor_client, filled, settings, nothing_rendered
):
    settings.TASKS = QUEUED
    response = editor_client.get(url("report", filled))
    assert response.status_code == 202
    page = response.content.decode()
    assert "Le rapport est en cours de préparation" in page
    assert '<meta http-equiv="refresh" content="3">' in page
    assert f'href="{url("report", filled)}"' in page  # the link, offered again
    assert "<script>" not in page  # the CSP allows no inline script
    (prepared,) = PreparedReport.objects.all()
    assert prepared.status == "pending"
    assert queued() == [("render_report", [prepared.pk])]
    # Three tabs, one rendering.
    editor_client.get(url("report", filled))
    editor_client.get(url("report", filled))
    assert len(queued()) == 1 and PreparedReport.objects.count() == 1


def test_the_task_renders_it_and_the_next_request_gets_the_file(editor_client, filled, settings):
    settings.TASKS = QUEUED
    editor_client.get(url("report", filled))
    (prepared,) = PreparedReport.objects.all()
    render_report.call(prepared.pk)
    prepared.refresh_from_db()
    assert prepared.status == "ready" and bytes(prepared.pdf).startswith(b"%PDF")
    response = editor_client.get(url("report", filled))
    assert response["Content-Type"] == "application/pdf"
    assert response.content == bytes(prepared.pdf)


def test_a_report_of_an_earlier_state_is_never_served(editor_client, editor, filled, settings):
    first = editor_client.get(url("report", filled)).content  # rendered at once (immediate)
    assert "Pôle Alpha Maritime" in pdf.page_texts(first)[0]
    fill(filled, editor, "--", codes=["S-1"])
    settings.TASKS = QUEUED
    response = editor_client.get(url("report", filled))
    assert response.status_code == 202  # the new state is being prepared; the old one is not
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    render_report.call(PreparedReport.objects.get(status="pending").pk)
    second = editor_client.get(url("report", filled)).content
    assert second != first and second.startswith(b"%PDF")
    assert PreparedReport.objects.count() == 1  # the earlier state's file is not kept


def test_a_validated_years_report_is_rendered_by_the_task_into_the_archive(
    board_client, validated, settings
):
    settings.TASKS = QUEUED
    assert board_client.get(url("report", validated)).status_code == 202
    assert not ArchivedReport.objects.exists()
    render_report.call(PreparedReport.objects.get().pk)
    (archived,) = ArchivedReport.objects.all()
    assert board_client.get(url("report", validated)).content == bytes(archived.pdf)


def test_a_failed_rendering_says_so_and_can_be_tried_again(
    editor_client, filled, monkeypatch
):
    def broken(*args, **kwargs):
        raise RuntimeError("fontconfig est en panne")

    monkeypatch.setattr("reports.services.report_pdf", broken)
    response = editor_client.get(url("report", filled))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Le rapport n'a pas pu être préparé" in page
    assert 'http-equiv="refresh"' not in page  # it would fail again: the person decides
    assert f'action="{url("report-retry", filled)}"' in page
    assert "fontconfig" not in page  # the error stays in the log and the row
    assert "fontconfig" in PreparedReport.objects.get().error
    monkeypatch.undo()
    response = editor_client.post(url("report-retry", filled))
    assert response["Location"] == url("report", filled)
    assert editor_client.get(url("report", filled))["Content-Type"] == "application/pdf"


def test_a_rendering_that_never_finishes_is_given_up_and_can_be_tried_again(
    editor_client, filled, settings
):
    settings.TASKS = QUEUED
    editor_client.get(url("report", filled))
    PreparedReport.objects.update(requested_at=timezone.now() - timedelta(minutes=6))
    assert "Relancer la préparation" in editor_client.get(url("report", filled)).content.decode()
    editor_client.post(url("report-retry", filled))
    editor_client.post(url("report-retry", filled))  # twice: still one more rendering
    assert len(queued()) == 2
    assert "en cours de préparation" in editor_client.get(url("report", filled)).content.decode()


def test_cluster_report_still_renders_on_the_command_line(filled, settings, tmp_path):
    settings.TASKS = QUEUED
    call_command("cluster_report", "--cluster", "pole-alpha", "--year", "2025",
                 "-o", str(tmp_path / "r.pdf"), stdout=StringIO())
    assert (tmp_path / "r.pdf").read_bytes().startswith(b"%PDF") and not queued()


def test_a_rendering_asked_for_a_state_that_changed_since_is_dropped(
    editor_client, editor, filled, settings, nothing_rendered
):
    settings.TASKS = QUEUED
    editor_client.get(url("report", filled))
    fill(filled, editor, "--", codes=["S-1"])  # before the worker got to it
    render_report.call(PreparedReport.objects.get().pk)
    assert not PreparedReport.objects.exists()
    assert editor_client.get(url("report", filled)).status_code == 202  # the new state
