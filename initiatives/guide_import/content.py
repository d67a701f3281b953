"""Enjeux, levels, sections, levers, sheets, paths and path steps, parsed from the guide's text.

Everything a reader sees is transcribed from the seed by parsing its headings and bullets; the only
data typed here is what the guide does not print (colours, short names, the path table that the
lost badge colours used to encode, guide-structure §6), and the depth of the few bullets the
conversion misplaced (`DEPTH_FIXES`). The path table is checked against the badge numbers printed
on the sheets, and each depth fix against the bullet it moves, so neither can drift from the
guide unnoticed.
"""

import re
from dataclasses import dataclass

from initiatives.models import Sheet as SheetModel

from .levers import LEVERS, STRATEGY_LEVER
from .seed import Seed, cite, record

# --- Data the guide does not print ----------------------------------------------------------------

# code, majority wording (guide-structure §9.6), short name, colour of radar axis and path.
ENJEUX = (
    ("A", "Gouvernance, territoires et parties prenantes", "Gouvernance", "#1f5fa8"),
    (
        "B",
        "Préservation de l'environnement et gestion durable des ressources",
        "Environnement",
        "#2e7d32",
    ),
    ("C", "Emploi, formation, RH et intégration sociale", "Emploi et RH", "#b3541e"),
    ("D", "Recherche, développement et innovation", "R&D et innovation", "#6a3d9a"),
)
LEVELS = ((1, "Fonctionnement interne"), (2, "Sphère d'influence"))
MATRIX_SECTIONS = ("1A", "2A", "1B", "2B", "1C", "2C", "1D", "2D")
STRATEGY = "S"
STRATEGY_TITLE = "Stratégie globale de développement durable"
AGENDA21 = "+"

# code, enjeu (None: the transversal path, which takes the niveau-1 sheets), name on its button.
PATHS = (
    ("GOU", "A", "Gouvernance, territoires et parties prenantes"),
    ("ENV", "B", "Préservation de l'environnement et gestion durable des ressources"),
    ("RH", "C", "Emploi, formation, RH et intégration sociale"),
    ("RD", "D", "Recherche, développement et innovation"),
    ("EXE", None, "Exemplarité en DD dans le fonctionnement interne"),
)
EXEMPLARITY_COLOUR = "#4d4d4d"

# The reconstruction of guide-structure §6.4, as `step[.option]:sheet`. The badge colours that told
# the paths apart are lost, so this is typed; `check_path_table` holds it to the printed numbers.
PATH_TABLE = {
    "GOU": "1:2 2:1 3:7 4:5 5.1:3 5.2:4 6:6 7:8",
    "ENV": "1:9 2:10 3:14 4.1:11 4.2:12 5.1:16 5.2:17 6.1:15 6.2:18 7.1:13 7.2:19",
    "RH": "1:20 2:27 3:21 4.1:31 4.2:30 4.3:26 5.1:28 5.2:24 5.3:25 6.1:23 6.2:32 6.3:22 7:29",
    "RD": "1:33 2:35 3:36 4:34",
    "EXE": "1:2 2:33 3:9 4:10 5:20 6:1 7:21",
}

# --- Patterns of the seed -------------------------------------------------------------------------

SHEET_PAGE = re.compile(r"^# (?P<title>.+?) \((?P<page>[12])/2\)(?P<tail>.*)$")
SECTION_HEADING = re.compile(r"^#{1,2} Section (?P<code>[12][A-D]) : (?P<title>.+?)(?: \(\d/2\))?$")
# A page ends where the next one starts: a top-level heading, a 2B half-page or the footer menu.
PAGE_START = re.compile(r"^(# |## Section |## I\. )")
BADGE = re.compile(r"(\d+)(?:<sub>(\d)</sub>)?")
BADGE_LINE = re.compile(r"^\d+(?:<sub>\d</sub>)?(?: \d+(?:<sub>\d</sub>)?)*$")
NAV_BAR = re.compile(r"^\+(?: \d+(?:<sub>\d</sub>)?)+$")
FOOTNOTE = re.compile(r"^(?P<mark>\d) : (?P<text>.+)$")
BULLET = re.compile(r"^(?P<indent> *)[-*](?: (?P<text>.*))?$")
TABLE_LEVER = re.compile(r"^<b>(?P<name>[^<]+)</b>\t<p>(?P<text>.+)</p>(?P<sheets>[\t\d]*)$")
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
PHONE = re.compile(r"\b0\d(?:[ .]?\d\d){4}\b")
CONTACT = re.compile(r"(?:\*\*)?Contact\s*:")

