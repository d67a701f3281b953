"""The JSON, CSV and XLSX downloads of one assessment (DESIGN §6, §8), built from plain data.

No ORM here: the views read the assessment, these functions lay it out.
"""

import csv
import io
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction

from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from grid.maturity import Scale, label_of, level_of, scale_text
from grid.payload import payload_from
from grid.presenters import TextOrigin, csv_delimiter, decimal_2
from grid.scoring import (
    ENJEUX,
    LEVELS,
    SECTION_ORDER,
    SECTIONS,
    AnswerValue,
    CustomRow,
    GridSpec,
    Scores,
    answer_points,
    axis_sections,
)
from grid.selectors import EvidenceItem
from plans.presenters import Progress
from plans.report import PlanRow, plan_json

GRID_SHEET = "Grille d'autoévaluation"  # the tab names of the guide's workbook (L401, L465)
RESULTS_SHEET = "Résultats"
PLAN_SHEET = "Plan d'actions"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PERCENT = "0.0%"  # LibreOffice and Excel show 62,5 % in a French locale
WHOLE_PERCENT = "0%"  # an action's progress, in whole percents as the plan page shows it


@dataclass(frozen=True)
class QuestionLine:
    """A question of the grid version, as the exports print it."""

    code: str
    section: str
    text: str
    bareme: int
    origin: TextOrigin


@dataclass(frozen=True)
class Labels:
    """The names printed beside codes: sections ("S", "1A" …), enjeux and levels."""

    sections: Mapping[str, str]
    enjeux: Mapping[str, str]
    levels: Mapping[int, str]


@dataclass(frozen=True)
class ExportRow:
    code: str
    section: str  # "S", "1A" …; empty for an « autre action » whose level is not chosen yet
    text: str
    bareme: int | None
    answer: str  # "++" "+" "-" "--" "na" or empty
    points: Fraction | None  # None for a blank or `na` answer, or no barème yet
    comment: str
    origin: str  # the guide's text, reconstructed from a sheet (and reviewed), or the cluster's
    enjeu: str = ""  # set on « autre action » rows only


def grid_rows(
    spec: GridSpec,
    questions: Sequence[QuestionLine],
    answers: Mapping[str, AnswerValue],
    custom: Sequence[CustomRow],
) -> list[ExportRow]:
    """One row per question (in the order given: the grid's), then each « autre action » with a
    label, in enjeu order."""
    rows = []
    for question in questions:
        value = answers.get(question.code, AnswerValue(None))
        rows.append(ExportRow(
            code=question.code,
            section=question.section,
            text=question.text,
            bareme=question.bareme,
            answer=value.answer or "",
            points=answer_points(spec, question.bareme, value.answer),
            comment=value.comment,
            origin=question.origin.label,
        ))
    for row in sorted(custom, key=lambda row: row.enjeu):
        if not row.label.strip():
            continue
        rows.append(ExportRow(
            code=_("Autre action %(enjeu)s") % {"enjeu": row.enjeu},
            section=f"{row.level}{row.enjeu}" if row.level in LEVELS else "",
            text=row.label,
            bareme=row.bareme,
            answer=row.answer or "",
            points=answer_points(spec, row.bareme, row.answer),
            comment="",
            origin=_("action ajoutée par le pôle"),
            enjeu=row.enjeu,
        ))
    return rows


def json_payload(
    grid_code: str, answers: Mapping[str, AnswerValue], custom: Sequence[CustomRow],
    plan: Sequence[PlanRow], scores: Scores | None = None, scale: Scale = (),
    evidence: Mapping[str, Sequence[EvidenceItem]] | None = None,
) -> dict:
    """export.json, and the file attached to the PDF: the answers of DESIGN §4 (read back by the
    import) with their evidence (files by name, size and SHA-256, links; format 3), the
    cluster's plan and, when the version has levels, the maturity levels of the notes (which no
    import reads)."""
    listed = {code: [item.as_json() for item in items] for code, items in (evidence or {}).items()}
    payload = {**payload_from(grid_code, answers, custom, listed), "plan": plan_json(plan)}
    if scores is not None and scale:
        payload["maturity"] = maturity_json(scores, scale)
    return payload


def maturity_json(scores: Scores, scale: Scale) -> dict:
    """The optional « maturity » key of export.json: the version's levels (rank 1 the lowest,
    `from` the lower bound in percent) and the letter of each note's level (null where the note
    is undefined)."""
    def letter(note: Fraction | None) -> str | None:
        band = level_of(note, scale)
        return band.letter if band else None

    return {
        "scale": [{"rank": band.rank, "letter": band.letter, "name": band.name,
                   "from": band.lower_bound} for band in scale],
        "global": letter(scores.global_note),
        "axes": {enjeu: letter(scores.axes.get(enjeu)) for enjeu in ENJEUX},
        "levels": {str(level): letter(scores.levels.get(level)) for level in LEVELS},
    }


def title(cluster: str, year: int, grid_code: str) -> str:
    return _("%(cluster)s · %(year)s · grille %(grid)s") % {
        "cluster": cluster, "year": year, "grid": grid_code,
    }


