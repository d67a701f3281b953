"""The glossary's 46 terms and their links to sheets (guide-structure §7).

Terms and definitions are parsed from the seed (L4204–L4529). The bare numbers printed in an
entry are its sheet links (`explicit`); « + » is the Agenda 21 sheet. Links for terms that print
none are our proposals (`proposed`), written in `PROPOSALS` below, each with a note citing the
line that supports it; the cited line is checked against the seed so that a note cannot drift.
"""

import re
from typing import NamedTuple

from django.utils.text import slugify

from .seed import Seed, cite, record

TERM = "glossary.glossaryterm"
LINK = "glossary.glossarylink"
EXPECTED_TERMS = 46

START = "# Glossaire (1/15)"
# Page furniture: page headers (one of them printed `##`), the back link and the final nav bar.
PAGE_HEADER = re.compile(r"^#{1,3} Glossaire \(\d+/15\)$")
BACK_LINK = "[Retour vers le sommaire](#)"
NAV_BAR = "- I. Introduction →"

# Entries are `##` headings, but three on page 8/15 are printed `###`.
HEADING = re.compile(r"^#{2,3} (.+)$")
# A line of sheet numbers, e.g. `11 12`, `+ 7`, or `27 (GPEC)` whose acronym belongs to the term.
NUMBERS = re.compile(r"^(?P<sheets>[+\d]+(?: [+\d]+)*)(?: \((?P<acronym>[^)]+)\))?$")
BULLET = re.compile(r"^- (.+)$")
SUB_BULLET = re.compile(r"^ {2}- (.+)$")


class Entry(NamedTuple):
    term: str
    heading_line: int
    sheets: tuple[tuple[str, int], ...]  # (sheet number, line printed on)
    definition: str
    last_line: int

    @property
    def slug(self) -> str:
        return slugify(self.term)


class Proposal(NamedTuple):
    sheet: str
    line: int
    needle: str  # words that must appear on `line`, so the citation is checked
    why: str
    more: str = ""

    @property
    def note(self) -> str:
        note = f"Fiche {self.sheet} : {self.why} ({cite(self.line)})"
        return f"{note} ; {self.more}" if self.more else note


P = Proposal

# Notes on every printed link of a term whose numbers are oddly placed or look wrong (§11).
EXPLICIT_NOTES = {
    "relations-et-conditions-de-travail": (
        "Numéros imprimés après le texte de l'entrée, juste avant « Reporting développement "
        "durable » (L4468) ; leur sujet (emploi, dialogue social, santé) est celui de cette entrée."
    ),
    "mobilite-durable": (
        "Renvoi imprimé (L4421), probablement erroné : la fiche 18 traite des achats "
        "responsables ; voir la fiche 16, proposée."
    ),
}

