"""The longest PDF report the rules allow (issue « No input within the rules stalls the site »):
41 comments of « a\\n » × 500 made it 331 pages and 38.6 s, 1,000 actions 149 pages and 21 s.
What the report prints is bounded, so that the worst case holds in 40 pages (its time is
bench/report.py's: no timed assertion here)."""

import pytest

from grid import services
from reports.report import PLAN_ROWS_SHOWN, STEPS_SHOWN, report_context, report_pdf
from reports.selectors import results_content
from reports.templatetags.report_tags import first_of, soft_wrap
from tests.fixtures import fill
from tests.reports import pdf
from tests.reports.test_plan import many_actions
from tests.reports.worst_case import build

pytestmark = pytest.mark.django_db


@pytest.fixture
def worst(cluster_a, editor, board, campaign_2025):
    """The worst case, with actions enough to fill every table of the plan page (more do not
    change what is printed: the bench renders it with 3,000) and steps enough to hide some."""
    return build(cluster=cluster_a, staff=editor, board=board, year=2025, actions=60, steps=30)


def test_the_longest_report_the_rules_allow_holds_in_40_pages(worst):
    report = report_pdf(worst)
    assert pdf.page_count(report) <= 40
    text = " ".join(" ".join(pdf.page_texts(report)).split())
    assert text.count("Commentaire :") == 41  # every comment is printed, whole
    assert text.count("Et 14 autres actions : voir le plan d'actions en ligne ou l'export "
                      "XLSX.") == 3  # 20 actions in each table: 6 printed
    assert "Les 26 étapes plus anciennes sont sur la page des résultats" in text


def test_the_plan_page_prints_its_first_actions_and_counts_the_others(
    cluster_a, editor, assessment
):
    many_actions(cluster_a, editor, count=30)  # 10 done lately, 14 on time, 6 late
    tables = report_context(assessment)["plan_tables"]
    assert [(t.total, len(t.rows), t.more) for t in tables.values()] == [
        (10, PLAN_ROWS_SHOWN, 4), (14, PLAN_ROWS_SHOWN, 8), (6, 6, 0)]
    text = " ".join(" ".join(pdf.page_texts(report_pdf(assessment))).split())
    assert "Réalisées depuis l'an dernier (10)" in text  # the heading counts them all
    assert "Et 4 autres actions : voir le plan d'actions en ligne ou l'export XLSX." in text
    assert "Et 8 autres actions" in text and text.count("autres actions : voir") == 2


def test_the_workflow_prints_its_latest_steps_and_counts_the_older(
    assessment, editor, board
):
    fill(assessment, editor)
    for number in range(4):
        services.assessment_submit(assessment=assessment, by=editor)
        services.assessment_return(assessment=assessment, by=board,
                                   comment=f"Renvoi n° {number}")
    context = report_context(assessment)
    assert len(context["transitions"]) == STEPS_SHOWN
    assert context["older_steps"] == 9 - STEPS_SHOWN  # the opening, then 4 × 2 steps
    assert context["transitions"][-1].comment == "Renvoi n° 3"  # the latest, oldest first
    text = " ".join(" ".join(pdf.page_texts(report_pdf(assessment))).split())
    assert "Les 4 étapes plus anciennes sont sur la page des résultats" in text
    assert "Renvoi n° 3" in text and "Renvoi n° 1" in text and "Renvoi n° 0" not in text


def test_an_action_names_its_first_sheets_and_questions_and_counts_the_others():
    assert first_of(("1", "2", "3"), 6) == "1, 2, 3"
    assert first_of(tuple(str(n) for n in range(37)), 6) == "0, 1, 2, 3, 4, 5 et 31 autres"
    assert first_of(("1A-1", "1A-2"), 1) == "1A-1 et 1 autre"


def test_long_runs_get_a_break_every_5_characters_and_words_stay_whole():
    assert soft_wrap("développement anticonstitutionnellement") == (
        "développement anticonstitutionnellement")
    assert soft_wrap("W" * 33) == "\u200b".join(["WWWWW"] * 6 + ["WWW"])
    assert soft_wrap("W" * 30) == "W" * 30  # up to 30 characters, a run is left whole


def test_the_renderings_queries_do_not_grow_with_the_worst_case(
    assessment, editor, cluster_b, outsider, board, django_assert_num_queries
):
    # Pinned: the renderer reads a year with one answer, no action and one step in the same
    # queries as the worst case (3,000 actions in the bench): the last content edit, answers,
    # custom rows, the latest steps with their count, earlier years, the plan's actions, their
    # sheets, the experiences of the recommended questions and of their sheets, the networks,
    # the answers' evidence, the strategy covering the year.
    fill(assessment, editor, "-", codes=["S-1"])
    results_content(assessment.campaign.version)
    report_context(assessment)  # what is kept per process is kept
    with django_assert_num_queries(12) as empty:
        report_context(assessment)
    worst = build(cluster=cluster_b, staff=outsider, board=board, year=2025, actions=60,
                  steps=30)
    report_context(worst)
    with django_assert_num_queries(len(empty.captured_queries)):
        report_context(worst)


def test_a_step_whose_author_is_gone_prints_so(assessment, editor):
    # A step whose account was deleted before names were kept: the report (and cluster_report
    # --all) stopped on them.
    assessment.transitions.update(by=None, by_name="")
    text = " ".join(" ".join(pdf.page_texts(report_pdf(assessment))).split())
    assert "Ouverte · compte supprimé" in text
