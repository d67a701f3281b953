"""The strategy's objectives on the results, the evolution and the PDF report (issue 24,
« Progress against objectives »): target, value this year, trend, and whether it is on track."""

import datetime
import html as html_lib
import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from grid import services
from grid.models import Campaign
from grid.selectors import cluster_years
from plans.models import Action
from reports.selectors import report_key
from strategy import services as strategy_services
from strategy.progress import Status, progress
from strategy.rules import AxisInput, ObjectiveInput
from tests.fixtures import assert_hidden_from_outsider, fill, url
from tests.reports.pdf import page_texts

pytestmark = pytest.mark.django_db


def text(response) -> str:
    """The page as read: tags dropped, spaces (the no-break ones too) collapsed."""
    page = html_lib.unescape(response.content.decode())
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page)).replace("\u00a0", " ")


def year(cluster, number, editor, version, value="++", **options):
    Campaign.objects.get_or_create(year=number, defaults={"version": version})
    assessment = services.assessment_start(cluster=cluster, year=number, by=editor,
                                           prefill=False)
    return fill(assessment, editor, value, **options)


def validated(cluster, number, editor, board, version, value="++", **options):
    assessment = year(cluster, number, editor, version, value, **options)
    services.assessment_submit(assessment=assessment, by=editor)
    return services.assessment_validate(assessment=assessment, by=board)


def strategy(cluster, editor, board, objectives, *, approve=True, start=2025, end=2027):
    axes = [AxisInput(title="Sobriété des événements", enjeux=["B"], levels=[2],
                      objectives=objectives),
            AxisInput(title="Gouvernance partagée", enjeux=["A"], levels=[1])]
    made = strategy_services.strategy_save(cluster=cluster, by=editor, start_year=start,
                                           end_year=end, responsible=editor, axes=axes)
    if approve:
        strategy_services.strategy_submit(strategy=made, by=editor)
        strategy_services.strategy_approve(strategy=made, by=board)
    return made


def waste_action(cluster, editor):
    """Waste from 120 t to 90 t; 112 t measured at the end of 2025, 100 t since."""
    action = Action.objects.create(cluster=cluster, title="Tri des déchets des salons",
                                   indicator="Déchets", unit="t", baseline=Decimal(120),
                                   target=Decimal(90), measured=Decimal(112), created_by=editor)
    action.measured = Decimal(100)
    action.save()
    first, second = action.history.order_by("history_date")
    first.history_date = timezone.make_aware(datetime.datetime(2025, 6, 1))
    first.save()
    return action


NOTES = [ObjectiveInput("enjeu:A", "60", "2027"), ObjectiveInput("section:2B", "45", "2026"),
         ObjectiveInput("level:2", "40", "2027")]


@pytest.fixture
def two_years(cluster_a, editor, board, version):
    """2024 validated with « + » everywhere (the diagnosis), 2025 open with « ++ » on the
    strategy and « - » elsewhere."""
    validated(cluster_a, 2024, editor, board, version, "+")
    return year(cluster_a, 2025, editor, version, "-",
                answers=dict.fromkeys(("S-1", "S-2", "S-3", "S-4"), "++"))


def expected_words(cluster, objective_kind, reference, target, target_year, shown_year):
    """What strategy.progress says of a note objective, from the notes as the grid scores them."""
    notes = {row.assessment.campaign.year: row.scores for row in cluster_years(cluster)}

    def note(y):
        scores = notes[y]
        return {"enjeu": scores.axes, "section": scores.sections,
                "level": scores.levels}[objective_kind][reference] * 100
    return progress(start=note(2024), start_year=2024, target=target, target_year=target_year,
                    year=shown_year, value=note(shown_year))


