"""The assessment JSON of DESIGN §4: validation on import, writing on export (pure, no ORM).

The web import and `manage.py grid_score` share this module, so both accept and refuse the same
files with the same messages; the rules of each answer are those of `rules`, as for the pages.
Every problem of a file is collected before one error is raised, so that people fix a file in
one pass.
"""

import json
import re
import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.utils.functional import lazy
from django.utils.translation import gettext as _

from . import rules
from .evidence import clean_label, link_problem
from .scoring import AnswerValue, CustomRow, GridSpec

# 1: grid, answers, custom (no « format »); 2: adds the cluster's optional « plan »; 3: adds the
# optional « evidence » of the answers (files by name, size and SHA-256, without content; links).
FORMAT = 3
ANSWER_KEYS = {"answer", "comment"}
CUSTOM_KEYS = {"enjeu", "level", "label", "bareme", "answer"}
GRID_CODE = re.compile(r"[-\w]{1,40}", re.ASCII)  # GridVersion.code, a slug


class PayloadError(Exception):
    """The file was refused; `messages` lists every reason, in French, for the user."""

    def __init__(self, messages: Sequence[str]):
        self.messages = list(messages)
        super().__init__("\n".join(self.messages))


@dataclass
class ParsedPayload:
    answers: dict[str, AnswerValue] = field(default_factory=dict)
    custom: list[CustomRow] = field(default_factory=list)
    # Actions of the file's `plan`: read by no import (the plan is the cluster's, across years).
    plan_count: int = 0
    # The file's evidence: its links (label, url) by question code are imported; its files are
    # counted only, since the file names them without their content.
    links: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    file_count: int = 0

    @property
    def link_count(self) -> int:
        return sum(len(pairs) for pairs in self.links.values())


def parse_payload_text(
    text: str, lookup: Callable[[str], GridSpec | None]
) -> tuple[GridSpec, ParsedPayload]:
    """Decode, find the grid version named in the file, then validate against it."""
    data = decode_json(text)
    if not isinstance(data, dict):
        raise PayloadError([_top_level_message()])
    _check_format(data)
    grid_code = data.get("grid")
    if not isinstance(grid_code, str) or not grid_code.strip():
        raise PayloadError([_missing_grid_message()])
    # Only what could be a version's code reaches the database (a slug: no NUL, no megabyte).
    grid = lookup(grid_code) if GRID_CODE.fullmatch(grid_code) else None
    if grid is None:
        raise PayloadError(
            [_("Grille inconnue : « %(grid)s ».") % {"grid": rules.shown(grid_code)}]
        )
    return grid, parse_payload(data, grid)


def decode_json(text: str) -> object:
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise PayloadError([
            _("Le fichier n'est pas du JSON valide (ligne %(line)s, colonne %(column)s) : "
              "%(reason)s.") % {"line": error.lineno, "column": error.colno, "reason": error.msg}
        ]) from None
    except RecursionError:
        # Python's decoder gives up on thousands of nested brackets; no grid nests past 3.
        raise PayloadError([
            _("Le fichier imbrique trop de crochets ou d'accolades pour être une autoévaluation.")
        ]) from None
    except ValueError:
        # Python reads no integer of more than sys.get_int_max_str_digits() digits (4,300).
        raise PayloadError([
            _("Le fichier contient un nombre de plus de %(digits)s chiffres : aucune "
              "autoévaluation n'en a, vérifiez que c'est le bon fichier.")
            % {"digits": sys.get_int_max_str_digits()}
        ]) from None


def parse_payload(data: object, grid: GridSpec) -> ParsedPayload:
    if not isinstance(data, dict):
        raise PayloadError([_top_level_message()])
    _check_format(data)
    errors: list[str] = []
    _check_grid_code(data.get("grid"), grid, errors)
    answers = _parse_answers(data.get("answers", {}), grid, errors)
    custom = _parse_custom(data.get("custom", []), errors)
    plan = data.get("plan", [])
    if not isinstance(plan, list):
        errors.append(_("« plan » doit être une liste d'actions."))
    # « maturity » (optional, written since the maturity levels) is derived from the notes: no
    # import reads it, files with or without it import alike.
    if not isinstance(data.get("maturity", {}), dict):
        errors.append(_("« maturity » doit être un objet (niveaux de maturité des notes)."))
    links, file_count = _parse_evidence(data.get("evidence", {}), grid, errors)
    if errors:
        raise PayloadError(errors)
    return ParsedPayload(answers=answers, custom=custom, plan_count=len(plan), links=links,
                         file_count=file_count)


