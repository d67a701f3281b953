"""Notes as pages print them: percentages, decimals, the trend line of the cluster page."""

from fractions import Fraction


def percent(value: Fraction | float | None) -> str:
    """French display, one decimal: 62,5 %; an em dash where the note is undefined."""
    if value is None:
        return "—"
    return f"{float(value) * 100:.1f}".replace(".", ",") + "\u00a0%"


def french_decimal(value: Fraction | None) -> str:
    """Two decimals with a decimal comma (2,67); empty where there is no value."""
    return "" if value is None else f"{float(value):.2f}".replace(".", ",")


def sparkline(points: list[tuple[int, float | None]], width: int = 160, height: int = 40) -> dict:
    """An SVG polyline of the global note over the years (drawn on the server, prints well)."""
    known = [(year, value) for year, value in points if value is not None]
    if len(known) < 2:
        return {"points": "", "width": width, "height": height, "dots": []}
    years = [year for year, _ in known]
    span = max(years) - min(years) or 1
    # Scale to the notes' own range (padded) so that a few points of progress show.
    low = max(0.0, min(v for _, v in known) - 0.05)
    high = min(1.0, max(v for _, v in known) + 0.05)
    spread = (high - low) or 1
    dots = [
        (round(4 + (year - min(years)) / span * (width - 8), 1),
         round(height - 4 - (value - low) / spread * (height - 8), 1), year, value)
        for year, value in known
    ]
    return {
        "points": " ".join(f"{x},{y}" for x, y, _, _ in dots),
        "width": width,
        "height": height,
        "dots": dots,
    }
