"""The stakeholders' view beside the team's, from plain data (no ORM); pure.

How the views compare: on the questions asked, each side's share of the barème's points, with the
grid's answer weights (grid.scoring.section_tallies, the same formula as the notes) but without
the strategy factor, which rates the cluster's own strategy and would scale a whole side at once.
A section's or an enjeu's stakeholders' value is the mean of each respondent's share: every
respondent weighs the same however many questions they answered, and a « sans avis » leaves
the barème as a « non applicable » does on the grid. A question's value is the mean weight of
the answers given. The team's blank answers count as on the grid (nothing earned)."""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from statistics import fmean

from grid.scoring import (
    ANSWERS,
    ENJEUX,
    NOT_APPLICABLE,
    AnswerValue,
    GridSpec,
    answer_weight,
    axis_sections,
    section_tallies,
)

from .disclosure import enough, shown_categories

MOST_DIFFERENT = 5  # the questions listed where the views differ most


@dataclass(frozen=True)
class Respondent:
    pk: int
    category: str
    answers: Mapping[str, str]  # question code → one of ANSWERS; « sans avis » left out
    comment: str = ""


@dataclass(frozen=True)
class Line:
    """One question, section or enjeu: the team's value, the stakeholders' (None when hidden or
    undefined) and how many stakeholders made it."""

    key: str
    team: Fraction | None
    stakeholders: float | None
    count: int

    @property
    def difference(self) -> float | None:
        if self.team is None or self.stakeholders is None:
            return None
        return self.stakeholders - float(self.team)


@dataclass(frozen=True)
class CategoryView:
    code: str
    count: int
    enjeux: tuple[Line, ...]
    comments: tuple[str, ...]


@dataclass(frozen=True)
class Results:
    count: int
    shown: bool
    questions: tuple[Line, ...] = ()
    sections: tuple[Line, ...] = ()
    enjeux: tuple[Line, ...] = ()
    differences: tuple[Line, ...] = ()
    categories: tuple[CategoryView, ...] = ()
    other_comments: tuple[str, ...] = ()  # of the categories not shown, together
    hidden_categories: bool = field(default=False)


def enjeux_of(section_codes: Sequence[str]) -> tuple[str, ...]:
    return tuple(e for e in ENJEUX if any(s in section_codes for s in axis_sections(e)))


def _groups(section_codes: Sequence[str]) -> dict[str, tuple[str, ...]]:
    """Sections then enjeux, each as the sections it pools (only those asked)."""
    groups = {code: (code,) for code in section_codes}
    for enjeu in enjeux_of(section_codes):
        groups[enjeu] = tuple(s for s in axis_sections(enjeu) if s in section_codes)
    return groups


def shares(spec: GridSpec, answers: Mapping[str, AnswerValue],
           groups: Mapping[str, tuple[str, ...]]) -> dict[str, Fraction | None]:
    """Each group's points over its barème, by the grid's own tallies."""
    tallies = section_tallies(spec, answers, ())
    result = {}
    for key, sections in groups.items():
        points = sum((tallies[s][0] for s in sections), Fraction(0))
        total = sum(tallies[s][1] for s in sections)
        result[key] = points / total if total else None
    return result


def _as_values(spec: GridSpec, answers: Mapping[str, str]) -> dict[str, AnswerValue]:
    # What a stakeholder left « sans avis » is `na` to the tallies: out of the barème.
    return {q.code: AnswerValue(answers.get(q.code) if answers.get(q.code) in ANSWERS
                                else NOT_APPLICABLE) for q in spec.questions}


def _mean(values) -> tuple[float | None, int]:
    values = [float(v) for v in values if v is not None]
    return (fmean(values) if enough(len(values)) else None), len(values)


def _lines(keys, team, per_respondent) -> tuple[Line, ...]:
    lines = []
    for key in keys:
        mean, count = _mean(one[key] for one in per_respondent)
        lines.append(Line(key, team.get(key), mean, count))
    return tuple(lines)


def results(spec: GridSpec, section_codes: Sequence[str], team: Mapping[str, AnswerValue],
            respondents: Sequence[Respondent]) -> Results:
    if not enough(len(respondents)):
        return Results(count=len(respondents), shown=False)
    asked = [q for q in spec.questions if q.section in section_codes]
    groups = _groups(section_codes)
    team_shares = shares(spec, team, groups)
    per_respondent = [shares(spec, _as_values(spec, one.answers), groups)
                      for one in respondents]
    questions = []
    for question in asked:
        mean, count = _mean(answer_weight(spec, one.answers[question.code])
                            for one in respondents if one.answers.get(question.code) in ANSWERS)
        given = team.get(question.code)
        team_weight = (answer_weight(spec, given.answer)
                       if given is not None and given.answer in ANSWERS else None)
        questions.append(Line(question.code, team_weight, mean, count))
    differences = sorted((line for line in questions if line.difference is not None),
                         key=lambda line: (-abs(line.difference), line.key))[:MOST_DIFFERENT]
    members: dict[str, list[int]] = {}
    for one in respondents:
        members.setdefault(one.category, []).append(one.pk)
    shown = shown_categories(members)
    enjeux = enjeux_of(section_codes)
    categories = []
    for code in sorted(shown):
        chosen = [(one, shares_) for one, shares_ in zip(respondents, per_respondent, strict=True)
                  if one.category == code]
        categories.append(CategoryView(
            code, len(chosen), _lines(enjeux, team_shares, [s for _, s in chosen]),
            tuple(sorted(one.comment for one, _ in chosen if one.comment))))
    return Results(
        count=len(respondents), shown=True, questions=tuple(questions),
        sections=_lines(section_codes, team_shares, per_respondent),
        enjeux=_lines(enjeux, team_shares, per_respondent),
        differences=tuple(differences), categories=tuple(categories),
        other_comments=tuple(sorted(one.comment for one in respondents
                                    if one.comment and one.category not in shown)),
        hidden_categories=any(code not in shown for code in members),
    )
