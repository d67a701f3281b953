"""The disclosure rules on plain data: 4 and 5 respondents, and per category."""

from fractions import Fraction

from consultation.disclosure import MIN_RESPONDENTS, shown_categories
from consultation.results import Respondent, results
from grid.scoring import AnswerValue, GridSpec, QuestionSpec
from network.anonymity import MIN_COUNT

SPEC = GridSpec("g", (QuestionSpec("1A-1", "1A", 2), QuestionSpec("1A-2", "1A", 1),
                      QuestionSpec("2A-1", "2A", 1)),
                {"++": Fraction(1), "+": Fraction(2, 3), "-": Fraction(1, 3), "--": Fraction(0)})
TEAM = {"1A-1": AnswerValue("++"), "1A-2": AnswerValue("--"), "2A-1": AnswerValue("+")}


def people(*categories, comment="Plus de dialogue."):
    return [Respondent(pk, category, {"1A-1": "+", "1A-2": "-", "2A-1": "+"}, comment)
            for pk, category in enumerate(categories)]


def test_the_threshold_is_the_networks():
    assert MIN_RESPONDENTS == MIN_COUNT == 5


def test_four_respondents_show_nothing_five_show_the_view():
    assert not results(SPEC, ["1A", "2A"], TEAM, people(*["company"] * 4)).shown
    shown = results(SPEC, ["1A", "2A"], TEAM, people(*["company"] * 5))
    assert shown.shown and shown.count == 5
    [enjeu] = shown.enjeux
    # Team: (2·1 + 0 + 2/3) / 4; each stakeholder: (2·2/3 + 1/3 + 2/3) / 4.
    assert enjeu.team == Fraction(2 + 0 + Fraction(2, 3), 4)
    assert abs(enjeu.stakeholders - float(Fraction(4, 3) + 1) / 4) < 1e-9


def test_a_figure_made_by_fewer_than_five_answers_is_hidden():
    crowd = people(*["company"] * 6)
    quiet = [Respondent(one.pk, one.category, {"1A-1": "+"} if one.pk < 4 else dict(one.answers))
             for one in crowd]
    lines = {line.key: line for line in results(SPEC, ["1A", "2A"], TEAM, quiet).questions}
    assert lines["1A-1"].stakeholders is not None and lines["1A-1"].count == 6
    assert lines["2A-1"].stakeholders is None and lines["2A-1"].count == 2


def test_a_category_of_four_is_hidden_one_of_five_shown():
    assert shown_categories({"company": [1, 2, 3, 4, 5], "authority": [6, 7, 8, 9, 10]}) == {
        "company", "authority"}
    assert shown_categories({"company": [1, 2, 3, 4, 5, 6, 7, 8, 9],
                             "authority": [10, 11, 12, 13]}) == set()
    assert shown_categories({"company": list(range(5))}) == {"company"}
    assert shown_categories({"company": list(range(4))}) == set()


def test_a_category_shown_never_leaves_a_small_rest():
    # All minus the five companies would be the three others': hidden.
    assert shown_categories({"company": list(range(5)), "other": [10, 11, 12]}) == set()
    assert shown_categories({"company": list(range(5)), "other": list(range(10, 15))}) == {
        "company", "other"}


def test_comments_go_under_a_shown_category_or_together_unnamed():
    view = results(SPEC, ["1A", "2A"], TEAM,
                   people(*["company"] * 5, *["authority"] * 5, "financer"))
    # Both shown would leave the one financer: the smaller goes with it, six together.
    assert [category.code for category in view.categories] == ["company"]
    assert view.hidden_categories and len(view.other_comments) == 6
    view = results(SPEC, ["1A", "2A"], TEAM, people(*["company"] * 5, *["authority"] * 5))
    assert [category.code for category in view.categories] == ["authority", "company"]
    assert all(len(category.comments) == 5 for category in view.categories)
    assert not view.other_comments
