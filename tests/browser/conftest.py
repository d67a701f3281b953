"""Playwright drives Debian's Chromium against the live server (no browser download here)."""

import os
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from playwright.sync_api import expect

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
SCREENSHOTS = settings.BASE_DIR / "artifacts" / "screenshots"


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


@pytest.fixture
def site(live_server, transactional_db):
    """The live server with the guide loaded (transactional tests start from an empty database)."""
    call_command("loaddata", "guide", verbosity=0)
    return live_server


@pytest.fixture
def screenshot(page):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    def take(name: str, full_page: bool = True) -> Path:
        path = SCREENSHOTS / f"{name}.png"
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


def log_in(page, base, username):
    page.goto(base + "/comptes/connexion/")
    page.get_by_label("Nom d’utilisateur").fill(username)
    page.get_by_label("Mot de passe").fill("demo")
    page.get_by_label("Mot de passe").press("Enter")
    expect(page.get_by_role("heading", name="Mes pôles")).to_be_visible()
