"""Radar charts drawn on the server as SVG geometry, for the PDF report (no browser, no network).

Coordinates are preformatted strings with a decimal point: templates would localise floats to
French decimal commas, which SVG does not read.
"""

import math
from dataclasses import dataclass
from fractions import Fraction

from grid.presenters import percent, percent_pattern

RINGS = (0.25, 0.5, 0.75, 1.0)


@dataclass(frozen=True)
class Trace:
    name: str
    values: tuple[Fraction | float | None, ...]  # 0–1 per axis, None where the note is undefined
    colour: str
    dashed: bool = False


def _xy(centre: float, radius: float, index: int, count: int, value: float) -> tuple[float, float]:
    # Axis 0 points up, the others follow clockwise, as Plotly draws the web radars.
    angle = -math.pi / 2 + 2 * math.pi * index / count
    return centre + radius * value * math.cos(angle), centre + radius * value * math.sin(angle)


def _points(pairs) -> str:
    return " ".join(f"{x:.1f},{y:.1f}" for x, y in pairs)


def radar(axes: list[str], traces: list[Trace], size: int = 220) -> dict:
    """Everything templates/reports/report/_radar.svg draws: rings, spokes, labels and one polygon
    per trace. An undefined note is drawn at the centre and has no dot."""
    count = len(axes)
    margin = 30  # room for the axis labels
    centre = size / 2
    radius = centre - margin
    rings = [
        {"points": _points(_xy(centre, radius, i, count, ring) for i in range(count)),
         "label": percent_pattern() % {"number": int(ring * 100)},
         "label_y": f"{centre - radius * ring + 3:.1f}"}
        for ring in RINGS
    ]
    spokes = []
    labels = []
    for index, axis in enumerate(axes):
        x, y = _xy(centre, radius, index, count, 1)
        spokes.append({"x": f"{x:.1f}", "y": f"{y:.1f}"})
        lx, ly = _xy(centre, radius + 14, index, count, 1)
        anchor = "middle" if abs(lx - centre) < 1 else ("start" if lx > centre else "end")
        labels.append({"x": f"{lx:.1f}", "y": f"{ly + 4:.1f}", "text": axis, "anchor": anchor})
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
        "size": size,
        # The text alternative a screen reader gives for the figure (the PDF is tagged).
        "description": " ; ".join(
            f"{trace.name} : " + ", ".join(
                f"{axis} {percent(value)}" for axis, value in zip(axes, trace.values, strict=True)
            )
            for trace in traces
        ),
        "centre": f"{centre:.1f}",
        "rings": rings,
        "spokes": spokes,
        "labels": labels,
        "polygons": polygons,
    }
