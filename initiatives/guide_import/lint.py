"""Faults that the conversion of the guide can leave in the content, found in the built records.

`import_guide` refuses to write, and `import_guide --check` fails, while any is left. The kinds are
those a reader of the sheets found (issue 21): HTML in the Markdown (a stray `<br>`), a list item
at a depth its list does not have, a bold lead-in nested under another one (a heading under the
wrong parent), a heading that skips a level or is not below its part, the printed page's
furniture (navigation, page numbers, badges), words cut by the page's hyphenation, and a grid
question without the levers the guide prints for it.
"""

import re
from dataclasses import dataclass

from .content import is_furniture
from .seed import Seed

# The Markdown fields of the fixture's records. A sheet's parts are rendered under headings of
# their page's level: h2 on page 1, h3 under « Éléments méthodologiques de mise en œuvre ».
MARKDOWN_FIELDS = {
    "initiatives.enjeu": ("interpretation",),
    "initiatives.level": ("description",),
    "initiatives.section": ("synopsis",),
    "initiatives.lever": ("description",),
    "initiatives.path": ("description",),
    "initiatives.concept": ("body",),
    "initiatives.reference": ("text",),
    "glossary.glossaryterm": ("definition",),
}
SHEET_PARTS = {
    "principle": ("Principe", 2),
    "benefits": ("Bénéfices attendus", 2),
    "costs": ("Coûts", 2),
    "key_steps": ("1/ Étapes clés du processus", 3),
    "success_factors": ("2/ Facteurs-clés de succès", 3),
    "actors": ("3/ Acteurs à mobiliser", 3),
    "case_study": ("Cas pratique", 2),
}
OTHER_FIELD_LEVEL = 2  # the other texts sit under a page's h1 or a section's h2

# <sup> and <sub> carry the guide's exponents (1<sup>er</sup>, CO<sub>2</sub>) and footnote marks.
HTML_TAG = re.compile(r"</?(?!(?:sup|sub)>)[A-Za-z][^>]*>")
LIST_ITEM = re.compile(r"^(?P<indent> *)(?:[-*+]|\d+[.)])(?: (?P<text>.*))?$")
HEADING = re.compile(r"^(?P<marks>#{1,6}) ")
LEAD_IN = re.compile(r"^\*\*[^*].*\*\*:?$")  # a bullet wholly in bold: the guide's intertitles
CUT_WORD = re.compile(r"\b[a-zà-ÿ]{2,}- [a-zà-ÿ]{2,}")  # « dévelop- pement »; « - » alone is a dash
DEAD_LINK = re.compile(r"^\[[^\]]*\]\(#\)$")
PAGE_MARK = re.compile(r"\(\d/\d\)$")
NAVIGATION = re.compile(r"^(?:Retour (?:au|vers)|Fiche (?:suivante|précédente))")


@dataclass(frozen=True)
class Fault:
    where: str  # the record and field, as a reader finds them
    line: int  # line of the field's Markdown, from 1; 0 for a fault of the record itself
    kind: str
    text: str
    seed_line: int | None = None  # the line of the guide's text it comes from, when found

    def __str__(self) -> str:
        place = [self.where] + ([f"ligne {self.line}"] if self.line else [])
        place += [f"L{self.seed_line} du guide"] if self.seed_line else []
        excerpt = f" — « {self.text} »" if self.text else ""
        return f"{', '.join(place)} : {self.kind}{excerpt}"


FURNITURE_FAULT = "habillage de la page imprimée (navigation, numéro, pastille)"


def line_faults(line: str) -> list[str]:
    """Faults a line carries whatever its place: HTML, a hard break, a cut word, furniture."""
    found = [f"balise HTML {tag}" for tag in HTML_TAG.findall(line)]
    if line.endswith("  "):
        found.append("saut de ligne fait de deux espaces, qui ne survivent pas à l'édition")
    if cut := CUT_WORD.search(line):
        found.append(f"mot coupé en fin de ligne : « {cut[0]} »")
    item = LIST_ITEM.match(line)
    body = (item["text"] or "") if item else line.strip()
    if (
        is_furniture(body)
        or DEAD_LINK.match(body)
        or NAVIGATION.match(body)
        or PAGE_MARK.search(body)
    ):
        found.append(FURNITURE_FAULT)
    return found


