"""Radar charts drawn on the server as SVG geometry, for the PDF report (no browser, no network).

Coordinates are preformatted strings with a decimal point: templates would localise floats to
French decimal commas, which SVG does not read.
"""

import math
from dataclasses import dataclass
from fractions import Fraction

from grid.presenters import percent, percent_pattern, wrapped

RINGS = (0.25, 0.5, 0.75, 1.0)


@dataclass(frozen=True)
class Trace:
    name: str
    values: tuple[Fraction | float | None, ...]  # 0–1 per axis, None where the note is undefined
    colour: str
    dashed: bool = False


def _xy(centre: tuple[float, float], radius: float, index: int, count: int,
        value: float) -> tuple[float, float]:
    # Axis 0 points to the top right, the others follow clockwise, as the web radars
    # (static/js/radar.js): the axis labels then sit at the corners.
    angle = -math.pi / 4 + 2 * math.pi * index / count
    length = radius * value
    return centre[0] + length * math.cos(angle), centre[1] + length * math.sin(angle)


def _points(pairs) -> str:
    return " ".join(f"{x:.1f},{y:.1f}" for x, y in pairs)


NAME_SIZE = 7  # px, the enjeu names under the axis codes
NAME_WIDTH = 13  # characters a line
LINE_HEIGHT = 7.5
GAP = 5  # px between an axis' end and its label


def radar(axes: list[str], traces: list[Trace], width: int = 220, height: int = 220,
          names: list[str] | None = None) -> dict:
    """Everything templates/reports/report/_radar.svg draws: rings, spokes, labels and one polygon
    per trace. Each axis label is its code over its name (`names`, wrapped), at a corner; the
    radius leaves them room. The scale's labels run up the vertical, between the first and the
    last axis, where no point sits (issue #23). An undefined note is drawn at the centre and
    has no dot."""
    count = len(axes)
    blocks = [wrapped(name, NAME_WIDTH) for name in (names or [""] * count)]
    # About 0.62 em a character in DejaVu Sans; the code's line is 10 px high.
    text_width = max([len(line) for block in blocks for line in block] + [2]) * NAME_SIZE * 0.62
    text_height = 10 + max(len(block) for block in blocks) * LINE_HEIGHT
    corner = math.cos(math.pi / 4)  # where a diagonal axis ends, as a share of the radius
    radius = min((width / 2 - text_width) / corner, (height / 2 - text_height) / corner) - GAP
    centre = (width / 2, height / 2)
    rings = [
        # Circles, as Plotly draws the web radars' grid.
        {"radius": f"{radius * ring:.1f}",
         "label": percent_pattern() % {"number": int(ring * 100)},
         "label_y": f"{centre[1] - radius * ring:.1f}"}
        for ring in RINGS
    ]
    spokes = []
    labels = []
    for index, (axis, lines) in enumerate(zip(axes, blocks, strict=True)):
        x, y = _xy(centre, radius, index, count, 1)
        spokes.append({"x": f"{x:.1f}", "y": f"{y:.1f}"})
        lx, ly = _xy(centre, radius + GAP, index, count, 1)
        anchor = "middle" if abs(lx - centre[0]) < 1 else ("start" if lx > centre[0] else "end")
        # The block ends at an upper axis' end, starts at a lower one's, is centred at a side's.
        below = 0.5 if abs(ly - centre[1]) < 1 else (0.0 if ly < centre[1] else 1.0)
        first = ly + 4 - (1 - below) * len(lines) * LINE_HEIGHT + below * 5
        labels.append({"x": f"{lx:.1f}", "y": f"{first:.1f}", "text": axis, "anchor": anchor,
                       "lines": lines})
    polygons = []
    for trace in traces:
        values = [None if v is None else min(max(float(v), 0.0), 1.0) for v in trace.values]
        corners = [_xy(centre, radius, i, count, v or 0.0) for i, v in enumerate(values)]
        polygons.append({
            "name": trace.name,
            "colour": trace.colour,
            "dashed": trace.dashed,
            "points": _points(corners),
            "dots": [{"x": f"{x:.1f}", "y": f"{y:.1f}"}
                     for (x, y), v in zip(corners, values, strict=True) if v is not None],
        })
    return {
        "width": width,
        "height": height,
        # The text alternative a screen reader gives for the figure (the PDF is tagged), each
        # axis named as on the figure.
        "description": " ; ".join(
            f"{trace.name} : " + ", ".join(
                " ".join([axis, *lines, percent(value)])
                for axis, lines, value in zip(axes, blocks, trace.values, strict=True)
            )
            for trace in traces
        ),
        "centre_x": f"{centre[0]:.1f}",
        "centre_y": f"{centre[1]:.1f}",
        "rings": rings,
        "spokes": spokes,
        "labels": labels,
        "polygons": polygons,
    }
