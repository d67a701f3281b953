"""The plan's pages and the path progress page: who may do what, bad input refused with its
message and nothing stored, another cluster's action never shown."""

import re
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from clusters.models import Membership
from grid import services as grid_services
from grid.models import Campaign, GridVersion
from initiatives.models import PathStep
from plans import services
from plans.forms import ActionForm
from plans.models import Action, ActionComment, StepReached
from tests.fixtures import assert_hidden_from_outsider, logged_in, make_member, messages_of
from tests.plans.meanwhile import marked_meanwhile

pytestmark = pytest.mark.django_db


def url(name, cluster, *args):
    return reverse(f"plans:{name}", args=[cluster.slug, *args])


@pytest.fixture
def action(cluster_a, editor):
    return services.action_create(
        cluster=cluster_a, by=editor, title="Bilan carbone", sheets=["12"],
        question_codes=["2C-3"], due_on=date(2025, 1, 31), indicator="Tonnes de CO2",
        unit="t", baseline="100", target="80", measured="90")


def form_data(**changes):
    data = {"title": "Plan de mobilité", "status": "planned", "sheets": ["12"],
            "question_codes": ["2C-3"], "owner": "", "owner_name": "", "starts_on": "",
            "due_on": "", "done_on": "", "indicator": "", "unit": "", "baseline": "",
            "target": "", "measured": "", "notes": ""}
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


# --- the list ---


def test_the_list_shows_status_lateness_and_progress_in_words(editor_client, cluster_a, action):
    response = editor_client.get(url("action-list", cluster_a))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Bilan carbone" in html and "prévue" in html and "en retard" in html
    assert "<progress" in html and "50 %" in html  # from 100 to 80, at 90: half-way
    assert "Nouvelle action" in html
    assert ["prévue", "en cours", "réalisée", "abandonnée"] == [
        str(label) for label, _ in response.context["counts"]]


def test_the_board_reads_the_list_without_the_editors_button(board_client, cluster_a, action):
    html = board_client.get(url("action-list", cluster_a)).content.decode()
    assert "Bilan carbone" in html and "Nouvelle action" not in html


def test_the_list_filters_and_says_what_it_ignores(editor_client, cluster_a, action, editor):
    services.action_create(cluster=cluster_a, by=editor, title="Autre", status="in_progress")
    response = editor_client.get(url("action-list", cluster_a), {"statut": "in_progress"})
    assert [row["action"].title for row in response.context["rows"]] == ["Autre"]
    response = editor_client.get(url("action-list", cluster_a),
                                 {"statut": "perdu", "enjeu": "Z", "fiche": "99", "en_retard": "1"})
    assert response.status_code == 200
    assert [row["action"].title for row in response.context["rows"]] == ["Bilan carbone"]
    said = " ".join(messages_of(response))
    assert "Statut inconnu : « perdu »" in said and "Enjeu inconnu" in said
    assert "Fiche inconnue" in said


def test_the_list_runs_constant_queries(editor_client, cluster_a, action, editor,
                                        django_assert_max_num_queries):
    with django_assert_max_num_queries(12) as first:
        editor_client.get(url("action-list", cluster_a))
    for n in range(5):
        services.action_create(cluster=cluster_a, by=editor, title=f"A{n}", sheets=["13"],
                               owner=editor)
    with django_assert_max_num_queries(len(first.captured_queries)):
        editor_client.get(url("action-list", cluster_a))


def test_outsiders_see_nothing_of_the_plan(outsider_client, cluster_a, action):
    for name, args in (("action-list", ()), ("action-detail", (action.pk,)),
                       ("path-progress", ())):
        assert_hidden_from_outsider(outsider_client.get(url(name, cluster_a, *args)), cluster_a)


# --- creating ---


