"""The « Niveaux de maturité » section of the « La démarche » page (initiatives.approach)."""

from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from initiatives.approach import ApproachSection

from .maturity import ranges
from .selectors import latest_maturity_scale


def maturity_section() -> ApproachSection | None:
    """The levels of the grid version in use (one query), explained beside Le RAMEAU's four
    stages of CSR maturity; nothing before any version exists."""
    version, scale = latest_maturity_scale()
    if not scale:
        return None
    html = render_to_string("grid/includes/_maturity_approach.html", {
        "version": version, "bands": ranges(scale),
    })
    return ApproachSection("maturite", _("Niveaux de maturité"), mark_safe(html))  # noqa: S308
