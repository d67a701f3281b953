"""Which years the year-over-year page shows and compares, read from its query string (pure)."""

from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass

from django.utils.translation import gettext as _

MAX_YEARS = 5  # more overlaid radars stop being readable


@dataclass(frozen=True)
class YearChoice:
    shown: tuple[int, ...]  # oldest first
    before: int | None  # the two years whose answers are compared, before < after
    after: int | None
    errors: tuple[str, ...] = ()


def choose_years(
    available: Iterable[int], *, shown: Sequence[str] = (), before: str | None = None,
    after: str | None = None,
) -> YearChoice:
    """Read the query string's years; anything unknown falls back to the defaults, with a message.

    Defaults: the `MAX_YEARS` most recent years shown, the two most recent compared.
    """
    years = sorted(set(available))
    errors: list[str] = []
    picked, unknown = _parse_years(shown, years)
    if unknown:
        errors.append(
            _("Années inconnues pour ce pôle : %(values)s. Les années par défaut sont affichées.")
            % {"values": ", ".join(unknown)}
        )
        picked = []
    elif len(picked) > MAX_YEARS:
        errors.append(
            _("%(max)s années au plus : les %(max)s plus récentes cochées sont affichées.")
            % {"max": MAX_YEARS}
        )
    elif not picked and (before or after):  # the form was sent with every box unticked
        errors.append(_("Aucune année cochée : les années par défaut sont affichées."))
    pair = _compared_pair(years, before, after, errors)
    return YearChoice(
        shown=tuple(picked[-MAX_YEARS:] or years[-MAX_YEARS:]),
        before=pair[0] if pair else None,
        after=pair[1] if pair else None,
        errors=tuple(errors),
    )


def _compared_pair(
    years: Sequence[int], before: str | None, after: str | None, errors: list[str]
) -> tuple[int, int] | None:
    default = (years[-2], years[-1]) if len(years) > 1 else None
    if not (before or after):
        return default
    if default is None:
        errors.append(_("Il faut deux années pour comparer des réponses."))
        return None
    asked, unknown = _parse_years([before or str(default[0]), after or str(default[1])], years)
    if unknown or len(asked) < 2:
        errors.append(
            _("Comparaison impossible entre « %(before)s » et « %(after)s » : choisissez deux "
              "années différentes du pôle. Les deux dernières années sont comparées.")
            % {"before": before or "", "after": after or ""}
        )
        return default
    return asked[0], asked[1]  # sorted: answers always read from the older year to the newer


def _parse_years(values: Iterable[str], years: Collection[int]) -> tuple[list[int], list[str]]:
    """The distinct years of the cluster among `values`, sorted, and the values that are not."""
    known, unknown = set(), []
    for value in values:
        try:
            year = int(value)
        except (TypeError, ValueError):
            year = None
        if year in years:
            known.add(year)
        else:
            unknown.append(value)
    return sorted(known), unknown
