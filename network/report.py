"""The one-page PDF of a network's year, for its board."""

from django.template.loader import render_to_string
from weasyprint import HTML
from weasyprint.urls import URLFetcher

from .presenters import distribution_charts, tables
from .selectors import NetworkYear

# Nothing in the report may reach the network or the disk.
_FETCHER = URLFetcher(allowed_protocols={"data"})


def network_pdf(page: NetworkYear) -> bytes:
    html = render_to_string("network/report.html", {
        # The answers' shares (the whole network's last table) do not fit on its one page.
        "page": page, "tables": tables(page)[:3], "charts": distribution_charts(page)})
    return HTML(string=html, url_fetcher=_FETCHER, base_url="data:,").write_pdf()
