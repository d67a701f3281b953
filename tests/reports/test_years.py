"""Which years the year-over-year page shows and compares (reports.years, pure)."""

import pytest

from reports.years import MAX_YEARS, choose_years

# --- which years ---


def test_by_default_it_shows_the_five_latest_years_and_compares_the_last_two():
    choice = choose_years([2025, 2020, 2021, 2022, 2023, 2024])
    assert choice.shown == (2021, 2022, 2023, 2024, 2025)  # newest last
    assert (choice.before, choice.after) == (2024, 2025)
    assert choice.errors == ()


def test_it_keeps_the_years_asked_for():
    choice = choose_years([2023, 2024, 2025], shown=["2025", "2023"], before="2023", after="2025")
    assert choice.shown == (2023, 2025)
    assert (choice.before, choice.after) == (2023, 2025)
    assert choice.errors == ()


def test_it_reads_the_compared_years_from_older_to_newer():
    choice = choose_years([2023, 2024, 2025], before="2025", after="2023")
    assert (choice.before, choice.after) == (2023, 2025)


@pytest.mark.parametrize(
    ("shown", "unknown"),
    [(["1999"], "1999"), (["abc"], "abc"), (["2024", "2024.5", "2025"], "2024.5"), ([""], "")],
)
def test_an_unknown_year_gives_the_defaults_and_says_which(shown, unknown):
    choice = choose_years([2023, 2024, 2025], shown=shown)
    assert choice.shown == (2023, 2024, 2025)
    assert choice.errors == (
        f"Années inconnues pour ce pôle : {unknown}. Les années par défaut sont affichées.",
    )


def test_more_than_five_years_keeps_the_five_latest_and_says_so():
    years = list(range(2019, 2026))
    choice = choose_years(years, shown=[str(y) for y in years])
    assert choice.shown == tuple(years[-MAX_YEARS:])
    assert choice.errors == ("5 années au plus : les 5 plus récentes cochées sont affichées.",)


def test_a_form_sent_with_no_year_ticked_gives_the_defaults_and_says_so():
    choice = choose_years([2024, 2025], before="2024", after="2025")
    assert choice.shown == (2024, 2025)
    assert choice.errors == ("Aucune année cochée : les années par défaut sont affichées.",)


@pytest.mark.parametrize(
    ("before", "after"), [("2024", "2024"), ("1999", "2025"), ("2024", "x"), ("2025", "")]
)
def test_a_bad_pair_compares_the_last_two_years_and_says_so(before, after):
    choice = choose_years([2023, 2024, 2025], shown=["2023"], before=before, after=after)
    assert (choice.before, choice.after) == (2024, 2025)
    assert choice.shown == (2023,)
    (error,) = choice.errors
    assert error.startswith(f"Comparaison impossible entre « {before} » et « {after} »")


def test_one_year_has_nothing_to_compare():
    assert choose_years([2025]) == choose_years([2025], shown=["2025"])
    choice = choose_years([2025])
    assert choice.shown == (2025,) and choice.before is None and choice.after is None
    assert choose_years([2025], shown=["2025"], before="2025").errors == (
        "Il faut deux années pour comparer des réponses.",
    )


def test_no_year_at_all():
    choice = choose_years([])
    assert choice.shown == () and choice.before is None and choice.errors == ()
