"""`grid:import-json` (…/import/): upload a JSON file into an editable year.

Uploading shows what would change and writes nothing; confirming writes.
"""

import json
from urllib.parse import urlencode

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from clusters.models import Membership
from grid import services
from tests.fixtures import (
    answers_of,
    assert_hidden_from_outsider,
    custom_of,
    fill,
    login_url,
    make_member,
    messages_of,
    set_custom,
    url,
)

pytestmark = pytest.mark.django_db


def upload(client, assessment, content, name="grille.json"):
    data = content if isinstance(content, str) else json.dumps(content)
    file = SimpleUploadedFile(name, data.encode("utf-8"), content_type="application/json")
    return client.post(url("import-json", assessment), {"file": file})


def confirm(client, assessment, response):
    """Post the preview's form back as a browser does (URL-encoded: it has no file)."""
    form = response.context["confirm_form"]
    return client.post(url("import-json", assessment), urlencode(form.initial),
                       content_type="application/x-www-form-urlencoded")


def errors_shown(response) -> list[str]:
    assert response.status_code == 400
    html = response.content.decode().replace("&#x27;", "'")
    assert "Le fichier n'est pas valable ; rien n'a été modifié :" in html
    return response.context["errors"]


@pytest.fixture
def last_year(cluster_a, editor, campaign_2024):
    """Cluster A's 2024 grid, complete, with comments, an `na` and a custom row."""
    assessment = services.assessment_start(cluster=cluster_a, year=2024, by=editor, prefill=False)
    fill(
        assessment, editor, "+",
        answers={"S-1": "++", "1A-1": "-", "2C-9": "--", "2B-3": "na"},
        comments={"2B-3": "Pas de site industriel.", "1A-2": "Charte signée."},
    )
    set_custom(assessment, editor, "B", label="Covoiturage", level=2, bareme=3, value="++")
    return assessment


def test_it_shows_the_upload_form(editor_client, assessment):
    response = editor_client.get(url("import-json", assessment))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'enctype="multipart/form-data"' in html
    assert 'for="id_file"' in html


def test_an_export_imported_into_another_draft_gives_the_same_answers(
    editor_client, last_year, assessment
):
    exported = editor_client.get(url("export-json", last_year)).content.decode()

    preview = upload(editor_client, assessment, exported)
    assert preview.status_code == 200
    changes = preview.context["changes"]
    assert len(changes) == 42  # the 41 answers and the custom row B
    assert {"code": "2B-3", "before": ("", ""), "after": ("na", "Pas de site industriel.")} in (
        changes
    )
    assert changes[-1]["code"] == "Autre action B"
    html = preview.content.decode()
    assert "Covoiturage (niveau 2, barème 3)" in html
    assert "42 réponses changeront" in html and "Confirmer l'import" in html.replace("&#x27;", "'")
    assert set(answers_of(assessment).values()) == {("", "")}  # nothing written yet
    assert custom_of(assessment)["B"] == ("", None, None, "")

    done = confirm(editor_client, assessment, preview)
    assert done["Location"] == url("grid", assessment)
    assert messages_of(done) == ["42 réponses importées."]
    assert answers_of(assessment) == answers_of(last_year)
    assert custom_of(assessment) == custom_of(last_year)


def test_importing_the_same_answers_again_changes_nothing(editor_client, editor, filled):
    exported = editor_client.get(url("export-json", filled)).content.decode()
    revisions = list(filled.answers.values_list("revision", flat=True))
    preview = upload(editor_client, filled, exported)
    assert preview.context["changes"] == []
    done = confirm(editor_client, filled, preview)
    assert messages_of(done) == ["Rien à importer : la grille avait déjà ces réponses."]
    assert list(filled.answers.values_list("revision", flat=True)) == revisions


def test_answers_missing_from_the_file_are_cleared(editor_client, editor, assessment):
    fill(assessment, editor, codes=["S-1", "S-2"])
    preview = upload(editor_client, assessment, {"grid": "cgdd-2012", "answers": {"S-1": "+"}})
    assert [c["code"] for c in preview.context["changes"]] == ["S-1", "S-2"]
    confirm(editor_client, assessment, preview)
    answers = answers_of(assessment)
    assert (answers["S-1"], answers["S-2"]) == (("+", ""), ("", ""))