def test_the_form_is_prefilled_from_the_results_page(editor_client, cluster_a):
    response = editor_client.get(url("action-create", cluster_a),
                                 {"fiche": ["12", "13"], "question": "2C-3", "titre": "Mobilité"})
    assert response.status_code == 200
    form = response.context["form"]
    assert form.initial == {"sheets": ["12", "13"], "question_codes": ["2C-3"],
                            "title": "Mobilité"}
    html = response.content.decode()
    # Without the script, the boxes are ticked in the lists; with it, chips say them atop.
    assert re.search(r'value="12"[^>]*checked', html) and re.search(r'value="13"[^>]*checked', html)
    assert re.search(r'value="2C-3"[^>]*checked', html)
    assert not re.search(r'value="14"[^>]*checked', html)
    assert [(chip.field, chip.value) for chip in form.chips] == [
        ("sheets", "12"), ("sheets", "13"), ("question_codes", "2C-3"), ("title", "")]
    assert html.count('class="chip"') == 4 and ">Retirer la fiche</span>" in html
    assert ">Retirer la question</span>" in html and ">Retirer le titre proposé</span>" in html


def test_the_chips_name_what_they_remove(editor_client, cluster_a):
    html = editor_client.get(url("action-create", cluster_a), {"fiche": "12"}).content.decode()
    chip = re.search(r'<li class="chip" data-field="sheets" data-value="12">.*?</li>', html, re.S)
    # The button's name: « Retirer la fiche » then the chip's text, « 12 · <title> ».
    ids = re.search(r'aria-labelledby="([^"]+)"', chip[0])[1].split()
    texts = [re.search(rf'id="{name}"[^>]*>([^<]*)<', chip[0])[1] for name in ids]
    assert texts[0] == "Retirer la fiche" and texts[1].startswith("12 · ")


def test_no_chip_without_a_link_that_prefills(editor_client, cluster_a):
    html = editor_client.get(url("action-create", cluster_a)).content.decode()
    assert "data-chips" not in html and "data-choice-list" in html


def test_an_error_brings_back_the_chips_of_what_the_form_still_holds(editor_client, cluster_a):
    response = editor_client.post(
        url("action-create", cluster_a) + "?fiche=12&fiche=13&question=2C-3&titre=Mobilit%C3%A9",
        form_data(title="", sheets=["13"], question_codes=["2C-3"]))
    assert response.status_code == 400
    assert [(chip.field, chip.value) for chip in response.context["form"].chips] == [
        ("sheets", "13"), ("question_codes", "2C-3")]


def test_an_action_done_after_its_due_date_says_so(editor_client, cluster_a, editor):
    late = services.action_create(cluster=cluster_a, by=editor, title="Bilan carbone",
                                  status="done", due_on=date(2025, 3, 31),
                                  done_on=date(2025, 5, 2))
    in_time = services.action_create(cluster=cluster_a, by=editor, title="Charte",
                                     status="done", due_on=date(2025, 3, 31),
                                     done_on=date(2025, 3, 1))
    mark = "réalisée après l'échéance"
    assert mark in editor_client.get(url("action-detail", cluster_a, late.pk)).content.decode()
    assert mark not in editor_client.get(
        url("action-detail", cluster_a, in_time.pk)).content.decode()
    assert editor_client.get(url("action-list", cluster_a)).content.decode().count(mark) == 1


def test_an_unknown_sheet_or_question_in_the_link_is_said_and_left_out(editor_client, cluster_a):
    response = editor_client.get(url("action-create", cluster_a),
                                 {"fiche": ["12", "99"], "question": ["2C-3", "9Z-1"]})
    assert response.status_code == 200
    assert messages_of(response) == [
        "La fiche « 99 » n'existe pas : elle n'est pas reprise.",
        "La question « 9Z-1 » n'existe pas : elle n'est pas reprise.",
    ]
    html = response.content.decode()
    assert re.search(r'value="12"[^>]*checked', html) and 'value="99"' not in html
    assert re.search(r'value="2C-3"[^>]*checked', html) and 'value="9Z-1"' not in html
    assert 'data-value="99"' not in html and 'data-value="9Z-1"' not in html


