"""Playwright drives Debian's Chromium against the live server (no browser download here).

Every test that opens a page runs twice, once in French and once in English: the browser asks
for the language as a person's browser would (Accept-Language), and `tr` gives the words the
test looks for in that language, from the same catalogue the site uses.
"""

import os
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.utils import translation
from playwright.sync_api import expect

from tests import content

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
SCREENSHOTS = settings.BASE_DIR / "artifacts" / "screenshots"
AXE = settings.BASE_DIR / "node_modules" / "axe-core" / "axe.min.js"


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    # A missing browser is a failure, never a skip: `make test` installs it.
    assert Path(CHROMIUM).exists(), f"Chromium not found at {CHROMIUM}: run `make test` as root"
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
        ],
    }


LOCALES = {"fr": "fr-FR", "en": "en-GB"}


def pytest_generate_tests(metafunc):
    if "ui_language" in metafunc.fixturenames:
        metafunc.parametrize("ui_language", list(LOCALES))


@pytest.fixture
def browser_context_args(browser_context_args, ui_language):
    # Without Bootstrap's transitions (it honours the setting): axe measures colours and
    # layouts as they settle, never halfway through a slide or a fade.
    return {**browser_context_args, "reduced_motion": "reduce", "locale": LOCALES[ui_language]}


class Words:
    """`tr("Mes pôles")`: the interface's words in the test's language (msgids are French;
    Django's own, such as "Username", are English). `tr.plural(…)`: a counted one.
    `tr.number("62,5 %")`: a number as the page writes it in that language."""

    def __init__(self, language: str):
        self.language = language

    def __call__(self, text: str, context: str | None = None) -> str:
        with translation.override(self.language):
            return translation.pgettext(context, text) if context else translation.gettext(text)

    def plural(self, singular: str, several: str, count: int) -> str:
        """A counted msgid (`{% blocktranslate count counter=… %}`) in the test's language,
        its `%(counter)s` filled in."""
        with translation.override(self.language):
            return translation.ngettext(singular, several, count) % {"counter": count}

    def number(self, french: str) -> str:
        if self.language == "fr":
            return french
        return french.replace("\u00a0%", "%").replace(" %", "%").replace(",", ".")


@pytest.fixture
def tr(ui_language) -> Words:
    return Words(ui_language)


@pytest.fixture
def site(live_server, transactional_db):
    """The live server with the guide loaded (transactional tests start from an empty database)."""
    content.write_back("guide", "experiences")
    return live_server


@pytest.fixture
def screenshot(page, ui_language):
    """Screenshots go to artifacts/screenshots/<language>/."""
    folder = SCREENSHOTS / ui_language
    folder.mkdir(parents=True, exist_ok=True)

    def take(name: str, full_page: bool = True) -> Path:
        path = folder / f"{name}.png"
        page.screenshot(path=str(path), full_page=full_page)
        return path

    return take


@pytest.fixture
def demo_site(site, settings):
    """The live server with the demo: « Pôle Littoral Durable », 2023 and 2024 validated, 2025 a
    draft; accounts `equipe` and `conseil`, password `demo`."""
    settings.DEBUG = True  # load_demo refuses production settings
    call_command("load_demo", verbosity=0)
    return site


def log_in(page, base, username, then: str | None = "/poles/"):
    """Whatever the page's language: the form's fields by their ids; the login lands on the
    person's home (`/`), then goes on to `then` (« Mes pôles » unless told otherwise)."""
    page.goto(base + "/comptes/connexion/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill("demo")
    page.locator("#id_password").press("Enter")
    page.wait_for_url(base + "/")
    if then:
        page.goto(base + then)
    expect(page.locator("h1")).to_be_visible()


@pytest.fixture(autouse=True)
def no_csp_violation(request):
    """Every browser test fails if Chromium refused anything under the Content Security Policy
    (an inline script or style, a file from elsewhere)."""
    if "page" not in request.fixturenames:
        yield
        return
    page = request.getfixturevalue("page")
    refused = []

    def keep(message):
        source = message.location.get("url", "")
        # axe-core, the test's own tool, tries styles of its own: not the page's doing.
        if "Content Security Policy" in message.text and not source.endswith("axe.min.js"):
            refused.append(f"{page.url} ({source}): {message.text[:120]}")

    page.on("console", keep)
    yield
    assert refused == [], refused


@pytest.fixture
def axe(page):
    """axe-core (npm, node_modules/) in every page the test opens; `axe()` returns the serious
    and critical violations of the page shown. Injected as an init script: the page's own
    Content Security Policy would refuse it as an inline script."""
    assert AXE.is_file(), f"axe-core is missing: {AXE} (make test runs npm ci)"
    page.add_init_script(path=str(AXE))

    def run() -> list[dict]:
        result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
        return [
            {"id": v["id"], "impact": v["impact"], "help": v["help"],
             "nodes": [node["target"] for node in v["nodes"]][:5]}
            for v in result["violations"] if v["impact"] in ("serious", "critical")
        ]

    return run