@pytest.mark.parametrize(
    ("content", "error"),
    [
        ("{ pas du json", "Le fichier n'est pas du JSON valide (ligne 1, colonne 3)"),
        ({"grid": "cgdd-2012", "answers": {"Z-9": "+"}},
         "Question « Z-9 » : code inconnu dans la grille « cgdd-2012 »."),
        ({"grid": "cgdd-2012", "answers": {"S-1": {"answer": "na", "comment": "x"}}},
         "Question « S-1 » : « na » (non applicable) est interdit dans la section S."),
        ({"grid": "cgdd-2012", "answers": {"2B-3": "na"}},
         "Question « 2B-3 » : « na » (non applicable) exige un commentaire."),
        ({"grid": "cgdd-2012",
          "custom": [{"enjeu": "B", "level": 2, "label": "x", "bareme": 7, "answer": "+"}]},
         "Ligne « autre action » n° 1 : barème « 7 » invalide (entier de 1 à 4)."),
        ({"grid": "cgdd-2099", "answers": {}}, "Grille inconnue : « cgdd-2099 »."),
    ],
)
def test_it_refuses_a_bad_file_with_a_message_and_changes_nothing(
    editor_client, editor, assessment, content, error
):
    fill(assessment, editor, codes=["S-1"])
    before, custom_before = answers_of(assessment), custom_of(assessment)
    response = upload(editor_client, assessment, content)
    (message,) = errors_shown(response)
    assert message.startswith(error)
    assert answers_of(assessment) == before
    assert custom_of(assessment) == custom_before


def test_it_accepts_a_file_saved_with_a_byte_order_mark(editor_client, assessment):
    content = "\ufeff" + json.dumps({"grid": "cgdd-2012", "answers": {"S-1": "+"}})
    preview = upload(editor_client, assessment, content)
    assert [change["code"] for change in preview.context["changes"]] == ["S-1"]


def test_a_tampered_confirmation_is_refused_too(editor_client, assessment):
    response = editor_client.post(
        url("import-json", assessment),
        {"payload": json.dumps({"grid": "cgdd-2012", "answers": {"S-1": "oui"}}),
         "revisions": "{}"},
    )
    (message,) = errors_shown(response)
    assert message.startswith("Question « S-1 » : réponse « oui » invalide")
    assert answers_of(assessment)["S-1"] == ("", "")


def test_it_asks_for_a_file(editor_client, assessment):
    response = editor_client.post(url("import-json", assessment), {})
    assert response.status_code == 400
    assert response.context["form"].errors == {"file": ["Ce champ est obligatoire."]}


def test_it_refuses_a_file_over_one_megabyte(editor_client, assessment):
    response = upload(editor_client, assessment, " " * (1024 * 1024 + 1))
    assert response.status_code == 400
    assert response.context["form"].errors == {"file": ["Le fichier dépasse 1 Mo."]}


def test_a_valid_file_near_one_megabyte_is_previewed_and_confirmed(editor_client, assessment):
    # Line breaks: three bytes each once URL-encoded in the confirmation form.
    content = json.dumps({"grid": "cgdd-2012", "answers": {"S-1": "+"}}) + "\n" * 1_000_000
    preview = upload(editor_client, assessment, content)
    assert [change["code"] for change in preview.context["changes"]] == ["S-1"]
    assert confirm(editor_client, assessment, preview).status_code == 302
    assert answers_of(assessment)["S-1"] == ("+", "")


def test_it_refuses_a_huge_upload_before_reading_it(editor_client, assessment):
    response = upload(editor_client, assessment, " " * (3 * 1024 * 1024))
    assert response.status_code == 413
    assert "trop volumineuse" in response.content.decode()


def test_it_refuses_a_file_that_is_not_utf_8(editor_client, assessment):
    file = SimpleUploadedFile("grille.json", '{"grid": "cgdd-2012"}'.encode("utf-16"))
    response = editor_client.post(url("import-json", assessment), {"file": file})
    assert response.status_code == 400
    assert response.context["form"].errors == {"file": [
        "Le fichier n'est pas du texte UTF-8 : enregistrez-le en UTF-8, puis recommencez."
    ]}


def test_it_refuses_deeply_nested_json_with_a_message(editor_client, assessment):
    # Defect 5: 50,000 « [ » raised RecursionError (500).
    response = upload(editor_client, assessment, "[" * 50_000 + "]" * 50_000)
    (message,) = errors_shown(response)
    assert message == (
        "Le fichier imbrique trop de crochets ou d'accolades pour être une autoévaluation."
    )


def test_it_refuses_a_5000_digit_number_with_a_message(editor_client, assessment, editor):
    # Python refuses to read an integer of more than 4,300 digits: ValueError, a 500.
    fill(assessment, editor, "+", codes=["S-1"])
    for where in ('"format": {}', '"answers": {{"S-1": {}}}', '"custom": [{{"level": {}}}]'):
        content = '{"grid": "cgdd-2012", ' + where.format("9" * 5000) + "}"
        (message,) = errors_shown(upload(editor_client, assessment, content))
        assert message == ("Le fichier contient un nombre de plus de 4300 chiffres : aucune "
                           "autoévaluation n'en a, vérifiez que c'est le bon fichier.")
    assert answers_of(assessment)["S-1"] == ("+", "")


