"""The `cgdd-2012` grid version and its 41 questions (DESIGN §3, guide-structure §2.5 and §2.8).

The guide prints only 11 of its 41 affirmations (the legend table, L439–L456): those are parsed
from the seed. The other 30 are written here, one per row of `RECONSTRUCTED`, each paraphrasing
the Principe of its anchor sheet, and flagged `reconstructed` so that a content admin reviews them.
Codes, barèmes and sheets are DESIGN §3's table; levers come from `levers.LEVERS`.
"""

import re
from typing import NamedTuple

from .levers import LEVERS
from .seed import Seed, cite, record

VERSION_CODE = "cgdd-2012"

VERSION_NAME = "Grille d'autoévaluation CGDD 2012"

VERSION_DESCRIPTION = (
    "Grille des 41 affirmations du guide du CGDD (2012) pour l'autoévaluation des pôles de "
    "compétitivité en matière de développement durable : 11 reprennent mot pour mot le texte du "
    "guide, 30 ont été écrites pour cette application d'après le principe de leur fiche "
    "d'ancrage (quand elles en ont une) et le disent partout où on les lit."
)

# DESIGN §4: weights as fractions, so that scores stay exact.
ANSWER_WEIGHTS = {"++": "1", "+": "2/3", "-": "1/3", "--": "0"}

# auto_now_add is not applied by loaddata (raw save), and a fixed date keeps the fixture stable.
CREATED_AT = "2012-09-01T00:00:00Z"
# The version's maturity levels (DESIGN §8): grid.maturity.DEFAULT_BANDS, which cites its
# sources (this package knows nothing of grid; a test checks that the two agree).
MATURITY_BANDS = (
    (1, "D", "Débutant", 0),
    (2, "C", "Intermédiaire", 25),
    (3, "B", "Confirmé", 50),
    (4, "A", "Expert", 75),
)


class Verbatim(NamedTuple):
    """A row printed in the guide's legend table: its text and lever are read from `line`."""

    code: str
    bareme: int
    sheets: tuple[str, ...]
    line: int


class Reconstructed(NamedTuple):
    """A row the guide does not print, written from the Principe of its anchor sheet."""

    code: str
    bareme: int
    sheets: tuple[str, ...]
    text: str
    anchor: str | None
    lines: str
    # Only for the two rows with no sheet; the others take the lever of their sheet.
    levers: tuple[str, ...] = ()


# The legend table "Mode d'emploi 2/3" (L439–L456). Each row's lever is the one its lever column
# names (1A-1's "Implication des parties prenantes" is an alias of the concertation lever, the
# strategy rows' "Démarche Agenda 21" is the strategy section's lever).
VERBATIM: tuple[Verbatim, ...] = (
    Verbatim("S-1", 4, ("+",), 442),
    Verbatim("S-2", 4, ("+",), 443),
    Verbatim("S-3", 4, ("+",), 444),
    Verbatim("S-4", 4, ("+",), 445),
    Verbatim("1A-1", 2, ("1",), 448),
    Verbatim("1A-2", 2, ("1",), 449),
    Verbatim("1A-3", 4, ("2",), 450),
    Verbatim("2A-1", 2, ("3", "4"), 452),
    Verbatim("2A-2", 2, ("5", "6"), 453),
    Verbatim("2A-3", 4, ("7",), 454),
    Verbatim("2A-4", 2, ("8",), 455),
)

R = Reconstructed

