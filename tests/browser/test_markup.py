"""The Nu HTML Checker (vnu.jar, npm, pinned in package-lock.json; run by Java) finds no error in
the HTML of every page test_every_page.py opens, in French and in English: the same people open
the same pages on the demo, through Django's test client. One Java start checks them all;
warnings are allowed, errors are listed page by page.

Marked `browser` as the other every-page checks: `make test` runs it (scripts/system-deps.sh
installs Java for it), `make test-fast` does not.
"""

import json
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client
from django.utils.text import slugify

from tests.browser.test_every_page import ACCOUNTS, admin_pages, pages_of

pytestmark = pytest.mark.browser

VNU = settings.BASE_DIR / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def nu_errors(folder: Path) -> dict[str, list[str]]:
    """The errors vnu finds in the .html files of `folder`, by file name."""
    java = shutil.which("java")
    assert java, "Java is missing: `make test` installs it (scripts/system-deps.sh test)"
    assert VNU.is_file(), f"vnu.jar is missing: {VNU} (make test runs npm ci)"
    run = subprocess.run(
        [java, "-jar", str(VNU), "--errors-only", "--format", "json", "--exit-zero-always",
         str(folder)],
        capture_output=True, text=True, timeout=600, check=True,
    )
    found: dict[str, Counter] = {}
    for message in json.loads(run.stderr)["messages"]:
        name = Path(message.get("url", "file:?")).name
        extract = message.get("extract", "").replace("\n", " ")
        found.setdefault(name, Counter())[f"{message['message']} [{extract}]"] += 1
    # A message repeated on a page (one per table cell…) is listed once, with its count.
    return {name: [f"{text} (×{count})" if count > 1 else text for text, count in messages.items()]
            for name, messages in found.items()}


@pytest.mark.django_db
def test_every_page_has_no_nu_html_checker_error(settings, tmp_path):
    settings.DEBUG = True  # load_demo refuses production settings
    call_command("load_demo", verbosity=0)
    users = get_user_model().objects
    openers = {"anonymous": Client()}
    for person, username in ACCOUNTS.items():
        openers[person] = Client()
        openers[person].force_login(users.get(username=username))
    pages = {person: pages_of(person) for person in openers}
    pages["content_admin"] += admin_pages()
    written = {}
    for language in ("fr", "en"):
        for person, paths in pages.items():
            for path in paths:
                response = openers[person].get(path, headers={"accept-language": language})
                assert response.status_code == 200, (person, path, response.status_code)
                html = response.content.decode()
                assert f'<html lang="{language}"' in html, (person, path, language)
                name = f"{language}-{person}-{slugify(path.replace('/', ' ')) or 'home'}.html"
                (tmp_path / name).write_text(html, encoding="utf-8")
                written[name] = f"{path} ({person}, {language})"
    assert len(written) > 100
    errors = nu_errors(tmp_path)
    listing = "\n".join(
        f"{written[name]}:\n  " + "\n  ".join(messages) for name, messages in sorted(errors.items())
    )
    assert not errors, f"Nu HTML Checker errors on {len(errors)} pages:\n{listing}"