def test_creating_stores_and_shows_the_action(editor_client, cluster_a, editor):
    response = editor_client.post(url("action-create", cluster_a), form_data(
        owner=str(editor.pk), target="1 234,5", due_on="2026-06-30", starts_on="2026-01-01"))
    action = Action.objects.get()
    assert response.status_code == 302
    assert response["Location"] == url("action-detail", cluster_a, action.pk)
    assert action.target == Decimal("1234.5") and action.owner == editor
    assert list(action.sheets.values_list("number", flat=True)) == ["12"]


def test_creating_follows_a_safe_next_only(editor_client, cluster_a):
    results = "/poles/pole-alpha/2025/resultats/"
    response = editor_client.post(url("action-create", cluster_a), form_data(next=results))
    assert response["Location"] == results
    response = editor_client.post(url("action-create", cluster_a),
                                  form_data(next="https://ailleurs.example/"))
    assert response["Location"] == url("action-detail", cluster_a, Action.objects.last().pk)


@pytest.mark.parametrize(("changes", "message"), [
    ({"starts_on": "2026-06-01", "due_on": "2026-05-01"},
     "L&#x27;échéance (01/05/2026) précède le début (01/06/2026)."),
    ({"target": "douze"}, "La valeur « douze » n&#x27;est pas un nombre admis."),
    ({"sheets": ["12", "99"]}, "Fiche inconnue : « 99 »."),
    ({"question_codes": ["9Z-9"]}, "Question absente de la grille du pôle : « 9Z-9 »."),
    ({"title": "  "}, "Donnez un intitulé à l&#x27;action."),
    ({"title": "Bilan\x07"}, "caractère invisible interdit (U+0007)"),
    ({"due_on": "31/02/2026"}, "Saisissez une date valide."),
    ({"status": "perdue"}, "Sélectionnez un choix valide"),
    # A NUL in a query is a 500 on PostgreSQL; numbers the column rounds over its bound or to 0.
    ({"sheets": ["12\x00"]}, "Fiche inconnue : « 12U+0000 »."),
    ({"target": "999999999999,995"}, "a plus de 2 décimales"),
    ({"measured": "1e-999999999"}, "a plus de 2 décimales"),
])
def test_bad_input_is_refused_with_its_message(editor_client, cluster_a, changes, message):
    response = editor_client.post(url("action-create", cluster_a), form_data(**changes))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Action.objects.exists()


def test_a_rule_the_service_refuses_is_said_on_the_form_with_what_was_typed(
        editor_client, cluster_a):
    response = editor_client.post(url("action-create", cluster_a), form_data(
        sheets=["12", "99"], notes="Voir la DREAL", indicator="Kilomètres évités"))
    page = response.content.decode()
    assert response.status_code == 400
    assert "Fiche inconnue : « 99 »." in page
    assert 'value="Plan de mobilité"' in page and "Voir la DREAL" in page
    assert 'value="Kilomètres évités"' in page


def test_the_action_form_checks_against_what_it_offers_without_the_database(
        cluster_a, editor, django_assert_num_queries):
    form = ActionForm(form_data(sheets=["12", "99"], question_codes=["9Z-9"]),
                      cluster=cluster_a, sheets=[], members=[editor])
    with django_assert_num_queries(0):
        assert not form.is_valid()
    assert form.errors == {"sheets": ["Fiche inconnue : « 12 », « 99 »."],
                           "question_codes": ["Question absente de la grille du pôle : « 9Z-9 »."]}


def field_errors(response) -> dict[str, list[str]]:
    return {field: list(errors) for field, errors in response.context["form"].errors.items()}


