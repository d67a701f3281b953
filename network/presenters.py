"""A network's year as tables of text: one source for the page, the CSV, the XLSX and the PDF, so
that what the anonymity rule hides is hidden the same way everywhere."""

import csv
import io
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from openpyxl import Workbook
from openpyxl.styles import Font

from grid.presenters import csv_delimiter, percent, percent_pattern
from grid.scoring import ENJEUX
from initiatives.labels import level_title

from .selectors import HEATMAP_ANSWERS, NetworkYear
from .stats import METRICS

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def hidden_text() -> str:
    return _("moins de 5 pôles : non affiché")


def undistributed_text() -> str:
    return _("moins de 10 pôles : distribution non affichée")


def metric_label(metric: str) -> str:
    if metric == "global":
        return _("Note globale")
    if metric == "F":
        return _("Facteur de stratégie F")
    if metric in ENJEUX:
        return _("Enjeu %(code)s") % {"code": metric}
    if metric.startswith("N"):
        return level_title(int(metric[1:]))
    return _("Section %(code)s") % {"code": metric}


@dataclass(frozen=True)
class Table:
    title: str
    header: list[str]
    rows: list[list[str]]


def tables(page: NetworkYear) -> list[Table]:
    """The distributions, the trend and (for the whole network) the answers' shares, as text."""
    hidden = hidden_text()
    summary = Table(_("Pôles comptés"),
                    [_("Année"), _("Pôles du réseau"), _("Pôles comptés"),
                     _("Changements en attente")],
                    [[str(page.year or "—"), str(page.network_size),
                      str(page.size) if page.shown else hidden,
                      str(page.waiting) if page.shown else hidden]])
    trend = Table(_("Médiane de la note globale, année par année"),
                  [_("Année"), _("Pôles comptés"), _("Médiane")],
                  [[str(point.year), str(point.size) if point.size is not None else hidden,
                    _median_text(point)] for point in page.trend])
    if not page.shown:
        return [summary, trend]
    distributions = Table(
        _("Distribution des notes"),
        [_("Note"), _("Pôles"), _("10e centile"), _("1er quartile"), _("Médiane"),
         _("3e quartile"), _("90e centile")],
        [[metric_label(metric), *(_box_cells(page.boxes.get(metric)))] for metric in METRICS],
    )
    if not page.whole:
        return [summary, distributions, trend]
    answers = Table(
        _("Part de chaque réponse, question par question"),
        [_("Question"), *HEATMAP_ANSWERS],
        [[row.code, *(share_text(cell) for cell in row.cells)] for row in page.heatmap],
    )
    return [summary, distributions, trend, answers]


def _median_text(point) -> str:
    if point.size is None:
        return hidden_text()
    return undistributed_text() if point.median is None else whole_percent(point.median)


def _box_cells(distribution) -> list[str]:
    if distribution is None:  # fewer than ten clusters have this note
        return [undistributed_text()] * 6
    return [str(distribution.count), *(whole_percent(value) for value in (
        distribution.p10, distribution.q1, distribution.median, distribution.q3, distribution.p90,
    ))]


def whole_percent(note: float) -> str:
    """A distribution's value, rounded to the whole point (network.stats): « 47 % »."""
    return percent_pattern() % {"number": f"{note * 100:.0f}"}


def share_text(cell) -> str:
    return hidden_text() if cell.count is None else percent(cell.share)


def csv_bytes(page: NetworkYear) -> bytes:
    # As the cluster exports: split per language, a byte order mark for Excel.
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=csv_delimiter())
    for table in tables(page):
        writer.writerow([table.title])
        writer.writerow(table.header)
        writer.writerows(table.rows)
        writer.writerow([])
    return buffer.getvalue().encode("utf-8-sig")


