"""What a first-time visitor's browser downloads of scripts on the results page, compressed.

Run: `.venv/bin/python bench/scripts_weight.py` (a throw-away SQLite demo). Renders the results
page, reads its `<script src>` and prints each file's size raw, gzipped and brotli-compressed as
whitenoise compresses them (`collectstatic` writes the .gz and .br files whitenoise serves).
Target: at most 600 KB compressed in all (issue 20).
"""

import re

import demo_db

demo_db.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.contrib.staticfiles import finders  # noqa: E402
from django.test import Client  # noqa: E402
from whitenoise.compress import Compressor  # noqa: E402

PAGES = ["/poles/pole-littoral-durable/2024/resultats/", "/poles/pole-littoral-durable/evolution/"]
TARGET = 600 * 1000
SCRIPT = re.compile(r'<script\b[^>]*\bsrc="([^"]+)"')


def sizes(path: str) -> tuple[int, int, int | None]:
    data = open(path, "rb").read()
    try:
        brotli = len(Compressor.compress_brotli(data))
    except ImportError:  # the brotli package is optional for whitenoise
        brotli = None
    return len(data), len(Compressor.compress_gzip(data)), brotli


def main() -> None:
    client = Client()
    client.force_login(get_user_model().objects.get(username="equipe"))
    for url in PAGES:
        html = client.get(url).content.decode()
        print(f"{url}\n{'script':48} {'raw':>10} {'gzip':>10} {'brotli':>10}")
        totals = [0, 0, 0]
        for src in SCRIPT.findall(html):
            found = finders.find(src.removeprefix(settings.STATIC_URL))
            row = sizes(found)
            totals = [total + (size or 0) for total, size in zip(totals, row, strict=True)]
            print(f"{src:48} " + " ".join(f"{size or 0:10,}" for size in row))
        print(f"{'total':48} " + " ".join(f"{total:10,}" for total in totals))
        verdict = "within" if totals[1] <= TARGET else "over"
        print(f"gzip {verdict} the target of {TARGET:,} bytes\n")


if __name__ == "__main__":
    main()
