"""DESIGN §4 scoring: worked checks, hand-computed cases, and properties over random grids.

Everything but the last test is pure: the `cgdd-2012` spec is built here from DESIGN §3's table,
and one database test checks that the loaded fixture gives the very same spec.
"""

import random
from fractions import Fraction as F

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from grid.scoring import (
    ANSWERS,
    ENJEUX,
    LEVELS,
    NOT_APPLICABLE,
    SECTIONS,
    AnswerValue,
    CustomRow,
    Gap,
    GridSpec,
    QuestionSpec,
    Scores,
    recommendations,
    score,
    scores_from_json,
    scores_to_json,
    suggested_path,
)

# DESIGN §3: code → barème, in grid order.
BAREMES = {
    "S-1": 4, "S-2": 4, "S-3": 4, "S-4": 4,
    "1A-1": 2, "1A-2": 2, "1A-3": 4,
    "2A-1": 2, "2A-2": 2, "2A-3": 4, "2A-4": 2,
    "1B-1": 2, "1B-2": 2,
    "2B-1": 2, "2B-2": 3, "2B-3": 4, "2B-4": 2, "2B-5": 4, "2B-6": 2, "2B-7": 3, "2B-8": 3,
    "2B-9": 4,
    "1C-1": 2, "1C-2": 3,
    "2C-1": 3, "2C-2": 2, "2C-3": 3, "2C-4": 2, "2C-5": 2, "2C-6": 2, "2C-7": 3, "2C-8": 2,
    "2C-9": 1, "2C-10": 3, "2C-11": 3, "2C-12": 3,
    "1D-1": 2,
    "2D-1": 1, "2D-2": 4, "2D-3": 2, "2D-4": 3,
}
WEIGHTS = {"++": F(1), "+": F(2, 3), "-": F(1, 3), "--": F(0)}
CGDD_2012 = GridSpec(
    code="cgdd-2012",
    questions=tuple(QuestionSpec(code, code.split("-")[0], b) for code, b in BAREMES.items()),
    weights=WEIGHTS,
)
S_CODES = [q.code for q in CGDD_2012.questions if q.section == "S"]
OTHER_CODES = [q.code for q in CGDD_2012.questions if q.section != "S"]
# Σ barème of each of the 8 sections (S: 16; the 8 sections: 95).
SECTION_TOTALS = {"1A": 8, "2A": 10, "1B": 4, "2B": 27, "1C": 5, "2C": 29, "1D": 2, "2D": 10}


def answers_of(mapping: dict[str, str | None]) -> dict[str, AnswerValue]:
    # `na` needs a comment; give it one so these maps are valid payloads too.
    return {
        code: AnswerValue(a, "motif" if a == NOT_APPLICABLE else "")
        for code, a in mapping.items()
    }


def every(answer: str, codes=BAREMES) -> dict[str, str]:
    return dict.fromkeys(codes, answer)


def all_notes(scores: Scores) -> list[F | None]:
    return [
        scores.global_note,
        *scores.sections.values(),
        *scores.axes.values(),
        *scores.levels.values(),
    ]


def test_the_spec_matches_design_totals():
    assert len(CGDD_2012.questions) == 41
    assert sum(BAREMES[c] for c in S_CODES) == 16
    for section, total in SECTION_TOTALS.items():
        assert sum(q.bareme for q in CGDD_2012.questions if q.section == section) == total


# --- DESIGN §4 worked checks ---


def test_all_plus_plus_gives_one_everywhere():
    scores = score(CGDD_2012, answers_of(every("++")))
    assert scores.strategy_factor == 1
    assert set(all_notes(scores)) == {1}
    assert scores.completion == 1
    assert scores.provisional is False


def test_strategy_all_minus_minus_gives_a_quarter_everywhere():
    scores = score(CGDD_2012, answers_of({**every("++"), **every("--", S_CODES)}))
    assert scores.strategy_factor == 0
    assert set(all_notes(scores)) == {F(1, 4)}