def _check_format(data: dict) -> None:
    """Files without « format » are of format 1; a later format may mean what this code cannot
    read, so it is refused as a whole rather than half understood."""
    version = data.get("format", 1)
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise PayloadError([
            _("« format » doit être un entier de 1 à %(known)s, pas « %(value)s ».")
            % {"known": FORMAT, "value": rules.shown(version)}
        ])
    if version > FORMAT:
        raise PayloadError([
            _("Ce fichier est au format %(format)s, écrit par une version plus récente de "
              "l'application ; celle-ci ne lit que les formats 1 à %(known)s. Mettez-la à jour "
              "pour l'importer.")
            % {"format": version, "known": FORMAT}
        ])


def _top_level_message() -> str:
    return _("Le fichier doit contenir un objet JSON : « grid », puis « answers » et « custom ».")


def _missing_grid_message() -> str:
    return _("Le champ « grid » (code de la version de la grille) est absent.")


def _check_grid_code(code: object, grid: GridSpec, errors: list[str]) -> None:
    if not isinstance(code, str):
        errors.append(_missing_grid_message())
    elif code != grid.code:
        # Answers are only meaningful on the version they were given for.
        errors.append(
            _("Grille « %(file)s » : ce fichier doit porter sur la grille « %(grid)s ».")
            % {"file": rules.shown(code), "grid": grid.code}
        )


# --- answers ---


def _parse_answers(raw: object, grid: GridSpec, errors: list[str]) -> dict[str, AnswerValue]:
    if not isinstance(raw, dict):
        errors.append(_("« answers » doit être un objet { code de question : réponse }."))
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
    answer, comment = _answer_and_comment(code, value, errors)
    if answer is _INVALID:
        return None
    problems = rules.question_problems(
        grid.question(code), code=code, grid=grid.code, value=answer, comment=comment
    )
    if problems:
        errors.extend(problems)
        return None
    return AnswerValue(answer, rules.normalise_text(comment))


_INVALID = object()  # marks an answer already reported as malformed
_lazy_question_subject = lazy(rules.question_subject, str)  # translated for a message only


def _answer_and_comment(code: str, value: object, errors: list[str]) -> tuple[object, str]:
    """An answer is a bare string, or {"answer", "comment"}; null is a blank."""
    if value is None or isinstance(value, str):
        return value, ""
    where = _lazy_question_subject(code)
    if not isinstance(value, dict):
        errors.append(
            _("%(where)s : la réponse doit être une chaîne ou un objet {« answer », « comment »}.")
            % {"where": where}
        )
        return _INVALID, ""
    unknown = sorted(set(value) - ANSWER_KEYS)
    if unknown:
        errors.append(
            _("%(where)s : champ(s) inconnu(s) %(names)s.")
            % {"where": where, "names": _quoted(unknown)}
        )
        return _INVALID, ""
    answer, comment = value.get("answer"), value.get("comment", "")
    if comment is None:
        comment = ""
    if not isinstance(comment, str):
        errors.append(_("%(where)s : le commentaire doit être une chaîne.") % {"where": where})
        return _INVALID, ""
    if answer is not None and not isinstance(answer, str):
        errors.append(
            _("%(where)s : réponse « %(value)s » invalide (attendu : %(allowed)s).")
            % {"where": where, "value": rules.shown(answer),
               "allowed": ", ".join(rules.QUESTION_VALUES)}
        )
        return _INVALID, ""
    return answer, comment


# --- custom rows (« Si pertinent, autre action », one per enjeu at most) ---


def _parse_custom(raw: object, errors: list[str]) -> list[CustomRow]:
    if not isinstance(raw, list):
        errors.append(_("« custom » doit être une liste de lignes « autre action »."))
        return []
    rows, seen = [], set()
    for number, item in enumerate(raw, start=1):
        row = _parse_custom_row(number, item, errors)
        if row is None:
            continue
        if row.enjeu in seen:
            errors.append(
                _("Ligne « autre action » n° %(number)s : une seule ligne est permise par enjeu, "
                  "l'enjeu %(enjeu)s en a déjà une.") % {"number": number, "enjeu": row.enjeu}
            )
            continue
        seen.add(row.enjeu)
        rows.append(row)
    return rows


