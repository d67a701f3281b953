"""The « démarche » page: introduction concepts (guide-structure §9) and references (§8).

Every text is read from the seed, found by the heading that opens it rather than by a fixed line
number, so that a shifted seed still parses or fails loudly. Bodies are Markdown: the guide's
items stay list items; nested items are indented by four spaces, as Python-Markdown requires.
"""

import re

from .seed import Seed, cite, record

CONCEPT = "initiatives.concept"
REFERENCE = "initiatives.reference"

# How many items each part must yield; a different count means the seed is not the 2012 guide.
EXPECTED = {
    "lever_family": 4,
    "success_factor": 6,
    "sndd_challenge": 9,
    "iso_subject": 7,
    "cycle_link": 5,
    "entry_route": 2,
    "action_level": 2,
    "reference": 12,
}

BULLET = re.compile(r"^- (.+)$")
SUB_BULLET = re.compile(r"^ {2}- (.+)$")
BOLD = re.compile(r"^\*\*(.+?)\*\*$")


def records(seed: Seed) -> list[dict]:
    concepts = (
        lever_families(seed)
        + success_factors(seed)
        + bullet_list(seed, "## 9 défis de la Stratégie nationale de DD", "sndd_challenge")
        # Order of L241–L249 (the glossary's ISO 26000 entry lists them in another order).
        + bullet_list(seed, "## 7 questions centrales de l'ISO 26000", "iso_subject")
        + cycle_links(seed)
        + entry_routes(seed)
        + action_levels(seed)
    )
    return concepts + references(seed)


# --- helpers -------------------------------------------------------------------------------------


def find(seed: Seed, text: str, start: int = 1) -> int:
    """Number of the first line from `start` that reads `text` (surrounding spaces ignored)."""
    for number in range(start, len(seed.lines) + 1):
        if seed.line(number).strip() == text:
            return number
    raise ValueError(f"not found in the seed after L{start}: {text!r}")


def check(kind: str, items: list) -> list:
    if len(items) != EXPECTED[kind]:
        raise ValueError(f"{kind}: expected {EXPECTED[kind]} items, parsed {len(items)}")
    return items


def concept(kind: str, order: int, title: str, body: str, lines: str) -> dict:
    return record(CONCEPT, kind=kind, order=order, title=title, body=body, source_lines=lines)


def bullets(items: list[str]) -> list[str]:
    return [f"- {item}" for item in items]


def capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]


# --- concepts ------------------------------------------------------------------------------------


def lever_families(seed: Seed) -> list[dict]:
    """§9.1, a diagram of 4 families around « DÉVELOPPEMENT DURABLE » that the conversion flattened.

    Each `## item` (a lever) is followed by its `- benefits`. Before the centre heading a family's
    label comes after its items; after the centre it comes before them. This is the reading of
    guide-structure §9.1 (left-hand labels sit under their boxes, right-hand ones above).
    """
    first = find(seed, "# Le développement durable (DD) au service des pôles : un facteur de "
                       "compétitivité pour les membres et les territoires") + 1
    centre = find(seed, "## DÉVELOPPEMENT DURABLE", first)
    last = find(seed, "# Les pôles, acteurs légitimes et appropriés pour diffuser un DD compétitif "
                      "au sein de leur écosystème d'innovation", centre) - 1

    # Read the diagram as a sequence of labels and items, then attach the items to a label.
    sequence: list[tuple[str, int, str]] = []  # (kind, line, text); kind in label/lever/benefit
    for number in range(first, last + 1):
        text = seed.line(number).rstrip()
        if not text.strip() or number == centre:
            continue
        if text.startswith("### Des leviers "):
            sequence.append(("label", number, capitalise(text.removeprefix("### Des "))))
        elif text.startswith("## "):
            sequence.append(("lever", number, text.removeprefix("## ")))
        elif match := BULLET.match(text):
            sequence.append(("benefit", number, match[1]))
        else:
            raise ValueError(f"L{number}: unexpected line in the lever diagram: {text!r}")

    families: list[dict] = []
    waiting: list[tuple[str, int, str]] = []  # items before the centre, awaiting their label
    for kind, number, text in sequence:
        if kind == "label":
            families.append({"label": text, "items": waiting if number < centre else []})
            families[-1]["lines"] = [n for _k, n, _t in families[-1]["items"]] + [number]
            waiting = []
        elif number < centre:
            waiting.append((kind, number, text))
        else:
            families[-1]["items"].append((kind, number, text))
            families[-1]["lines"].append(number)
    if waiting:
        raise ValueError("lever diagram: items without a family label")

    out = []
    for order, family in enumerate(check("lever_family", families), start=1):
        # A lever in bold, its benefits nested under it (four spaces for Python-Markdown).
        body = [f"- **{text}**" if kind == "lever" else f"    - {text}"
                for kind, _n, text in family["items"]]
        lines = family["lines"]
        out.append(concept("lever_family", order, family["label"], "\n".join(body),
                           cite(min(lines), max(lines))))
    return out