def markdown_faults(text: str, level: int) -> list[tuple[int, str, str]]:
    """(line, kind, excerpt) of each fault in Markdown rendered under a heading of `level`."""
    faults: list[tuple[int, str, str]] = []
    items: list[tuple[int, bool]] = []  # the open list items: (indent, is a lead-in)
    heading = level
    after_blank = True
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            after_blank = True
            continue
        kinds = line_faults(line)
        indent = len(line) - len(line.lstrip(" "))
        if match := HEADING.match(line):
            depth = len(match["marks"])
            if depth <= level:
                kinds.append(
                    f"titre de niveau {depth} au niveau de sa partie ({level}) ou au-dessus"
                )
            elif depth > heading + 1:
                kinds.append(
                    f"titre de niveau {depth} directement sous un titre de niveau {heading}"
                )
            heading, items = max(depth, level), []
        elif item := LIST_ITEM.match(line):
            while items and items[-1][0] >= indent:
                items.pop()
            parent = items[-1] if items else None
            if indent % 4:
                kinds.append(f"retrait de liste de {indent} espaces (les niveaux vont de 4 en 4)")
            elif indent and parent is None:
                kinds.append("élément de liste en retrait sans élément parent")
            elif parent and indent > parent[0] + 4:
                kinds.append(f"élément de liste {indent - parent[0]} espaces sous le précédent")
            lead_in = bool(LEAD_IN.match(item["text"] or ""))
            if lead_in and parent and parent[1]:
                kinds.append("intertitre en gras imbriqué sous un autre intertitre")
            items.append((indent, lead_in))
        elif indent == 0 and after_blank:
            items = []  # a paragraph ends the list
        after_blank = False
        faults += [(number, kind, line.strip()[:80]) for kind in kinds]
    return faults


def record_label(model: str, fields: dict) -> str:
    if model == "initiatives.sheet":
        return f"fiche {fields['number']}"
    key = fields.get("code") or fields.get("slug") or fields.get("number") or fields.get("order")
    return f"{model.split('.')[1]} {key}"


def source_ranges(fields: dict) -> list[tuple[int, int]]:
    """The ranges of a record's `source_lines` (`L12–L30, L40`)."""
    return [
        (int(first), int(last or first))
        for first, last in re.findall(r"L(\d+)(?:–L(\d+))?", fields.get("source_lines") or "")
    ]


def seed_line_of(seed: Seed, ranges: list[tuple[int, int]], excerpt: str) -> int | None:
    """The line of the guide's text, within the record's lines, that holds `excerpt`."""
    words = re.sub(r"^(?:[-*+]|#+)\s+|<[^>]+>", "", excerpt).strip()[:40]
    if not words:
        return None
    numbers = (n for first, last in ranges for n in range(first, last + 1))
    return next((n for n in numbers if words in seed.line(n)), None)


def text_faults(records: list[dict], seed: Seed) -> list[Fault]:
    found: list[Fault] = []
    for record in records:
        model, fields = record["model"], record["fields"]
        if model == "initiatives.sheet":
            fields_levels = [(part, *SHEET_PARTS[part]) for part in SHEET_PARTS]
        else:
            fields_levels = [
                (name, name, OTHER_FIELD_LEVEL) for name in MARKDOWN_FIELDS.get(model, ())
            ]
        label, ranges = record_label(model, fields), source_ranges(fields)
        for name, title, level in fields_levels:
            for number, kind, excerpt in markdown_faults(fields[name], level):
                found.append(
                    Fault(
                        f"{label} · {title}",
                        number,
                        kind,
                        excerpt,
                        seed_line_of(seed, ranges, excerpt),
                    )
                )
    return found


def question_faults(records: list[dict], seed: Seed) -> list[Fault]:
    """Every affirmation has its levers (L365); a printed one has the lever its row prints."""
    names = {
        r["fields"]["slug"]: {r["fields"]["name"], *r["fields"]["aliases"].splitlines()}
        for r in records
        if r["model"] == "initiatives.lever"
    }
    found = []
    for record in records:
        if record["model"] != "grid.question":
            continue
        fields = record["fields"]
        slugs = [lever[0] for lever in fields["levers"]]
        where = f"question {fields['code']}"
        if not slugs:
            found.append(Fault(where, 0, "affirmation sans levier", fields["text"]))
        if fields["origin"] != "verbatim":
            continue
        line = source_ranges(fields)[0][0]
        cells = seed.line(line).split("\t")
        printed = re.sub(r"</?b>|\*\*", "", cells[5]).strip() if len(cells) > 5 else ""
        if printed and not any(printed in names.get(slug, ()) for slug in slugs):
            kind = f"le levier imprimé « {printed} » ne lui est pas relié"
            found.append(Fault(where, 0, kind, "", line))
    return found


def faults(records: list[dict], seed: Seed) -> list[Fault]:
    return text_faults(records, seed) + question_faults(records, seed)
