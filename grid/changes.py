"""Which rows of an assessment incoming answers change (pure: plain data in and out).

An assessment has one row per question and one « autre action » row per enjeu. The autosave,
the whole-form post and the JSON import (its preview and its confirmation) all compare what they
received with what is stored through `row_changes`; `services.answers_update` writes the changes
where nobody saved since the writer's revision.
"""

from collections.abc import Mapping
from dataclasses import dataclass

from .scoring import AnswerValue, CustomRow

CUSTOM_PREFIX = "autre-"
BLANK = AnswerValue(None)


def custom_key(enjeu: str) -> str:
    """The key of an « autre action » row among the rows of an assessment: « autre-B »."""
    return f"{CUSTOM_PREFIX}{enjeu}"


@dataclass(frozen=True)
class StoredRows:
    """An assessment's answers as stored: what scoring, exports and comparisons read."""

    answers: dict[str, AnswerValue]  # by question code, in grid order
    custom: dict[str, CustomRow]  # by enjeu, A to D
    revisions: dict[str, int]  # by row key (a question code, or custom_key(enjeu))

    @property
    def custom_rows(self) -> list[CustomRow]:
        return list(self.custom.values())

    @property
    def answered(self) -> int:
        return sum(1 for value in self.answers.values() if value.answer is not None)


@dataclass(frozen=True)
class RowChange:
    key: str
    before: AnswerValue | CustomRow
    after: AnswerValue | CustomRow

    @property
    def is_custom(self) -> bool:
        return isinstance(self.after, CustomRow)


def row_changes(
    stored: StoredRows,
    *,
    answers: Mapping[str, AnswerValue],
    custom: Mapping[str, CustomRow],
    replace: bool,
) -> list[RowChange]:
    """The rows whose incoming content differs from the stored one, questions in grid order
    then « autres actions » A to D. With `replace` (an import), a row missing from the incoming
    data becomes blank; otherwise (a form, the autosave) it is left as it is."""
    changes = []
    for code, before in stored.answers.items():
        after = answers.get(code, BLANK if replace else None)
        if after is not None and after != before:
            changes.append(RowChange(code, before, after))
    for enjeu, before in stored.custom.items():
        after = custom.get(enjeu, CustomRow(enjeu) if replace else None)
        if after is not None and after != before:
            changes.append(RowChange(custom_key(enjeu), before, after))
    return changes