# Proposed links (guide-structure §7, PROPOSAL column), keyed by term slug, sheets in guide
# order. Terms absent here have no proposal: « Droits de l'Homme », « Economie de
# fonctionnalité » and « Normes internationales de comportement », whose weak candidates
# (34, 8; 15; 8, 34) do not treat the notion.
PROPOSALS: dict[str, tuple[Proposal, ...]] = {
    "biomimetisme": (
        P("13", 2086, "pistes d'innovation sur les espèces locales",
          "nouvelles pistes d'innovation à partir des espèces locales"),
    ),
    "developpement-durable": (
        P("+", 794, "stratégie globale de DD",
          "stratégie globale de développement durable du pôle"),
        P("21", 2765, "vision sur le développement durable",
          "académie où pôles et parties prenantes partagent une vision du développement durable"),
    ),
    "diagnostic-partage": (
        P("+", 839, "Diagnostic initial de développement durable partagé",
          "diagnostic initial de développement durable partagé avec les parties prenantes",
          "l'entrée du glossaire laisse vide la place des numéros (L4277–L4279)"),
        P("7", 1482, "diagnostic concerté", "diagnostic concerté des enjeux locaux"),
        P("8", 1593, "**Diagnostic partagé**",
          "« Diagnostic partagé » en gras, ancre probable d'un lien vers le glossaire"),
    ),
    "eco-technologies": (
        P("10", 1792, "pôles Ecotechnologies",
          "critères du label plus exigeants dans les pôles Ecotechnologies"),
        P("23", 2955, "technologies vertes",
          "transition des entreprises vers les technologies vertes"),
    ),
    "economie-circulaire": (
        P("14", 2159, "groupe de travail sur le recyclage", "groupe de travail sur le recyclage"),
        P("15", 2284, "mutualisation des flux énergétiques",
          "mutualisation des flux énergétiques entre les entreprises du cluster Ecodev"),
    ),
    "ecosysteme": (
        P("+", 837, "périmètre de l'écosystème",
          "identification du périmètre de l'écosystème de déploiement de l'Agenda 21"),
        P("6", 1442, "des usagers",
          "living lab réunissant industriels, université, pôle et usagers"),
        P("15", 2284, "cluster Ecodev",
          "entreprises du cluster Ecodev qui mutualisent leurs flux"),
    ),
    "engagement-societal": (
        P("7", 1474, "plans locaux de DD",
          "le pôle prend part aux plans locaux de développement durable de son territoire"),
        P("29", 3466, "jeunesse à l'échelle du territoire",
          "exposition pour le public et la jeunesse du territoire"),
        P("35", 4025, "centre culturel ouvert au public",
          "centre culturel ouvert au public, notamment scolaire"),
    ),
    "green-social-washing": (
        P("3", 1126, "label de développement durable exigent",
          "label exigeant, qui fonde l'affichage des entreprises sur des démarches réelles"),
        P("7", 1480, "Eviter le greenwashing",
          "« Eviter le greenwashing » par l'ancrage territorial"),
        P("16", 2373, "Communication sur le bilan",
          "communication fondée sur un bilan carbone mesuré"),
    ),
    "iso-26000": (
        P("+", 840, "ISO 26000", "diagnostic initial inspiré de la SNDD et de l'ISO 26000"),
    ),
    "participation": (
        P("1", 923, "consultation ou participation",
          "consultation ou participation de la société civile dans la gouvernance du pôle"),
        P("5", 1297, "confrontant l'ensemble des parties prenantes",
          "réflexion prospective ouverte à l'ensemble des parties prenantes"),
        P("7", 1519, "co-décision",
          "5 niveaux d'intégration, de l'information à la co-décision (le glossaire en cite 4)"),
    ),
    "parties-prenantes": (
        P("+", 852, "parties prenantes",
          "implication des parties prenantes à chaque étape du cycle stratégique"),
        P("1", 912, "parties prenantes",
          "implication des parties prenantes dans la gouvernance du pôle"),
        P("5", 1297, "parties prenantes",
          "réflexion prospective ouverte à l'ensemble des parties prenantes"),
        P("8", 1603, "**parties prenantes**",
          "« parties prenantes » en gras, ancre probable d'un lien vers le glossaire"),
    ),
    "principe-de-legalite": (
        P("8", 1114, "respectueuse de la légalité",
          "levier « Bonnes pratiques des affaires », conduite « respectueuse de la légalité »"),
    ),
    "principe-de-precaution": (
        P("19", 2570, "Gestion des risques territoriaux",
          "label de gestion des risques territoriaux"),
        P("22", 2869, "management des risques", "management des risques dans les PME"),
        P("32", 3724, "risques professionnels et sanitaires",
          "évaluation anticipée des risques sanitaires de la filière"),
    ),
    "questions-relatives-aux-consommateurs": (
        P("1", 935, "associations de consommateurs",
          "associations de consommateurs associées à la gouvernance"),
        P("6", 1397, "utilisateur final", "accès à l'utilisateur final dans le living lab"),
        P("18", 1883, "consommation responsable", "levier « Consommations responsables »"),
    ),
    "reporting-developpement-durable": (
        P("+", 846, "Reporting fréquent", "reporting au comité de pilotage et bilan annuel au CA"),
        P("1", 971, "comptes-rendus publics",
          "implication des parties prenantes rendue publique dans les comptes-rendus"),
        P("16", 2373, "Communication sur le bilan", "publication du bilan carbone"),
    ),
    "resilience": (
        P("19", 2577, "capacité de résilience",
          "label qui améliore la capacité de résilience des territoires"),
        P("22", 2869, "management des risques", "management des risques dans les PME"),
    ),
    "responsabilite-societale-des-organisations": (
        P("3", 1136, "démarche RSE", "reconnaissance d'une démarche RSE par un label"),
        P("4", 1209, "actions de DD",
          "accompagnement collectif des entreprises dans leurs actions de développement durable"),
        P("9", 1699, "Volet RSE", "bonus RSE dans la labellisation des projets"),
    ),
    "strategie-nationale-de-developpement-durable-sndd": (
        P("+", 840, "SNDD", "diagnostic initial inspiré de la SNDD et de l'ISO 26000"),
        P("34", 3913, "Stratégie Nationale de Développement Durable",
          "levier « Ouverture internationale de la recherche », objectif partagé avec la SNDD"),
    ),
    "societe-civile": (
        P("1", 923, "société civile",
          "représentants de la société civile dans la gouvernance du pôle"),
        P("5", 1289, "société civile", "groupes de travail ouverts à la société civile"),
        P("35", 4025, "société civile", "ouvrir la recherche à la société civile"),
    ),
    "sphere-dinfluence": (
        P("3", 655, "Promotion de la RSE dans la sphère d'influence",
          "levier « Promotion de la RSE dans la sphère d'influence »"),
        P("4", 1219, "sphère d'influence", "présence éthique du pôle dans sa sphère d'influence"),
    ),
    "transparence": (
        P("1", 908, "règles exemplaires de transparence",
          "levier « Responsabilité de rendre compte », « règles exemplaires de transparence »"),
    ),
    "transversalite": (
        P("+", 794, "stratégie globale de DD",
          "stratégie globale de développement durable, du diagnostic au plan d'actions"),
        P("7", 1520, "transversalité",
          "la transversalité, l'un des 5 éléments des démarches territoriales"),
    ),
    # Terms with explicit links that §7/§11 suggest completing.
    "mobilite-durable": (
        P("16", 2350, "moyens de transport des participants",
          "le transport des participants, principal impact du bilan carbone",
          "le renvoi imprimé vers la fiche 18 (L4421) paraît erroné"),
    ),
    "gestion-previsionnelle-des-emplois-et-des-competences-gpec": (
        P("26", 3266, "GPEC", "club RH inscrit dans un ensemble d'actions RH (ex : GPEC)"),
        P("30", 3540, "GPEC", "commission emploi-formation sur les problématiques de GPEC"),
    ),
}


