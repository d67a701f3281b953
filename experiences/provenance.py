"""Checks that what an experience states with a number rests on the lines it cites: every key
figure's value, every year of its `years` and every figure's `as_of` must be printed there.

Three companion documents are kept in fixtures/sources/ and read directly. The Apec study may not
be reproduced: for it, `apec-line-numbers.txt` keeps, per line, hashes of the numbers the line
prints (written by `manage.py apec_hashes`), and the study's text is read too when it is there."""

import re
from decimal import Decimal, InvalidOperation
from pathlib import Path

from .apec import short_hash
from .models import Source

SOURCE_FILES = {
    Source.FRANCE_CLUSTERS: "france-clusters-rse.txt",
    Source.RAMEAU: "rameau-rse-partenariats-2023.txt",
    Source.FRANCE_URBAINE: "france-urbaine-lab-economie-2012.txt",
}
APEC_LINE_NUMBERS = "apec-line-numbers.txt"

# French prints 1 200 or 1 200 (narrow no-break space) and 1,5; a range of lines « L12–L40 ».
SPACES = " \u00a0\u202f"
GROUPED = re.compile(rf"(?<![\d,.])\d{{1,3}}(?:[{SPACES}]\d{{3}})+(?:,\d+)?(?![\d,]\d)")
PLAIN = re.compile(r"(?<![\d,])\d+(?:,\d+)?(?!\d)")
LINE_RANGE = re.compile(r"L(\d+)(?:–L(\d+))?")
YEAR = re.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)")
# Small counts are often printed as words (« deux fois par an », « six mois »); not « un, une »,
# which every line prints as an article.
WORDS = {
    "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7,
    "huit": 8, "neuf": 9, "dix": 10, "onze": 11, "douze": 12, "treize": 13, "quatorze": 14,
    "quinze": 15, "seize": 16, "vingt": 20, "trente": 30, "quarante": 40, "cinquante": 50,
    "cent": 100, "mille": 1000,
    # « une dizaine, une cinquantaine »: an approximate number, which a figure may keep as such.
    "dizaine": 10, "douzaine": 12, "quinzaine": 15, "vingtaine": 20, "trentaine": 30,
    "quarantaine": 40, "cinquantaine": 50, "soixantaine": 60, "centaine": 100,
}  # fmt: skip
MONTHS = (
    "janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
    "octobre", "novembre", "décembre",
)  # fmt: skip


def cited_lines(source_lines: str) -> list[int]:
    """« L80–L82, L119 » → [80, 81, 82, 119] (1-based, as `sed -n 80p` counts)."""
    numbers = []
    for match in LINE_RANGE.finditer(source_lines):
        start = int(match.group(1))
        numbers += range(start, int(match.group(2) or start) + 1)
    return numbers


def canonical(value) -> str:
    """One spelling per number: 1200, 1.5, 92 (whatever the separators or trailing zeros)."""
    text = str(value)
    for space in SPACES:
        text = text.replace(space, "")
    try:
        number = Decimal(text.replace(",", "."))
    except InvalidOperation as error:
        raise ValueError(f"pas un nombre : {value!r}") from error
    return format(number.normalize(), "f")


def numbers_in(text: str) -> set[str]:
    """Every number a French text prints, in digits or (up to mille) in words."""
    found = {canonical(m.group(0)) for m in GROUPED.finditer(text)}
    found |= {canonical(m.group(0)) for m in PLAIN.finditer(text)}
    for word in re.findall(r"[a-zà-ÿ]+", text.lower()):
        if word in WORDS:
            found.add(str(WORDS[word]))
    return found


def apec_line_hashes(text: str) -> dict[int, set[str]]:
    """For each line of the study that prints a number, the hashes of the numbers it prints."""
    hashes = {}
    for number, line in enumerate(text.splitlines(), start=1):
        if found := numbers_in(line):
            hashes[number] = {short_hash(n) for n in found}
    return hashes


def write_apec_line_hashes(hashes: dict[int, set[str]]) -> str:
    return "".join(f"L{n} {' '.join(sorted(hashes[n]))}\n" for n in sorted(hashes))


def read_apec_line_hashes(text: str) -> dict[int, set[str]]:
    hashes = {}
    for row in text.splitlines():
        line, *digests = row.split()
        hashes[int(line.removeprefix("L"))] = set(digests)
    return hashes


class CitedText:
    """What an item's cited lines print: either the text itself or, for the Apec study, only the
    hashes of the numbers each line prints."""

    def __init__(self, text: str | None = None, hashes: set[str] | None = None, beyond=()):
        self.numbers = numbers_in(text) if text is not None else None
        self.text = (text or "").lower()
        self.hashes = hashes
        # Cited lines past the document's end: a typo in `source_lines` would hide a statement.
        self.beyond = list(beyond)

    def prints(self, number: str) -> bool:
        if self.numbers is not None:
            return number in self.numbers
        return short_hash(number) in self.hashes

    def prints_month(self, year: str, month: int) -> bool:
        # Without the text (Apec hashes) only the month's number can be checked.
        if self.numbers is None:
            return self.prints(str(month))
        spelled = rf"{MONTHS[month - 1]}\s+{year}|0?{month}\s*/\s*{year}|{year}-{month:02d}"
        return bool(re.search(spelled, self.text))


def figures_problems(item: dict, cited: CitedText) -> list[str]:
    """What the item states with a number that its cited lines do not print."""
    slug, where = item["slug"], item["source_lines"]
    found = [f"{slug}: ligne L{n} au-delà de la fin du document" for n in cited.beyond]
    for figure in item["key_figures"]:
        if not cited.prints(canonical(figure["value"])):
            found.append(f"{slug}: chiffre {figure['value']} {figure['unit']} absent de {where}")
        year, _, month = figure["as_of"].partition("-")
        if not cited.prints(year):
            found.append(f"{slug}: année {year} d'un chiffre absente de {where}")
        elif month and not cited.prints_month(year, int(month)):
            found.append(f"{slug}: mois {figure['as_of']} d'un chiffre absent de {where}")
    for year in YEAR.findall(item["years"]):
        if not cited.prints(year):
            found.append(f"{slug}: année {year} absente de {where}")
    return found


def lines_text(lines: list[str], wanted: list[int]) -> CitedText:
    text = "\n".join(lines[n - 1] for n in wanted if n <= len(lines))
    return CitedText(text, beyond=[n for n in wanted if n > len(lines)])


def cited_text(item: dict, sources_dir: Path, apec_seed: Path | None = None) -> CitedText:
    wanted = cited_lines(item["source_lines"])
    if item["source"] == Source.APEC:
        if apec_seed is not None and apec_seed.is_file():
            return lines_text(apec_seed.read_text(encoding="utf-8").splitlines(), wanted)
        stored = read_apec_line_hashes((sources_dir / APEC_LINE_NUMBERS).read_text("ascii"))
        return CitedText(hashes=set().union(*(stored.get(n, set()) for n in wanted)))
    lines = (sources_dir / SOURCE_FILES[item["source"]]).read_text("utf-8").splitlines()
    return lines_text(lines, wanted)


def catalogue_problems(source: dict, sources_dir: Path, apec_seed: Path | None = None) -> list:
    """Every figure or date of the catalogue that its cited lines do not print. With `apec_seed`
    (the study's text, when it is beside the repository) Apec items are read in full, not hashed."""
    return [
        problem
        for item in source["experiences"]
        for problem in figures_problems(item, cited_text(item, sources_dir, apec_seed))
    ]
