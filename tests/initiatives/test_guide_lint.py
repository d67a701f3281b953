"""The conversion faults `import_guide` refuses (initiatives/guide_import/lint.py)."""

import copy

import pytest

from initiatives.guide_import import lint
from initiatives.guide_import.build import build_records


@pytest.fixture(scope="module")
def records(guide_seed):
    return build_records(guide_seed)


def kinds(text: str, level: int = 2) -> list[tuple[int, str]]:
    return [(line, kind) for line, kind, _ in lint.markdown_faults(text, level)]


def test_the_guide_as_imported_has_no_fault(records, guide_seed):
    assert lint.faults(records, guide_seed) == []


def test_html_other_than_exponents_is_a_fault():
    assert kinds("- portefeuille d'idées<br>\n    suite") == [(1, "balise HTML <br>")]
    assert kinds('Texte <span class="x">rouge</span>') == [
        (1, 'balise HTML <span class="x">'),
        (1, "balise HTML </span>"),
    ]
    assert kinds("- 1<sup>er</sup> niveau, CO<sub>2</sub>, <1 ETP, < 2 jours") == []


def test_a_list_item_deeper_than_its_list_is_a_fault():
    assert kinds("- **Pour le pôle**\n        - trop loin") == [
        (2, "élément de liste 8 espaces sous le précédent")
    ]
    assert kinds("- a\n  - b") == [
        (2, "retrait de liste de 2 espaces (les niveaux vont de 4 en 4)")
    ]
    assert kinds("Un paragraphe\n\n    - sans parent") == [
        (3, "élément de liste en retrait sans élément parent")
    ]
    # A paragraph inside an item, and a list after a paragraph, are no fault.
    assert kinds("- a\n    - b\n\n        suite de b\n\n- c\n\nTexte\n\n- d\n    - e") == []


def test_a_lead_in_under_a_lead_in_is_a_heading_under_the_wrong_parent():
    text = "- **Coût financier**\n    - détail\n    - **Coût humain**\n        - détail"
    assert kinds(text) == [(3, "intertitre en gras imbriqué sous un autre intertitre")]
    assert kinds("- **Coût financier**\n    - **Ex : 4 k€** pour les supports\n") == []


def test_headings_stay_below_their_part_and_skip_no_level():
    assert kinds("#### Détail\n\n- a", level=2) == [
        (1, "titre de niveau 4 directement sous un titre de niveau 2")
    ]
    assert kinds("## Autre partie\n\n- a", level=2) == [
        (1, "titre de niveau 2 au niveau de sa partie (2) ou au-dessus")
    ]
    assert kinds("### Détail\n\n#### Sous-détail\n\n### Autre", level=2) == []
    assert kinds("### Détail", level=3) == [
        (1, "titre de niveau 3 au niveau de sa partie (3) ou au-dessus")
    ]


@pytest.mark.parametrize(
    "line",
    [
        "Retour au départ",
        "[Retour vers la matrice](#)",
        "[Retour au sommaire](#)",
        "Fiche suivante",
        "6<sub>1</sub> 15",
        "+ 1 2 3",
        "27",
        "Coûts (2/2)",
    ],
)
def test_the_printed_page_s_furniture_is_a_fault(line):
    assert kinds(f"- a\n\n{line}") == [
        (3, "habillage de la page imprimée (navigation, numéro, pastille)")
    ]


def test_a_word_cut_by_the_page_s_hyphenation_is_a_fault():
    assert kinds("- la stratégie de dévelop- pement durable") == [
        (1, "mot coupé en fin de ligne : « dévelop- pement »")
    ]
    assert kinds("- 1 ETP - soit peu\n- Réduction - des coûts - et co-construction") == []


def test_a_hard_break_made_of_trailing_spaces_is_a_fault():
    assert kinds("- idées  \n    suite") == [
        (1, "saut de ligne fait de deux espaces, qui ne survivent pas à l'édition")
    ]


def test_faults_name_the_sheet_the_part_and_the_guide_s_line(records, guide_seed):
    damaged = copy.deepcopy(records)
    sheet = next(r["fields"] for r in damaged if r["fields"].get("number") == "15")
    sheet["key_steps"] = sheet["key_steps"].replace("d'idées\n", "d'idées<br>\n")
    (fault,) = lint.faults(damaged, guide_seed)
    assert str(fault) == (
        "fiche 15 · 1/ Étapes clés du processus, ligne 2, L2283 du guide : balise HTML <br> — "
        "« - Générer et collecter des idées afin de constituer un portefeuille d'idées<br> »"
    )


def test_every_markdown_field_is_read(records, guide_seed):
    damaged = copy.deepcopy(records)
    for record in damaged:
        for name in lint.MARKDOWN_FIELDS.get(record["model"], ()):
            record["fields"][name] += "\n\nRetour au départ"
    found = {fault.where.split(" ")[0] for fault in lint.faults(damaged, guide_seed)}
    assert found == {
        "enjeu",
        "level",
        "section",
        "lever",
        "path",
        "concept",
        "reference",
        "glossaryterm",
    }


def test_a_strategy_question_without_its_printed_lever_is_a_fault(records, guide_seed):
    damaged = copy.deepcopy(records)
    question = next(r["fields"] for r in damaged if r["fields"].get("code") == "S-1")
    question["levers"] = []
    assert [str(fault) for fault in lint.faults(damaged, guide_seed)] == [
        "question S-1 : affirmation sans levier — « Le pôle a formulé une stratégie de "
        "développement durable, déclinée en plan d'actions et en objectifs. »",
        "question S-1, L442 du guide : le levier imprimé « Démarche Agenda 21 » ne lui est pas "
        "relié",
    ]


def test_a_printed_question_linked_to_another_lever_is_a_fault(records, guide_seed):
    damaged = copy.deepcopy(records)
    question = next(r["fields"] for r in damaged if r["fields"].get("code") == "2A-3")
    question["levers"] = [["bonnes-pratiques-affaires"]]
    assert [str(fault) for fault in lint.faults(damaged, guide_seed)] == [
        "question 2A-3, L454 du guide : le levier imprimé « Démarches territoriales de "
        "développement durable » ne lui est pas relié",
    ]
