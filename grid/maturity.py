"""Maturity levels (DESIGN §8): four named bands on the notes, set per grid version.

Pure functions on plain data (no ORM): a note (a Fraction in [0, 1], or None where it is
undefined) falls in the band with the highest lower bound it reaches. Bounds are whole
percentages and the comparison is exact: 1/4 is exactly 25 %, so it is in the band from 25 %.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from .presenters import label_value

RANKS = (1, 2, 3, 4)  # 1 is the lowest band

# The default bands. Names: the four levels of the AFAQ 26000 evaluation of Terralia's members
# (D1 = France Clusters, seeds/france-clusters-rse.txt L197: « Débutant / Intermédiaire /
# Confirmé / Expert »); letters: the A-to-D self-diagnostic of Cluster Bio AURA (D1 L78, L348),
# A the best. See ../shared/reference/other-seeds.md, B3 of D1. Thresholds: quarters of the
# scale, the guide giving none (other-seeds.md: « the thresholds are still to be decided »).
# Pages, PDF and spreadsheets print a level by its name only: its letter beside a note would
# read as an enjeu's, which go from A to D too (issue #23). The letter stays in the model and in
# export.json's « maturity » key, whose interface is kept.
# The names are stored in French; the defaults are in the catalogue, so an English page shows
# them in English, and a name an admin typed stays as typed.
DEFAULT_BANDS = (
    (1, "D", gettext_noop("Débutant"), 0),
    (2, "C", gettext_noop("Intermédiaire"), 25),
    (3, "B", gettext_noop("Confirmé"), 50),
    (4, "A", gettext_noop("Expert"), 75),
)


@dataclass(frozen=True)
class Band:
    rank: int
    letter: str
    name: str
    lower_bound: int  # percent, 0 for rank 1

    @property
    def shown_name(self) -> str:
        """The name in the page's language when it is a default one (DEFAULT_BANDS)."""
        return _(self.name)

    @property
    def label(self) -> str:
        """« Intermédiaire »: the name, never the letter (see DEFAULT_BANDS)."""
        return self.shown_name

    @property
    def threshold(self) -> Fraction:
        return Fraction(self.lower_bound, 100)


Scale = tuple[Band, ...]


def default_scale() -> Scale:
    return tuple(Band(*band) for band in DEFAULT_BANDS)


def level_of(note: Fraction | float | None, scale: Sequence[Band]) -> Band | None:
    """The band `note` falls in; None for a note that does not exist, or without bands."""
    if note is None or not scale:
        return None
    value = note if isinstance(note, Fraction) else Fraction(str(note))
    found = None
    for band in sorted(scale, key=lambda band: band.lower_bound):
        if value >= band.threshold:
            found = band
    return found if found is not None else min(scale, key=lambda band: band.rank)


def label_of(note: Fraction | float | None, scale: Sequence[Band]) -> str:
    """« Intermédiaire », or an empty string where there is no level."""
    band = level_of(note, scale)
    return band.label if band else ""


def with_level(text: str, note: Fraction | float | None, scale: Sequence[Band]) -> str:
    """« 40,7 % · Intermédiaire »: a note as printed followed by its level, if any."""
    label = label_of(note, scale)
    return f"{text} · {label}" if label else text


def ranges(scale: Sequence[Band]) -> list[tuple[Band, int, int]]:
    """Each band with the percentages it covers: from its bound to the next one (100 at the top)."""
    ordered = sorted(scale, key=lambda band: band.lower_bound)
    uppers = [band.lower_bound for band in ordered[1:]] + [100]
    return list(zip(ordered, [band.lower_bound for band in ordered], uppers, strict=True))


def scale_text(scale: Sequence[Band]) -> str:
    """« Débutant : moins de 25 % · Intermédiaire : de 25 à 50 % · … · Expert : 75 % et plus »,
    the legend printed beside the notes."""
    parts = []
    for band, low, high in ranges(scale):
        if low == 0:
            text = _("moins de %(high)s %%") % {"high": high}
        elif high == 100:
            text = _("%(low)s %% et plus") % {"low": low}
        else:
            text = _("de %(low)s à %(high)s %%") % {"low": low, "high": high}
        parts.append(label_value(band.label, text))
    return " · ".join(parts)


def change_text(before: Band | None, after: Band | None) -> str:
    """« Intermédiaire → Confirmé » when the level changed between two years, else an empty
    string."""
    if before is None or after is None or before.rank == after.rank:
        return ""
    return f"{before.label} → {after.label}"


def scale_problems(bands: Sequence[tuple[int, int]]) -> list[str]:
    """What is wrong with a version's bands given as (rank, lower bound) pairs, in French: four
    ranks 1 to 4, the first from 0 %, bounds strictly increasing and below 100 %."""
    problems = []
    ranks = sorted(rank for rank, _bound in bands)
    if ranks != list(RANKS):
        problems.append(_("Il faut exactement quatre niveaux de maturité, de rang 1 à 4."))
        return problems
    bounds = [bound for _rank, bound in sorted(bands)]
    if bounds[0] != 0:
        problems.append(_("Le niveau de rang 1 commence à 0 %."))
    if any(bound is None or bound < 0 or bound >= 100 for bound in bounds):
        problems.append(_("Chaque seuil est compris entre 0 et 99 %."))
    elif any(low >= high for low, high in zip(bounds, bounds[1:], strict=False)):
        problems.append(_("Les seuils doivent croître strictement d'un niveau au suivant."))
    return problems