def success_factors(seed: Seed) -> list[dict]:
    """§9.3: `## Factor` then one bullet of text; the printed numbers 1–6 give the order."""
    first = find(seed, "# Les 6 facteurs-clefs de succès et de valorisation économique d'une "
                       "stratégie de DD dans une organisation<sup>1</sup>")
    footnote = find(seed, "<sup>1</sup>Burke et Logsdon", first)
    out = []
    for number in range(first + 1, footnote):
        text = seed.line(number)
        if not text.startswith("## "):
            continue
        printed = next(n for n in range(number - 1, first, -1) if seed.line(n).strip())
        if seed.line(printed).strip() != str(len(out) + 1):
            raise ValueError(f"L{printed}: expected the number of success factor {len(out) + 1}")
        body_line = next(n for n in range(number + 1, footnote) if seed.line(n).strip())
        body = BULLET.match(seed.line(body_line))
        if not body:
            raise ValueError(f"L{body_line}: a success factor's text should be one bullet")
        # The guide sets each factor's paragraph as a lone bullet: it is a paragraph, not a list.
        out.append(concept("success_factor", len(out) + 1, text.removeprefix("## "), body[1],
                           cite(number, body_line)))
    return check("success_factor", out)


def bullet_list(seed: Seed, heading: str, kind: str) -> list[dict]:
    """A heading followed by one bullet per item (§9.4, §9.5): the item is the title."""
    number = find(seed, heading) + 1
    while not seed.line(number).strip():
        number += 1
    out = []
    while match := BULLET.match(seed.line(number)):
        out.append(concept(kind, len(out) + 1, match[1].strip(), "", cite(number)))
        number += 1
    return check(kind, out)


def cycle_links(seed: Seed) -> list[dict]:
    """§9.9: `**n** Title` then the example actions as bullets, for the 5 links of the cycle."""
    start = find(seed, "## Zoom : le cycle vertueux en 5 chaînons pour concevoir et engager une "
                       "démarche collaborative de DD")
    link = re.compile(r"^\*\*(\d)\*\* (.+)$")
    out = []
    number = start
    while len(out) < EXPECTED["cycle_link"]:
        number += 1
        match = link.match(seed.line(number))
        if not match:
            continue
        if int(match[1]) != len(out) + 1:
            raise ValueError(f"L{number}: cycle link {match[1]} out of order")
        actions, last = [], number + 1
        while not seed.line(last).strip():
            last += 1
        # The actions are the bullets right under the title; a blank line ends them.
        while bullet := BULLET.match(seed.line(last)):
            actions.append(bullet[1])
            last += 1
        out.append(concept("cycle_link", len(out) + 1, match[2].strip(),
                           "\n".join(bullets(actions)), cite(number, last - 1)))
    return check("cycle_link", out)


def entry_routes(seed: Seed) -> list[dict]:
    """§9.8: `Stratégique (1) : …` and `Opérationnelle (4) : …`; (n) is the link they enter at.

    The title gains the word « Voie » that the heading L294 uses for both; the body is the text
    after the colon, capitalised. The shared goals printed under them (L301–L308) are not a route.
    """
    start = find(seed, "- **Possibilité d'entrer dans le cycle par la voie :**")
    route = re.compile(r"^(\w+) (\(\d\)) : (.+)$")
    out = []
    number = start + 1
    while match := SUB_BULLET.match(seed.line(number)):
        parts = route.match(match[1])
        if not parts:
            raise ValueError(f"L{number}: unexpected entry route {match[1]!r}")
        title = f"Voie {parts[1].lower()} {parts[2]}"
        out.append(concept("entry_route", len(out) + 1, title, capitalise(parts[3]),
                           cite(number)))
        number += 1
    return check("entry_route", out)


def action_levels(seed: Seed) -> list[dict]:
    """§9.7: `**Niveau n : …**` with its sub-bullets.

    The « Elargissement radical … » block (L279–L281) describes what level 2 opens up, so it is
    appended to level 2 as printed; its lines are cited too.
    """
    start = find(seed, "## 2 niveaux d'actions à exploiter pour couvrir progressivement tous "
                       "les champs du DD")
    blocks: list[tuple[int, str, list[str], int]] = []  # (first line, bold text, items, last)
    number = start + 1
    while not seed.line(number).strip():
        number += 1
    while match := BULLET.match(seed.line(number)):
        first, head, items = number, match[1], []
        number += 1
        while sub := SUB_BULLET.match(seed.line(number)):
            items.append(sub[1])
            number += 1
        blocks.append((first, head, items, number - 1))

    levels = [b for b in blocks if b[1].startswith("**Niveau ")]
    widening = next(b for b in blocks if b[1].startswith("**Elargissement radical"))
    out = []
    for order, (first, head, items, last) in enumerate(check("action_level", levels), start=1):
        title = BOLD.match(head)[1]
        body = bullets(items)
        lines = cite(first, last)
        if order == 2:
            w_first, w_head, w_items, w_last = widening
            body += ["", w_head, ""] + bullets(w_items)
            lines = f"{cite(w_first, w_last)}, {lines}"
        out.append(concept("action_level", order, title, "\n".join(body), lines))
    return out


# --- references ----------------------------------------------------------------------------------


def references(seed: Seed) -> list[dict]:
    """§8: `## Category` then one bullet per entry, kept as printed (italics, typos, <sup>)."""
    start = find(seed, "# Principaux ouvrages et études de référence")
    out = []
    category = None
    number = start + 1
    while number <= len(seed.lines):
        text = seed.line(number).rstrip()
        if text.startswith("#"):
            if not text.startswith("## "):
                break
            category = text.removeprefix("## ")
        elif match := BULLET.match(text):
            out.append(record(REFERENCE, category=category, order=len(out) + 1, text=match[1],
                              source_lines=cite(number)))
        elif text.strip():
            break  # the publisher's address (L4566) closes the list
        number += 1
    return check("reference", out)
