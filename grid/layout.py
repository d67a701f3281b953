"""What the grid page shows of a version in use, read once per process; its markup is in
templates.

A version's questions are frozen once an assessment uses it (DESIGN §3), and the grid page only
shows versions in use: its sections and questions (wording, barème, levers, sheet links, the
answers each offers) are read once per process as plain values, and made again after an edit of
the content they show (initiatives.kept). The templates print them; the parts of a question
that no answer changes are kept as template fragments in Django's cache, keyed by the version,
the content stamp and the language (`fragments`, templates/grid/includes/_question.html).
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from django.db.models import Prefetch

from initiatives.kept import content_key, kept
from initiatives.models import Lever, Sheet

from .models import Answer, GridVersion, Question
from .presenters import TextOrigin
from .rules import allows_not_applicable
from .scoring import ANSWERS, LEVELS, GridSpec
from .specs import grid_spec

T = TypeVar("T")


@dataclass(frozen=True)
class SheetLink:
    number: str
    url: str


@dataclass(frozen=True)
class QuestionLayout:
    code: str
    section_code: str
    text: str
    bareme: int
    levers: tuple[str, ...]
    sheets: tuple[SheetLink, ...]
    has_na: bool  # « non applicable » is offered (and then needs a comment) outside section S
    choices: tuple[tuple[str, str], ...]  # the answer buttons: value, label
    origin: TextOrigin  # the guide's text, or this application's (marked on the page)


@dataclass(frozen=True)
class SectionLayout:
    code: str
    enjeu_code: str | None
    enjeu_name: str | None
    enjeu_short_name: str | None
    level_number: int | None
    level_label: str | None
    questions: tuple[QuestionLayout, ...]
    has_custom: bool  # an enjeu's level-2 section closes with its « autre action » row


@dataclass(frozen=True)
class GridLayout:
    spec: GridSpec  # what scoring needs of the version
    sections: tuple[SectionLayout, ...]

    @property
    def questions(self) -> list[QuestionLayout]:
        return [question for section in self.sections for question in section.questions]


# The answers of an « autre action » row: no « non applicable ».
CUSTOM_CHOICES = tuple((value, label) for value, label in Answer.Value.choices if value in ANSWERS)


def grid_layout(version: GridVersion) -> GridLayout:
    return rendered_once("grid", version, lambda: _read(version))


def fragments(version: GridVersion) -> str:
    """What the grid page's cached fragments are keyed by: the version, when the content was last
    edited, and the language (the fragments hold its words), as `rendered_once` keys what it
    keeps."""
    return content_key(version.pk, version.created_at)


def rendered_once(name: str, version: GridVersion, render: Callable[[], T]) -> T:
    """What `render` makes of `version`, kept per process under `name` (and the language, as all
    that is kept), and made again after an edit of the content it shows (initiatives.kept). For
    what depends on the version and the guide's content only, never on a cluster's answers."""
    return kept((name, version.pk, version.created_at), render)


def _read(version: GridVersion) -> GridLayout:
    questions = (
        Question.objects.filter(version=version)
        .select_related("section__enjeu", "section__level", "anchor_sheet")
        .prefetch_related(
            Prefetch("levers", queryset=Lever.objects.only("name", "slug")),
            Prefetch("sheets", queryset=Sheet.objects.only("number", "slug", "title", "order")),
        )
        .order_by("section__order", "order")
    )
    sections: list[tuple] = []
    for question in questions:
        if not sections or sections[-1][0].pk != question.section_id:
            sections.append((question.section, []))
        sections[-1][1].append(_question(question))
    return GridLayout(grid_spec(version), tuple(
        SectionLayout(
            code=section.code,
            enjeu_code=section.enjeu.code if section.enjeu else None,
            enjeu_name=section.enjeu.name if section.enjeu else None,
            enjeu_short_name=section.enjeu.short_name if section.enjeu else None,
            level_number=section.level.number if section.level else None,
            level_label=section.level.label if section.level else None,
            questions=tuple(rows),
            has_custom=section.enjeu is not None and section.level.number == LEVELS[-1],
        )
        for section, rows in sections
    ))


def _question(question: Question) -> QuestionLayout:
    has_na = allows_not_applicable(question.section.code)
    return QuestionLayout(
        code=question.code,
        section_code=question.section.code,
        text=question.text,
        bareme=question.bareme,
        levers=tuple(lever.name for lever in question.levers.all()),
        sheets=tuple(SheetLink(sheet.number, sheet.get_absolute_url())
                     for sheet in question.sheets.all()),
        has_na=has_na,
        choices=tuple((value, label) for value, label in Answer.Value.choices
                      if has_na or value != Answer.Value.NOT_APPLICABLE),
        origin=question.text_origin,
    )