# --- CSV ---


def csv_bytes(rows: Sequence[ExportRow], scores: Scores | None = None,
              scale: Scale = ()) -> bytes:
    # Split as the language's spreadsheets expect (`;` in French, `,` in English), and Excel
    # reads the accents as UTF-8 only when the file starts with a byte order mark: utf-8-sig.
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=csv_delimiter())
    writer.writerow([
        _("Code"), _("Section"), _("Affirmation"), _("Barème"), _("Réponse"), _("Points"),
        _("Commentaire"), _("Niveau de maturité de la section"), _("Origine"),
    ])
    sections = scores.sections if scores is not None else {}
    for row in rows:
        writer.writerow([
            row.code,
            row.section,
            _inert(row.text),
            "" if row.bareme is None else row.bareme,
            row.answer,
            decimal_2(row.points),
            _inert(row.comment),
            label_of(sections.get(row.section), scale),
            row.origin,
        ])
    return buffer.getvalue().encode("utf-8-sig")


def _inert(text: str) -> str:
    # A spreadsheet opening a CSV runs a cell that starts like a formula (« =HYPERLINK(…) »):
    # a leading apostrophe keeps free text as text (OWASP, CSV injection).
    return f"'{text}" if text.startswith(("=", "+", "-", "@", "\t", "\r")) else text


# --- XLSX ---

BOLD = Font(bold=True)
TITLE = Font(bold=True, size=13)
HEADING_FILL = PatternFill("solid", fgColor="E7EEF5")
WRAP = Alignment(wrap_text=True, vertical="top")
TOP = Alignment(vertical="top")
# Code, Affirmation, Barème, Réponse, Points, Commentaire, Origine
GRID_WIDTHS = (16, 70, 9, 9, 9, 50, 36)
WRAPPED_COLUMNS = (2, 6, 7)  # Affirmation, Commentaire, Origine
POINTS_COLUMN = 5


def workbook_bytes(
    heading: str, rows: Sequence[ExportRow], labels: Labels, scores: Scores,
    plan: Sequence[PlanRow], scale: Scale = (),
) -> bytes:
    workbook = Workbook()
    _grid_sheet(workbook.active, heading, rows, labels)
    _results_sheet(workbook.create_sheet(), heading, labels, scores, scale)
    _plan_sheet(workbook.create_sheet(), heading, plan)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _grid_sheet(sheet: Worksheet, heading: str, rows: Sequence[ExportRow], labels: Labels):
    sheet.title = GRID_SHEET
    _put(sheet, 1, 1, heading).font = TITLE
    headers = (
        _("Code"), _("Affirmation"), _("Barème"), _("Réponse"), _("Points"), _("Commentaire"),
        _("Origine"),
    )
    for column, (header, width) in enumerate(zip(headers, GRID_WIDTHS, strict=True), start=1):
        _put(sheet, 2, column, header).font = BOLD
        sheet.column_dimensions[get_column_letter(column)].width = width
    _landscape(sheet)

    line = 3
    for section in SECTION_ORDER:
        for column in range(1, len(headers) + 1):
            sheet.cell(line, column).fill = HEADING_FILL
        _put(sheet, line, 1, section).font = BOLD
        _put(sheet, line, 2, labels.sections.get(section, "")).font = BOLD
        line += 1
        for row in rows:
            if _home_section(row) == section:
                _grid_line(sheet, line, row)
                line += 1


def _landscape(sheet: Worksheet) -> None:
    sheet.freeze_panes = "A3"  # title and headers stay in view while scrolling
    # Printed, the table fits the page's width in landscape, its headers on every page.
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    sheet.print_title_rows = "2:2"


def _home_section(row: ExportRow) -> str:
    # An « autre action » without a level yet closes its enjeu's block.
    return row.section or axis_sections(row.enjeu)[-1]


def _grid_line(sheet: Worksheet, line: int, row: ExportRow) -> None:
    values = (
        row.code,
        row.text,
        row.bareme,
        row.answer,
        None if row.points is None else round(float(row.points), 4),
        row.comment,
        row.origin,
    )
    for column, value in enumerate(values, start=1):
        _put(sheet, line, column, value).alignment = WRAP if column in WRAPPED_COLUMNS else TOP
    sheet.cell(line, POINTS_COLUMN).number_format = "0.00"
    # LibreOffice keeps the default height of rows whose wrapped text is longer than one line, so
    # the text would overlap the next row: give each row the lines its longest cell needs.
    lines = max(
        math.ceil(len(values[column - 1] or "") / (GRID_WIDTHS[column - 1] - 4))
        for column in WRAPPED_COLUMNS
    )
    if lines > 1:
        sheet.row_dimensions[line].height = 15 * lines


