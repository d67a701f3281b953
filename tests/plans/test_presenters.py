"""The plan's rules as every page, the PDF and the XLSX show them (plans.rules,
plans.presenters), on hand-worked cases."""

from datetime import date
from decimal import Decimal
from types import SimpleNamespace

import pytest

from plans.presenters import Progress, indicator_progress, owner_text
from plans.rules import done_late, is_late, progress_ratio

ON = date(2026, 6, 30)


def values(baseline=None, target=None, measured=None, unit=""):
    number = lambda text: None if text is None else Decimal(text)  # noqa: E731
    return SimpleNamespace(baseline=number(baseline), target=number(target),
                           measured=number(measured), unit=unit)


@pytest.mark.parametrize("baseline, target, measured, ratio", [
    (None, "100", "50", Decimal("0.5")),  # no baseline: from 0
    ("120", "100", "95.5", Decimal("1.225")),  # (95.5 − 120) / (100 − 120): a decrease aimed at
    ("0", "40", "10", Decimal("0.25")),
    ("10", "20", "5", Decimal("-0.5")),  # went back
    ("10", "10", "12", None),  # the target is the start
    (None, "0", "3", None),
    ("10", "20", None, None),
    ("10", None, "15", None),
])
def test_progress_goes_from_the_baseline_or_zero_to_the_target(baseline, target, measured, ratio):
    assert progress_ratio(*(None if v is None else Decimal(v)
                            for v in (baseline, target, measured))) == ratio


def test_the_percent_is_whole_and_the_meter_bounded():
    assert Progress(None, Decimal(100), Decimal(50)).percent_text == "50\u00a0%"
    over = indicator_progress(values("120", "100", "95.5"))
    assert (over.percent, over.meter) == (122, 100)  # 122.5 rounded to even
    back = indicator_progress(values("10", "20", "5"))
    assert (back.percent, back.meter, back.percent_text) == (-50, 0, "-50\u00a0%")
    unknown = indicator_progress(values("10", "20"))
    assert (unknown.percent, unknown.meter, unknown.percent_text) == (None, None, "—")
    assert indicator_progress(values()) is None


def test_the_indicator_is_written_with_its_unit():
    assert indicator_progress(values(None, "1000", "50.5", "t")).text == (
        "— → 50,5 t / cible 1\u00a0000 t")


@pytest.mark.parametrize("status, due_on, late", [
    ("planned", date(2026, 6, 29), True),
    ("in_progress", date(2026, 6, 29), True),
    ("in_progress", ON, False),  # due today: not late yet
    ("planned", None, False),
    ("done", date(2026, 1, 1), False),
    ("dropped", date(2026, 1, 1), False),
])
def test_an_open_action_past_its_due_date_is_late(status, due_on, late):
    assert is_late(SimpleNamespace(status=status, due_on=due_on), ON) is late


@pytest.mark.parametrize("status, due_on, done_on, late", [
    ("done", date(2026, 1, 1), date(2026, 1, 2), True),
    ("done", date(2026, 1, 1), date(2026, 1, 1), False),
    ("done", None, date(2026, 1, 2), False),
    ("done", date(2026, 1, 1), None, False),
    ("dropped", date(2026, 1, 1), date(2026, 1, 2), False),
])
def test_done_after_the_due_date(status, due_on, done_on, late):
    assert done_late(SimpleNamespace(status=status, due_on=due_on, done_on=done_on)) is late


def test_the_owner_is_the_member_and_the_free_text():
    member = SimpleNamespace(get_full_name=lambda: "Élise Martin", get_username=lambda: "em")
    assert owner_text(member, "Comité RSE") == "Élise Martin (Comité RSE)"
    assert owner_text(member, "") == "Élise Martin"
    assert owner_text(None, "Comité RSE") == "Comité RSE"
    assert owner_text(None, "") == ""