def test_every_problem_is_said_at_once_on_its_field(editor_client, cluster_a, editor):
    # A field's error (a date that is none) used to hide the others until it was fixed, and
    # the rules' errors were said atop the form, not on their fields.
    newer = grid_services.grid_version_derive(source=GridVersion.objects.get(code="cgdd-2012"),
                                              code="cgdd-2026", name="Grille 2026")
    newer.questions.filter(code="2C-3").update(code="2C-99")
    Campaign.objects.create(year=2026, version=newer)
    grid_services.assessment_start(cluster=cluster_a, year=2026, by=editor, prefill=False)
    response = editor_client.post(url("action-create", cluster_a), form_data(
        title="", sheets=["12", "999"], question_codes=["2C-3"], due_on="31/02/2026",
        target="douze", notes="Voir la DREAL", indicator="Kilomètres évités"))
    assert response.status_code == 400
    assert field_errors(response) == {
        "title": ["Donnez un intitulé à l'action."],
        "sheets": ["Fiche inconnue : « 999 »."],
        "question_codes": ["Question absente de la grille du pôle : « 2C-3 »."],
        "due_on": ["Saisissez une date valide."],
        "target": ["La valeur « douze » n'est pas un nombre admis."],
    }
    html = response.content.decode()
    assert '<div id="id_sheets_error" class="invalid-feedback d-block mb-2">' in html
    assert '<div id="id_question_codes_error"' in html
    for field in ("title", "due_on", "target"):
        assert f'id="error_1_id_{field}"' in html  # beside its field
    # The summary atop links each problem to its field.
    assert html.count('<li><a class="alert-link" href="#id_') == 5 and 'href="#id_sheets">' in html
    # Nothing typed is lost.
    assert "Voir la DREAL</textarea>" in html and 'value="Kilomètres évités"' in html
    assert 'value="31/02/2026"' in html and 'value="douze"' in html
    assert re.search(r'value="12"[^>]*checked', html)
    assert not Action.objects.exists()


@pytest.mark.parametrize(("changes", "errors"), [
    ({"title": "x" * 201, "starts_on": "2026-06-01", "due_on": "2026-05-01"},
     {"title": ["L'intitulé dépasse 200 caractères (il en a 201)."],
      "due_on": ["L'échéance (01/05/2026) précède le début (01/06/2026)."]}),
    ({"title": "  ", "due_on": "demain", "sheets": ["12\x00"], "measured": "1,005"},
     {"title": ["Donnez un intitulé à l'action."], "due_on": ["Saisissez une date valide."],
      "sheets": ["Fiche inconnue : « 12U+0000 »."],
      "measured": ["La valeur « 1.005 » a plus de 2 décimales : arrondissez-la."]}),
])
def test_problems_together_are_all_said(editor_client, cluster_a, changes, errors):
    response = editor_client.post(url("action-create", cluster_a), form_data(**changes))
    assert response.status_code == 400
    assert field_errors(response) == errors
    assert not Action.objects.exists()


def test_what_the_service_refuses_is_said_on_its_field(editor_client, cluster_a, monkeypatch):
    # The form offered 2C-3, but by the time of saving no grid holds it any more.
    monkeypatch.setattr(services, "known_question_codes", set)
    response = editor_client.post(url("action-create", cluster_a), form_data())
    assert response.status_code == 400
    assert field_errors(response) == {
        "question_codes": ["Question absente de la grille du pôle : « 2C-3 »."]}
    assert not Action.objects.exists()


def test_the_owner_must_be_a_member(editor_client, cluster_a, outsider):
    response = editor_client.post(url("action-create", cluster_a),
                                  form_data(owner=str(outsider.pk)))
    assert response.status_code == 400
    assert "Le responsable doit être membre du pôle." in response.content.decode()
    assert not Action.objects.exists()


def test_only_editors_create(board_client, outsider_client, cluster_a):
    assert board_client.post(url("action-create", cluster_a), form_data()).status_code == 403
    assert outsider_client.post(url("action-create", cluster_a), form_data()).status_code == 404
    assert not Action.objects.exists()


# --- the action's page, editing, comments ---


def test_the_page_shows_fields_progress_and_history(editor_client, cluster_a, action, editor):
    services.action_update(action=action, by=editor, status="done", measured="80")
    html = editor_client.get(url("action-detail", cluster_a, action.pk)).content.decode()
    assert "Tonnes de CO2" in html and "100 %" in html
    assert "Historique des modifications" in html
    assert "Statut : prévue → réalisée" in html
    assert "Valeur mesurée : 90 → 80" in html
    assert "Élise Martin" in html and "création" in html