def test_strategy_half_done_gives_five_eighths_of_each_ratio():
    strategy = {"S-1": "++", "S-2": "+", "S-3": "-", "S-4": "--"}
    # F = (4 + 8/3 + 4/3 + 0) / 16 = 1/2; ¼ + ¾ × ½ = 5/8.
    scores = score(CGDD_2012, answers_of({**every("++"), **strategy}))
    assert scores.strategy_factor == F(4 + F(8, 3) + F(4, 3) + 0, 16) == F(1, 2)
    assert set(all_notes(scores)) == {F(5, 8)}
    # Same strategy, the rest `+`: every ratio is 2/3, so every note is 2/3 × 5/8.
    scores = score(CGDD_2012, answers_of({**every("+"), **strategy}))
    assert set(all_notes(scores)) == {F(2, 3) * F(5, 8)}


# --- hand-computed cases ---


MIXED = {
    # S: F = (4 + 4 + 4×2/3 + 0 [blank]) / 16 = 2/3, so the multiplier is ¼ + ¾ × 2/3 = 3/4.
    "S-1": "++", "S-2": "++", "S-3": "+",
    # 1A: (2×1 + [na: out] + 4×1/3) / (2 + 4) = (10/3) / 6 = 5/9.
    "1A-1": "++", "1A-2": "na", "1A-3": "-",
    # 1B: both na, so no denominator: undefined unless a custom row brings one.
    "1B-1": "na", "1B-2": "na",
    # Every other question is blank: 0 points, full barème in the denominator.
}
CUSTOM_1B = CustomRow(enjeu="B", label="Tri des déchets du pôle", level=1, bareme=3, answer="+")


def test_mixed_grid_with_na_and_blanks():
    scores = score(CGDD_2012, answers_of(MIXED))
    factor = F(1, 4) + F(3, 4) * F(2, 3)
    assert scores.strategy_factor == F(4 + 4 + F(8, 3), 16) == F(2, 3)
    assert scores.sections["1A"] == F(2 + F(4, 3), 2 + 4) * factor == F(5, 12)
    assert scores.sections["2A"] == 0  # blank: 0 / 10
    assert scores.sections["1B"] is None  # 0 / 0
    # Axis A pools 1A and 2A: (10/3 + 0) / (6 + 10) = 5/24; it is not the mean of 5/9 and 0.
    assert scores.axes["A"] == F(F(10, 3), 6 + 10) * factor == F(5, 32)
    # Axis B: 1B has no denominator, 2B is blank: 0 / 27.
    assert scores.axes["B"] == 0
    # Global: 10/3 points over 95 − 3 na × 2 = 89.
    assert scores.global_note == F(F(10, 3), 89) * factor
    # Level 1: 10/3 over 1A 6 + 1B 0 + 1C 5 + 1D 2 = 13.
    assert scores.levels[1] == F(F(10, 3), 13) * factor
    assert scores.levels[2] == 0
    # 3 S + 3 1A + 2 1B answered (na counts as answered).
    assert scores.completion == F(8, 41)
    assert scores.provisional is True


def test_custom_row_counts_in_its_section_axis_level_and_global():
    scores = score(CGDD_2012, answers_of(MIXED), [CUSTOM_1B])
    factor = F(3, 4)
    # 1B now holds the custom row only: (3 × 2/3) / 3 = 2/3.
    assert scores.sections["1B"] == F(2, 3) * factor == F(1, 2)
    assert scores.axes["B"] == F(2, 3 + 27) * factor  # 2 points over 1B 3 + 2B 27
    assert scores.levels[1] == F(F(10, 3) + 2, 6 + 3 + 5 + 2) * factor == F(1, 4)
    assert scores.global_note == F(F(10, 3) + 2, 89 + 3) * factor == F(1, 23)
    assert scores.completion == F(8, 41)  # custom rows are not grid questions


def test_custom_row_on_level_two_and_rows_that_do_not_count():
    answers = answers_of(every("++"))
    rows = [
        CustomRow(enjeu="D", label="Démonstrateur", level=2, bareme=4, answer="--"),
        CustomRow(enjeu="A", label="  ", level=1, bareme=4, answer="--"),  # no text
        CustomRow(enjeu="B", label="Sans réponse", level=1, bareme=4),
        CustomRow(enjeu="C", label="Sans barème", level=2, answer="--"),
    ]
    scores = score(CGDD_2012, answers, rows)
    # 2D: (10 points + 0) / (10 + 4) = 5/7; F = 1 so the note is the ratio.
    assert scores.sections["2D"] == F(10, 14)
    assert scores.axes["D"] == F(2 + 10, 2 + 10 + 4)
    assert scores.levels[2] == F(76, 76 + 4)
    assert scores.levels[1] == 1
    assert scores.global_note == F(95, 99)
    assert [scores.sections[s] for s in ("1A", "1B", "2C")] == [1, 1, 1]