# Navigation printed on the pages; it means nothing off paper.
FURNITURE = {
    "Retour au départ",
    "[Retour au départ](#)",
    "**Retour au départ**",
    "Fiche suivante",
    "Fiche précédente",
    "[Retour vers la matrice](#)",
}

PART_HEADINGS = (
    ("principle", re.compile(r"^#+ Principe$")),
    ("benefits", re.compile(r"^#+ Bénéfices attendus$")),
    ("costs", re.compile(r"^#+ Coûts$")),
    ("key_steps", re.compile(r"^#+ 1/ Etapes (?:clés|clefs) du processus$")),
    ("success_factors", re.compile(r"^#+ 2/ Facteurs-(?:clés|clefs) de succès$")),
    ("actors", re.compile(r"^#+ 3/ Acteurs à mobiliser$")),
    ("case_study", re.compile(r"^#+ Cas pratique$")),
    ("applicability", re.compile(r"^#+ Applicabilité$")),
)
GROUP_HEADING = re.compile(r"^#+ [EÉ]léments méthodologiques de mise en œuvre$")

# Bullets that the conversion put at the wrong depth, where no rule can tell from the text:
# (sheet, part) → {the bullet's first words: its depth (0 = top level)}. The bullet's sub-bullets
# move with it; a fix whose bullet is gone fails the import.
DEPTH_FIXES = {
    # « une formation en 4 modules » (L2026): the four modules are siblings, the seed indents
    # every other one under the module before it (L2027–L2030).
    ("12", "key_steps"): {
        "Eco-efficience des procédés": 1,
        "Communication environnementale sur le produit": 1,
    },
    # The three kinds of cost are the part's three bold lead-ins; the seed nests the second under
    # the first, and sets the third's explanation beside it (L3227–L3234).
    ("26", "costs"): {
        "**Un coût centré sur le temps de travail": 0,
        "A condition que le pôle capitalise": 1,
    },
}
APPLICABILITY = re.compile(
    r"^- (?:\*\*)?(?P<key>Secteurs?|Maturité) ?(?:\*\*)? ?: (?P<value>.+?)(?:\*\*)?$"
)


def records(seed: Seed) -> list[dict]:
    """Fixture records in dependency order: a record only points at records before it."""
    sheets = parse_sheets(seed)
    steps = path_steps(sheets)
    check_path_table(steps, sheets, rh_nav_bar(seed, sheets))
    return (
        enjeu_records(seed)
        + level_records(seed)
        + section_records(seed)
        + lever_records(seed)
        + [sheet_record(sheet) for sheet in sheets]
        + path_records(seed)
        + [step.as_record() for step in steps]
    )


# --- Markdown -------------------------------------------------------------------------------------


def is_furniture(text: str) -> bool:
    return (
        text in FURNITURE
        or bool(BADGE_LINE.match(text))
        or bool(NAV_BAR.match(text))
        or bool(FOOTNOTE.match(text))
    )


@dataclass
class Item:
    """A bullet (`level` ≥ 0) or a paragraph (`level` None), with its continuation lines.

    An empty string among `lines` starts a new paragraph inside the item.
    """

    level: int | None
    lines: list[str]


def parse_items(lines: list[str]) -> list[Item]:
    """Bullets and paragraphs of a run of seed lines, page furniture left out.

    The seed nests bullets by 2 spaces but not always regularly (sheet 26 jumps 0 → 4 → 2), so a
    bullet's level comes from the indents of the bullets still open above it, as in Markdown.
    """
    items: list[Item] = []
    open_indents: list[int] = []
    follows_text = False  # a line right after text (no blank between) continues it
    hard_break = False  # the line before ended in two spaces: a line break in Markdown
    for raw in lines:
        text = raw.replace("&nbsp;", " ").rstrip()
        if not text.strip() or is_furniture(text.strip()):
            follows_text = False
            continue
        if text.startswith("#"):  # a heading inside a part: a block of its own
            items.append(Item(None, [text]))
            open_indents = []
            follows_text = hard_break = False
            continue
        bullet = BULLET.match(text)
        if bullet:
            if not (bullet["text"] or "").strip():
                continue  # a bullet with nothing in it
            indent = len(bullet["indent"])
            while open_indents and open_indents[-1] >= indent:
                open_indents.pop()
            items.append(Item(len(open_indents), [bullet["text"].strip()]))
            open_indents.append(indent)
        elif follows_text:
            if hard_break:
                # The page set this line apart (an example under sheet 15's first step): a
                # paragraph of the same item. Not <br>, which is HTML in the Markdown, nor
                # trailing spaces, which do not survive editing.
                items[-1].lines.append("")
            items[-1].lines.append(text.strip())
        else:
            items.append(Item(None, [text.strip()]))
            open_indents = []
        follows_text = True
        hard_break = raw.endswith("  ")
    return items


