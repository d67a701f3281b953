"""What apps above the content add to the « La démarche » page (/demarche/).

`initiatives` knows no grid (DESIGN §9): an app above it registers, when it starts
(AppConfig.ready), a provider that gives a section of the page, rendered, or None.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.safestring import SafeString


@dataclass(frozen=True)
class ApproachSection:
    anchor: str  # the section's id, for the page's table of contents
    title: str  # the table of contents' entry
    html: SafeString  # the whole <section>


Provider = Callable[[], ApproachSection | None]
_providers: list[Provider] = []


def register(provider: Provider) -> None:
    if provider not in _providers:
        _providers.append(provider)


def added_sections() -> list[ApproachSection]:
    return [section for section in (provider() for provider in _providers) if section]
