"""The longest PDF report the rules allow: what `bench/report.py` times and
`tests/reports/test_worst_case.py` counts the pages of.

Every free text the report prints is at its longest, in the widest letter of the report's font
among those people type (« W »), with as many line breaks as the rules allow, laid out so that
each break costs a printed line: every comment of the 41 questions, the four « autre action »
labels, the board's comments of many workflow steps; and thousands of actions, each with every
field at its longest, every sheet and every question, spread over the report's three tables.
Each text is checked against the rules it must pass, so the case stays within them.
"""

from datetime import timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from grid import rules, services
from grid.models import Answer, Assessment, CustomAnswer, Question, Transition
from initiatives.models import Sheet
from plans import models as plan_models
from plans import rules as plan_rules
from plans.models import Action

LETTER = "W"


def longest_text(length: int, lines: int | None, letter: str = LETTER) -> str:
    """`length` characters over `lines` lines: one letter on each line but the last, which takes
    the rest (each break then prints a line of its own, and the rest as few breaks as possible).
    """
    if not lines or lines == 1:
        return letter * length
    short = [letter] * (lines - 1)
    rest = length - 2 * (lines - 1)  # each short line: its letter and its line break
    return "\n".join([*short, letter * rest])


def _checked(problem: str | None) -> None:
    assert problem is None, problem


@transaction.atomic
def build(*, cluster, staff, board, year: int, actions: int = 3000, steps: int = 200,
          letter: str = LETTER) -> Assessment:
    """A returned grid of `cluster` for `year` (editable: it is printed as of today) with
    `steps` workflow steps, and `actions` actions in the cluster's plan."""
    comment = longest_text(rules.COMMENT_MAX_LENGTH, getattr(rules, "COMMENT_MAX_LINES", None),
                           letter)
    board_comment = longest_text(rules.BOARD_COMMENT_MAX_LENGTH,
                                 getattr(rules, "BOARD_COMMENT_MAX_LINES", None), letter)
    label = letter * rules.LABEL_MAX_LENGTH
    assessment = services.assessment_start(cluster=cluster, year=year, by=staff, prefill=False)
    spec_questions = list(Question.objects.filter(version=assessment.campaign.version))
    for question in spec_questions:
        # « - » everywhere: every question is a recommendation candidate, with its sheets.
        assert not rules.question_problems(question, code=question.code, grid="", value="-",
                                           comment=comment)
    Answer.objects.filter(assessment=assessment).update(value="-", comment=comment)
    _checked(rules.text_problem(label, limit=rules.LABEL_MAX_LENGTH, name="label"))
    CustomAnswer.objects.filter(assessment=assessment).update(label=label, level=2, bareme=4,
                                                              value="-")
    _checked(rules.text_problem(board_comment, limit=rules.BOARD_COMMENT_MAX_LENGTH,
                                name="comment", **_lines(board=True)))
    # Submitted (a submission carries no comment), validated, reopened (both with the board's
    # comment), and so on: two steps in three with the longest comment.
    cycle = [("returned", "submitted", staff, ""), ("submitted", "validated", board, board_comment),
             ("validated", "returned", board, board_comment)]
    Transition.objects.bulk_create(
        Transition(assessment=assessment, from_status=before, to_status=after, by=by,
                   comment=text)
        for before, after, by, text in (cycle[number % 3] for number in range(steps))
    )
    Assessment.objects.filter(pk=assessment.pk).update(status="returned")
    assessment.refresh_from_db()
    _plan(cluster, staff, actions, spec_questions, letter)
    return assessment


def _lines(*, board: bool) -> dict:
    name = "BOARD_COMMENT_MAX_LINES" if board else "COMMENT_MAX_LINES"
    return {"max_lines": getattr(rules, name)} if hasattr(rules, name) else {}


def _plan(cluster, staff, count: int, questions, letter: str) -> None:
    today = timezone.localdate()
    biggest = Decimal("999999999999.99")  # the largest number plans.rules admits
    texts = {
        "title": letter * plan_models.TITLE_MAX_LENGTH,
        "owner_name": letter * plan_models.OWNER_MAX_LENGTH,
        "indicator": letter * plan_models.INDICATOR_MAX_LENGTH,
        "unit": letter * plan_models.UNIT_MAX_LENGTH,
        "notes": longest_text(plan_models.NOTES_MAX_LENGTH, None, letter),
    }
    codes = [question.code for question in questions]
    sheets = list(Sheet.objects.all())
    assert not plan_rules.action_problems(
        title=texts["title"], texts={k: v for k, v in texts.items() if k != "title"},
        starts_on=today, due_on=today, numbers={"baseline": -biggest, "target": biggest,
                                                "measured": biggest},
        question_codes=codes, known_codes=set(codes),
        sheet_numbers=[sheet.number for sheet in sheets],
        known_sheets={sheet.number: sheet for sheet in sheets},
    )

    def action(number: int) -> Action:
        kind = number % 3  # done lately, open on time, late
        return Action(
            cluster=cluster, created_by=staff, question_codes=codes, **texts,
            status=("done", "in_progress", "planned")[kind],
            starts_on=today - timedelta(days=400),
            due_on=today + timedelta(days=(-30, 30, -10)[kind]),
            done_on=today - timedelta(days=10) if kind == 0 else None,
            baseline=-biggest, target=biggest, measured=biggest,
        )

    created = Action.objects.bulk_create(action(number) for number in range(count))
    Action.sheets.through.objects.bulk_create(
        Action.sheets.through(action_id=row.pk, sheet_id=sheet.pk)
        for row in created for sheet in sheets
    )
