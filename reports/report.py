"""The PDF report of one assessment: a board summary on page 1, then the details (WeasyPrint).

The same bytes come from the web (`rapport.pdf`) and from `cluster_report`; the assessment's JSON
rides inside the file (PDF/A-3 attachment) so an archived report carries its raw data.
"""

import base64
import json
import mimetypes
import threading
from dataclasses import dataclass

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from weasyprint import CSS, HTML, Attachment
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher

from grid import selectors as grid_selectors
from grid.changes import BLANK
from grid.maturity import scale_text
from grid.models import Assessment
from grid.presenters import decimal_2
from grid.scoring import ENJEUX, answer_points
from initiatives.labels import level_title
from network.presenters import peer_sections
from network.selectors import peer_positions
from plans.report import PlanRow, plan_for_report, plan_rows

from . import charts, exports, selectors
from .objectives import objectives_block
from .summary import Compared, YearNotes, compared_notes, factor_width, note_rows, note_texts

PDF_VARIANT = "pdf/a-3a"
TOP_RECOMMENDATIONS = 5
# What the report prints in full is bounded, so that the longest report the rules allow stays
# within 40 pages and 5 seconds (bench/report.py, tests/reports/test_worst_case.py): the
# workflow's latest steps (the results page lists them all), the first actions of each table of
# the plan page (the plan's pages and the XLSX list them all), and on each action's row its
# first sheets and questions.
STEPS_SHOWN = 5
PLAN_ROWS_SHOWN = 6
PLAN_LINKS_SHOWN = 6
CURRENT_COLOUR = "#1f4e79"
PREVIOUS_COLOUR = "#6c757d"
RADAR_SIZE = (226, 200)  # px, width and height: three abreast on an A4 page

# Nothing in a report may reach the network or the disk: images come inline as data: URIs.
_FETCHER = URLFetcher(allowed_protocols={"data"})
# Loading the system fonts costs a tenth of each report: keep them per thread (fontconfig
# objects are not meant to be shared between threads).
_FONTS = threading.local()


def _font_config() -> FontConfiguration:
    if not hasattr(_FONTS, "config"):
        _FONTS.config = FontConfiguration()
    return _FONTS.config


def _stylesheet() -> CSS:
    """The report's stylesheet, parsed once per thread and language (about 5 % of a report's
    CPU when parsed anew); the same for every report but for its translated page footer."""
    if not hasattr(_FONTS, "sheets"):
        _FONTS.sheets = {}
    language = get_language()
    if language not in _FONTS.sheets:
        _FONTS.sheets[language] = CSS(string=render_to_string("reports/report/report.css"),
                                      font_config=_font_config())
    return _FONTS.sheets[language]


@dataclass(frozen=True)
class PlanTable:
    """One table of the plan page: the actions it prints, and how many it has in all."""

    rows: list[PlanRow]
    total: int

    @property
    def more(self) -> int:
        return self.total - len(self.rows)


def _plan_tables(plan) -> dict[str, PlanTable]:
    return {name: PlanTable(rows[:PLAN_ROWS_SHOWN], len(rows))
            for name, rows in (("done", plan.done), ("ongoing", plan.ongoing),
                               ("late", plan.late))}


def report_filename(assessment: Assessment) -> str:
    return f"{assessment.file_stem}.pdf"


def _previous_year(assessment: Assessment):
    """The cluster's latest year before this one, with its scores, or None."""
    earlier = grid_selectors.cluster_years(assessment.cluster, before=assessment.campaign.year)
    return earlier[0] if earlier else None


def _status_date(assessment: Assessment, transitions):
    """When the assessment reached its current status (validation date for a validated year)."""
    for step in reversed(transitions):
        if step.to_status == assessment.status:
            return step.at
    return assessment.updated_at


def _report_date(assessment: Assessment, status_date):
    """The day the plan is read on: a validated year's as the board tabled it, else today."""
    if assessment.status == Assessment.Status.VALIDATED:
        return timezone.localdate(status_date)
    return timezone.localdate()


