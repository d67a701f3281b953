"""Read a PDF back as a person's tools do: poppler's pdftotext, pdfinfo, pdfdetach, pdffonts."""

import html
import re
import subprocess
import tempfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path


@lru_cache(maxsize=16)  # the same reading of the same PDF: once (shared renders, repeated reads)
def _run(*args: str, pdf: bytes) -> str:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "report.pdf"
        path.write_bytes(pdf)
        return subprocess.run(
            [*args, str(path), *(["-"] if args[0] == "pdftotext" else [])],
            check=True, capture_output=True, text=True,
        ).stdout


def page_count(pdf: bytes) -> int:
    return int(re.search(r"^Pages:\s+(\d+)$", info(pdf), re.M).group(1))


def info(pdf: bytes) -> str:
    return _run("pdfinfo", pdf=pdf)


def structure(pdf: bytes) -> str:
    """The tag tree a screen reader follows (pdfinfo -struct), one element per line."""
    return _run("pdfinfo", "-struct", pdf=pdf)


def metadata(pdf: bytes) -> str:
    """The XMP packet (where PDF/A declares its part and conformance)."""
    return _run("pdfinfo", "-meta", pdf=pdf)


def page_texts(pdf: bytes) -> list[str]:
    """The text of each page, in reading order (pdftotext separates pages with a form feed)."""
    return _run("pdftotext", pdf=pdf).split("\f")[:-1]


def fonts(pdf: bytes) -> list[list[str]]:
    return [line.split() for line in _run("pdffonts", pdf=pdf).splitlines()[2:]]


def attachment(pdf: bytes) -> tuple[str, bytes]:
    """Name and bytes of the first file attached to the PDF."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "report.pdf"
        path.write_bytes(pdf)
        listing = subprocess.run(["pdfdetach", "-list", str(path)], check=True,
                                 capture_output=True, text=True).stdout
        name = re.search(r"^1: (.+)$", listing, re.M).group(1)
        target = Path(folder) / "attached"
        subprocess.run(["pdfdetach", "-save", "1", "-o", str(target), str(path)], check=True)
        return name, target.read_bytes()


def image_count(pdf: bytes, page: int) -> int:
    listing = _run("pdfimages", "-list", "-f", str(page), "-l", str(page), pdf=pdf)
    return len(listing.splitlines()) - 2


WORD = re.compile(
    r'<word xMin="([\d.-]+)" yMin="([\d.-]+)" xMax="([\d.-]+)" yMax="([\d.-]+)">(.*)</word>'
)


@dataclass
class Word:
    page: int
    text: str
    x_min: float
    y_min: float
    x_max: float
    y_max: float


@dataclass
class Page:
    width: float
    height: float
    words: list[Word]


def layout(pdf: bytes) -> list[Page]:
    """Every word with its box, page by page (pdftotext -bbox)."""
    pages: list[Page] = []
    for line in _run("pdftotext", "-bbox", pdf=pdf).splitlines():
        if match := re.search(r'<page width="([\d.]+)" height="([\d.]+)"', line):
            pages.append(Page(float(match[1]), float(match[2]), []))
        elif match := WORD.search(line):
            pages[-1].words.append(Word(len(pages), html.unescape(match[5]),
                                        *(float(match[i]) for i in range(1, 5))))
    return pages


def flat(text: str) -> str:
    """Words joined by single spaces, case folded: headings are set in capitals by the CSS."""
    return " ".join(text.split()).casefold()