def render_items(items: list[Item]) -> str:
    """Markdown for Python-Markdown: nested bullets indented by 4 spaces, paragraphs set apart."""
    out: list[str] = []
    for item in items:
        if item.level is None:
            out += ["", *item.lines, ""]
            continue
        pad = "    " * item.level
        out.append(f"{pad}- {item.lines[0]}")
        out += [f"{pad}    {line}" if line else "" for line in item.lines[1:]]
        if "" in item.lines:
            out.append("")  # else the next bullet would be read as the paragraph's last line
    return "\n".join(_squeeze_blanks(out))


def _squeeze_blanks(lines: list[str]) -> list[str]:
    squeezed: list[str] = []
    for line in lines:
        if line == "" and (not squeezed or squeezed[-1] == ""):
            continue
        squeezed.append(line)
    while squeezed and squeezed[-1] == "":
        squeezed.pop()
    return squeezed


def to_markdown(lines: list[str]) -> str:
    return render_items(parse_items(lines))


def bullet_block(seed: Seed, first: int) -> int:
    """Last line of the bullet at `first` with its sub-bullets and continuation lines."""
    indent = len(seed.line(first)) - len(seed.line(first).lstrip())
    last = first
    for number in range(first + 1, len(seed.lines) + 1):
        text = seed.line(number)
        if not text.strip():
            break
        if BULLET.match(text) and len(text) - len(text.lstrip()) <= indent:
            break
        last = number
    return last


def find_line(seed: Seed, start: str, after: int = 1) -> int:
    """Number of the first line from `after` on that starts with `start` (ignoring indent)."""
    for number in range(after, len(seed.lines) + 1):
        if seed.line(number).lstrip().startswith(start):
            return number
    raise ValueError(f"not in the guide: {start!r}")


def last_text_line(seed: Seed, first: int, stop: int) -> int:
    """Last non-blank line in `first`..`stop - 1`."""
    for number in range(stop - 1, first - 1, -1):
        if seed.line(number).strip():
            return number
    return first


def page_end(seed: Seed, heading: int) -> int:
    """Last non-blank line of the page whose heading is at `heading`."""
    for number in range(heading + 1, len(seed.lines) + 1):
        if PAGE_START.match(seed.line(number)):
            return last_text_line(seed, heading, number)
    return last_text_line(seed, heading, len(seed.lines) + 1)


# --- Enjeux and levels ----------------------------------------------------------------------------


def enjeu_records(seed: Seed) -> list[dict]:
    heading = find_line(seed, "# Interprétation des résultats de la grille")
    return [enjeu_record(seed, heading, *enjeu) for enjeu in ENJEUX]


def enjeu_record(seed: Seed, after: int, code: str, name: str, short: str, colour: str) -> dict:
    # The guide prints each axis as a lone letter line, its name as a heading, then bullets.
    letter = next(n for n in range(after, len(seed.lines)) if seed.line(n) == code)
    heading = find_line(seed, "## ", letter)
    if seed.line(heading) != f"## {name}":
        raise ValueError(f"axis {code} is headed {seed.line(heading)!r}, not {name!r}")
    first = find_line(seed, "- ", heading)
    last = bullet_run_end(seed, first)
    return record(
        "initiatives.enjeu",
        code=code,
        name=name,
        short_name=short,
        interpretation=to_markdown(seed.span(first, last)),
        colour=colour,
        source_lines=cite(letter, last),
    )


def bullet_run_end(seed: Seed, first: int) -> int:
    """Last line of the uninterrupted list of bullets starting at `first`."""
    last = first
    while last < len(seed.lines) and BULLET.match(seed.line(last + 1)):
        last += 1
    return last


def level_records(seed: Seed) -> list[dict]:
    return [level_record(seed, number, name) for number, name in LEVELS]