def versions(action, by, count):
    """`count` more versions of `action`, as `count` saves would leave them (each changing the
    measured value, every tenth the sheets), written at once."""
    history = Action.history.model
    first = action.history.latest("history_date")  # once its sheets are set
    sheets = list(history.sheets.model.objects.filter(history=first))
    start = first.history_date
    rows = history.objects.bulk_create([
        history(**{**{f.attname: getattr(first, f.attname) for f in history._meta.concrete_fields
                      if f.attname != "history_id"},
                   "measured": Decimal(n), "revision": n + 1, "history_type": "~",
                   "history_user_id": by.pk, "owner_id": by.pk,
                   "history_date": start + timedelta(minutes=n + 1)})
        for n in range(count)])
    history.sheets.model.objects.bulk_create([
        history.sheets.model(history=row, id=link.id, action_id=action.pk,
                             sheet_id=link.sheet_id)
        for n, row in enumerate(rows) if n % 10 != 9 for link in sheets])
    Action.objects.filter(pk=action.pk).update(revision=count)


def test_the_history_is_shown_by_pages_of_20_newest_first(editor_client, cluster_a, action,
                                                          editor):
    versions(action, editor, 45)  # 46 versions: three pages
    response = editor_client.get(url("action-detail", cluster_a, action.pk))
    history = response.context["history"]
    assert len(history) == 20
    assert history[0].changes[0].new == "44"  # the newest first
    html = response.content.decode()
    assert 'aria-label="Pages de l\'historique"' in html
    assert '<span class="page-link" aria-current="page">1</span>' in html
    assert 'href="?historique=2#history-title">Plus anciens →</a>' in html
    last = editor_client.get(url("action-detail", cluster_a, action.pk), {"historique": "3"})
    assert [entry.kind for entry in last.context["history"]][-1] == "création"
    assert len(last.context["history"]) == 6
    html = last.content.decode()
    assert 'href="?historique=2#history-title">← Plus récents</a>' in html
    # A page out of range or not a number shows the nearest one, never an error.
    for page, shown in (("99", 3), ("abc", 1), ("-1", 3)):
        response = editor_client.get(url("action-detail", cluster_a, action.pk),
                                     {"historique": page})
        assert response.status_code == 200
        assert f'aria-current="page">{shown}</span>' in response.content.decode()


def test_the_sheets_changed_every_tenth_version_are_in_its_entry(editor_client, cluster_a,
                                                                 action, editor):
    versions(action, editor, 12)
    history = editor_client.get(url("action-detail", cluster_a, action.pk)).context["history"]
    by_measured = {entry.changes[0].new: entry.changes for entry in history if entry.changes}
    assert [(c.field, c.old, c.new) for c in by_measured["9"]] == [
        ("Valeur mesurée", "8", "9"), ("Fiches", "12", "—")]
    assert [(c.field, c.old, c.new) for c in by_measured["10"]] == [
        ("Valeur mesurée", "9", "10"), ("Fiches", "—", "12")]


def test_comments_are_shown_by_pages_of_20_newest_first(editor_client, cluster_a, action,
                                                        board):
    for n in range(25):
        services.action_comment_add(action=action, by=board, text=f"Remarque {n}")
    response = editor_client.get(url("action-detail", cluster_a, action.pk))
    assert [c.text for c in response.context["comments"]][:2] == ["Remarque 24", "Remarque 23"]
    html = response.content.decode()
    assert "Remarque 5" in html and "Remarque 4<" not in html
    assert 'aria-label="Pages des commentaires"' in html
    older = editor_client.get(url("action-detail", cluster_a, action.pk),
                              {"commentaires": "2", "historique": "1"})
    assert [c.text for c in older.context["comments"]] == [
        f"Remarque {n}" for n in range(4, -1, -1)]
    assert "?commentaires=1&amp;historique=1#comments-title" in older.content.decode()


