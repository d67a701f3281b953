"""What never changes on the grid page of a version in use, rendered once per process.

A version's questions are frozen once an assessment uses it (DESIGN §3), and the grid page only
shows versions in use: the sections, each question's wording, barème, levers and sheet links, and
its answer buttons for each possible answer are rendered once and reused by every request, which
then only fills in answers, comments and revisions. The levers, sheets and headings are content
that admins edit: what is kept is made again after an edit (initiatives.kept).
"""

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TypeVar

from django.db.models import Prefetch
from django.template.loader import render_to_string
from django.utils.html import conditional_escape, format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from initiatives.kept import kept
from initiatives.labels import LEVEL_CHOICES
from initiatives.models import Lever, Section, Sheet

from .changes import custom_key
from .models import Answer, GridVersion, Question
from .rules import COMMENT_MAX_LENGTH, LABEL_MAX_LENGTH, allows_not_applicable
from .scoring import ANSWERS, LEVELS, GridSpec
from .specs import grid_spec

T = TypeVar("T")


# What the question's template prints of its answer: marks the layout fills in for each page.
_SLOT = re.compile(r"@@(\w+)@@")
ROW_SLOTS = ("disabled", "choices", "details_open", "comment_mark", "notes", "offers", "comment",
             "revision", "status_class", "status_role", "errors")


@dataclass(frozen=True)
class QuestionLayout:
    code: str
    section_code: str
    has_na: bool  # « non applicable » is not offered in section S
    pieces: tuple[str, ...]  # the rendered row: fixed HTML, then a slot's name, and so on
    choices: dict[str, SafeString]  # the answer buttons, by the answer checked ("" for none)

    def render(self, *, value: str, comment: str, revision: int | str, errors: Sequence[str],
               notes: Sequence, can_edit: bool) -> SafeString:
        """The question's row as the page shows it, without a template: fast enough for a page
        of any number of questions."""
        slots = {
            "disabled": "" if can_edit else " disabled",
            "choices": self.choices.get(value, self.choices[""]),
            "details_open": " open" if comment or errors else "",
            "comment_mark": _comment_mark() if comment else "",
            "notes": _notes_html([note for note in notes if not note.offer]),
            "offers": format_html_join("", '<p class="small mb-1"><a href="{}">{}</a></p>', (
                (note.url, note.text) for note in notes if note.offer)),
            "comment": conditional_escape(comment),
            "revision": conditional_escape(str(revision)),
            **_status_slots(errors),
        }
        return _fill(self.pieces, slots)


CUSTOM_SLOTS = ("disabled", "label", "level_", "level_1", "level_2", "bareme_", "bareme_1",
                "bareme_2", "bareme_3", "bareme_4", "choices", "revision", "status_class",
                "status_role", "errors")


@dataclass(frozen=True)
class CustomRowLayout:
    """The « autre action » row that closes an enjeu's level-2 section."""

    enjeu_code: str
    pieces: tuple[str, ...]
    choices: dict[str, SafeString]

    def render(self, *, label: str, level: int | str | None, bareme: int | str | None,
               value: str, revision: int | str, errors: Sequence[str],
               can_edit: bool) -> SafeString:
        selected = {f"level_{level or ''}", f"bareme_{bareme or ''}"}
        slots = {
            **{name: " selected" if name in selected else ""
               for name in CUSTOM_SLOTS if name.startswith(("level_", "bareme_"))},
            **_status_slots(errors),
            "disabled": "" if can_edit else " disabled",
            "label": conditional_escape(label),
            "choices": self.choices.get(value, self.choices[""]),
            "revision": conditional_escape(str(revision)),
        }
        return _fill(self.pieces, slots)


def _notes_html(notes: Sequence) -> SafeString | str:
    if not notes:
        return ""
    items = format_html_join("", '<li><a href="{}">{}</a>{}</li>', (
        (note.url, note.text,
         format_html(' <span class="badge text-bg-light border">{}</span>', note.status)
         if note.status else "")
        for note in notes
    ))
    return format_html(
        '<ul class="question-notes list-unstyled small mb-2" aria-label="{}">{}</ul>',
        _("Actions liées à cette question"), items,
    )


def _status_slots(errors: Sequence[str]) -> dict[str, str]:
    return {
        "status_class": " text-danger" if errors else "",
        "status_role": ' role="alert"' if errors else ' aria-live="polite"',
        "errors": conditional_escape(" ".join(errors)),
    }


def _fill(pieces: Sequence[str], slots: dict[str, str]) -> SafeString:
    return mark_safe("".join(  # noqa: S308 - fixed HTML and escaped values only
        slots[piece] if index % 2 else piece for index, piece in enumerate(pieces)
    ))