def test_nothing_answered():
    scores = score(CGDD_2012, {})
    assert scores.strategy_factor == 0
    assert set(all_notes(scores)) == {0}
    assert scores.completion == 0
    assert scores.provisional is True


def test_unknown_codes_are_ignored():
    answers = answers_of({**every("++"), "9Z-9": "--"})
    assert score(CGDD_2012, answers) == score(CGDD_2012, answers_of(every("++")))


def test_strategy_undefined_leaves_every_note_undefined():
    grid = GridSpec("tiny", (QuestionSpec("1A-1", "1A", 2),), WEIGHTS)
    scores = score(grid, answers_of({"1A-1": "++"}))
    assert scores.strategy_factor is None
    assert set(all_notes(scores)) == {None}
    assert scores.completion == 1


def test_completion_counts_na_and_ignores_blanks():
    answers = answers_of({**every("++"), "2C-12": "na"})
    answers["2D-1"] = AnswerValue(None, "à voir")
    scores = score(CGDD_2012, answers)
    assert scores.completion == F(40, 41)
    assert scores.provisional is True


# --- JSON ---


def test_scores_to_json_has_the_design_shape():
    data = scores_to_json("cgdd-2012", score(CGDD_2012, answers_of(MIXED)))
    assert list(data) == [
        "grid", "global", "strategy_factor", "completion", "provisional",
        "sections", "axes", "levels",
    ]
    assert data["grid"] == "cgdd-2012"
    assert list(data["sections"]) == list(SECTIONS)
    assert list(data["axes"]) == ["A", "B", "C", "D"]
    assert list(data["levels"]) == ["1", "2"]
    assert data["sections"]["1A"] == pytest.approx(5 / 12)
    assert data["sections"]["1B"] is None
    assert data["strategy_factor"] == pytest.approx(2 / 3)
    assert data["completion"] == pytest.approx(8 / 41)
    assert data["provisional"] is True
    assert isinstance(data["sections"]["2A"], float)


def test_scores_json_reads_back():
    scores = score(CGDD_2012, answers_of(MIXED), [CUSTOM_1B])
    back = scores_from_json(scores_to_json("cgdd-2012", scores))
    assert back == scores  # these fractions have small denominators


# --- recommendations ---


def test_recommendations_rank_by_gap_then_section_then_grid_order():
    answers = answers_of({
        "S-4": "+",     # 4 × 1/3 = 4/3
        "1A-1": "--",   # 2 × 1 = 2
        "1A-2": "++",   # 0: nothing to gain
        "1A-3": "+",    # 4/3
        "2A-3": "-",    # 4 × 2/3 = 8/3
        "2B-3": "+",    # 4/3
        "2C-2": "--",   # 2
        "2C-10": "-",   # 3 × 2/3 = 2, after 2C-2 in the grid though "2C-10" < "2C-2" as text
        "2C-11": "-",   # 2
        "2C-12": "na",  # not applicable: not a gap
        "2D-4": "--",   # 3
    })
    assert [gap.code for gap in recommendations(CGDD_2012, answers)] == [
        "2D-4", "2A-3", "1A-1", "2C-2", "2C-10", "2C-11", "S-4", "1A-3", "2B-3",
    ]
    assert recommendations(CGDD_2012, answers, limit=2) == [
        Gap("2D-4", "2D", F(3)), Gap("2A-3", "2A", F(8, 3)),
    ]