def records(seed: Seed) -> list[dict]:
    entries = parse(seed)
    terms = [
        record(TERM, slug=e.slug, term=e.term, order=order, definition=e.definition,
               source_lines=cite(e.heading_line, e.last_line))
        for order, e in enumerate(entries, start=1)
    ]
    return terms + links(seed, entries)


def sheet_key(number: str) -> int:
    """Sheets in guide order: « + » (Agenda 21) first, then 1–36."""
    return 0 if number == "+" else int(number)


def links(seed: Seed, entries: list[Entry]) -> list[dict]:
    known = {e.slug for e in entries}
    if unknown := set(PROPOSALS) - known:
        raise ValueError(f"proposals for unknown terms: {sorted(unknown)}")
    out = []
    for entry in entries:
        rows: dict[str, dict] = {}
        for sheet, _line in entry.sheets:
            rows[sheet] = record(LINK, term=[entry.slug], sheet=[sheet], kind="explicit",
                                 note=EXPLICIT_NOTES.get(entry.slug, ""))
        for proposal in PROPOSALS.get(entry.slug, ()):
            if proposal.needle.lower() not in seed.line(proposal.line).lower():
                raise ValueError(f"{entry.slug} → {proposal.sheet}: L{proposal.line} does not "
                                 f"contain {proposal.needle!r}")
            # A pair appears once: a printed link is never doubled by a proposal.
            if proposal.sheet in rows:
                raise ValueError(f"{entry.slug} → {proposal.sheet} is already printed")
            rows[proposal.sheet] = record(LINK, term=[entry.slug], sheet=[proposal.sheet],
                                          kind="proposed", note=proposal.note)
        out += [rows[sheet] for sheet in sorted(rows, key=sheet_key)]
    return out


def parse(seed: Seed) -> list[Entry]:
    first = seed.lines.index(START) + 1
    last = seed.lines.index(NAV_BAR, first) - 1

    blocks: list[dict] = []
    for number in range(first, last + 1):
        text = seed.line(number).rstrip()
        if not text.strip() or text == BACK_LINK or PAGE_HEADER.match(text):
            continue
        if heading := HEADING.match(text):
            blocks.append({"term": heading[1].strip(), "line": number, "sheets": [], "text": []})
            continue
        if not blocks:
            raise ValueError(f"L{number}: text before the first glossary entry")
        block = blocks[-1]
        # Numbers usually follow the heading; « Relations et conditions de travail » prints them
        # after its text (L4468), still inside its block, so they are read the same way.
        if numbers := NUMBERS.match(text):
            block["sheets"] += [(n, number) for n in numbers["sheets"].split()]
            if numbers["acronym"]:
                # `27 (GPEC)`: the acronym printed with the number completes the heading.
                block["term"] += f" ({numbers['acronym']})"
        else:
            block["text"].append((number, text))

    entries = [
        Entry(
            term=b["term"],
            heading_line=b["line"],
            sheets=tuple(b["sheets"]),
            definition=to_markdown(b["text"]),
            last_line=max([b["line"]] + [n for _s, n in b["sheets"]] + [n for n, _t in b["text"]]),
        )
        for b in blocks
    ]
    if len(entries) != EXPECTED_TERMS:
        raise ValueError(f"expected {EXPECTED_TERMS} glossary terms, parsed {len(entries)}")
    if len({e.slug for e in entries}) != len(entries):
        raise ValueError("two glossary terms share a slug")
    return entries


def to_markdown(lines: list[tuple[int, str]]) -> str:
    """An entry's text as Markdown.

    The guide puts a bullet before every paragraph of a definition: those are paragraphs, not
    an enumeration, so they become paragraphs. Indented items (the three « qui : » clauses of
    « Responsabilité Sociétale des Organisations ») stay a list, and the lines printed after
    them with a one-space indent are paragraphs again.
    """
    blocks: list[str] = []
    items: list[str] = []
    for number, text in lines:
        if sub := SUB_BULLET.match(text):
            items.append(f"- {sub[1].strip()}")
            continue
        if items:
            blocks.append("\n".join(items))
            items = []
        if bullet := BULLET.match(text):
            blocks.append(bullet[1].strip())
        elif text.startswith(" ") and text.strip():
            blocks.append(text.strip())
        else:
            raise ValueError(f"L{number}: unexpected line in a glossary entry: {text!r}")
    if items:
        blocks.append("\n".join(items))
    if not blocks:
        raise ValueError("a glossary entry without text")
    return "\n\n".join(blocks)
