"""The rules of an answer (DESIGN §4 and §8), written once.

The autosave, the whole-form post, the JSON import (preview and confirmation) and `grid_score`
all check answers here, so that they accept and refuse the same things with the same messages;
check constraints on `Answer`, `CustomAnswer` and `Transition` back the values and lengths in
the database. Pure: plain values in, French messages out (no ORM, no request).
"""

import json
import re
from collections.abc import Mapping

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .scoring import (
    ANSWERS,
    ENJEUX,
    LEVELS,
    NOT_APPLICABLE,
    STRATEGY,
    AnswerValue,
    CustomRow,
    GridSpec,
    QuestionSpec,
)

QUESTION_VALUES = (*ANSWERS, NOT_APPLICABLE)  # and "" for a blank
BAREMES = (1, 2, 3, 4)

# Lengths of free text. The PDF report prints every comment, and its line breaks: at these
# bounds the longest report the rules allow stays within 40 pages and 5 seconds
# (bench/report.py, tests/reports/test_worst_case.py). A label prints on one line whatever it
# holds (the report joins its lines), so its line breaks need no bound.
COMMENT_MAX_LENGTH = 1000
COMMENT_MAX_LINES = 10
LABEL_MAX_LENGTH = 300
BOARD_COMMENT_MAX_LENGTH = 2000
BOARD_COMMENT_MAX_LINES = 20
CODE_MAX_LENGTH = 10

# C0 controls but tab, line feed and carriage return, and DEL: PostgreSQL refuses NUL, the
# others print as nothing, and nobody means to type them.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SHOWN_MAX = 30  # a refused value is quoted back, cut to this many characters
# What a message names, translated only when there is a message: a valid file has none, and
# translating every name of a file's 41 answers was most of the time a parse took.
_COMMENT = gettext_lazy("le commentaire")
_LABEL = gettext_lazy("le libellé")


def normalise_text(text: str) -> str:
    """Free text as stored: no surrounding blanks, line ends as browsers count them (\\n)."""
    return text.replace("\r\n", "\n").replace("\r", "\n").strip()


def shown(value: object) -> str:
    """A refused value as it may be quoted back in a message: visible and short, and written as
    JSON writes it when it is not a string (true, null, 2.5)."""
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    text = _CONTROL.sub(lambda match: f"U+{ord(match.group()):04X}", text)
    return text if len(text) <= _SHOWN_MAX else text[: _SHOWN_MAX - 1] + "…"


def line_count(text: str) -> int:
    """Lines of a free text as stored and printed (an empty text has none)."""
    text = normalise_text(text)
    return text.count("\n") + 1 if text else 0


def text_problem(
    text: str, *, limit: int, name: str, max_lines: int | None = None
) -> str | None:
    """Why a free text cannot be stored, or None. `name` says what it is (« le commentaire »);
    `max_lines`, when given, bounds its lines (each line break starts one)."""
    control = _CONTROL.search(text)
    if control:
        return _(
            "%(name)s contient un caractère invisible interdit (U+%(code)04X) : retirez-le."
        ) % {"name": name, "code": ord(control.group())}
    length = len(normalise_text(text))
    if length > limit:
        return _("%(name)s dépasse %(limit)s caractères (il en a %(length)s).") % {
            "name": name, "limit": limit, "length": length,
        }
    lines = line_count(text) if max_lines is not None else 0
    if max_lines is not None and lines > max_lines:
        return _("%(name)s dépasse %(limit)s lignes (il en a %(lines)s).") % {
            "name": name, "limit": max_lines, "lines": lines,
        }
    return None


def allows_not_applicable(section: str) -> bool:
    """`na` is an answer everywhere but in section S (DESIGN §4)."""
    return section != STRATEGY


def answer_values(section: str) -> tuple[str, ...]:
    """The answers a question of `section` offers, blank aside."""
    return QUESTION_VALUES if allows_not_applicable(section) else ANSWERS


def lacks_justification(value: str | None, comment: str) -> bool:
    """`na` needs a comment that says why (DESIGN §4)."""
    return value == NOT_APPLICABLE and not normalise_text(comment)


def question_subject(code: str) -> str:
    return _("Question « %(code)s »") % {"code": shown(code)}