# One affirmation per sheet 9–36, plus 2C-12 and 2D-1 (guide-structure §2.8, distribution R1).
# `lines` is the Principe line of the anchor sheet; texts are to be reviewed by the content owner.
RECONSTRUCTED: tuple[Reconstructed, ...] = (
    # 1B · Préservation de l'environnement, fonctionnement interne
    R("1B-1", 2, ("9",),
      "Le pôle intègre au barème de labellisation des projets de R&D une section bonus consacrée "
      "à la prise en compte de critères de développement durable dans le montage du projet.",
      "9", "L1656"),
    R("1B-2", 2, ("10",),
      "Le pôle a élaboré un éco-label, apposé en marge de la labellisation des projets de R&D, "
      "qui met en évidence l'impact environnemental positif de l'innovation envisagée.",
      "10", "L1747"),
    # 2B · Préservation de l'environnement, sphère d'influence
    R("2B-1", 2, ("11",),
      "Le pôle promeut l'éco-conception comme levier d'innovation auprès de ses PME par une "
      "action collective de sensibilisation et d'accompagnement.",
      "11", "L1899"),
    R("2B-2", 3, ("12",),
      "Le pôle forme les entreprises de la filière à l'éco-conception et à l'analyse du cycle de "
      "vie afin d'améliorer leurs performances industrielles.",
      "12", "L1983"),
    R("2B-3", 4, ("13",),
      "Le pôle a établi avec les acteurs locaux de l'environnement un cadre de développement de "
      "projets de R&D et structurants qui protège la biodiversité locale, en lien avec les "
      "intérêts de la filière.",
      "13", "L2073"),
    R("2B-4", 2, ("14",),
      "Le pôle a mis en place un groupe de travail sur le recyclage qui fait émerger des projets "
      "d'innovation et partage les bonnes pratiques entre ses membres.",
      "14", "L2159"),
    R("2B-5", 4, ("15",),
      "Le pôle réunit les compétences de différentes entreprises pour développer de nouveaux "
      "business models relevant de l'écologie industrielle.",
      "15", "L2250"),
    R("2B-6", 2, ("16",),
      "Le pôle établit le bilan carbone de ses événements d'ampleur afin d'en réduire l'impact "
      "sur l'environnement à chaque édition et d'y sensibiliser les participants.",
      "16", "L2328"),
    R("2B-7", 3, ("17",),
      "Le pôle accompagne les entreprises dont les process sont consommateurs en énergie dans "
      "des actions de maîtrise de la demande (sensibilisation, formation, capteurs, "
      "recommandations, plans d'actions).",
      "17", "L2414"),
    R("2B-8", 3, ("18",),
      "Le pôle accompagne les PME pour répondre aux exigences des politiques d'achat responsable, "
      "dans le secteur public comme dans le secteur privé.",
      "18", "L2497"),
    R("2B-9", 4, ("19",),
      "Le pôle met en valeur les démarches de gestion des risques des dirigeants et des élus des "
      "collectivités locales, notamment par l'attribution d'un label « Gestion des risques "
      "territoriaux ».",
      "19", "L2570"),
    # 1C · Emploi, formation, RH et intégration sociale, fonctionnement interne
    R("1C-1", 2, ("20",),
      "Le pôle fait chaque année le bilan des compétences de son équipe au regard d'un plan de "
      "développement et met en place les formations associées pour favoriser l'employabilité de "
      "ses salariés.",
      "20", "L2679"),
    R("1C-2", 3, ("21",),
      "Le pôle fait monter son équipe en compétences sur le développement durable et "
      "l'innovation, avec ses parties prenantes, par exemple au sein d'une académie commune aux "
      "pôles.",
      "21", "L2765"),
    # 2C · Emploi, formation, RH et intégration sociale, sphère d'influence
    R("2C-1", 3, ("22",),
      "Le pôle accompagne les PME dans l'intégration du management des risques et valorise leur "
      "engagement en promouvant auprès des parties prenantes la reconnaissance d'un label "
      "d'entreprise responsable.",
      "22", "L2869"),
    R("2C-2", 2, ("23",),
      "Le pôle forme ses entreprises aux pratiques et pistes d'innovation ouvertes par le "
      "développement durable et les accompagne dans la transition vers des technologies vertes.",
      "23", "L2955"),
    R("2C-3", 3, ("24",),
      "Le pôle propose un catalogue de stages courts, adaptables et à dominante pratique sur les "
      "technologies de la filière, dispensés sur une plateforme technologique mutualisée.",
      "24", "L3038"),
    R("2C-4", 2, ("25",),
      "Le pôle met en relation les acteurs de l'emploi et de la formation sur une plateforme en "
      "ligne afin de promouvoir les projets de formation et l'employabilité des travailleurs de "
      "la filière.",
      "25", "L3125"),
    R("2C-5", 2, ("26",),
      "Le pôle réunit régulièrement les responsables RH de ses entreprises membres pour les former "
      "à l'actualité des enjeux de ressources humaines de la filière.",
      "26", "L3210"),
    R("2C-6", 2, ("27",),
      "Le pôle a mené avec ses membres clefs une étude de gestion prévisionnelle des emplois et "
      "des compétences (GPEC) sur sa filière, déclinée en un plan d'anticipation des compétences "
      "pour les membres et pour la filière.",
      "27", "L3299"),
    R("2C-7", 3, ("28",),
      "Le pôle propose aux entreprises un benchmark de leur compétitivité, incluant des critères "
      "RH, formation et environnementaux, puis les accompagne dans l'amélioration de leur "
      "performance.",
      "28", "L3381"),
    R("2C-8", 2, ("29",),
      "Le pôle anime avec ses adhérents une exposition permanente ou itinérante qui fait "
      "connaître aux jeunes les métiers de la filière et leurs débouchés.",
      "29", "L3462"),
    R("2C-9", 1, ("30",),
      "Le pôle réunit régulièrement les entreprises et les centres de formation pour échanger sur "
      "leurs pratiques de GPEC et promouvoir les métiers de la filière.",
      "30", "L3548"),
    R("2C-10", 3, ("31",),
      "Le pôle a mis en place un comité de suivi réunissant les partenaires sociaux et les "
      "acteurs du territoire pour discuter de sa politique et de ses projets en matière de RH.",
      "31", "L3639"),
    R("2C-11", 3, ("32",),
      "Le pôle mène un projet à volet R&D qui évalue les risques professionnels et sanitaires de "
      "la filière, propose des solutions innovantes et sensibilise ses entreprises à ces risques.",
      "32", "L3724"),
    # No sheet: the C interpretation text names "l'intégration sociale" as a deeper commitment.
    R("2C-12", 3, (),
      "Le pôle mène, auprès de ses membres et au sein de sa sphère d'influence, des actions en "
      "faveur de l'intégration sociale.",
      None, "L515", ("mesures-emploi-salaries",)),
    # 1D · Recherche, développement et innovation, fonctionnement interne
    R("1D-1", 2, ("33",),
      "Le pôle sensibilise les responsables projets de son équipe pour qu'ils interrogent la "
      "durabilité des projets de R&D tout au long du processus projet.",
      "33", "L3823"),
    # 2D · Recherche, développement et innovation, sphère d'influence
    # No sheet: the synopsis lever (L3907–L3909) and the D interpretation text (L533).
    R("2D-1", 1, (),
      "Le pôle conduit des projets de R&D collaborative, des projets structurants et des "
      "démonstrateurs ou living labs qui rapprochent les usages et les concepts.",
      None, "L533, L3907–L3909", ("projets-rd-demonstrateurs",)),
    R("2D-2", 4, ("34",),
      "Le pôle accompagne le développement d'un technopôle dans un pays émergent par un transfert "
      "de compétences fondé sur son expérience d'organisation et de fonctionnement.",
      "34", "L3937"),
    R("2D-3", 2, ("35",),
      "Le pôle anime avec ses membres un centre culturel ouvert au public, notamment scolaire, "
      "qui fait connaître la filière et ouvre la recherche à la société civile.",
      "35", "L4025"),
    R("2D-4", 3, ("36",),
      "Le pôle a mis en place un programme de sensibilisation à l'innovation qui aide ses PME à "
      "entrer dans les problématiques de R&D, puis concrètement dans des projets de R&D.",
      "36", "L4111"),
)