def _logo_data_uri(cluster) -> str | None:
    if not cluster.logo:
        return None
    mime = mimetypes.guess_type(cluster.logo.name)[0] or "image/png"
    with cluster.logo.open("rb") as image:
        encoded = base64.b64encode(image.read()).decode("ascii")
    return f"data:{mime};base64,{encoded}"


def _radar(axes, names, current, previous, year, previous_year):
    traces = [charts.Trace(str(year), tuple(current), CURRENT_COLOUR)]
    if previous is not None:
        traces.insert(0, charts.Trace(str(previous_year), tuple(previous), PREVIOUS_COLOUR, True))
    return charts.radar(axes, traces, *RADAR_SIZE, names=names)


def svg_radars(scores, year, names, previous_scores=None, previous_year=None) -> list[dict]:
    """The three radars, one size: the level radars as readable as the main one (issue #23);
    with last year's dashed when given (the public bilan draws its year alone)."""
    def level_values(source, level):
        return None if source is None else [source.sections[f"{level}{e}"] for e in ENJEUX]

    axis_names = [names.get(e, "") for e in ENJEUX]
    return [
        {"title": _("Les 4 enjeux"),
         "chart": _radar(list(ENJEUX), axis_names, [scores.axes[e] for e in ENJEUX],
                         previous_scores and [previous_scores.axes[e] for e in ENJEUX],
                         year, previous_year)},
        *[
            {"title": title,
             "chart": _radar([f"{level}{e}" for e in ENJEUX], axis_names,
                             level_values(scores, level), level_values(previous_scores, level),
                             year, previous_year)}
            for level, title in ((1, level_title(1)), (2, level_title(2)))
        ],
    ]


def _answer_rows(page, evidence) -> list[dict]:
    """The full answer table, grouped by section as in the grid, each answer with its evidence
    (what it is and where, never its content)."""
    def row(question):
        answer = page["answers"].get(question.code, BLANK)
        return {"question": question, "value": answer.answer or "", "comment": answer.comment,
                "points": decimal_2(answer_points(page["spec"], question.bareme,
                                                       answer.answer)),
                "evidence": evidence.get(question.code, ())}

    return [{"section": section, "rows": [row(question) for question in questions]}
            for section, questions in page["sections"]]


def _recommended_sheets(recommendations, agenda21, agenda21_first) -> list:
    sheets = [agenda21] if agenda21_first and agenda21 else []
    for _gap, question in recommendations:
        sheets.extend(sheet for sheet in question.sheets.all() if sheet not in sheets)
    return sheets


def _compared(assessment: Assessment, page: dict, previous) -> tuple[Compared, list]:
    """Last year and this year as they compare (reports.summary), and the table of their notes,
    each year graded on its own version's maturity levels."""
    current = YearNotes(assessment.campaign.year, assessment.campaign.version_id, page["scores"],
                        lambda: (page["spec"], page["answers"], page["custom"]))
    if previous is None:
        years, scales = [current], [page["maturity"]]
    else:
        before = previous.assessment
        years = [YearNotes(before.campaign.year, before.campaign.version_id, previous.scores,
                           lambda: grid_selectors.assessment_inputs(before)), current]
        same = before.campaign.version_id == assessment.campaign.version_id
        scales = [page["maturity"] if same
                  else grid_selectors.maturity_scale(before.campaign.version_id),
                  page["maturity"]]
    compared = compared_notes(years)
    names = {enjeu.code: enjeu.short_name for enjeu in page["enjeux"]}
    return compared, note_rows(compared.scores, names, scales)