def test_recommendations_skip_blanks_and_ties_follow_section_order():
    # Same gap 2 everywhere: S first, then 1A 2A 1B 2B … (not alphabetical 1A 1B …).
    answers = answers_of({"1B-1": "--", "2A-1": "--", "1A-1": "--", "S-2": "+"})  # S-2: 4/3
    answers["S-3"] = AnswerValue(None, "à voir")  # blank: not a recommendation
    gaps = recommendations(CGDD_2012, answers)
    assert [(g.code, g.gap) for g in gaps] == [
        ("1A-1", 2), ("2A-1", 2), ("1B-1", 2), ("S-2", F(4, 3)),
    ]
    assert recommendations(CGDD_2012, answers_of(every("++"))) == []


# --- suggested path ---


def scores_with(levels=(F(1, 2), F(1, 2)), axes=(F(1, 2),) * 4, factor=F(1)) -> Scores:
    return Scores(
        global_note=None,
        strategy_factor=factor,
        completion=F(1),
        provisional=False,
        sections=dict.fromkeys(SECTIONS),
        axes=dict(zip(ENJEUX, axes, strict=True)),
        levels=dict(zip(LEVELS, levels, strict=True)),
    )


@pytest.mark.parametrize(
    ("levels", "axes", "path"),
    [
        ((F(1, 3), F(1, 2)), (F(1), F(0), F(0), F(0)), "EXE"),  # level 1 < level 2
        ((F(1, 2), F(1, 2)), (F(1), F(1, 5), F(1, 2), F(1, 3)), "ENV"),  # equal levels: axes
        ((F(2, 3), F(1, 2)), (F(1, 2), F(1, 2), F(1, 3), F(1, 2)), "RH"),
        ((F(2, 3), F(1, 2)), (F(1), F(1), F(1), F(0)), "RD"),
        ((F(2, 3), F(1, 2)), (F(1, 3), F(1), F(1, 3), F(1)), "GOU"),  # tie: A first
        ((F(2, 3), F(1, 2)), (None, F(1), F(1, 3), F(1, 3)), "RH"),  # None skipped, tie: C
        ((None, F(1, 2)), (F(1), F(0), F(1), F(1)), "ENV"),  # a None level: no EXE
        ((None, None), (None, None, None, None), None),
    ],
)
def test_suggested_path(levels, axes, path):
    assert suggested_path(scores_with(levels, axes))["path"] == path


@pytest.mark.parametrize(
    ("factor", "first"), [(F(0), True), (F(49, 100), True), (F(1, 2), False), (F(1), False),
                          (None, False)]
)
def test_agenda21_first_below_half(factor, first):
    assert suggested_path(scores_with(factor=factor))["agenda21_first"] is first


def test_suggested_path_from_real_scores():
    answers = answers_of({**every("++"), **every("--", S_CODES), "2C-1": "--"})
    assert suggested_path(score(CGDD_2012, answers)) == {"path": "RH", "agenda21_first": True}
    # Level 2 all `++`, level 1 all `-`: level 1 < level 2.
    answers = answers_of({**every("++"), **{c: "-" for c in OTHER_CODES if c[0] == "1"}})
    assert suggested_path(score(CGDD_2012, answers)) == {"path": "EXE", "agenda21_first": False}


# --- properties over random grids ---


def choices_for(code: str) -> list[str | None]:
    # `na` is refused in section S by validation, so random grids never hold it there.
    return [None, *ANSWERS] if code.startswith("S-") else [None, *ANSWERS, NOT_APPLICABLE]


answer_maps = st.fixed_dictionaries(
    {code: st.sampled_from(choices_for(code)) for code in BAREMES}
).map(answers_of)
custom_rows = st.lists(
    st.builds(
        CustomRow,
        enjeu=st.sampled_from(ENJEUX),
        label=st.sampled_from(["", "Action"]),
        level=st.sampled_from([None, *LEVELS]),
        bareme=st.sampled_from([None, 1, 2, 3, 4]),
        answer=st.sampled_from([None, *ANSWERS]),
    ),
    max_size=4,
    unique_by=lambda row: row.enjeu,
)


def raw_ratio(answers, custom, sections) -> F | None:
    """R(Q) computed independently of `score`: Σ points / Σ barème over non-`na` items."""
    items = [
        (q.bareme, answers.get(q.code, AnswerValue(None)).answer)
        for q in CGDD_2012.questions
        if q.section in sections
    ]
    items += [
        (r.bareme, r.answer) for r in custom if r.counts and f"{r.level}{r.enjeu}" in sections
    ]
    kept = [(b, a) for b, a in items if a != NOT_APPLICABLE]
    total = sum(b for b, _ in kept)
    return F(sum(b * WEIGHTS.get(a, 0) for b, a in kept)) / total if total else None