LEVER_SLUGS = frozenset(lever.slug for lever in LEVERS)
LEVER_NAMES = {lever.slug: {lever.name, *lever.aliases} for lever in LEVERS}


def section_of(code: str) -> str:
    return code.split("-")[0]


def levers_of_sheets(sheets: tuple[str, ...]) -> tuple[str, ...]:
    """The levers whose sheets include one of `sheets`, in LEVERS order (stable output)."""
    return tuple(lever.slug for lever in LEVERS if set(lever.sheets) & set(sheets))


def strip_markup(text: str) -> str:
    # The table cells may carry the Markdown/HTML emphasis of the PDF conversion.
    return re.sub(r"</?b>|\*\*", "", text).strip()


def parse_legend_row(seed: Seed, row: Verbatim) -> tuple[str, tuple[str, ...]]:
    """The affirmation of a legend-table line and its levers; checks its barème on the way.

    A line reads: affirmation, four answer cells ("x" marks are the screenshot's example
    answers, not data), lever, barème; cells are separated by tabs.
    """
    cells = [strip_markup(cell) for cell in seed.line(row.line).split("\t")]
    if len(cells) != 7:
        raise ValueError(f"{cite(row.line)}: expected 7 cells, found {len(cells)}")
    text, marks, lever, bareme = cells[0], cells[1:5], cells[5], cells[6]
    if any(mark not in ("", "x") for mark in marks):
        raise ValueError(f"{cite(row.line)}: unexpected answer cells {marks}")
    if bareme != str(row.bareme):
        raise ValueError(f"{cite(row.line)}: barème {bareme}, the table says {row.bareme}")
    return text, printed_levers(lever, row.line)