def test_the_results_show_each_objective_its_value_trend_and_status(
    editor_client, editor, board, cluster_a, version, two_years
):
    strategy(cluster_a, editor, board, [*NOTES, ObjectiveInput(
        f"indicator:{waste_action(cluster_a, editor).pk}", "90", "2027")])
    response = editor_client.get(url("results", two_years))
    read = text(response)
    assert "Objectifs de la stratégie 2025–2027 en 2025" in read
    lines = response.context["objectives"]["lines"]
    assert [line.label for line in lines] == [
        "Enjeu A · Gouvernance ≥ 60 % en 2027", "Section 2B ≥ 45 % en 2026",
        "Niveau 2 · Sphère d'influence ≥ 40 % en 2027",
        "« Tri des déchets des salons » : Déchets à 90 t en 2027",
    ]
    for line, (kind, reference, target, target_year) in zip(
        lines, [("enjeu", "A", 60, 2027), ("section", "2B", 45, 2026), ("level", 2, 40, 2027)],
        strict=False,
    ):
        assert line.status == expected_words(cluster_a, kind, reference, target, target_year,
                                             2025).status
        assert [y for y, _value in line.trend] == [2024, 2025]  # from the diagnosis's year
        assert line.starting.startswith("départ 2024 : ")
    # The indicator: 120 t before, 112 t at the end of 2025, 110 t expected (120 → 90 in 3
    # years): behind, in words and numbers.
    waste = lines[3]
    assert waste.trend == [(2024, "120 t"), (2025, "112 t")]
    assert waste.words == "en retard sur la trajectoire (attendu 110 t, obtenu 112 t)"
    assert waste.status == Status.BEHIND
    assert "en retard sur la trajectoire (attendu 110 t, obtenu 112 t)" in read
    assert "Valeur 2025 : 112 t · départ 2024 : 120 t" in read
    assert "Tendance : 2024 120 t → 2025 112 t" in read


def test_a_hand_worked_note_objective(editor_client, editor, board, cluster_a, version):
    """Every answer « ++ » in 2024 and 2025: each note is 100 %, above any target: reached;
    none in 2026: no value this year."""
    validated(cluster_a, 2024, editor, board, version)
    validated(cluster_a, 2025, editor, board, version)
    empty = year(cluster_a, 2026, editor, version, codes=[])
    strategy(cluster_a, editor, board, NOTES[:1])
    read = text(editor_client.get(url("results", slug=cluster_a.slug, year=2025)))
    assert "✔ atteint" in read
    assert "Valeur 2025 : 100,0 % · départ 2024 : 100,0 %" in read
    read = text(editor_client.get(url("results", empty)))
    assert "pas de valeur cette année" in read
    assert "Tendance : 2024 100,0 % → 2025 100,0 % → 2026 —" in read


def test_behind_says_the_expected_and_obtained_values(
    editor_client, editor, board, cluster_a, version
):
    """« - » everywhere in 2024 and 2025: 2B's note stays at 16,7 % (16 2/3) while the line
    to 90 % in 2026 expects 16 2/3 + (90 − 16 2/3) / 2 = 53 1/3 in 2025."""
    validated(cluster_a, 2024, editor, board, version, "-")
    open_2025 = year(cluster_a, 2025, editor, version, "-")
    strategy(cluster_a, editor, board, [ObjectiveInput("section:2B", "90", "2026")])
    response = editor_client.get(url("results", open_2025))
    line = response.context["objectives"]["lines"][0]
    result = expected_words(cluster_a, "section", "2B", 90, 2026, 2025)
    assert result.status == Status.BEHIND
    assert line.status == Status.BEHIND
    assert line.words == "en retard sur la trajectoire (attendu 53,3\u00a0%, obtenu 16,7\u00a0%)"
    assert "⚠ en retard sur la trajectoire (attendu 53,3 %, obtenu 16,7 %)" in text(response)


def test_a_strategy_not_approved_shows_no_objective_but_says_so(
    editor_client, editor, board, cluster_a, version, two_years
):
    strategy(cluster_a, editor, board, NOTES, approve=False)
    response = editor_client.get(url("results", two_years))
    assert response.context["objectives"]["lines"] == []
    assert ("La stratégie n'est pas approuvée par la gouvernance (statut : brouillon) : ses "
            "objectifs s'afficheront ici une fois approuvée.") in text(response)