def note_groups(scores: Scores):
    """(note, the sections it pools) for every note shown."""
    yield scores.global_note, SECTIONS
    for s in SECTIONS:
        yield scores.sections[s], (s,)
    for e in ENJEUX:
        yield scores.axes[e], (f"1{e}", f"2{e}")
    for k in LEVELS:
        yield scores.levels[k], tuple(f"{k}{e}" for e in ENJEUX)


@given(answer_maps, custom_rows)
def test_notes_lie_between_zero_and_one(answers, custom):
    for note in all_notes(score(CGDD_2012, answers, custom)):
        assert note is None or 0 <= note <= 1


@given(answer_maps, custom_rows)
def test_global_note_lies_between_its_section_notes(answers, custom):
    scores = score(CGDD_2012, answers, custom)
    defined = [n for n in scores.sections.values() if n is not None]
    if defined:
        assert min(defined) <= scores.global_note <= max(defined)


def improvements(code: str, answer: str | None) -> list[str]:
    if answer is None:
        return [a for a in choices_for(code) if a is not None]
    if answer == NOT_APPLICABLE:
        return []
    return list(ANSWERS[: ANSWERS.index(answer)])  # ANSWERS runs from best to worst


@given(answer_maps, custom_rows, st.sampled_from(list(BAREMES)), st.randoms())
def test_improving_one_answer_never_lowers_a_note(answers, custom, code, rnd):
    better = improvements(code, answers[code].answer)
    assume(better)
    improved = {**answers, code: AnswerValue(rnd.choice(better), "motif")}
    before = score(CGDD_2012, answers, custom)
    after = score(CGDD_2012, improved, custom)
    for old, new in zip(all_notes(before), all_notes(after), strict=True):
        if old is None:
            continue
        if new is None:  # blank → na emptied a set whose only item was that 0-point blank
            assert old == 0
        else:
            assert new >= old


@given(answer_maps, custom_rows)
def test_full_strategy_notes_equal_raw_ratios(answers, custom):
    answers = {**answers, **answers_of(every("++", S_CODES))}
    scores = score(CGDD_2012, answers, custom)
    assert scores.strategy_factor == 1
    for note, sections in note_groups(scores):
        assert note == raw_ratio(answers, custom, sections)


@given(answer_maps, custom_rows)
def test_empty_strategy_notes_are_a_quarter_of_raw_ratios(answers, custom):
    answers = {**answers, **answers_of(every("--", S_CODES))}
    scores = score(CGDD_2012, answers, custom)
    assert scores.strategy_factor == 0
    for note, sections in note_groups(scores):
        ratio = raw_ratio(answers, custom, sections)
        assert note == (None if ratio is None else ratio / 4)


@given(answer_maps, custom_rows)
def test_notes_follow_the_formula(answers, custom):
    scores = score(CGDD_2012, answers, custom)
    factor = raw_ratio(answers, custom, ("S",))
    assert scores.strategy_factor == factor
    for note, sections in note_groups(scores):
        ratio = raw_ratio(answers, custom, sections)
        assert note == (None if ratio is None else ratio * (F(1, 4) + F(3, 4) * factor))


@given(answer_maps, custom_rows, st.randoms())
def test_pooling_ignores_question_order(answers, custom, rnd: random.Random):
    questions = list(CGDD_2012.questions)
    rnd.shuffle(questions)
    shuffled = GridSpec(CGDD_2012.code, tuple(questions), WEIGHTS)
    rows = list(custom)
    rnd.shuffle(rows)
    assert score(shuffled, answers, rows) == score(CGDD_2012, answers, custom)


# --- the loaded fixture is the grid these tests assume ---


@pytest.mark.django_db
def test_the_fixture_grid_is_the_design_grid():
    from grid.specs import grid_spec_by_code

    spec = grid_spec_by_code("cgdd-2012")
    assert spec.questions == CGDD_2012.questions
    assert dict(spec.weights) == WEIGHTS
