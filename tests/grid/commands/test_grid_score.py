"""`manage.py grid_score FILE|-`: scores on stdout; clear refusals on stderr, non-zero exit."""

import io
import json
import os
import subprocess
import sys
from io import StringIO

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from tests.grid.test_scoring import BAREMES

pytestmark = pytest.mark.django_db

S_CODES = ["S-1", "S-2", "S-3", "S-4"]


def run(*args) -> dict:
    out = StringIO()
    call_command("grid_score", *args, stdout=out)
    return json.loads(out.getvalue())


def write(tmp_path, data) -> str:
    path = tmp_path / "grille.json"
    path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    return str(path)


def test_design_example_from_a_file(tmp_path):
    payload = {
        "grid": "cgdd-2012",
        "answers": {"S-1": "++", "1A-1": "+", "2B-3": {"answer": "na", "comment": "pas de site"}},
        "custom": [{"enjeu": "B", "level": 2, "label": "Covoiturage", "bareme": 3, "answer": "+"}],
    }
    result = run(write(tmp_path, payload))
    assert list(result) == [
        "grid", "global", "strategy_factor", "completion", "provisional",
        "sections", "axes", "levels",
    ]
    # F = 4/16 = 1/4, so every note is R × (1/4 + 3/16) = R × 7/16.
    assert result["strategy_factor"] == 0.25
    assert result["sections"]["1A"] == pytest.approx((2 * 2 / 3) / 8 * 7 / 16)
    # 2B: 2B-3 is na (27 − 4 = 23) plus the custom row: (3 × 2/3) / (23 + 3).
    assert result["sections"]["2B"] == pytest.approx(2 / 26 * 7 / 16)
    assert result["completion"] == pytest.approx(3 / 41)
    assert result["provisional"] is True
    # Level 1: 4/3 over 1A 8 + 1B 4 + 1C 5 + 1D 2; level 2: 2 over 2A 10 + 2B 26 + 2C 29 + 2D 10.
    assert result["levels"]["1"] == pytest.approx((4 / 3) / 19 * 7 / 16)
    assert result["levels"]["2"] == pytest.approx(2 / 75 * 7 / 16)


def test_output_is_indented_json(tmp_path):
    out = StringIO()
    call_command("grid_score", write(tmp_path, {"grid": "cgdd-2012"}), stdout=out)
    assert out.getvalue().startswith('{\n  "grid": "cgdd-2012",\n  "global": 0.0,')


def test_full_grid_from_stdin(monkeypatch):
    answers = {code: "--" if code in S_CODES else "++" for code in BAREMES}
    payload = json.dumps({"grid": "cgdd-2012", "answers": answers})
    monkeypatch.setattr("sys.stdin", io.StringIO(payload))
    result = run("-")
    assert result["strategy_factor"] == 0
    assert result["global"] == 0.25
    assert set(result["sections"].values()) == {0.25}
    assert set(result["axes"].values()) == {0.25}
    assert result["levels"] == {"1": 0.25, "2": 0.25}
    assert result["completion"] == 1
    assert result["provisional"] is False


def test_undefined_notes_are_null(tmp_path):
    answers = {"1B-1": {"answer": "na", "comment": "x"}, "1B-2": {"answer": "na", "comment": "y"}}
    result = run(write(tmp_path, {"grid": "cgdd-2012", "answers": answers}))
    assert result["sections"]["1B"] is None
    assert result["sections"]["2B"] == 0


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("pas du json", "Le fichier n'est pas du JSON valide (ligne 1, colonne 1)"),
        ('{"grid": "cgdd-1999"}', "Grille inconnue : « cgdd-1999 »."),
        ('{"answers": {}}', "Le champ « grid » (code de la version de la grille) est absent."),
        ('{"grid": "cgdd-2012", "answers": {"S-1": "na"}}',
         "Question « S-1 » : « na » (non applicable) est interdit dans la section S."),
        # Python refuses to read an integer of more than 4,300 digits (ValueError, a 500).
        ('{"grid": "cgdd-2012", "format": ' + "9" * 5000 + "}",
         "Le fichier contient un nombre de plus de 4300 chiffres"),
        ('{"grid": "cgdd-2012", "answers": {"1A-1": {"answer": "+", "comment": "'
         + "a\\n" * 500 + '"}}}',
         "Question « 1A-1 » : le commentaire dépasse 10 lignes (il en a 500)."),
    ],
)
def test_bad_input_raises_a_clear_error(tmp_path, content, expected):
    with pytest.raises(CommandError) as caught:
        call_command("grid_score", write(tmp_path, content), stdout=StringIO())
    assert expected in str(caught.value)


def test_every_problem_is_listed(tmp_path):
    payload = {
        "grid": "cgdd-2012",
        "answers": {"ZZ-1": "++", "2C-1": "na"},
        "custom": [{"enjeu": "A", "level": 5, "bareme": 0}, {"enjeu": "A"}],
    }
    with pytest.raises(CommandError) as caught:
        call_command("grid_score", write(tmp_path, payload), stdout=StringIO())
    assert str(caught.value).splitlines() == [
        "Fichier refusé :",
        "- Question « ZZ-1 » : code inconnu dans la grille « cgdd-2012 ».",
        "- Question « 2C-1 » : « na » (non applicable) exige un commentaire.",
        "- Ligne « autre action » n° 1 : niveau « 5 » invalide (1 ou 2).",
        "- Ligne « autre action » n° 1 : barème « 0 » invalide (entier de 1 à 4).",
    ]


def test_missing_file(tmp_path):
    with pytest.raises(CommandError, match="Fichier introuvable : .*absent.json"):
        call_command("grid_score", str(tmp_path / "absent.json"), stdout=StringIO())


def test_not_utf8(tmp_path):
    path = tmp_path / "latin1.json"
    path.write_bytes('{"grid": "cgdd-2012", "x": "é"}'.encode("latin-1"))
    with pytest.raises(CommandError, match="pas du texte UTF-8"):
        call_command("grid_score", str(path), stdout=StringIO())


# A real process, for the exit code and stderr. These inputs fail before any database access,
# so the default development database does not need to exist.


def manage(*args, stdin: str = "") -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", "grid_score", *args],
        input=stdin,
        capture_output=True,
        text=True,
        env={**os.environ, "DEBUG": "True"},
        cwd=settings.BASE_DIR,
        timeout=60,
    )


def test_process_exits_non_zero_on_stdin_that_is_not_json():
    done = manage("-", stdin="{oops")
    assert done.returncode == 1
    assert done.stdout == ""
    assert "CommandError: Le fichier n'est pas du JSON valide (ligne 1, colonne 2)" in done.stderr


def test_process_exits_non_zero_on_a_missing_file(tmp_path):
    done = manage(str(tmp_path / "absent.json"))
    assert done.returncode == 1
    assert done.stdout == ""
    assert "Fichier introuvable" in done.stderr


def test_help_is_in_french():
    done = manage("--help")
    assert done.returncode == 0
    assert "Calcule les notes d'une autoévaluation" in done.stdout