@pytest.mark.parametrize(
    ("content", "error"),
    [
        ({"grid": "cgdd-2012", "answers": {"1A-1": {"answer": "+", "comment": "a\u0000b"}}},
         "Question « 1A-1 » : le commentaire contient un caractère invisible interdit (U+0000)"),
        ({"grid": "cgdd-2012", "answers": {"1A-1\u0000": "+"}},
         "Question « 1A-1U+0000 » : code inconnu dans la grille « cgdd-2012 »."),
        ({"grid": "cgdd-2012",
          "custom": [{"enjeu": "B", "level": 2, "label": "a\u0000b", "bareme": 3}]},
         "Ligne « autre action » n° 1 : le libellé contient un caractère invisible interdit"),
        ({"grid": "cgdd-2012", "answers": {"1A-1": {"answer": "+", "comment": "x" * 1001}}},
         "Question « 1A-1 » : le commentaire dépasse 1000 caractères (il en a 1001)."),
        ({"grid": "cgdd-2012", "answers": {"1A-1": {"answer": "+", "comment": "a\n" * 500}}},
         "Question « 1A-1 » : le commentaire dépasse 10 lignes (il en a 500)."),
    ],
)
def test_nul_bytes_and_long_texts_are_refused_at_preview_and_confirmation(
    editor_client, assessment, content, error
):
    # Defect 5: NUL bytes reached PostgreSQL at the confirmation (500).
    text = json.dumps(content).replace("\\\\u0000", "\\u0000")
    (message,) = errors_shown(upload(editor_client, assessment, text))
    assert message.startswith(error)
    response = editor_client.post(url("import-json", assessment),
                                  {"payload": text, "revisions": "{}"})
    (message,) = errors_shown(response)
    assert message.startswith(error)
    assert set(answers_of(assessment).values()) == {("", "")}


def test_a_colleagues_save_between_preview_and_confirmation_is_not_overwritten(
    editor_client, cluster_a, assessment
):
    # Defect 6: the confirmation overwrote answers without comparing revisions.
    preview = upload(editor_client, assessment,
                     {"grid": "cgdd-2012", "answers": {"S-1": "+", "S-2": "++"}})
    colleague = make_member("equipe-a2", cluster_a, Membership.Role.EDITOR, "Paul", "Roux")
    fill(assessment, colleague, "--", codes=["S-1"])
    response = confirm(editor_client, assessment, preview)
    assert response.status_code == 409
    assert response.context["conflicts"] == [
        "S-1 : Paul Roux a enregistré « -- » depuis votre prévisualisation."
    ]
    assert answers_of(assessment)["S-1"] == ("--", "")
    assert answers_of(assessment)["S-2"] == ("", "")  # all or nothing
    # The new preview is computed on the colleague's answer: confirming it now is a choice.
    done = confirm(editor_client, assessment, response)
    assert done.status_code == 302
    assert answers_of(assessment)["S-1"] == ("+", "")


def test_a_save_elsewhere_in_the_grid_does_not_block_the_import(
    editor_client, cluster_a, assessment
):
    preview = upload(editor_client, assessment,
                     {"grid": "cgdd-2012", "answers": {"S-1": "+", "2A-1": "-"}})
    colleague = make_member("equipe-a2", cluster_a, Membership.Role.EDITOR, "Paul", "Roux")
    fill(assessment, colleague, "-", codes=["2A-1"])  # to what the file says anyway
    assert confirm(editor_client, assessment, preview).status_code == 302
    assert answers_of(assessment)["S-1"] == ("+", "")


def test_an_unreadable_preview_is_refused(editor_client, assessment):
    response = editor_client.post(
        url("import-json", assessment),
        {"payload": json.dumps({"grid": "cgdd-2012"}), "revisions": "[1, 2]"},
    )
    assert errors_shown(response) == [
        "La prévisualisation est illisible : importez le fichier de nouveau."
    ]


@pytest.mark.parametrize("method", ["get", "post"])
def test_it_refuses_to_import_into_a_validated_year(editor_client, validated, method):
    before = answers_of(validated)
    if method == "get":
        response = editor_client.get(url("import-json", validated))
    else:
        response = upload(editor_client, validated, {"grid": "cgdd-2012", "answers": {}})
    assert response["Location"] == url("results", validated)
    assert messages_of(response) == ["Seule une autoévaluation en brouillon ou renvoyée s'importe."]
    assert answers_of(validated) == before


def test_it_refuses_the_board(board_client, assessment):
    response = upload(board_client, assessment, {"grid": "cgdd-2012", "answers": {"S-1": "+"}})
    assert response.status_code == 403
    assert board_client.get(url("import-json", assessment)).status_code == 403
    assert answers_of(assessment)["S-1"] == ("", "")


def test_it_refuses_outsider(outsider_client, cluster_a, assessment):
    response = upload(outsider_client, assessment, {"grid": "cgdd-2012", "answers": {"S-1": "+"}})
    assert_hidden_from_outsider(response, cluster_a)
    assert_hidden_from_outsider(outsider_client.get(url("import-json", assessment)), cluster_a)
    assert answers_of(assessment)["S-1"] == ("", "")


def test_it_sends_anonymous_to_login(anonymous, assessment):
    response = anonymous.get(url("import-json", assessment))
    assert response["Location"] == login_url(url("import-json", assessment))


def test_it_refuses_put(editor_client, assessment):
    assert editor_client.put(url("import-json", assessment)).status_code == 405