def level_record(seed: Seed, number: int, name: str) -> dict:
    # The sommaire prints "Niveau 1 : Fonctionnement interne"; check the name against it.
    if not any(line.lstrip("# ") == f"Niveau {number} : {name}" for line in seed.lines):
        raise ValueError(f"level {number} is not named {name!r} in the guide")
    first = find_line(seed, f"- **Niveau {number} : ")
    last = bullet_block(seed, first)
    heading, *details = parse_items(seed.span(first, last))
    for detail in details:
        detail.level -= 1
    return record(
        "initiatives.level",
        number=number,
        name=name,
        # The bold bullet reads as the lead-in of its sub-bullets.
        description=render_items([Item(None, heading.lines), *details]),
    )


# --- Sections and levers --------------------------------------------------------------------------


@dataclass
class SectionPage:
    code: str
    title: str
    heading: int
    last: int  # last line before the first sheet of the section


def section_pages(seed: Seed) -> list[SectionPage]:
    """The 8 synopsis pages (2B spans two half-pages), in the guide's order."""
    pages: dict[str, SectionPage] = {}
    for number, text in enumerate(seed.lines, start=1):
        match = SECTION_HEADING.match(text)
        if match and match["code"] not in pages:
            first_sheet = next(
                n for n in range(number + 1, len(seed.lines) + 1) if SHEET_PAGE.match(seed.line(n))
            )
            title = match["title"]
            pages[match["code"]] = SectionPage(
                match["code"],
                title[0].upper() + title[1:],  # five headings start lower-case
                number,
                last_text_line(seed, number, first_sheet),
            )
    if tuple(pages) != MATRIX_SECTIONS:
        raise ValueError(f"sections found in the guide: {tuple(pages)}")
    return list(pages.values())


def section_records(seed: Seed) -> list[dict]:
    return [strategy_section_record(seed)] + [
        section_record(seed, page, order) for order, page in enumerate(section_pages(seed), start=1)
    ]


def strategy_section_record(seed: Seed) -> dict:
    # The 9th section has no synopsis page: quote what the grid and the paths say about it.
    grid = find_line(seed, "- **La grille est organisée sur le modèle de la matrice")
    ninth = find_line(seed, "- **... englobées dans une 9<sup>e</sup> section", grid)
    cycle = find_line(seed, "- **Les parcours sont cycliques et repassent tous par la fiche +")
    cycle_end = bullet_block(seed, cycle)
    start = find_line(seed, "Départ « Agenda 21")
    return record(
        "initiatives.section",
        code=STRATEGY,
        enjeu=None,
        level=None,
        order=0,
        title=STRATEGY_TITLE,
        tagline=quoted(seed.line(start)),
        synopsis=to_markdown(seed.span(grid, ninth) + seed.span(cycle, cycle_end)),
        source_lines=f"{cite(grid, ninth)}, {cite(cycle, cycle_end)}, {cite(start)}",
    )


def quoted(text: str) -> str:
    """The text between « and »."""
    return text[text.index("«") + 1 : text.index("»")].strip()


def section_record(seed: Seed, page: SectionPage, order: int) -> dict:
    intro = seed.span(page.heading + 1, first_lever_line(seed, page) - 1)
    first_bullet = next(i for i, text in enumerate(intro) if BULLET.match(text))
    tagline = " ".join(
        text.strip()
        for text in intro[:first_bullet]
        if text.strip() and not is_furniture(text.strip())
    )
    return record(
        "initiatives.section",
        code=page.code,
        enjeu=[page.code[1]],
        level=[int(page.code[0])],
        order=order,
        title=page.title,
        tagline=tagline,
        synopsis=to_markdown(intro[first_bullet:]),
        source_lines=cite(page.heading, page.last),
    )


@dataclass
class LeverText:
    slug: str
    description: str
    sheets: tuple[str, ...]
    first: int
    last: int
    description_line: int | None = None  # where the description is, if not under the name


def section_levers(seed: Seed, page: SectionPage) -> list[LeverText]:
    """Each lever of a synopsis page: its paragraph and the sheet numbers printed under it."""
    labels = {
        label: spec.slug
        for spec in LEVERS
        if spec.section == page.code
        for label in (spec.name, *spec.aliases)
    }
    found = []
    for number in range(page.heading + 1, page.last + 1):
        text = seed.line(number)
        row = TABLE_LEVER.match(text)
        if row:  # 2C prints its levers as a table, one row each
            if row["name"] not in labels:
                raise ValueError(f"unknown lever {row['name']!r} in section {page.code}")
            sheets = tuple(row["sheets"].split())
            found.append(
                LeverText(labels[row["name"]], strip_tags(row["text"]), sheets, number, number)
            )
        elif lever_label(text) in labels:
            found.append(lever_paragraph(seed, number, page.last, labels[lever_label(text)]))
    return found


