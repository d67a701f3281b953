"""The assessment JSON of DESIGN §4: what it refuses (with which message) and its round trip."""

import json

import pytest
from hypothesis import given

from grid.payload import (
    ParsedPayload,
    PayloadError,
    parse_payload,
    parse_payload_text,
    payload_from,
)
from grid.scoring import AnswerValue, CustomRow, score
from tests.grid.test_scoring import CGDD_2012, answer_maps, custom_rows


def lookup(code: str):
    return CGDD_2012 if code == "cgdd-2012" else None


def errors_of(data: object) -> list[str]:
    with pytest.raises(PayloadError) as caught:
        parse_payload(data, CGDD_2012)
    return caught.value.messages


def the_error(data: object) -> str:
    messages = errors_of(data)
    assert len(messages) == 1, messages
    return messages[0]


def with_answers(**answers) -> dict:
    return {"grid": "cgdd-2012", "answers": answers}


def with_rows(*rows) -> dict:
    return {"grid": "cgdd-2012", "custom": list(rows)}


ROW = {"enjeu": "B", "level": 2, "label": "Mutualisation", "bareme": 3, "answer": "+"}


TOP_LEVEL = "Le fichier doit contenir un objet JSON : « grid », puis « answers » et « custom »."


# --- what is accepted ---


def test_the_design_example_is_accepted():
    parsed = parse_payload(
        {
            "grid": "cgdd-2012",
            "answers": {"S-1": "++", "1A-1": "+", "2B-3": {"answer": "na", "comment": "no site"}},
            "custom": [ROW],
        },
        CGDD_2012,
    )
    assert parsed.answers == {
        "S-1": AnswerValue("++"),
        "1A-1": AnswerValue("+"),
        "2B-3": AnswerValue("na", "no site"),
    }
    assert parsed.custom == [
        CustomRow(enjeu="B", level=2, label="Mutualisation", bareme=3, answer="+")
    ]


def test_answers_and_custom_are_optional():
    assert parse_payload({"grid": "cgdd-2012"}, CGDD_2012) == ParsedPayload({}, [])


def test_blanks_and_unfinished_custom_rows_are_accepted():
    parsed = parse_payload(
        {
            "grid": "cgdd-2012",
            "answers": {"1A-1": None, "1A-2": {"answer": None, "comment": "à voir"}},
            "custom": [{"enjeu": "A"}, {"enjeu": "C", "label": None, "level": None}],
        },
        CGDD_2012,
    )
    assert parsed.answers == {"1A-1": AnswerValue(None), "1A-2": AnswerValue(None, "à voir")}
    assert parsed.custom == [CustomRow("A"), CustomRow("C")]
    assert not any(row.counts for row in parsed.custom)


# --- what is refused, rule by rule ---


@pytest.mark.parametrize("data", [[], "cgdd-2012", 3, None])
def test_top_level_must_be_an_object(data):
    assert the_error(data) == TOP_LEVEL


def test_grid_is_required_and_must_match():
    assert the_error({"answers": {}}) == (
        "Le champ « grid » (code de la version de la grille) est absent."
    )
    assert the_error({"grid": "cgdd-2020"}) == (
        "Grille « cgdd-2020 » : ce fichier doit porter sur la grille « cgdd-2012 »."
    )


def test_unknown_question_code():
    assert the_error(with_answers(**{"9Z-1": "++"})) == (
        "Question « 9Z-1 » : code inconnu dans la grille « cgdd-2012 »."
    )


@pytest.mark.parametrize("answer", ["+++", "oui", "", " ++", "NA", "N/A"])
def test_answer_outside_the_scale(answer):
    assert the_error(with_answers(**{"1A-1": answer})) == (
        f"Question « 1A-1 » : réponse « {answer} » invalide (attendu : ++, +, -, --, na)."
    )


