"""The results as the consultation page prints them: labels, percentages, the radar's series."""

from django.utils.translation import gettext as _

from grid.presenters import axis_title, percent
from strategy.models import Stakeholder

from .disclosure import MIN_RESPONDENTS
from .results import Line, Results

TEAM_STYLE = {"colour": "#163d6b", "dash": "solid", "symbol": "circle"}
STAKEHOLDERS_STYLE = {"colour": "#c0461b", "dash": "dash", "symbol": "square"}


def _difference(line: Line) -> str:
    if line.difference is None:
        return "—"
    points = round(line.difference * 100)
    return _("%(sign)s%(points)d points") % {"sign": "+" if points > 0 else "", "points": points}


def row(line: Line, label: str) -> dict:
    return {"key": line.key, "label": label, "team": percent(line.team),
            "stakeholders": percent(line.stakeholders) if line.stakeholders is not None
            else (_("moins de %(min)d réponses") % {"min": MIN_RESPONDENTS} if line.count else "—"),
            "difference": _difference(line), "count": line.count}


def page(results: Results, *, questions: dict[str, str], sections: dict[str, str],
         enjeux: dict[str, str]) -> dict:
    if not results.shown:
        return {"shown": False, "count": results.count}
    categories = dict(Stakeholder.choices)
    enjeu_rows = [row(line, enjeux.get(line.key, line.key)) for line in results.enjeux]
    # Four enjeux when the whole grid was asked; otherwise the sections asked, if they are 3+.
    by_enjeu = len(results.enjeux) >= 3
    radar_lines = results.enjeux if by_enjeu else [
        line for line in results.sections if line.key != "S"]
    names = enjeux if by_enjeu else sections
    radar = None
    if len(radar_lines) >= 3:

        def trace(name, values, style):
            # A section no stakeholder could see stays at the centre; the table says « — ».
            return {"name": name, **style,
                    "values": [round(float(v) * 100, 1) if v is not None else 0
                               for v in values],
                    "texts": [percent(v) for v in values]}

        radar = {
            "axes": [axis_title(line.key, names.get(line.key)) for line in radar_lines],
            "traces": [
                trace(_("L'équipe"), [line.team for line in radar_lines], TEAM_STYLE),
                trace(_("Les parties prenantes"), [line.stakeholders for line in radar_lines],
                      STAKEHOLDERS_STYLE)]}
    return {
        "shown": True, "count": results.count, "radar": radar,
        "enjeux": enjeu_rows,
        "sections": [row(line, sections.get(line.key, line.key)) for line in results.sections],
        "questions": [row(line, questions.get(line.key, "")) for line in results.questions],
        "differences": [row(line, questions.get(line.key, "")) for line in results.differences],
        "categories": [{"label": categories.get(view.code, view.code), "count": view.count,
                        "enjeux": [row(line, enjeux.get(line.key, line.key))
                                   for line in view.enjeux],
                        "comments": view.comments} for view in results.categories],
        "other_comments": results.other_comments,
        "hidden_categories": results.hidden_categories,
    }