def test_the_action_page_runs_the_same_queries_whatever_its_history(
        editor_client, cluster_a, action, editor, board, django_assert_num_queries):
    # An action edited 500 times took 3.3 s to show, with queries growing with its history.
    services.action_comment_add(action=action, by=board, text="Première remarque")
    # session, user, membership, the action with its sheets (2); the comments' count and page;
    # the history's count and page, their sheets, the sheets' numbers
    with django_assert_num_queries(11):
        editor_client.get(url("action-detail", cluster_a, action.pk))
    versions(action, editor, 499)
    for n in range(29):
        services.action_comment_add(action=action, by=board, text=f"Remarque {n}")
    for page in ("1", "13", "25"):
        with django_assert_num_queries(11):
            response = editor_client.get(url("action-detail", cluster_a, action.pk),
                                         {"historique": page, "commentaires": "2"})
        assert response.status_code == 200


def test_editing_changes_the_action(editor_client, cluster_a, action):
    page = editor_client.get(url("action-edit", cluster_a, action.pk))
    assert page.status_code == 200
    assert page.context["form"].initial["sheets"] == ["12"]
    html = page.content.decode()  # the same lists of boxes, with no chip: nothing prefilled
    assert html.count("data-choice-list") == 2 and "data-chips" not in html
    assert re.search(r'value="2C-3"[^>]*checked', html)
    response = editor_client.post(url("action-edit", cluster_a, action.pk), form_data(
        title="Bilan carbone", status="done", measured="85,5", revision="0"))
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.status == "done" and action.done_on == timezone.localdate()
    assert action.measured == Decimal("85.5")


def test_editing_refused_changes_nothing(editor_client, cluster_a, action):
    response = editor_client.post(url("action-edit", cluster_a, action.pk),
                                  form_data(title="Autre", target="beaucoup", revision="0"))
    assert response.status_code == 400
    action.refresh_from_db()
    assert action.title == "Bilan carbone" and action.target == Decimal("80")


def test_the_edit_form_carries_the_revision_it_was_loaded_at(editor_client, cluster_a, action):
    html = editor_client.get(url("action-edit", cluster_a, action.pk)).content.decode()
    assert '<input type="hidden" name="revision" value="0"' in html


def test_a_stale_save_is_refused_with_the_colleagues_change_and_my_input_kept(
        editor_client, cluster_a, action):
    # Two people edit one action: the second save overwrote the first with no warning.
    colleague = make_member("equipe-a2", cluster_a, Membership.Role.EDITOR, "Paul", "Roux")
    logged_in(colleague).post(url("action-edit", cluster_a, action.pk), form_data(
        title="Bilan carbone 2026", sheets=["12"], measured="70", revision="0"))
    response = editor_client.post(url("action-edit", cluster_a, action.pk), form_data(
        title="Bilan carbone", sheets=["12"], notes="Mes notes à moi", revision="0"))
    assert response.status_code == 409
    html = response.content.decode()
    assert "Paul Roux a modifié cette action" in html
    assert "Intitulé" in html and "Bilan carbone 2026" in html
    assert "Valeur mesurée" in html and "70" in html
    assert "Mes notes à moi</textarea>" in html  # what I typed is kept
    assert '<input type="hidden" name="revision" value="1"' in html
    action.refresh_from_db()
    assert (action.title, action.measured, action.notes) == (
        "Bilan carbone 2026", Decimal("70"), "")
    # Saving again, having seen their change, replaces it knowingly.
    response = editor_client.post(url("action-edit", cluster_a, action.pk), form_data(
        title="Bilan carbone", sheets=["12"], notes="Mes notes à moi", revision="1"))
    assert response.status_code == 302
    action.refresh_from_db()
    assert (action.title, action.notes, action.revision) == (
        "Bilan carbone", "Mes notes à moi", 2)


def test_an_edit_without_its_revision_is_refused(editor_client, cluster_a, action):
    response = editor_client.post(url("action-edit", cluster_a, action.pk),
                                  form_data(title="Autre"))
    assert response.status_code == 400
    assert "rechargez la page" in response.content.decode()
    action.refresh_from_db()
    assert action.title == "Bilan carbone"