def _slotted(template: str, context: dict, names: Sequence[str]) -> tuple[str, ...]:
    """`template` rendered with a mark in place of each slot, cut at the marks."""
    marks = {name: mark_safe(f"@@{name}@@") for name in names}  # noqa: S308 - fixed marks
    return tuple(_SLOT.split(render_to_string(template, {**context, "row": marks})))


@dataclass(frozen=True)
class SectionLayout:
    code: str
    heading: str
    enjeu_code: str | None
    enjeu_name: str | None
    enjeu_short_name: str | None
    questions: tuple[QuestionLayout, ...]
    custom: CustomRowLayout | None  # closes the level-2 section of an enjeu


@dataclass(frozen=True)
class GridLayout:
    spec: GridSpec  # what scoring needs of the version
    sections: tuple[SectionLayout, ...]

    @property
    def questions(self) -> list[QuestionLayout]:
        return [question for section in self.sections for question in section.questions]


def _comment_mark() -> SafeString:
    return format_html(' <span aria-hidden="true">✎</span><span class="visually-hidden">{}</span>',
                       _("(commentaire saisi)"))


def grid_layout(version: GridVersion, *, compact: bool) -> GridLayout:
    return rendered_once(f"grid-{compact}", version, lambda: _render(version, compact))


def rendered_once(name: str, version: GridVersion, render: Callable[[], T]) -> T:
    """What `render` makes of `version`, kept per process under `name` (and the language, as all
    that is kept), and made again after an edit of the content it shows (initiatives.kept). For
    what depends on the version and the guide's content only, never on a cluster's answers."""
    return kept((name, version.pk, version.created_at), render)


def _render(version: GridVersion, compact: bool) -> GridLayout:
    questions = (
        Question.objects.filter(version=version)
        .select_related("section__enjeu", "section__level")
        .prefetch_related(
            Prefetch("levers", queryset=Lever.objects.only("name", "slug")),
            Prefetch("sheets", queryset=Sheet.objects.only("number", "slug", "title", "order")),
        )
        .order_by("section__order", "order")
    )
    sections: list[tuple[Section, list[QuestionLayout]]] = []
    for question in questions:
        if not sections or sections[-1][0].pk != question.section_id:
            sections.append((question.section, []))
        sections[-1][1].append(_question_layout(question, compact))
    return GridLayout(grid_spec(version), tuple(
        SectionLayout(
            code=section.code,
            heading=render_to_string("grid/includes/_section_heading.html", {"section": section}),
            enjeu_code=section.enjeu.code if section.enjeu else None,
            enjeu_name=section.enjeu.name if section.enjeu else None,
            enjeu_short_name=section.enjeu.short_name if section.enjeu else None,
            questions=tuple(rows),
            custom=_custom_layout(section, compact)
            if section.enjeu is not None and section.level.number == LEVELS[-1] else None,
        )
        for section, rows in sections
    ))


def _question_layout(question: Question, compact: bool) -> QuestionLayout:
    has_na = allows_not_applicable(question.section.code)
    choices = [(value, label) for value, label in Answer.Value.choices
               if has_na or value != Answer.Value.NOT_APPLICABLE]
    context = {"question": question, "code": question.code, "compact": compact,
               "comment_max_length": COMMENT_MAX_LENGTH}
    return QuestionLayout(
        code=question.code,
        section_code=question.section.code,
        has_na=has_na,
        pieces=_slotted("grid/includes/_question.html", context, ROW_SLOTS),
        choices=_choices(question.code, choices, compact),
    )


def _custom_layout(section: Section, compact: bool) -> CustomRowLayout:
    prefix = custom_key(section.enjeu.code)
    context = {"prefix": prefix, "enjeu_code": section.enjeu.code, "section_code": section.code,
               "enjeu_name": section.enjeu.name, "level_choices": LEVEL_CHOICES,
               "label_max_length": LABEL_MAX_LENGTH}
    choices = [(value, label) for value, label in Answer.Value.choices if value in ANSWERS]
    return CustomRowLayout(
        enjeu_code=section.enjeu.code,
        pieces=_slotted("grid/includes/_custom_row.html", context, CUSTOM_SLOTS),
        choices=_choices(prefix, choices, compact=False),
    )


def _choices(prefix: str, choices: list[tuple[str, str]], compact: bool) -> dict[str, SafeString]:
    """The answer buttons of a row for each answer that may be checked ("" for none)."""
    return {
        checked: render_to_string("grid/includes/_answer_choices.html", {
            "code": prefix, "choices": choices, "checked": checked, "compact": compact})
        for checked in ("", *(value for value, _ in choices))
    }