def lever_label(text: str) -> str:
    return text.lstrip("#").strip().removeprefix("**").removesuffix("**")


def strip_tags(text: str) -> str:
    # The table's <u> marked glossary links on paper; a bare underline would read as a dead link.
    return re.sub(r"</?(?:p|u)>", "", text).strip()


def lever_paragraph(seed: Seed, heading: int, stop: int, slug: str) -> LeverText:
    """The paragraph under a lever's heading, then the sheet numbers printed below it."""
    paragraph: list[str] = []
    sheets: list[str] = []
    last = heading
    for number in range(heading + 1, stop + 1):
        text = seed.line(number).strip()
        if not text:
            continue
        if re.fullmatch(r"\d+", text):
            sheets.append(text)
        elif sheets or text in FURNITURE or text.startswith(("#", "**")):
            break  # the next lever, or the page's navigation
        else:
            paragraph.append(text)
        last = number
    return LeverText(slug, "\n".join(paragraph), tuple(sheets), heading, last)


def first_lever_line(seed: Seed, page: SectionPage) -> int:
    return min(lever.first for lever in section_levers(seed, page))


def strategy_lever(seed: Seed) -> LeverText:
    """« Démarche Agenda 21 »: no synopsis page, only the grid's lever column (L442–L445).

    Its description is the Principe of its sheet, the Agenda 21 sheet « + » (L794).
    """
    spec = next(spec for spec in LEVERS if spec.slug == STRATEGY_LEVER)
    rows = [
        number for number, text in enumerate(seed.lines, start=1) if spec.name in text.split("\t")
    ]
    if not rows:
        raise ValueError(f"the grid prints no « {spec.name} »")
    first = last = rows[0]
    while last + 1 in rows:  # the legend table's strategy rows; the example table repeats two
        last += 1
    agenda21_page = sheet_page_headings(seed)[0][0]  # the first sheet is « + »
    principle = find_line(seed, "- ", find_line(seed, "## Principe", agenda21_page))
    description = BULLET.match(seed.line(principle))["text"].strip().strip("*")
    return LeverText(spec.slug, description, spec.sheets, first, last, principle)


def lever_records(seed: Seed) -> list[dict]:
    texts = {
        lever.slug: lever for page in section_pages(seed) for lever in section_levers(seed, page)
    }
    texts[STRATEGY_LEVER] = strategy_lever(seed)
    out = []
    for spec in LEVERS:
        text = texts.get(spec.slug)
        if text is None:
            raise ValueError(f"lever {spec.slug} is not on its synopsis page")
        if text.sheets != spec.sheets:
            raise ValueError(f"lever {spec.slug}: the guide lists sheets {text.sheets}")
        siblings = [other.slug for other in LEVERS if other.section == spec.section]
        out.append(
            record(
                "initiatives.lever",
                slug=spec.slug,
                name=spec.name,
                aliases="\n".join(spec.aliases),
                section=[spec.section],
                order=siblings.index(spec.slug) + 1,
                description=text.description,
                source_lines=", ".join(
                    [cite(text.first, text.last)]
                    + ([cite(text.description_line)] if text.description_line else [])
                ),
            )
        )
    return out


# --- Sheets ---------------------------------------------------------------------------------------


@dataclass
class Sheet:
    number: str
    title: str
    first: int
    last: int
    badges: list[tuple[int, int | None]]
    parts: dict[str, str]
    title_variants: list[str]

    @property
    def levers(self) -> list[str]:
        return [spec.slug for spec in LEVERS if self.number in spec.sheets]

    @property
    def section(self) -> str:
        sections = sorted({spec.section for spec in LEVERS if self.number in spec.sheets})
        if len(sections) > 1:
            raise ValueError(f"sheet {self.number} has levers in sections {sections}")
        return sections[0] if sections else STRATEGY


def sheet_record(sheet: Sheet) -> dict:
    return record(
        "initiatives.sheet",
        number=sheet.number,
        slug="agenda-21" if sheet.number == AGENDA21 else sheet.number,
        order=0 if sheet.number == AGENDA21 else int(sheet.number),
        title=sheet.title,
        title_variants="\n".join(sheet.title_variants),
        section=[sheet.section],
        levers=[[slug] for slug in sheet.levers],
        **sheet.parts,
        source_lines=cite(sheet.first, sheet.last),
    )