def test_another_clusters_action_is_404(cluster_b, outsider, editor_client, cluster_a):
    theirs = services.action_create(cluster=cluster_b, by=outsider, title="Secret de B")
    for name in ("action-detail", "action-edit"):
        response = editor_client.get(url(name, cluster_a, theirs.pk))
        assert response.status_code == 404
        assert "Secret de B" not in response.content.decode()
    response = editor_client.post(url("action-comment", cluster_a, theirs.pk), {"text": "x"})
    assert response.status_code == 404
    assert not ActionComment.objects.exists()


def test_the_board_comments(board_client, cluster_a, action, board):
    response = board_client.post(url("action-comment", cluster_a, action.pk),
                                 {"text": "À présenter en CA."})
    assert response.status_code == 302
    assert ActionComment.objects.get().by == board
    html = board_client.get(url("action-detail", cluster_a, action.pk)).content.decode()
    assert "À présenter en CA." in html and "Modifier" not in html


@pytest.mark.parametrize(("text", "message"), [
    ("", "Le commentaire est vide."),
    ("x" * 2001, "Le commentaire dépasse 2000 caractères"),
])
def test_a_bad_comment_is_refused(board_client, cluster_a, action, text, message):
    response = board_client.post(url("action-comment", cluster_a, action.pk), {"text": text})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not ActionComment.objects.exists()


# --- accounts deleted ---


def test_a_comment_keeps_its_authors_name_once_the_account_is_deleted(
        editor_client, cluster_a, action, board):
    services.action_comment_add(action=action, by=board, text="À présenter en CA.")
    board.delete()
    response = editor_client.get(url("action-detail", cluster_a, action.pk))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Bruno Durand" in html and "À présenter en CA." in html


def test_an_action_whose_owner_is_deleted_has_no_owner_and_its_history_says_so(
        cluster_a, action, editor, board):
    services.action_update(action=action, by=board, owner=editor)
    editor.delete()
    client = logged_in(board)
    listing = client.get(url("action-list", cluster_a))
    assert listing.status_code == 200 and "Bilan carbone" in listing.content.decode()
    response = client.get(url("action-detail", cluster_a, action.pk))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Élise Martin" not in html
    # The creation was the deleted account's; the owner it named is gone too.
    assert "compte supprimé · création" in html
    assert "Responsable (membre) : — → compte supprimé" in html


# --- path progress ---


@pytest.fixture
def step_12(db):
    return PathStep.objects.get(path__code="ENV", sheet__number="12")


def test_the_progress_page_shows_a_step_reached_through_an_action(
        editor_client, cluster_a, action, editor, step_12):
    services.action_update(action=action, by=editor, status="done", done_on=date(2025, 3, 4))
    html = editor_client.get(url("path-progress", cluster_a)).content.decode()
    assert "via l'action" in html and "« Bilan carbone »" in html and "04/03/2025" in html
    assert "Prochaine étape" in html
    assert reverse("plans:step-mark", args=[cluster_a.slug, step_12.pk]) in html


def test_editors_mark_and_unmark_a_step(editor_client, cluster_a, step_12, editor):
    mark = url("step-mark", cluster_a, step_12.pk)
    response = editor_client.post(mark, {"reached": "1", "reached_on": "2025-02-01",
                                         "note": "Vu en CA"})
    assert response.status_code == 302 and response["Location"].endswith("#env")
    row = StepReached.objects.get()
    assert (row.cluster, row.step, row.note, row.by) == (cluster_a, step_12, "Vu en CA", editor)
    html = editor_client.get(url("path-progress", cluster_a)).content.decode()
    assert "Vu en CA" in html and "Retirer la marque" in html
    editor_client.post(mark, {"reached": "0"})
    assert not StepReached.objects.exists()


@pytest.mark.parametrize(("data", "message"), [
    ({"reached": "1", "reached_on": ""}, "Indiquez la date"),
    ({"reached": "1", "reached_on": "2999-01-01"}, "est dans le futur"),
    ({"reached": "peut-être", "reached_on": "2025-01-01"}, "Valeur inconnue"),
    ({"reached": "1", "reached_on": "2025-01-01", "note": "x\x00"}, "caractère invisible"),
])
def test_a_bad_mark_is_refused_with_a_message(editor_client, cluster_a, step_12, data, message):
    response = editor_client.post(url("step-mark", cluster_a, step_12.pk), data)
    assert response.status_code == 302
    assert any(message in said for said in messages_of(response))
    assert not StepReached.objects.exists()