def test_a_year_outside_any_strategy_shows_nothing(
    editor_client, editor, board, cluster_a, version, two_years
):
    strategy(cluster_a, editor, board, NOTES, start=2026, end=2028)
    response = editor_client.get(url("results", two_years))
    assert response.context["objectives"]["strategy"] is None
    assert "Objectifs de la stratégie" not in text(response)


def test_the_evolution_shows_the_newest_year_shown(
    editor_client, editor, board, cluster_a, version, two_years
):
    strategy(cluster_a, editor, board, NOTES)
    response = editor_client.get(url("evolution", slug=cluster_a.slug))
    read = text(response)
    assert "Objectifs de la stratégie 2025–2027 en 2025" in read
    assert len(response.context["objectives"]["lines"]) == 3
    response = editor_client.get(url("evolution", slug=cluster_a.slug), {"annees": "2024"})
    assert response.context["objectives"]["strategy"] is None  # 2024 is before the strategy


def test_the_board_sees_them_an_outsider_does_not(
    board_client, outsider_client, editor, board, cluster_a, version, two_years
):
    strategy(cluster_a, editor, board, NOTES)
    assert "Objectifs de la stratégie" in text(board_client.get(url("results", two_years)))
    assert "Objectifs de la stratégie" in text(
        board_client.get(url("evolution", slug=cluster_a.slug)))
    assert_hidden_from_outsider(outsider_client.get(url("results", two_years)), cluster_a)
    assert_hidden_from_outsider(
        outsider_client.get(url("evolution", slug=cluster_a.slug)), cluster_a)


def test_the_report_prints_them(editor_client, editor, board, cluster_a, version, two_years):
    action = waste_action(cluster_a, editor)
    strategy(cluster_a, editor, board, [*NOTES, ObjectiveInput(f"indicator:{action.pk}", "90",
                                                               "2027")])
    response = editor_client.get(url("report", two_years))
    assert response["Content-Type"] == "application/pdf"
    read = re.sub(r"\s+", " ", " ".join(page_texts(b"".join(response))))
    assert "Objectifs de la stratégie 2025–2027 en 2025" in read
    assert "en retard sur la trajectoire (attendu 110 t, obtenu 112 t)" in read
    assert "Section 2B ≥ 45 % en 2026" in read


def queries(client, address) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(address).status_code == 200
    return len(captured)


def test_queries_do_not_grow_with_the_objectives_or_the_years(
    editor_client, editor, board, cluster_a, version
):
    validated(cluster_a, 2024, editor, board, version, "+")
    open_2025 = year(cluster_a, 2025, editor, version, "+")
    action = waste_action(cluster_a, editor)
    made = strategy(cluster_a, editor, board, [NOTES[0], ObjectiveInput(f"indicator:{action.pk}",
                                                                         "90", "2027")])
    results, evolution = url("results", open_2025), url("evolution", slug=cluster_a.slug)
    queries(editor_client, results), queries(editor_client, evolution)  # the content kept
    few = queries(editor_client, results), queries(editor_client, evolution)

    made.delete()
    validated(cluster_a, 2023, editor, board, version, "-")
    validated(cluster_a, 2022, editor, board, version, "-")
    many = [*NOTES, ObjectiveInput("enjeu:B", "50", "2026"),
            ObjectiveInput(f"indicator:{action.pk}", "90", "2027")]
    strategy(cluster_a, editor, board, many, start=2023, end=2027)
    assert len(editor_client.get(results).context["objectives"]["lines"]) == 5
    assert (queries(editor_client, results), queries(editor_client, evolution)) == few


def test_an_open_years_report_is_rendered_again_once_the_strategy_changes(
    editor, board, cluster_a, version, two_years
):
    before = report_key(two_years, "fr")
    strategy(cluster_a, editor, board, NOTES)
    assert report_key(two_years, "fr") != before