def report_context(assessment: Assessment) -> dict:
    """Everything the report shows; reads only, through the selectors."""
    page = selectors.results_page(assessment, limit=TOP_RECOMMENDATIONS)
    scores = page["scores"]
    transitions, steps = grid_selectors.latest_transitions(assessment, STEPS_SHOWN)
    previous = _previous_year(assessment)
    compared, notes = _compared(assessment, page, previous)
    previous_scores = compared.scores[0] if previous else None
    note_table = [row for _group, rows in notes for row in rows]  # the global note first
    texts = note_texts(scores, page["maturity"])
    previous_year = previous.assessment.campaign.year if previous else None
    year = assessment.campaign.year
    custom_rows = [row for row in page["custom"] if row.label]
    status_date = _status_date(assessment, transitions)
    plan = plan_rows(assessment.cluster)
    plan_on_date = plan_for_report(plan, _report_date(assessment, status_date))
    examples = selectors.recommendation_examples(page["recommendations"])
    evidence = grid_selectors.evidence_by_code(assessment)
    return {
        "assessment": assessment,
        "cluster": assessment.cluster,
        "year": year,
        "version": assessment.campaign.version,
        "status_date": status_date,
        "logo": _logo_data_uri(assessment.cluster),
        "generated_at": timezone.localtime(),
        "scores": scores,
        "global": texts["global"],
        "global_maturity": texts["global-maturity"],
        "factor": texts["factor"],
        "factor_width": factor_width(scores),
        "completion": texts["completion"],
        "levels": texts["levels"],
        "maturity_scale": scale_text(page["maturity"]),
        "previous": previous,
        "previous_year": previous_year,
        # Set when last year was on another grid version: notes compare on shared questions.
        "shared_count": len(compared.gap.shared) if compared.gap else None,
        "global_delta": note_table[0].latest_delta,
        "radars": svg_radars(scores, year,
                             {enjeu.code: enjeu.short_name for enjeu in page["enjeux"]},
                             previous_scores, previous_year),
        "note_rows": note_table,
        # Each with an experience that illustrates it, or None (« Ils l'ont fait »).
        "recommendations": [(gap, question, examples.get(question.code))
                            for gap, question in page["recommendations"]],
        "suggested_path": page["suggested_path"],
        "agenda21_first": page["agenda21_first"],
        "sheets": _recommended_sheets(
            page["recommendations"], page["agenda21"], page["agenda21_first"]
        ),
        "answer_groups": _answer_rows(page, evidence),
        "custom_rows": custom_rows,
        "transitions": transitions,
        "older_steps": steps - len(transitions),
        "plan": plan_on_date,
        "plan_tables": _plan_tables(plan_on_date),
        "plan_links_shown": PLAN_LINKS_SHOWN,
        "peers": peer_sections(peer_positions(assessment.cluster, year, scores)),
        "objectives": objectives_block(
            assessment.cluster, year, {enjeu.code: enjeu.short_name for enjeu in page["enjeux"]},
            scores=scores),
        "payload": exports.json_payload(page["spec"].code, page["answers"], page["custom"], plan,
                                        scores, page["maturity"], evidence),
    }


def report_pdf(assessment: Assessment, *, image_cache: dict | None = None) -> bytes:
    """The report as tagged PDF/A-3a bytes (screen readers can read it), with the assessment's
    JSON attached.

    `image_cache` may be shared between reports (cluster_report --all) so images decode once.
    """
    context = report_context(assessment)
    html = render_to_string("reports/report/report.html", context)
    payload = json.dumps(context["payload"], ensure_ascii=False, indent=2)
    attachment = Attachment(
        string=payload,
        name=f"{assessment.file_stem}.json",
        description=_("Autoévaluation au format d'échange JSON"),
        relationship="Data",
    )
    return pdf_bytes(html, attachments=[attachment], image_cache=image_cache)


def pdf_bytes(html: str, *, attachments=(), image_cache: dict | None = None) -> bytes:
    """`html` as tagged PDF/A-3a, with the report's stylesheet (running header and footer,
    tables, radars) and nothing fetched from the network or the disk: the report, and the
    public bilan's PDF."""
    return HTML(string=html, url_fetcher=_FETCHER, base_url="data:,").write_pdf(
        pdf_variant=PDF_VARIANT,
        attachments=list(attachments),
        cache=image_cache,
        font_config=_font_config(),
        stylesheets=[_stylesheet()],
    )
