"""The rule of « en bonne voie » (strategy.progress), worked by hand, then as properties."""

from decimal import Decimal
from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st

from strategy.progress import (
    Status,
    expected_value,
    progress,
    shown_hundredths,
    shown_percent,
)

LINE = {"start": 35, "start_year": 2024, "target": 45, "target_year": 2027}


def test_the_line_goes_from_the_start_to_the_target_by_its_year():
    # 35 % in 2024 to 45 % in 2027: 10 points over 3 years.
    assert expected_value(**LINE, year=2024) == 35
    assert expected_value(**LINE, year=2025) == Fraction(115, 3)  # 38,33…
    assert expected_value(**LINE, year=2026) == Fraction(125, 3)  # 41,66…
    assert expected_value(**LINE, year=2027) == 45
    assert expected_value(**LINE, year=2029) == 45  # past its year, the target itself
    assert expected_value(**LINE, year=2023) == 35


def test_a_value_below_the_line_is_behind_with_the_expected_value_as_shown():
    result = progress(**LINE, year=2026, value=Fraction(75, 2))  # 37,5 %
    assert result.status == Status.BEHIND
    assert result.expected == Fraction(417, 10)  # 41,666… shown 41,7
    assert result.value == Fraction(75, 2)


def test_on_or_above_the_line_is_on_track_at_or_above_the_target_reached():
    assert progress(**LINE, year=2025, value=Fraction(384, 10)).status == Status.ON_TRACK
    assert progress(**LINE, year=2025, value=Fraction(383, 10)).status == Status.ON_TRACK
    assert progress(**LINE, year=2025, value=Fraction(382, 10)).status == Status.BEHIND
    assert progress(**LINE, year=2025, value=45).status == Status.REACHED
    assert progress(**LINE, year=2027, value=Fraction(449, 10)).status == Status.BEHIND


def test_values_compare_as_shown():
    # 41,66 % is shown 41,7 %, as the line's 41,666…: « attendu 41,7, obtenu 41,7 » would
    # contradict « en retard ».
    assert progress(**LINE, year=2026, value=Fraction(4166, 100)).status == Status.ON_TRACK
    assert shown_percent(Fraction(4166, 100)) == Fraction(417, 10)
    assert shown_hundredths(Fraction(1, 3)) == Fraction(33, 100)


def test_no_value_this_year_and_no_starting_value():
    assert progress(**LINE, year=2026, value=None).status == Status.NO_VALUE
    assert progress(**LINE, year=2026, value=None).expected == Fraction(417, 10)
    no_start = {**LINE, "start": None}
    assert progress(**no_start, year=2026, value=40).status == Status.NO_START
    assert progress(**no_start, year=2026, value=45).status == Status.REACHED  # no line needed


def test_an_indicator_to_bring_down():
    # 120 t of CO2 in 2024 to 90 t in 2027: 110 expected in 2025.
    down = {"start": Decimal("120"), "start_year": 2024, "target": Decimal("90"),
            "target_year": 2027, "rising": False, "shown": shown_hundredths}
    assert progress(**down, year=2025, value=Decimal("112")).status == Status.BEHIND
    assert progress(**down, year=2025, value=Decimal("110")).status == Status.ON_TRACK
    assert progress(**down, year=2025, value=Decimal("85.5")).status == Status.REACHED


def test_a_line_starting_in_the_target_year_is_the_target():
    assert progress(start=30, start_year=2025, target=40, target_year=2025, year=2025,
                    value=35).status == Status.BEHIND


percents = st.fractions(min_value=0, max_value=100, max_denominator=10_000)
years = st.integers(min_value=2000, max_value=2050)


@given(start=percents, target=percents, start_year=years, span=st.integers(1, 10),
       offset=st.integers(0, 12))
def test_a_value_on_the_line_is_on_track_or_reached(start, target, start_year, span, offset):
    line = {"start": start, "start_year": start_year, "target": target,
            "target_year": start_year + span}
    year = start_year + offset
    on_line = expected_value(**line, year=year)
    assert progress(**line, year=year, value=on_line).status in {Status.ON_TRACK, Status.REACHED}


@given(start=percents, target=percents, start_year=years, span=st.integers(1, 10),
       offset=st.integers(0, 12), above=st.fractions(min_value=0, max_value=50))
def test_at_or_above_the_target_is_reached(start, target, start_year, span, offset, above):
    result = progress(start=start, start_year=start_year, target=target,
                      target_year=start_year + span, year=start_year + offset,
                      value=target + above)
    assert result.status == Status.REACHED


@given(start=percents, target=percents, start_year=years, span=st.integers(1, 10),
       offset=st.integers(0, 12), value=percents)
def test_behind_means_shown_below_the_line_and_the_target(start, target, start_year, span,
                                                           offset, value):
    result = progress(start=start, start_year=start_year, target=target,
                      target_year=start_year + span, year=start_year + offset, value=value)
    if result.status == Status.BEHIND:
        assert result.value < result.expected
        assert result.value < shown_percent(target)
    else:
        assert result.status in {Status.ON_TRACK, Status.REACHED}