def _custom_row_subject(number: int) -> str:
    return _("Ligne « autre action » n° %(number)s") % {"number": number}


_lazy_custom_row_subject = lazy(_custom_row_subject, str)  # translated for a message only


def _parse_custom_row(number: int, item: object, errors: list[str]) -> CustomRow | None:
    where = _lazy_custom_row_subject(number)
    if not isinstance(item, dict):
        errors.append(_("%(where)s : elle doit être un objet JSON.") % {"where": where})
        return None
    before = len(errors)
    unknown = sorted(set(item) - CUSTOM_KEYS)
    if unknown:
        errors.append(
            _("%(where)s : champ(s) inconnu(s) %(names)s.")
            % {"where": where, "names": _quoted(unknown)}
        )
    enjeu, level, bareme = item.get("enjeu"), item.get("level"), item.get("bareme")
    label, answer = item.get("label") or "", item.get("answer")
    if not isinstance(label, str):
        errors.append(_("%(where)s : le libellé doit être une chaîne.") % {"where": where})
        label = ""
    errors.extend(rules.custom_row_problems(
        where, enjeu=enjeu, label=label, level=level, bareme=bareme, value=answer
    ))
    if len(errors) > before:
        return None
    return CustomRow(
        enjeu=enjeu, label=rules.normalise_text(label), level=level, bareme=bareme, answer=answer
    )


def _quoted(names: Sequence[str]) -> str:
    return ", ".join(f"« {rules.shown(name)} »" for name in names)


# --- evidence (format 3) ---


def _parse_evidence(raw: object, grid: GridSpec,
                    errors: list[str]) -> tuple[dict[str, list[tuple[str, str]]], int]:
    """The links of « evidence » by question code, and how many files it names."""
    if not isinstance(raw, dict):
        errors.append(_("« evidence » doit être un objet { code de question : liste de pièces }."))
        return {}, 0
    links: dict[str, list[tuple[str, str]]] = {}
    files = 0
    for code, items in raw.items():
        where = _lazy_question_subject(code)
        if grid.question(code) is None:
            errors.append(_("Pièces de « %(code)s » : cette question n'est pas dans la grille.")
                          % {"code": rules.shown(code)})
            continue
        if not isinstance(items, list):
            errors.append(_("%(where)s : les pièces doivent être une liste.") % {"where": where})
            continue
        for number, item in enumerate(items, start=1):
            kind = item.get("kind") if isinstance(item, dict) else None
            if kind == "file":
                files += 1
                continue
            if kind != "link":
                errors.append(_("%(where)s, pièce n° %(number)s : « kind » doit valoir « file » "
                                "ou « link ».") % {"where": where, "number": number})
                continue
            label, url = item.get("label"), item.get("url")
            problem = link_problem(url)
            try:
                label = clean_label(label if isinstance(label, str) else "")
            except ValidationError as error:
                problem = problem or " ".join(error.messages)
            if problem:
                errors.append(_("%(where)s, pièce n° %(number)s : %(problem)s")
                              % {"where": where, "number": number, "problem": problem})
                continue
            links.setdefault(code, []).append((label, url.strip()))
    return links, files


# --- export ---


def payload_from(
    grid_code: str, answers: Mapping[str, AnswerValue], custom: Sequence[CustomRow],
    evidence: Mapping[str, Sequence[dict]] | None = None,
) -> dict:
    """The JSON that `parse_payload` reads back to the same answers and custom rows (the exports
    add the cluster's `plan`), with the answers' `evidence` (lists of JSON objects by question
    code) when given."""
    payload = {
        "format": FORMAT,
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
    if evidence:
        payload["evidence"] = {code: list(items) for code, items in evidence.items() if items}
    return payload


def _answer_json(value: AnswerValue) -> str | dict:
    # A blank that carries a comment keeps it: {"answer": null, "comment": …}.
    if value.comment:
        return {"answer": value.answer, "comment": value.comment}
    return value.answer