def test_answer_of_the_wrong_type():
    assert the_error(with_answers(**{"1A-1": 1})) == (
        "Question « 1A-1 » : la réponse doit être une chaîne ou un objet "
        "{« answer », « comment »}."
    )
    assert the_error(with_answers(**{"1A-1": {"answer": True}})) == (
        "Question « 1A-1 » : réponse « true » invalide (attendu : ++, +, -, --, na)."
    )
    assert the_error(with_answers(**{"1A-1": {"answer": "+", "comment": 3}})) == (
        "Question « 1A-1 » : le commentaire doit être une chaîne."
    )
    assert the_error(with_answers(**{"1A-1": {"answer": "+", "coment": "x"}})) == (
        "Question « 1A-1 » : champ(s) inconnu(s) « coment »."
    )


def test_na_is_refused_in_section_s_even_with_a_comment():
    assert the_error(with_answers(**{"S-2": {"answer": "na", "comment": "pas d'Agenda 21"}})) == (
        "Question « S-2 » : « na » (non applicable) est interdit dans la section S."
    )


@pytest.mark.parametrize("value", ["na", {"answer": "na"}, {"answer": "na", "comment": "  "}])
def test_na_needs_a_comment(value):
    assert the_error(with_answers(**{"2B-3": value})) == (
        "Question « 2B-3 » : « na » (non applicable) exige un commentaire."
    )


def test_answers_must_be_an_object_and_custom_a_list():
    assert the_error({"grid": "cgdd-2012", "answers": ["++"]}) == (
        "« answers » doit être un objet { code de question : réponse }."
    )
    assert the_error({"grid": "cgdd-2012", "custom": ROW}) == (
        "« custom » doit être une liste de lignes « autre action »."
    )


@pytest.mark.parametrize("row", [3, "B", None, [ROW]])
def test_custom_row_not_an_object(row):
    message = "Ligne « autre action » n° 1 : elle doit être un objet JSON."
    assert the_error(with_rows(row)) == message


@pytest.mark.parametrize("enjeu", ["E", "a", "", None, 1])
def test_custom_row_unknown_enjeu(enjeu):
    shown = {None: "null", 1: "1"}.get(enjeu, enjeu)
    assert the_error(with_rows({**ROW, "enjeu": enjeu})) == (
        f"Ligne « autre action » n° 1 : enjeu « {shown} » inconnu (A, B, C ou D)."
    )


@pytest.mark.parametrize(("level", "shown"), [(0, "0"), (3, "3"), ("1", "1"), (True, "true"),
                                              (1.5, "1.5")])
def test_custom_row_level_outside_1_2(level, shown):
    assert the_error(with_rows({**ROW, "level": level})) == (
        f"Ligne « autre action » n° 1 : niveau « {shown} » invalide (1 ou 2)."
    )


@pytest.mark.parametrize(("bareme", "shown"), [(0, "0"), (5, "5"), (-1, "-1"), (True, "true"),
                                               ("3", "3"), (2.0, "2.0")])
def test_custom_row_bareme_outside_1_4(bareme, shown):
    assert the_error(with_rows({**ROW, "bareme": bareme})) == (
        f"Ligne « autre action » n° 1 : barème « {shown} » invalide (entier de 1 à 4)."
    )


@pytest.mark.parametrize("answer", ["na", "+++", ""])
def test_custom_row_answer_outside_the_scale_and_no_na(answer):
    assert the_error(with_rows({**ROW, "answer": answer})) == (
        f"Ligne « autre action » n° 1 : réponse « {answer} » invalide (attendu : ++, +, -, --)."
    )


def test_custom_row_label_must_be_a_string():
    assert the_error(with_rows({**ROW, "label": ["x"]})) == (
        "Ligne « autre action » n° 1 : le libellé doit être une chaîne."
    )


def test_custom_row_unknown_field():
    assert the_error(with_rows({**ROW, "comment": "x"})) == (
        "Ligne « autre action » n° 1 : champ(s) inconnu(s) « comment »."
    )


def test_two_custom_rows_for_one_enjeu():
    assert the_error(with_rows(ROW, {**ROW, "enjeu": "A"}, {**ROW, "level": 1})) == (
        "Ligne « autre action » n° 3 : une seule ligne est permise par enjeu, "
        "l'enjeu B en a déjà une."
    )