def workbook_bytes(page: NetworkYear) -> bytes:
    book = Workbook()
    book.remove(book.active)
    for table in tables(page):
        sheet = book.create_sheet(table.title[:31])  # Excel's limit on a tab's name
        sheet.append(table.header)
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in table.rows:
            sheet.append(row)
        sheet.column_dimensions["A"].width = 40
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def chart_data(page: NetworkYear) -> dict:
    """What static/js/network.js draws with Plotly: box plots without their extremes (10th to
    90th percentile) and the trend of the median; the tables say the same in text."""
    def boxes(metrics):
        return [
            {"name": metric_label(metric), "q1": b.q1, "median": b.median, "q3": b.q3,
             "lowerfence": b.p10, "upperfence": b.p90}
            for metric in metrics if (b := page.boxes.get(metric)) is not None
        ]
    return {
        "notes": boxes(METRICS[:8]),
        "sections": boxes(METRICS[8:]),
        "trend": {"years": [point.year for point in page.trend],
                  "medians": [point.median for point in page.trend]},
        "texts": {"median": _("Médiane de la note globale")},
    }


def heat_class(cell) -> str:
    """A shade of the answers' heatmap, in tenths of the share (a CSS class: no inline style)."""
    return "heat-hidden" if cell.count is None else f"heat-{round((cell.share or 0) * 10)}"


QUARTILE_NAMES = {1: gettext_noop("1er quartile (le quart le plus bas)"),
                  2: gettext_noop("2e quartile"), 3: gettext_noop("3e quartile"),
                  4: gettext_noop("4e quartile (le quart le plus haut)")}


def box_svg(distribution, own: float | None = None) -> dict:
    """A box plot's coordinates (0–100) for templates/network/_box_svg.html, with `own` as a dot."""
    return {"p10": _x(distribution.p10), "q1": _x(distribution.q1),
            "median": _x(distribution.median), "q3": _x(distribution.q3),
            "p90": _x(distribution.p90), "box_width": _x(distribution.q3 - distribution.q1),
            "own": None if own is None else _x(own)}


def distribution_charts(page: NetworkYear) -> list[tuple[str, dict | None]]:
    """Each note's label and box plot (None when hidden), for the PDF."""
    return [(metric_label(metric), box_svg(b) if (b := page.boxes.get(metric)) else None)
            for metric in METRICS]


def peer_sections(positions) -> list[dict]:
    return [{"network": position.network, "peers": position.peers, "rows": peer_rows(position)}
            for position in positions]


def peer_rows(position) -> list[dict]:
    """A cluster's notes among its peers, as text and as the coordinates (0–100) of a small box
    plot drawn in SVG (no script: the PDF draws it too)."""
    rows = []
    for note in position.notes:
        peers = note.peers
        rows.append({
            "label": metric_label(note.metric),
            "own": percent(note.own),
            "quartile": _(QUARTILE_NAMES[note.quartile]) if note.quartile else "—",
            "median": whole_percent(peers.median),
            "range": _("%(low)s à %(high)s") % {"low": whole_percent(peers.p10),
                                                 "high": whole_percent(peers.p90)},
            "svg": box_svg(peers, note.own),
        })
    return rows


def _x(value: float) -> str:
    """An SVG coordinate: a point, never the decimal comma a French template would print."""
    return f"{value * 100:.2f}"


def _median_json(point):
    if point.size is None:
        return hidden_text()
    return undistributed_text() if point.median is None else point.median


def json_payload(page: NetworkYear) -> dict:
    """The page's aggregates for scripts: numbers where the anonymity rule lets them through,
    the same « moins de 5 pôles : non affiché » as everywhere else where it does not."""
    hidden = hidden_text()

    def distribution(b):
        if b is None:
            return undistributed_text()
        return {"count": b.count, "p10": b.p10, "q1": b.q1, "median": b.median, "q3": b.q3,
                "p90": b.p90}

    payload = {
        "network": page.network.slug, "year": page.year, "filters": page.filters,
        "network_clusters": page.network_size,
        "counted": page.size if page.shown else hidden,
        "trend": [{"year": point.year,
                   "counted": point.size if point.size is not None else hidden,
                   "median": _median_json(point)}
                  for point in page.trend],
    }
    if page.shown:
        payload["waiting"] = page.waiting
        payload["distributions"] = {metric: distribution(page.boxes.get(metric))
                                    for metric in METRICS}
    if page.shown and page.whole:
        payload["answers"] = {
            row.code: {cell.answer: hidden if cell.count is None else cell.share
                       for cell in row.cells}
            for row in page.heatmap
        }
    return payload
