"""« Simuler » on the results page: answers changed in the browser, checked by the rules of every
answer (grid.rules) and scored by the one scoring (grid.scoring) on top of the stored answers.
Nothing here stores anything. Pure: plain values in, plain values or French messages out."""

import json
from collections.abc import Mapping
from dataclasses import dataclass

from django.utils.translation import gettext as _

from grid import rules
from grid.scoring import AnswerValue, GridSpec

# 41 codes and their answers take well under 2 kB, in JSON or form-encoded.
MAX_BYTES = 16 * 1024
CSRF_FIELD = "csrfmiddlewaretoken"


class SimulationError(Exception):
    """The changes were refused; `messages` lists every reason, in French."""

    def __init__(self, messages):
        self.messages = list(messages)
        super().__init__(" ".join(self.messages))


def too_large() -> SimulationError:
    return SimulationError([_("La simulation envoyée est trop volumineuse.")])


def decode_json(body: bytes) -> dict[str, object]:
    """The changes of a JSON body: an object {code: answer}."""
    if len(body) > MAX_BYTES:
        raise too_large()
    try:
        data = json.loads(body)
    except (ValueError, RecursionError):
        raise SimulationError([_("La simulation doit être un objet JSON valide.")]) from None
    if not isinstance(data, dict):
        raise SimulationError(
            [_("La simulation doit être un objet JSON { code de question : réponse }.")]
        )
    return data


def decode_form(form: Mapping[str, list[str]]) -> dict[str, object]:
    """The changes of form fields code=answer (`form` maps each field to its values, as
    QueryDict.lists() gives them)."""
    changes, repeated = {}, []
    for code, values in form.items():
        if code == CSRF_FIELD:
            continue
        if len(values) > 1:
            repeated.append(rules.question_subject(code))
        changes[code] = values[-1]
    if repeated:
        raise SimulationError([
            _("%(where)s : une seule réponse par question.") % {"where": where}
            for where in repeated
        ])
    return changes


def parse_changes(raw: Mapping[str, object], spec: GridSpec) -> dict[str, str | None]:
    """Code → answer (None for a blank), each checked as the grid checks it; `na` needs no
    justification here since nothing is stored."""
    errors, changes = [], {}
    for code, value in raw.items():
        if value is not None and not isinstance(value, str):
            errors.append(
                _("%(where)s : réponse « %(value)s » invalide (attendu : %(allowed)s).")
                % {"where": rules.question_subject(code), "value": rules.shown(value),
                   "allowed": ", ".join(rules.QUESTION_VALUES)}
            )
            continue
        answer = value or None
        problems = rules.question_problems(
            spec.question(code), code=code, grid=spec.code, value=answer, comment="",
            comment_required=False,
        )
        if problems:
            errors.extend(problems)
        else:
            changes[code] = answer
    if errors:
        raise SimulationError(errors)
    return changes


def merged(
    stored: Mapping[str, AnswerValue], changes: Mapping[str, str | None]
) -> dict[str, AnswerValue]:
    """The stored answers with `changes` over them (comments kept: they do not score)."""
    answers = dict(stored)
    for code, answer in changes.items():
        before = stored.get(code)
        answers[code] = AnswerValue(answer, before.comment if before else "")
    return answers


@dataclass(frozen=True)
class Change:
    code: str
    before: str | None
    after: str


def plannable(
    stored: Mapping[str, AnswerValue], changes: Mapping[str, str | None]
) -> list[Change]:
    """The changes worth an action: an answer given that differs from the stored one (a blank
    is no goal), in the order they came."""
    found = []
    for code, after in changes.items():
        before = stored[code].answer if code in stored else None
        if after is not None and after != before:
            found.append(Change(code, before, after))
    return found