def test_every_error_is_reported_at_once():
    messages = errors_of(
        {
            "grid": "cgdd-2012",
            "answers": {"S-1": "na", "XX-1": "+", "1A-1": "bof", "2C-12": "na"},
            "custom": [{**ROW, "enjeu": "Z", "bareme": 9}, 4],
        }
    )
    assert messages == [
        "Question « S-1 » : « na » (non applicable) est interdit dans la section S.",
        "Question « XX-1 » : code inconnu dans la grille « cgdd-2012 ».",
        "Question « 1A-1 » : réponse « bof » invalide (attendu : ++, +, -, --, na).",
        "Question « 2C-12 » : « na » (non applicable) exige un commentaire.",
        "Ligne « autre action » n° 1 : enjeu « Z » inconnu (A, B, C ou D).",
        "Ligne « autre action » n° 1 : barème « 9 » invalide (entier de 1 à 4).",
        "Ligne « autre action » n° 2 : elle doit être un objet JSON.",
    ]


def test_payload_error_text_lists_the_messages():
    error = PayloadError(["un", "deux"])
    assert error.messages == ["un", "deux"]
    assert str(error) == "un\ndeux"


# --- from text ---


def test_text_is_decoded_and_its_grid_looked_up():
    grid, parsed = parse_payload_text('{"grid": "cgdd-2012", "answers": {"S-1": "++"}}', lookup)
    assert grid is CGDD_2012
    assert parsed.answers == {"S-1": AnswerValue("++")}


@pytest.mark.parametrize("text", ["", "not json", "{'grid': 'cgdd-2012'}", '{"grid": '])
def test_text_that_is_not_json(text):
    with pytest.raises(PayloadError) as caught:
        parse_payload_text(text, lookup)
    [message] = caught.value.messages
    assert message.startswith("Le fichier n'est pas du JSON valide (ligne 1, colonne ")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[]", TOP_LEVEL),
        ('{"answers": {}}', "Le champ « grid » (code de la version de la grille) est absent."),
        ('{"grid": 2012}', "Le champ « grid » (code de la version de la grille) est absent."),
        ('{"grid": "cgdd-1999"}', "Grille inconnue : « cgdd-1999 »."),
    ],
)
def test_text_without_a_known_grid(text, message):
    with pytest.raises(PayloadError) as caught:
        parse_payload_text(text, lookup)
    assert caught.value.messages == [message]


def test_text_lookup_is_not_called_for_bad_json():
    def no_lookup(code):
        raise AssertionError("the grid must not be looked up")

    with pytest.raises(PayloadError):
        parse_payload_text("nope", no_lookup)


# --- export → import ---


def test_payload_from_writes_the_design_shape():
    answers = {
        "S-1": AnswerValue("++"),
        "1A-1": AnswerValue("+", "informel"),
        "2B-3": AnswerValue("na", "pas de site"),
        "2B-4": AnswerValue(None),
        "2B-5": AnswerValue(None, "à compléter"),
    }
    custom = [CustomRow(enjeu="B", level=2, label="Covoiturage", bareme=3, answer="+")]
    assert payload_from("cgdd-2012", answers, custom) == {
        "format": 3,
        "grid": "cgdd-2012",
        "answers": {
            "S-1": "++",
            "1A-1": {"answer": "+", "comment": "informel"},
            "2B-3": {"answer": "na", "comment": "pas de site"},
            "2B-5": {"answer": None, "comment": "à compléter"},
        },
        "custom": [
            {"enjeu": "B", "level": 2, "label": "Covoiturage", "bareme": 3, "answer": "+"}
        ],
    }


@given(answer_maps, custom_rows)
def test_export_then_import_round_trips(answers, custom):
    text = json.dumps(payload_from("cgdd-2012", answers, custom))
    grid, parsed = parse_payload_text(text, lookup)
    kept = {code: value for code, value in answers.items() if value.answer is not None}
    assert parsed.answers == kept
    assert parsed.custom == custom
    assert score(grid, parsed.answers, parsed.custom) == score(CGDD_2012, answers, custom)



def test_a_custom_label_longer_than_300_characters_is_refused():
    row = {"enjeu": "A", "level": 1, "label": "x" * 301, "bareme": 2, "answer": "+"}
    assert "300 caractères" in the_error(with_rows(row))