def _results_sheet(sheet: Worksheet, heading: str, labels: Labels, scores: Scores,
                   scale: Scale = ()) -> None:
    sheet.title = RESULTS_SHEET
    sheet.column_dimensions["A"].width = 80
    sheet.column_dimensions["B"].width = 14
    sheet.column_dimensions["C"].width = 22
    _put(sheet, 1, 1, heading).font = TITLE
    _put(sheet, 2, 1, _("Indicateur")).font = BOLD
    _put(sheet, 2, 2, _("Valeur")).font = BOLD
    _put(sheet, 2, 3, _("Niveau de maturité")).font = BOLD
    sheet.freeze_panes = "A3"

    line = 3

    def note(label: str, value: Fraction | None, graded: bool = True) -> None:
        nonlocal line
        _put(sheet, line, 1, label)
        if value is not None:  # an undefined note stays an empty cell
            _put(sheet, line, 2, float(value)).number_format = PERCENT
        if graded:
            _put(sheet, line, 3, label_of(value, scale))
        line += 1

    def group(name: str) -> None:
        nonlocal line
        _put(sheet, line, 1, name).font = BOLD
        line += 1

    note(_("Note globale"), scores.global_note)
    note(_("Facteur de stratégie F"), scores.strategy_factor, graded=False)
    note(_("Complétude"), scores.completion, graded=False)
    _put(sheet, line, 1, _("Résultats provisoires"))
    _put(sheet, line, 2, _("oui") if scores.provisional else _("non"))
    line += 1
    group(_("Axes"))
    for enjeu in ENJEUX:
        note(f"{enjeu} · {labels.enjeux.get(enjeu, '')}", scores.axes.get(enjeu))
    group(_("Niveaux"))
    for level in LEVELS:
        name = labels.levels.get(level, "")
        note(_("Niveau %(level)s · %(name)s") % {"level": level, "name": name},
             scores.levels.get(level))
    group(_("Sections"))
    for section in SECTIONS:
        note(f"{section} · {labels.sections.get(section, '')}", scores.sections.get(section))
    if scale:
        line += 1
        _put(sheet, line, 1, _("Niveaux de maturité : %(scale)s") % {"scale": scale_text(scale)})


# Intitulé, Statut, Fiches, Questions, Responsable, Début, Échéance, Réalisée le, Indicateur,
# Unité, Départ, Cible, Mesure, Avancement, Notes
PLAN_WIDTHS = (40, 12, 10, 14, 20, 11, 11, 11, 30, 10, 10, 10, 10, 11, 50)
PLAN_WRAPPED = (1, 9, 15)
PLAN_DATES = (6, 7, 8)
PLAN_PROGRESS = 14


def _plan_sheet(sheet: Worksheet, heading: str, plan: Sequence[PlanRow]) -> None:
    sheet.title = PLAN_SHEET
    _put(sheet, 1, 1, heading).font = TITLE
    headers = (
        _("Intitulé"), _("Statut"), _("Fiches"), _("Questions"), _("Responsable"), _("Début"),
        _("Échéance"), _("Réalisée le"), _("Indicateur"), _("Unité"), _("Valeur de départ"),
        _("Cible"), _("Valeur mesurée"), _("Avancement"), pgettext("free text", "Notes"),
    )
    for column, (header, width) in enumerate(zip(headers, PLAN_WIDTHS, strict=True), start=1):
        cell = _put(sheet, 2, column, header)
        cell.font, cell.alignment = BOLD, WRAP
        sheet.column_dimensions[get_column_letter(column)].width = width
    _landscape(sheet)
    for line, row in enumerate(plan, start=3):
        values = (
            row.title, row.status_label, ", ".join(row.sheets), ", ".join(row.questions),
            row.owner_label, row.starts_on, row.due_on, row.done_on, row.indicator, row.unit,
            *(None if number is None else float(number)
              for number in (row.baseline, row.target, row.measured)),
            _ratio(row.progress),
            row.notes,
        )
        for column, value in enumerate(values, start=1):
            cell = _put(sheet, line, column, value)
            cell.alignment = WRAP if column in PLAN_WRAPPED else TOP
            if column in PLAN_DATES:
                cell.number_format = "DD/MM/YYYY"
        sheet.cell(line, PLAN_PROGRESS).number_format = WHOLE_PERCENT
        lines = max(math.ceil(len(values[column - 1] or "") / (PLAN_WIDTHS[column - 1] - 4))
                    for column in PLAN_WRAPPED)
        if lines > 1:
            sheet.row_dimensions[line].height = 15 * lines


def _ratio(progress: Progress | None) -> float | None:
    """The whole percent the plan page and the PDF show, as a number the sheet formats as a
    percent (0.5 → 50 %)."""
    percent = None if progress is None else progress.percent
    return None if percent is None else percent / 100


def _put(sheet: Worksheet, row: int, column: int, value):
    """Write a cell; text always stays text, and empty stays empty."""
    cell = sheet.cell(row, column)
    if isinstance(value, str):
        if not value:
            return cell
        # openpyxl refuses control characters (a pasted vertical tab would break the export).
        cell.value = ILLEGAL_CHARACTERS_RE.sub("", value)
        # Never a formula or an error code, whatever a comment starts with (« = », « #N/A »).
        cell.data_type = "s"
    else:
        cell.value = value
    return cell