def test_a_mark_made_at_the_same_time_as_anothers_is_told_not_a_500(
        editor_client, cluster_a, step_12):
    # The second of two first marks ended in an IntegrityError (500).
    colleague = make_member("equipe-a2", cluster_a, Membership.Role.EDITOR, "Paul", "Roux")
    with marked_meanwhile(step_12, by=colleague):
        response = editor_client.post(url("step-mark", cluster_a, step_12.pk),
                                      {"reached": "1", "reached_on": "2025-02-01"})
    assert response.status_code == 302 and response["Location"].endswith("#env")
    assert messages_of(response) == [
        "Paul Roux vient de marquer cette étape atteinte le 10/01/2025 : votre marque n'a pas "
        "été enregistrée. Changez sa date ou sa note si besoin."
    ]


def test_marking_is_for_editors_of_known_steps(board_client, editor_client, outsider_client,
                                               cluster_a, step_12):
    data = {"reached": "1", "reached_on": (timezone.localdate() - timedelta(days=1)).isoformat()}
    assert board_client.post(url("step-mark", cluster_a, step_12.pk), data).status_code == 403
    assert outsider_client.post(url("step-mark", cluster_a, step_12.pk), data).status_code == 404
    assert editor_client.post(url("step-mark", cluster_a, 999999), data).status_code == 404
    assert not StepReached.objects.exists()


def test_the_progress_page_runs_constant_queries(editor_client, cluster_a, editor, action,
                                                 django_assert_max_num_queries):
    with django_assert_max_num_queries(12) as first:
        editor_client.get(url("path-progress", cluster_a))
    for step in PathStep.objects.filter(path__code="RH")[:5]:
        services.step_reach(cluster=cluster_a, step=step, by=editor, reached_on=date(2025, 1, 2))
    with django_assert_max_num_queries(len(first.captured_queries)):
        editor_client.get(url("path-progress", cluster_a))


# --- the public path page ---


def test_the_public_path_page_shows_a_members_progress(client, editor, cluster_a, step_12):
    services.step_reach(cluster=cluster_a, step=step_12, by=editor, reached_on=date(2025, 2, 1))
    path = reverse("guide:path-detail", args=["env"])
    assert "Pôle Alpha" not in client.get(path).content.decode()
    html = logged_in(editor).get(path).content.decode()
    assert "Où en est Pôle Alpha Maritime" in html
    assert "Atteinte par Pôle Alpha Maritime le 01/02/2025" in html
    assert "Prochaine étape : 1" in html


def test_the_questions_offered_are_the_latest_grids_and_old_codes_are_kept(
        editor_client, cluster_a, editor, action):
    newer = grid_services.grid_version_derive(source=GridVersion.objects.get(code="cgdd-2012"),
                                              code="cgdd-2026", name="Grille 2026")
    newer.questions.filter(code="2C-3").update(code="2C-99")
    Campaign.objects.create(year=2026, version=newer)
    grid_services.assessment_start(cluster=cluster_a, year=2026, by=editor, prefill=False)
    form = editor_client.get(url("action-create", cluster_a)).context["form"]
    codes = [code for code, _label in form.fields["question_codes"].choices]
    assert "2C-99" in codes and "2C-3" not in codes
    # The action already serves 2C-3: its page keeps offering it, and saving keeps it.
    form = editor_client.get(url("action-edit", cluster_a, action.pk)).context["form"]
    assert ("2C-3", "2C-3") in form.fields["question_codes"].choices
    editor_client.post(url("action-edit", cluster_a, action.pk), form_data(
        title="Bilan carbone", question_codes=["2C-3", "2C-99"], revision="0"))
    action.refresh_from_db()
    assert action.question_codes == ["2C-3", "2C-99"]