def sheet_page_headings(seed: Seed) -> list[tuple[int, int]]:
    """(page 1/2 heading, page 2/2 heading) of each sheet, in the guide's order."""
    ones = [n for n, text in enumerate(seed.lines, start=1) if page_of(text) == "1"]
    twos = [n for n, text in enumerate(seed.lines, start=1) if page_of(text) == "2"]
    pairs = []
    for one in ones:
        two = next(n for n in twos if n > one)
        if has_principe(seed, one):  # leaves out the two-page reading note
            pairs.append((one, two))
    return pairs


def page_of(text: str) -> str | None:
    match = SHEET_PAGE.match(text)
    return match["page"] if match else None


def has_principe(seed: Seed, heading: int) -> bool:
    return any(
        seed.line(n) == "## Principe" for n in range(heading + 1, page_end(seed, heading) + 1)
    )


def parse_sheets(seed: Seed) -> list[Sheet]:
    pairs = sheet_page_headings(seed)
    numbers = [AGENDA21] + [str(n) for n in range(1, len(pairs))]
    toc = sommaire(seed)
    sheets = [
        parse_sheet(seed, number, one, two, toc)
        for number, (one, two) in zip(numbers, pairs, strict=True)
    ]
    if len(sheets) != 37:
        raise ValueError(f"{len(sheets)} sheets in the guide, expected 37")
    return sheets


def parse_sheet(seed: Seed, number: str, one: int, two: int, toc: dict) -> Sheet:
    title = SHEET_PAGE.match(seed.line(one))["title"]
    if SHEET_PAGE.match(seed.line(two))["title"] != title:
        raise ValueError(f"sheet {number}: its two pages have different titles")
    badges = page_badges(seed, one)
    check_sheet_number(number, title, badges, toc)
    if page_badges(seed, two) not in ([], badges):
        raise ValueError(f"sheet {number}: its two pages carry different badges")
    if badges:
        badges = badges[:-1]  # the last number is the sheet's own
    last = page_end(seed, two)
    parts = sheet_parts(seed, number, [(one, page_end(seed, one)), (two, last)])
    variants = [entry for entry in toc.get(number, {}).get("titles", []) if entry != title]
    sheet = Sheet(number, title, one, last, badges, parts, list(dict.fromkeys(variants)))
    check_sommaire(sheet, toc)
    return sheet


def check_sommaire(sheet: Sheet, toc: dict) -> None:
    """The sommaire must file the sheet under the section and levers that LEVERS gives it."""
    if sheet.number == AGENDA21:
        return  # the sommaire leaves the Agenda 21 sheet out
    entry = toc[sheet.number]
    names = {spec.name for spec in LEVERS if spec.slug in sheet.levers}
    if entry["section"] != sheet.section or set(entry["levers"]) != names:
        raise ValueError(f"sheet {sheet.number}: the sommaire files it under {entry}")


def page_badges(seed: Seed, heading: int) -> list[tuple[int, int | None]]:
    """Numbers printed after a page's title: path badges, then the sheet number."""
    strings = [SHEET_PAGE.match(seed.line(heading))["tail"]]
    for number in range(heading + 1, page_end(seed, heading) + 1):
        text = seed.line(number).strip()
        if text.startswith("#"):
            break
        strings.append(text if BADGE_LINE.match(text) else "")
    return [
        (int(match[1]), int(match[2]) if match[2] else None)
        for string in strings
        for match in BADGE.finditer(string)
    ]


def check_sheet_number(number: str, title: str, badges: list, toc: dict) -> None:
    # Sheets are numbered by their order; the printed number, or else the sommaire, must agree.
    if number == AGENDA21:
        return
    printed = badges[-1] if badges else None
    if printed is not None and printed != (int(number), None):
        raise ValueError(f"sheet at position {number} is printed as {printed}")
    if printed is None and title not in toc[number]["titles"]:
        raise ValueError(f"sheet {number} ({title!r}) is not in the sommaire under that number")