def printed_levers(cell: str, line: int) -> tuple[str, ...]:
    """The levers a lever cell names; none if it is blank (`lint` reports such a question)."""
    if not cell:
        return ()
    slugs = tuple(slug for slug, names in LEVER_NAMES.items() if cell in names)
    if not slugs:
        raise ValueError(f"{cite(line)}: lever {cell!r} is not one of the guide's levers")
    return slugs


def question(order: int, code: str, bareme: int, sheets, levers, text, origin, anchor, lines):
    unknown = set(levers) - LEVER_SLUGS
    if unknown:
        raise ValueError(f"{code}: unknown lever(s) {sorted(unknown)}")
    if not text:
        raise ValueError(f"{code}: empty text")
    return record(
        "grid.question",
        version=[VERSION_CODE],
        section=[section_of(code)],
        code=code,
        order=order,
        text=text,
        bareme=bareme,
        levers=[[slug] for slug in levers],
        sheets=[[number] for number in sheets],
        origin=origin,
        anchor_sheet=[anchor] if anchor else None,
        source_lines=lines,
    )


def records(seed: Seed) -> list[dict]:
    out = [
        record(
            "grid.gridversion",
            code=VERSION_CODE,
            name=VERSION_NAME,
            description=VERSION_DESCRIPTION,
            answer_weights=ANSWER_WEIGHTS,
            derived_from=None,
            created_at=CREATED_AT,
        )
    ]
    out.extend(
        record("grid.maturitylevel", version=[VERSION_CODE], rank=rank, letter=letter, name=name,
               lower_bound=bound)
        for rank, letter, name, bound in MATURITY_BANDS
    )
    order = 0
    for row in VERBATIM:
        order += 1
        text, levers = parse_legend_row(seed, row)
        out.append(
            question(order, row.code, row.bareme, row.sheets, levers, text,
                     "verbatim", None, cite(row.line))
        )
    for row in RECONSTRUCTED:
        order += 1
        levers = row.levers or levers_of_sheets(row.sheets)
        if not levers:
            raise ValueError(f"{row.code}: no lever for sheets {row.sheets}")
        out.append(
            question(order, row.code, row.bareme, row.sheets, levers, row.text,
                     "reconstructed", row.anchor, row.lines)
        )
    return out