def custom_subject(enjeu: str) -> str:
    return _("Autre action %(enjeu)s") % {"enjeu": shown(enjeu)}


def question_problems(
    question: QuestionSpec | None, *, code: str, grid: str, value: str | None, comment: str,
    comment_required: bool = True,
) -> list[str]:
    """What is wrong with `value` (None for a blank) and `comment` as the answer to question
    `code` of `grid` (`question` is None when the grid has no such code). A simulation stores
    nothing, so it may try `na` without writing its justification (`comment_required=False`)."""
    if question is None:
        return [
            _("%(where)s : code inconnu dans la grille « %(grid)s ».")
            % {"where": question_subject(code), "grid": grid}
        ]
    problems = []
    if value is not None and value not in QUESTION_VALUES:
        problems.append(
            _("%(where)s : réponse « %(value)s » invalide (attendu : %(allowed)s).")
            % {"where": question_subject(code), "value": shown(value),
               "allowed": ", ".join(QUESTION_VALUES)}
        )
    elif value == NOT_APPLICABLE and not allows_not_applicable(question.section):
        problems.append(
            _("%(where)s : « na » (non applicable) est interdit dans la section S.")
            % {"where": question_subject(code)}
        )
    elif comment_required and lacks_justification(value, comment):
        problems.append(
            _("%(where)s : « na » (non applicable) exige un commentaire.")
            % {"where": question_subject(code)}
        )
    problem = text_problem(comment, limit=COMMENT_MAX_LENGTH, name=_COMMENT,
                           max_lines=COMMENT_MAX_LINES)
    if problem:
        problems.append(f"{question_subject(code)} : {problem}")
    return problems


def custom_row_problems(
    where: str, *, enjeu: object, label: str, level: object, bareme: object, value: str | None
) -> list[str]:
    """What is wrong with an « autre action » row (`value` None for a blank); `where` names the
    row in the messages (a lazy string is only translated for a message)."""
    problems = []
    if enjeu not in ENJEUX:
        problems.append(
            _("%(where)s : enjeu « %(enjeu)s » inconnu (A, B, C ou D).")
            % {"where": where, "enjeu": shown(enjeu)}
        )
    if level is not None and not _is_int_in(level, LEVELS):
        problems.append(
            _("%(where)s : niveau « %(level)s » invalide (1 ou 2).")
            % {"where": where, "level": shown(level)}
        )
    if bareme is not None and not _is_int_in(bareme, BAREMES):
        problems.append(
            _("%(where)s : barème « %(bareme)s » invalide (entier de 1 à 4).")
            % {"where": where, "bareme": shown(bareme)}
        )
    problem = text_problem(label, limit=LABEL_MAX_LENGTH, name=_LABEL)
    if problem:
        problems.append(f"{where} : {problem}")
    if value is not None and value not in ANSWERS:
        problems.append(
            _("%(where)s : réponse « %(value)s » invalide (attendu : %(allowed)s).")
            % {"where": where, "value": shown(value), "allowed": ", ".join(ANSWERS)}
        )
    return problems


def _is_int_in(value: object, allowed) -> bool:
    # bool is an int in Python; `true` is not a barème.
    return isinstance(value, int) and not isinstance(value, bool) and value in allowed


def answer_problems(
    spec: GridSpec, answers: Mapping[str, AnswerValue], custom: Mapping[str, CustomRow]
) -> list[str]:
    """Every reason these rows are refused, question rows first."""
    problems = []
    for code, value in answers.items():
        problems += question_problems(
            spec.question(code), code=code, grid=spec.code, value=value.answer,
            comment=value.comment,
        )
    for enjeu, row in custom.items():
        problems += custom_row_problems(
            custom_subject(enjeu), enjeu=enjeu, label=row.label, level=row.level,
            bareme=row.bareme, value=row.answer,
        )
    return problems


def missing_answers(answers: Mapping[str, AnswerValue]) -> list[str]:
    """Codes that keep a grid from being submitted: blank, or `na` without its justification."""
    return [
        code for code, value in answers.items()
        if value.answer is None or lacks_justification(value.answer, value.comment)
    ]