def sheet_parts(seed: Seed, number: str, pages: list[tuple[int, int]]) -> dict[str, str]:
    lines_of: dict[str, list[str]] = {}
    footnotes: dict[str, str] = {}
    for first, last in pages:
        current = None
        for line_number in range(first + 1, last + 1):
            text = seed.line(line_number)
            footnote = FOOTNOTE.match(text)
            if footnote:
                footnotes[footnote["mark"]] = footnote["text"]
            # A part is known by its name, whatever its heading's level: sheet 33 prints
            # « Cas pratique » and « Applicabilité » at ### as if under « Éléments
            # méthodologiques » (L3883, L3887), the others at ##.
            name = part_name(text) if text.startswith("#") else None
            if name:
                if name in lines_of:
                    raise ValueError(f"sheet {number}: two « {text} » headings")
                current = name
                lines_of[current] = []
            elif GROUP_HEADING.match(text):
                current = None  # the heading of the three « mise en œuvre » parts
            elif current:
                lines_of[current].append(text)  # another heading stays in its part
    missing = [name for name, _ in PART_HEADINGS if name not in lines_of]
    if missing:
        raise ValueError(f"sheet {number} has no {missing}")
    parts = {
        name: add_footnotes(render_items(fix_depths(number, name, parse_items(lines))), footnotes)
        for name, lines in lines_of.items()
        if name not in ("case_study", "applicability")
    }
    parts["case_study"] = add_footnotes(case_study(lines_of["case_study"]), footnotes)
    parts.update(applicability(number, lines_of["applicability"]))
    return {name: parts[name] for name in SheetModel.PARTS}


def fix_depths(number: str, part: str, items: list[Item]) -> list[Item]:
    """Items with DEPTH_FIXES applied: each listed bullet moves, with its sub-bullets."""
    fixes = dict(DEPTH_FIXES.get((number, part), {}))
    for index, item in enumerate(items):
        start = next((text for text in fixes if item.lines[0].startswith(text)), None)
        if start is None or item.level is None:
            continue
        old, shift = item.level, fixes.pop(start) - item.level
        item.level += shift
        for below in items[index + 1 :]:
            if below.level is None or below.level <= old:
                break
            below.level += shift
    if fixes:
        raise ValueError(f"sheet {number} {part}: no bullet starts with {sorted(fixes)}")
    return items


def part_name(heading: str) -> str | None:
    """The part a sub-heading opens, or None for a heading that opens none (« Éléments … »)."""
    return next((name for name, pattern in PART_HEADINGS if pattern.match(heading)), None)


def add_footnotes(markdown: str, footnotes: dict[str, str]) -> str:
    # Sheet 28 explains « ARIA¹ » at the foot of its page; repeat it under each part that uses it.
    notes = [
        f"<sup>{mark}</sup> {text}"
        for mark, text in sorted(footnotes.items())
        if f"<sup>{mark}</sup>" in markdown
    ]
    return "\n\n".join([markdown, *notes])


def case_study(lines: list[str]) -> str:
    """The case and what it did, without its 2012 contact: no names, e-mails or phone numbers."""
    kept: list[Item] = []
    dropped_level: int | None = None
    for item in parse_items(lines):
        if dropped_level is not None and item.level is not None and item.level > dropped_level:
            continue  # a sub-bullet of the contact
        dropped_level = None
        if CONTACT.match(item.lines[0]):
            dropped_level = item.level
            continue
        kept.append(item)
    text = render_items(kept)
    if EMAIL.search(text) or PHONE.search(text):
        raise ValueError(f"a contact is left in the case study: {text!r}")
    return text


def applicability(number: str, lines: list[str]) -> dict[str, str]:
    values = {}
    for text in lines:
        match = APPLICABILITY.match(text.strip())
        if match:
            values["sector" if match["key"].startswith("Secteur") else "maturity"] = match[
                "value"
            ].strip()
    if set(values) != {"sector", "maturity"}:
        raise ValueError(f"sheet {number}: no sector and maturity in {lines!r}")
    return values


def sommaire(seed: Seed) -> dict[str, dict]:
    """Sheet number → its section, levers and titles as the 7-page sommaire lists them."""
    first = find_line(seed, "# Sommaire des fiches initiatives (1/7)")
    last = find_line(seed, "- I. Introduction", first)
    toc: dict[str, dict] = {}
    section = lever = None
    for text in seed.span(first, last):
        if re.fullmatch(r"[12][A-D]", text):
            section = text
        cells = text.split("\t")
        if section and len(cells) == 3 and re.fullmatch(r"\d+", cells[2]):
            lever = cells[0] or lever  # a blank lever cell repeats the one above
            entry = toc.setdefault(cells[2], {"section": section, "levers": [], "titles": []})
            entry["levers"].append(lever)
            entry["titles"].append(cells[1])
    return toc


