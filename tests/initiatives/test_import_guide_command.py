"""`import_guide --check` on damaged copies of the guide's text: each planted fault fails it,
named with its sheet or question, and the guide itself passes."""

import pytest
from django.core.management import CommandError, call_command

from ..conftest import SEED_PATH

FIXTURE = SEED_PATH.parent.parent / "guide.json"


def damaged_copy(tmp_path, line: int, old: str, new: str):
    """A copy of the guide's text whose line `line` has `old` replaced by `new` (line count kept,
    so that every other line keeps its number)."""
    lines = SEED_PATH.read_text(encoding="utf-8").split("\n")
    assert old in lines[line - 1], lines[line - 1]
    lines[line - 1] = lines[line - 1].replace(old, new, 1)
    path = tmp_path / "guide.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def check(seed) -> None:
    call_command("import_guide", "--check", "--seed", str(seed), "--output", str(FIXTURE))


def test_the_guide_s_text_passes():
    check(SEED_PATH)


@pytest.mark.parametrize(
    ("line", "old", "new", "expected"),
    [
        # A stray <br> in the Agenda 21 sheet's Principe (L794).
        (
            794,
            "amélioré.**",
            "amélioré.**<br>",
            "fiche + · Principe, ligne 1, L794 du guide : balise HTML <br>",
        ),
        # « Pour les adhérents » nested under « Pour le pôle » (L802).
        (
            802,
            "- **Pour les adhérents",
            "  - **Pour les adhérents",
            "fiche + · Bénéfices attendus, ligne 5, L802 du guide : "
            "intertitre en gras imbriqué sous un autre intertitre",
        ),
        # A heading two levels below « ## Coûts » (L809), and one at the part's own level.
        (
            810,
            "",
            "#### Détail des coûts",
            "fiche + · Coûts, ligne 1, L810 du guide : "
            "titre de niveau 4 directement sous un titre de niveau 2",
        ),
        (
            810,
            "",
            "## Détail des coûts",
            "fiche + · Coûts, ligne 1, L810 du guide : "
            "titre de niveau 2 au niveau de sa partie (2) ou au-dessus",
        ),
        # The page's navigation left in the Coûts part.
        (
            810,
            "",
            "[Retour vers le sommaire](#)",
            "fiche + · Coûts, ligne 1, L810 du guide : habillage de la page imprimée",
        ),
        # A word cut by the page's hyphenation.
        (
            794,
            "parties prenantes",
            "par- ties prenantes",
            "fiche + · Principe, ligne 1, L794 du guide : mot coupé en fin de ligne : "
            "« par- ties »",
        ),
        # S-1's lever cell left blank (L442).
        (
            442,
            "Démarche Agenda 21",
            "",
            "question S-1 : affirmation sans levier — « Le pôle a formulé une stratégie",
        ),
    ],
    ids=[
        "html",
        "lead-in-nesting",
        "heading-jump",
        "heading-level",
        "furniture",
        "hyphenation",
        "strategy-lever",
    ],
)
def test_a_planted_fault_fails_the_check_and_is_named(tmp_path, line, old, new, expected):
    with pytest.raises(CommandError) as error:
        check(damaged_copy(tmp_path, line, old, new))
    assert "défaut(s) de conversion" in str(error.value)
    assert expected in str(error.value)


def test_a_faulty_text_is_not_written(tmp_path):
    seed = damaged_copy(tmp_path, 794, "amélioré.**", "amélioré.**<br>")
    output = tmp_path / "guide.json"
    with pytest.raises(CommandError, match="balise HTML <br>"):
        call_command("import_guide", "--seed", str(seed), "--output", str(output))
    assert not output.exists()


def test_a_text_the_importer_cannot_read_fails_with_a_message(tmp_path):
    seed = damaged_copy(tmp_path, 809, "## Coûts", "## Coût")
    with pytest.raises(CommandError, match=r"ne se lit pas : sheet \+ has no \['costs'\]"):
        check(seed)
