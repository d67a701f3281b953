"""The assessment JSON of DESIGN §4: validation on import, writing on export (pure, no ORM).

The web import and `manage.py grid_score` share this module, so both accept and refuse the same
files with the same messages. Every problem of a file is collected before one error is raised, so
that people fix a file in one pass.
"""

import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from .scoring import (
    ANSWERS,
    ENJEUX,
    LEVELS,
    NOT_APPLICABLE,
    STRATEGY,
    AnswerValue,
    CustomRow,
    GridSpec,
)

BAREMES = (1, 2, 3, 4)
ANSWER_KEYS = {"answer", "comment"}
CUSTOM_KEYS = {"enjeu", "level", "label", "bareme", "answer"}
LABEL_MAX_LENGTH = 300  # CustomAnswer.label


class PayloadError(Exception):
    """The file was refused; `messages` lists every reason, in French, for the user."""

    def __init__(self, messages: Sequence[str]):
        self.messages = list(messages)
        super().__init__("\n".join(self.messages))


@dataclass
class ParsedPayload:
    answers: dict[str, AnswerValue] = field(default_factory=dict)
    custom: list[CustomRow] = field(default_factory=list)


def parse_payload_text(
    text: str, lookup: Callable[[str], GridSpec | None]
) -> tuple[GridSpec, ParsedPayload]:
    """Decode, find the grid version named in the file, then validate against it."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise PayloadError(
            [f"Le fichier n'est pas du JSON valide (ligne {error.lineno}, "
             f"colonne {error.colno}) : {error.msg}."]
        ) from None
    if not isinstance(data, dict):
        raise PayloadError([_top_level_message()])
    grid_code = data.get("grid")
    if not isinstance(grid_code, str) or not grid_code.strip():
        raise PayloadError(["Le champ « grid » (code de la version de la grille) est absent."])
    grid = lookup(grid_code)
    if grid is None:
        raise PayloadError([f"Grille inconnue : « {grid_code} »."])
    return grid, parse_payload(data, grid)


def parse_payload(data: object, grid: GridSpec) -> ParsedPayload:
    if not isinstance(data, dict):
        raise PayloadError([_top_level_message()])
    errors: list[str] = []
    _check_grid_code(data.get("grid"), grid, errors)
    answers = _parse_answers(data.get("answers", {}), grid, errors)
    custom = _parse_custom(data.get("custom", []), errors)
    if errors:
        raise PayloadError(errors)
    return ParsedPayload(answers=answers, custom=custom)


def _top_level_message() -> str:
    return "Le fichier doit contenir un objet JSON : « grid », puis « answers » et « custom »."


def _check_grid_code(code: object, grid: GridSpec, errors: list[str]) -> None:
    if not isinstance(code, str):
        errors.append("Le champ « grid » (code de la version de la grille) est absent.")
    elif code != grid.code:
        # Answers are only meaningful on the version they were given for.
        errors.append(f"Grille « {code} » : ce fichier doit porter sur la grille « {grid.code} ».")


# --- answers ---


def _parse_answers(raw: object, grid: GridSpec, errors: list[str]) -> dict[str, AnswerValue]:
    if not isinstance(raw, dict):
        errors.append("« answers » doit être un objet { code de question : réponse }.")
        return {}
    answers = {}
    for code, value in raw.items():
        parsed = _parse_answer(code, value, grid, errors)
        if parsed is not None:
            answers[code] = parsed
    return answers


def _parse_answer(
    code: str, value: object, grid: GridSpec, errors: list[str]
) -> AnswerValue | None:
    question = grid.question(code)
    if question is None:
        errors.append(f"Question « {code} » : code inconnu dans la grille « {grid.code} ».")
        return None
    answer, comment = _answer_and_comment(code, value, errors)
    if answer is _INVALID:
        return None
    if answer is not None and answer not in (*ANSWERS, NOT_APPLICABLE):
        errors.append(f"Question « {code} » : réponse « {answer} » invalide ({_allowed(True)}).")
        return None
    if answer == NOT_APPLICABLE and question.section == STRATEGY:
        errors.append(
            f"Question « {code} » : « na » (non applicable) est interdit dans la section S."
        )
        return None
    if answer == NOT_APPLICABLE and not comment.strip():
        errors.append(f"Question « {code} » : « na » (non applicable) exige un commentaire.")
        return None
    return AnswerValue(answer, comment)


_INVALID = object()  # marks an answer already reported as malformed


def _answer_and_comment(code: str, value: object, errors: list[str]) -> tuple[object, str]:
    """An answer is a bare string, or {"answer", "comment"}; null is a blank."""
    if value is None or isinstance(value, str):
        return value, ""
    if not isinstance(value, dict):
        errors.append(
            f"Question « {code} » : la réponse doit être une chaîne ou un objet "
            "{« answer », « comment »}."
        )
        return _INVALID, ""
    unknown = sorted(set(value) - ANSWER_KEYS)
    if unknown:
        errors.append(f"Question « {code} » : champ(s) inconnu(s) {_quoted(unknown)}.")
        return _INVALID, ""
    answer, comment = value.get("answer"), value.get("comment", "")
    if comment is None:
        comment = ""
    if not isinstance(comment, str):
        errors.append(f"Question « {code} » : le commentaire doit être une chaîne.")
        return _INVALID, ""
    if answer is not None and not isinstance(answer, str):
        errors.append(
            f"Question « {code} » : réponse « {_show(answer)} » invalide ({_allowed(True)})."
        )
        return _INVALID, ""
    return answer, comment


# --- custom rows (« Si pertinent, autre action », one per enjeu at most) ---


def _parse_custom(raw: object, errors: list[str]) -> list[CustomRow]:
    if not isinstance(raw, list):
        errors.append("« custom » doit être une liste de lignes « autre action ».")
        return []
    rows, seen = [], set()
    for number, item in enumerate(raw, start=1):
        row = _parse_custom_row(number, item, errors)
        if row is None:
            continue
        if row.enjeu in seen:
            errors.append(
                f"Ligne « autre action » n° {number} : une seule ligne est permise par enjeu, "
                f"l'enjeu {row.enjeu} en a déjà une."
            )
            continue
        seen.add(row.enjeu)
        rows.append(row)
    return rows


def _parse_custom_row(number: int, item: object, errors: list[str]) -> CustomRow | None:
    where = f"Ligne « autre action » n° {number}"
    if not isinstance(item, dict):
        errors.append(f"{where} : elle doit être un objet JSON.")
        return None
    before = len(errors)
    unknown = sorted(set(item) - CUSTOM_KEYS)
    if unknown:
        errors.append(f"{where} : champ(s) inconnu(s) {_quoted(unknown)}.")
    enjeu, level, bareme = item.get("enjeu"), item.get("level"), item.get("bareme")
    label, answer = item.get("label", ""), item.get("answer")
    if enjeu not in ENJEUX:
        errors.append(f"{where} : enjeu « {_show(enjeu)} » inconnu (A, B, C ou D).")
    if level is not None and not _is_int_in(level, LEVELS):
        errors.append(f"{where} : niveau « {_show(level)} » invalide (1 ou 2).")
    if bareme is not None and not _is_int_in(bareme, BAREMES):
        errors.append(f"{where} : barème « {_show(bareme)} » invalide (entier de 1 à 4).")
    if label is not None and not isinstance(label, str):
        errors.append(f"{where} : le libellé doit être une chaîne.")
    elif label and len(label.strip()) > LABEL_MAX_LENGTH:
        errors.append(f"{where} : le libellé dépasse {LABEL_MAX_LENGTH} caractères.")
    if answer is not None and answer not in ANSWERS:
        errors.append(f"{where} : réponse « {_show(answer)} » invalide ({_allowed(False)}).")
    if len(errors) > before:
        return None
    return CustomRow(enjeu=enjeu, label=label or "", level=level, bareme=bareme, answer=answer)


def _is_int_in(value: object, allowed: Sequence[int]) -> bool:
    # bool is an int in Python; `true` is not a barème.
    return isinstance(value, int) and not isinstance(value, bool) and value in allowed


def _allowed(with_na: bool) -> str:
    values = (*ANSWERS, NOT_APPLICABLE) if with_na else ANSWERS
    return "attendu : " + ", ".join(values)


def _show(value: object) -> str:
    # Values as the user wrote them in JSON (true, null, 2.5), not as Python prints them.
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def _quoted(names: Sequence[str]) -> str:
    return ", ".join(f"« {name} »" for name in names)


# --- export ---


def payload_from(
    grid_code: str, answers: Mapping[str, AnswerValue], custom: Sequence[CustomRow]
) -> dict:
    """The JSON that `parse_payload` reads back to the same answers and custom rows."""
    return {
        "grid": grid_code,
        "answers": {
            code: _answer_json(value)
            for code, value in answers.items()
            if value.answer is not None or value.comment
        },
        "custom": [
            {
                "enjeu": row.enjeu,
                "level": row.level,
                "label": row.label,
                "bareme": row.bareme,
                "answer": row.answer,
            }
            for row in custom
        ],
    }


def _answer_json(value: AnswerValue) -> str | dict:
    # A blank that carries a comment keeps it: {"answer": null, "comment": …}.
    if value.comment:
        return {"answer": value.answer, "comment": value.comment}
    return value.answer