# --- Paths ----------------------------------------------------------------------------------------


def path_records(seed: Seed) -> list[dict]:
    buttons = path_buttons(seed)
    colours = {code: colour for code, _, _, colour in ENJEUX}
    rules = path_rules(seed)
    return [
        record(
            "initiatives.path",
            code=code,
            slug=code.lower(),
            name=buttons[order - 1],
            description=to_markdown(rules_for(rules, name)),
            enjeu=[enjeu] if enjeu else None,
            order=order,
            colour=colours[enjeu] if enjeu else EXEMPLARITY_COLOUR,
        )
        for order, (code, enjeu, name) in enumerate(PATHS, start=1)
    ]


def path_buttons(seed: Seed) -> list[str]:
    """The names on the « Parcours « … » » start buttons, checked against PATHS."""
    names = [quoted(text) for text in seed.lines if text.startswith("Parcours « ")]
    if names != [name for _, _, name in PATHS]:
        raise ValueError(f"the start buttons read {names}")
    return names


def path_rules(seed: Seed) -> list[str]:
    """The bullets that explain how paths work, from « Choisir son parcours … »."""
    heading = find_line(seed, "## Choisir son parcours de développement durable")
    first = find_line(seed, "- ", heading)
    return seed.span(first, bullet_run_end(seed, first))


def rules_for(rules: list[str], name: str) -> list[str]:
    # One rule is about the 4-step R&D path only; leave it off the other paths' pages.
    others = [f"« {other} »" for _, _, other in PATHS if other != name]
    return [text for text in rules if not any(other in text for other in others)]


@dataclass(frozen=True)
class Step:
    path: str
    step: int
    option: int | None
    sheet: str
    inferred: bool

    def as_record(self) -> dict:
        return record(
            "initiatives.pathstep",
            path=[self.path],
            step=self.step,
            option=self.option,
            sheet=[self.sheet],
            inferred=self.inferred,
        )


def path_steps(sheets: list[Sheet]) -> list[Step]:
    unbadged = {sheet.number for sheet in sheets if not sheet.badges} - {AGENDA21}
    steps = []
    for code, _, _ in PATHS:
        for slot in PATH_TABLE[code].split():
            place, sheet = slot.split(":")
            step, _, option = place.partition(".")
            steps.append(
                Step(code, int(step), int(option) if option else None, sheet, sheet in unbadged)
            )
    return steps


def rh_nav_bar(seed: Seed, sheets: list[Sheet]) -> list[tuple[int, int | None]]:
    """The one path bar that survived (sheets 22 and 31): the slots of the RH path."""
    pages = seed.span(sheets[0].first, sheets[-1].last)
    bars = {text for text in pages if NAV_BAR.match(text)}
    if len(bars) != 1:
        raise ValueError(f"expected one printed path bar, found {bars}")
    return [(int(m[1]), int(m[2]) if m[2] else None) for m in BADGE.finditer(bars.pop())]


def check_path_table(steps: list[Step], sheets: list[Sheet], rh_bar: list) -> None:
    """Hold PATH_TABLE to the guide: badges, the RH bar, and which sheets a path may use."""
    by_number = {sheet.number: sheet for sheet in sheets}
    path_order = [code for code, _, _ in PATHS]
    for sheet in sheets:
        mine = sorted(
            (s for s in steps if s.sheet == sheet.number), key=lambda s: path_order.index(s.path)
        )
        if sheet.badges and [(s.step, s.option) for s in mine] != sheet.badges:
            raise ValueError(f"sheet {sheet.number} prints {sheet.badges}, the table says {mine}")
        if sheet.number != AGENDA21 and not mine:
            raise ValueError(f"sheet {sheet.number} is on no path")
    enjeu_of = {code: enjeu for code, enjeu, _ in PATHS}
    for step in steps:
        section = by_number[step.sheet].section
        if not path_may_use(enjeu_of[step.path], section):
            raise ValueError(f"{step} uses a sheet of section {section}")
    if [(s.step, s.option) for s in steps if s.path == "RH"] != rh_bar:
        raise ValueError(f"the RH path differs from its printed bar {rh_bar}")


def path_may_use(enjeu: str | None, section: str) -> bool:
    """A thematic path keeps to its enjeu's sheets; the transversal one to niveau-1 sheets."""
    if section == STRATEGY:
        return False  # the Agenda 21 sheet opens and closes every path but is no step of one
    return section[0] == "1" if enjeu is None else section[1] == enjeu
