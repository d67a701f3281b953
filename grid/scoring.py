"""The scoring of DESIGN §4, as pure functions on plain data (no ORM, no request).

Exact arithmetic with Fraction; rounding happens only when a note is displayed.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction

ANSWERS = ("++", "+", "-", "--")
NOT_APPLICABLE = "na"
STRATEGY = "S"
ENJEUX = ("A", "B", "C", "D")
LEVELS = (1, 2)
SECTIONS = tuple(f"{level}{enjeu}" for enjeu in ENJEUX for level in LEVELS)  # 1A 2A 1B …


@dataclass(frozen=True)
class QuestionSpec:
    code: str
    section: str  # "S" or one of SECTIONS
    bareme: int


@dataclass(frozen=True)
class GridSpec:
    code: str
    questions: tuple[QuestionSpec, ...]
    weights: Mapping[str, Fraction]  # "++" "+" "-" "--" → weight in [0, 1]

    def question(self, code: str) -> QuestionSpec | None:
        return next((q for q in self.questions if q.code == code), None)


@dataclass(frozen=True)
class AnswerValue:
    answer: str | None  # one of ANSWERS, NOT_APPLICABLE, or None (blank)
    comment: str = ""


@dataclass(frozen=True)
class CustomRow:
    """« Si pertinent, autre action »: counts only when label, level, barème and answer are set."""

    enjeu: str
    label: str = ""
    level: int | None = None
    bareme: int | None = None
    answer: str | None = None

    @property
    def counts(self) -> bool:
        return bool(self.label.strip()) and self.level in LEVELS and self.bareme is not None and (
            self.answer in ANSWERS
        )


@dataclass(frozen=True)
class Scores:
    global_note: Fraction | None
    strategy_factor: Fraction | None
    completion: Fraction
    provisional: bool
    sections: Mapping[str, Fraction | None]
    axes: Mapping[str, Fraction | None]
    levels: Mapping[int, Fraction | None]

    @property
    def unanswered(self) -> bool:
        """No question answered and no point from an « autre action »: the notes would read 0 %
        and the lowest level, where there is nothing to read yet."""
        return self.completion == 0 and not self.global_note


SECTION_ORDER = (STRATEGY, *SECTIONS)  # S first: the order of the grid and of tie-breaks
AXIS_PATHS = {"A": "GOU", "B": "ENV", "C": "RH", "D": "RD"}
LEVEL_PATH = "EXE"
HALF = Fraction(1, 2)

# (Σ points, Σ barème) of one section: pooling sums these, never the ratios.
Tally = tuple[Fraction, int]


def score(
    grid: GridSpec, answers: Mapping[str, AnswerValue], custom: Sequence[CustomRow] = ()
) -> Scores:
    """All the notes of DESIGN §4 for one filled grid."""
    tallies = section_tallies(grid, answers, custom)
    factor = _ratio(tallies, (STRATEGY,))
    completion = _completion(grid, answers)

    def note(sections: Sequence[str]) -> Fraction | None:
        return _note(_ratio(tallies, sections), factor)

    return Scores(
        global_note=note(SECTIONS),
        strategy_factor=factor,
        completion=completion,
        provisional=completion < 1,
        sections={section: note((section,)) for section in SECTIONS},
        axes={enjeu: note(axis_sections(enjeu)) for enjeu in ENJEUX},
        levels={level: note(level_sections(level)) for level in LEVELS},
    )


def axis_sections(enjeu: str) -> tuple[str, ...]:
    return tuple(f"{level}{enjeu}" for level in LEVELS)


def level_sections(level: int) -> tuple[str, ...]:
    return tuple(f"{level}{enjeu}" for enjeu in ENJEUX)


def answer_weight(grid: GridSpec, answer: str | None) -> Fraction:
    # A blank (or anything that is not a weighted answer) earns nothing but still counts.
    return grid.weights.get(answer, Fraction(0)) if answer else Fraction(0)


def answer_points(grid: GridSpec, bareme: int | None, answer: str | None) -> Fraction | None:
    """What one answered row earns, as tables print it: None for a blank, `na` or no barème."""
    if bareme is None or answer not in ANSWERS:
        return None
    return bareme * answer_weight(grid, answer)


def section_tallies(
    grid: GridSpec, answers: Mapping[str, AnswerValue], custom: Sequence[CustomRow]
) -> dict[str, Tally]:
    tallies: dict[str, Tally] = {section: (Fraction(0), 0) for section in SECTION_ORDER}

    def add(section: str, bareme: int, answer: str | None) -> None:
        points, total = tallies.get(section, (Fraction(0), 0))
        tallies[section] = (points + bareme * answer_weight(grid, answer), total + bareme)

    for question in grid.questions:
        answer = _answer_of(answers, question.code)
        if answer != NOT_APPLICABLE:  # `na` leaves both numerator and denominator
            add(question.section, question.bareme, answer)
    for row in custom:
        section = f"{row.level}{row.enjeu}"
        if row.counts and section in SECTIONS:
            add(section, row.bareme, row.answer)
    return tallies


def _answer_of(answers: Mapping[str, AnswerValue], code: str) -> str | None:
    value = answers.get(code)
    return value.answer if value is not None else None


def _ratio(tallies: Mapping[str, Tally], sections: Sequence[str]) -> Fraction | None:
    points = sum((tallies[s][0] for s in sections), Fraction(0))
    total = sum(tallies[s][1] for s in sections)
    return points / total if total else None


def _note(ratio: Fraction | None, factor: Fraction | None) -> Fraction | None:
    # ¼ + ¾·F: a full strategy lets a cluster reach 100 % (DESIGN §4, guide L395–L397).
    if ratio is None or factor is None:
        return None
    return ratio * (Fraction(1, 4) + Fraction(3, 4) * factor)


def _completion(grid: GridSpec, answers: Mapping[str, AnswerValue]) -> Fraction:
    if not grid.questions:
        return Fraction(1)
    given = (*ANSWERS, NOT_APPLICABLE)
    answered = sum(1 for q in grid.questions if _answer_of(answers, q.code) in given)
    return Fraction(answered, len(grid.questions))


# --- JSON form of the scores (the `grid_score` output, also stored with a submission) ---


def scores_to_json(grid_code: str, scores: Scores) -> dict:
    return {
        "grid": grid_code,
        "global": _to_float(scores.global_note),
        "strategy_factor": _to_float(scores.strategy_factor),
        "completion": float(scores.completion),
        "provisional": scores.provisional,
        "sections": {s: _to_float(scores.sections.get(s)) for s in SECTIONS},
        "axes": {e: _to_float(scores.axes.get(e)) for e in ENJEUX},
        "levels": {str(k): _to_float(scores.levels.get(k)) for k in LEVELS},
    }


def submission_scores(grid: GridSpec, answers: Mapping[str, AnswerValue],
                      custom: Sequence[CustomRow]) -> dict:
    """The notes stored with a submitted grid (`grid_score`'s output): what
    `assessment_submit` stores, and whatever writes assessments in bulk (network.generate)."""
    return scores_to_json(grid.code, score(grid, answers, custom))


def scores_from_json(data: dict) -> Scores:
    """Read stored scores back; floats become close Fractions (display needs no more)."""
    completion = _to_fraction(data.get("completion"))
    return Scores(
        global_note=_to_fraction(data.get("global")),
        strategy_factor=_to_fraction(data.get("strategy_factor")),
        completion=completion if completion is not None else Fraction(0),
        provisional=bool(data.get("provisional", completion is None or completion < 1)),
        sections={s: _to_fraction(data.get("sections", {}).get(s)) for s in SECTIONS},
        axes={e: _to_fraction(data.get("axes", {}).get(e)) for e in ENJEUX},
        levels={k: _to_fraction(data.get("levels", {}).get(str(k))) for k in LEVELS},
    )


def _to_float(value: Fraction | None) -> float | None:
    return None if value is None else float(value)


def _to_fraction(value: float | int | None) -> Fraction | None:
    if value is None:
        return None
    return Fraction(str(float(value))).limit_denominator(10**6)


# --- What to improve next (DESIGN §4, guide L476–L484) ---


@dataclass(frozen=True)
class Gap:
    code: str
    section: str
    gap: Fraction  # barème × (1 − w): the points still to gain on this question


def recommendations(
    grid: GridSpec, answers: Mapping[str, AnswerValue], limit: int | None = None
) -> list[Gap]:
    """Answered, applicable questions with points left to gain, the largest gap first."""
    section_rank = {section: i for i, section in enumerate(SECTION_ORDER)}
    ranked = []
    for position, question in enumerate(grid.questions):
        answer = _answer_of(answers, question.code)
        if answer is None or answer == NOT_APPLICABLE:
            continue  # blanks are not yet answers; `na` has nothing to gain
        gap = question.bareme * (1 - answer_weight(grid, answer))
        if gap > 0:
            tie_break = (section_rank.get(question.section, len(section_rank)), position)
            ranked.append((-gap, tie_break, Gap(question.code, question.section, gap)))
    ranked.sort(key=lambda item: item[:2])
    gaps = [item[2] for item in ranked]
    return gaps if limit is None else gaps[:limit]


def suggested_path(scores: Scores) -> dict:
    """EXE when the sphere of influence outruns internal functioning, else the weakest axis."""
    level_1, level_2 = scores.levels.get(1), scores.levels.get(2)
    if level_1 is not None and level_2 is not None and level_1 < level_2:
        path = LEVEL_PATH
    else:
        path = _weakest_axis_path(scores)
    factor = scores.strategy_factor
    return {"path": path, "agenda21_first": factor is not None and factor < HALF}


def _weakest_axis_path(scores: Scores) -> str | None:
    notes = [(scores.axes.get(e), e) for e in ENJEUX if scores.axes.get(e) is not None]
    if not notes:
        return None
    weakest = min(notes, key=lambda pair: pair[0])  # min keeps the first on ties: A first
    return AXIS_PATHS[weakest[1]]
