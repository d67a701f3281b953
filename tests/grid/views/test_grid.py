"""`grid:grid` (/poles/<slug>/<year>/grille/): the 41 questions, and the no-JavaScript save."""

import datetime
import re
from html import unescape

import pytest
from django.utils import translation

from clusters.models import Membership
from clusters.services import membership_add
from grid import services
from grid.models import Campaign, GridDisplay, Question
from initiatives.models import Lever
from tests.fixtures import (
    answers_of,
    assert_hidden_from_outsider,
    custom_of,
    fill,
    logged_in,
    login_url,
    make_member,
    messages_of,
    page_form_data,
    url,
)

pytestmark = pytest.mark.django_db


def validated_before(assessment, editor, board, year, value, *, answers=None, validate=True):
    """A year of the same cluster before `assessment`'s, filled with `value` (`answers` win),
    submitted and, unless told otherwise, validated."""
    Campaign.objects.create(year=year, version=assessment.campaign.version)
    earlier = fill(services.assessment_start(cluster=assessment.cluster, year=year, by=editor,
                                             prefill=False), editor, value, answers=answers)
    services.assessment_submit(assessment=earlier, by=editor)
    if validate:
        services.assessment_validate(assessment=earlier, by=board)
    return earlier


def row_tag(html, code):
    return re.search(rf'<fieldset [^>]*id="q-{re.escape(code)}"[^>]*>', html).group(0)


def previous_mark(html, code):
    """The « changed since » mark of a row, or None."""
    row = html[html.index(f'id="q-{code}"'):]
    row = row[:row.index("</fieldset>")]
    found = re.search(r'<p class="previous-answer small" data-previous-mark( hidden)?>([^<]*)</p>',
                      row)
    return found and (unescape(found.group(2)), found.group(1) is None)


def question_fieldsets(html):
    return re.findall(r'<fieldset class="question card[^"]*" id="q-([^"]+)"[^>]*>', html)


def test_it_shows_the_owner_every_question_editable(editor_client, assessment):
    response = editor_client.get(url("grid", assessment))
    assert response.status_code == 200
    html = response.content.decode()
    codes = question_fieldsets(html)
    assert len(codes) == 41
    assert codes[:5] == ["S-1", "S-2", "S-3", "S-4", "1A-1"]
    assert html.count('data-kind="custom"') == 4
    assert " disabled>" not in html
    assert url("answer-save", assessment) in html
    assert "/static/js/grid.js" in html
    assert "Enregistrer tout" in html and url("submit", assessment) in html
    assert response.context["can_edit"] is True


def test_the_strategy_questions_show_the_lever_the_guide_prints_for_them(editor_client, assessment):
    html = editor_client.get(url("grid", assessment)).content.decode()
    for code in ("S-1", "S-2", "S-3", "S-4"):  # L442–L445
        row = html.split(f'id="q-{code}"')[1].split("</fieldset>")[0]
        assert "Démarche Agenda 21" in row, code


def test_it_offers_not_applicable_outside_section_s_only(editor_client, assessment):
    html = editor_client.get(url("grid", assessment)).content.decode()
    assert 'name="S-1-value" id="S-1-value-5" value="na"' not in html
    assert 'name="1A-1-value" id="1A-1-value-5" value="na"' in html
    assert 'for="1A-1-comment"' in html  # every control has its label


def test_it_shows_saved_answers_and_the_count(editor_client, editor, assessment):
    fill(assessment, editor, answers={"S-1": "+", "2B-3": "na"},
         comments={"2B-3": "Pas de site industriel."}, codes=[])
    response = editor_client.get(url("grid", assessment))
    html = response.content.decode()
    assert 'name="S-1-value" id="S-1-value-2" value="+" checked' in html
    assert "Pas de site industriel." in html
    assert response.context["answered"] == 2 and response.context["total"] == 41
    assert '<span id="answered">2</span> / 41' in html


def test_it_is_read_only_for_the_board(board_client, assessment):
    response = board_client.get(url("grid", assessment))
    assert response.status_code == 200
    html = response.content.decode()
    assert response.context["can_edit"] is False
    assert len(re.findall(r'data-kind="question" data-code="[^"]+" [^>]*disabled', html)) == 41
    assert "Lecture seule" in html
    assert "Enregistrer tout" not in html and "/static/js/grid.js" not in html


def test_it_is_read_only_for_the_owner_once_submitted(editor_client, submitted):
    response = editor_client.get(url("grid", submitted))
    assert response.context["can_edit"] is False
    html = response.content.decode()
    assert "elle ne se modifie plus" in html
    assert "Enregistrer tout" not in html


def test_it_sends_anonymous_to_login(anonymous, assessment):
    response = anonymous.get(url("grid", assessment))
    assert response["Location"] == login_url(url("grid", assessment))


def test_it_refuses_outsider(outsider_client, cluster_a, assessment):
    assert_hidden_from_outsider(outsider_client.get(url("grid", assessment)), cluster_a)


def test_a_year_not_started_is_404(editor_client, cluster_a, assessment):
    response = editor_client.get(url("grid", slug=cluster_a.slug, year=2024))
    assert response.status_code == 404


@pytest.mark.parametrize("method", ["put", "delete", "patch"])
def test_it_refuses_other_methods(editor_client, assessment, method):
    assert getattr(editor_client, method)(url("grid", assessment)).status_code == 405


def test_its_queries_do_not_grow_with_the_answers_nor_the_years(
    editor_client, editor, board, assessment, django_assert_num_queries
):
    editor_client.get(url("grid", assessment))  # renders the version's layout (grid.layout)
    # session, user, membership, assessment, display, the cluster's actions (what plans shows
    # beside each question, grid.annotations), last content edit, assignments, answers, custom
    # rows, evidence, the answers of the last validated year, the team (whom the « Confier »
    # forms offer)
    with django_assert_num_queries(12):
        editor_client.get(url("grid", assessment))
    fill(assessment, editor, "+")
    for code in ("S-1", "S-2", "1A-1"):
        services.evidence_add_link(assessment=assessment, code=code, label="Rapport",
                                   url="https://example.org/rapport", by=editor)
    for year in (2022, 2023, 2024):
        validated_before(assessment, editor, board, year, "++")
    with django_assert_num_queries(12):
        response = editor_client.get(url("grid", assessment))
    assert response.context["answered"] == 41
    assert response.content.decode().count("data-filter-changed") == 41


def test_an_edit_of_the_content_shows_on_the_next_page(editor_client, assessment):
    """The version's layout is rendered once per process (grid.layout); an admin's edit of a
    lever or a sheet it shows is recorded in their history, which renders it again."""
    editor_client.get(url("grid", assessment))
    lever = Lever.objects.filter(questions__code="1A-1").first()
    lever.name = "Levier renommé"
    lever.save()
    response = editor_client.get(url("grid", assessment))
    assert "Levier renommé" in response.content.decode()


def test_what_is_kept_of_the_page_follows_its_answers_its_reader_and_its_language(
    editor_client, board_client, editor, assessment
):
    """Each section is kept in the cache under what its rows show (templates/grid/grid.html),
    the questions' fixed parts under the version, the content and the language."""
    editor_client.get(url("grid", assessment))
    fill(assessment, editor, answers={"2B-3": "-"}, comments={"2B-3": "Revu en juin."}, codes=[])
    html = editor_client.get(url("grid", assessment)).content.decode()
    assert 'name="2B-3-value" id="2B-3-value-3" value="-" checked' in html
    assert "Revu en juin." in html and " disabled>" not in html
    html = board_client.get(url("grid", assessment)).content.decode()
    assert len(re.findall(r'data-kind="question" data-code="[^"]+" [^>]*disabled', html)) == 41
    assert 'value="-" checked' in html
    editor_client.cookies["django_language"] = "en"
    html = editor_client.get(url("grid", assessment)).content.decode()
    assert "(optional)" in html and "(facultatif)" not in html
    assert "Weight 4" in html and "Barème" not in html


# --- « Enregistrer tout »: the page posted as a whole, without JavaScript ---


def test_the_whole_form_saves_the_changed_rows(editor_client, editor, assessment):
    data = page_form_data(
        assessment, **{"S-1-value": "++", "2B-3-value": "na", "2B-3-comment": "Pas d'usine.",
                       "autre-B-label": "Covoiturage", "autre-B-level": "2",
                       "autre-B-bareme": "3", "autre-B-value": "+"},
    )
    response = editor_client.post(url("grid", assessment), data)
    assert response.status_code == 302
    assert response["Location"] == url("grid", assessment)
    assert messages_of(response) == ["3 réponses enregistrées."]
    answers = answers_of(assessment)
    assert answers["S-1"] == ("++", "")
    assert answers["2B-3"] == ("na", "Pas d'usine.")
    assert custom_of(assessment)["B"] == ("Covoiturage", 2, 3, "+")
    assert assessment.answers.get(question__code="S-1").updated_by == editor


def test_the_whole_form_posted_unchanged_saves_nothing(editor_client, editor, assessment):
    fill(assessment, editor, codes=["S-1"])
    revisions = list(assessment.answers.values_list("revision", flat=True))
    custom_revisions = list(assessment.custom_answers.values_list("revision", flat=True))
    response = editor_client.post(url("grid", assessment), page_form_data(assessment))
    assert messages_of(response) == []
    assert list(assessment.answers.values_list("revision", flat=True)) == revisions
    assert list(assessment.custom_answers.values_list("revision", flat=True)) == custom_revisions


@pytest.mark.parametrize(
    ("changes", "row", "message"),
    [
        ({"2B-3-value": "na"}, "2B-3",
         "Question « 2B-3 » : « na » (non applicable) exige un commentaire."),
        ({"S-2-value": "na", "S-2-comment": "Pas de stratégie."}, "S-2",
         "Question « S-2 » : « na » (non applicable) est interdit dans la section S."),
        ({"1A-1-value": "+++"}, "1A-1",
         "Question « 1A-1 » : réponse « +++ » invalide (attendu : ++, +, -, --, na)."),
        ({"autre-C-label": "Tutorat", "autre-C-level": "1", "autre-C-bareme": "7",
          "autre-C-value": "+"}, "autre-C",
         "Autre action C : barème « 7 » invalide (entier de 1 à 4)."),
        ({"1A-1-comment": "Pièce\x00jointe"}, "1A-1",
         "Question « 1A-1 » : le commentaire contient un caractère invisible interdit (U+0000) :"
         " retirez-le."),
        ({"1A-1-comment": "a\n" * 500}, "1A-1",
         "Question « 1A-1 » : le commentaire dépasse 10 lignes (il en a 500)."),
        ({"1A-1-revision": "x"}, "1A-1",
         "La version de cette réponse est illisible : rechargez la page, puis recommencez."),
    ],
)
def test_the_whole_form_refuses_bad_input_and_shows_it_as_typed(
    editor_client, assessment, changes, row, message
):
    before, custom_before = answers_of(assessment), custom_of(assessment)
    response = editor_client.post(url("grid", assessment), page_form_data(assessment, **changes))
    assert response.status_code == 400
    assert messages_of(response) == [
        "Certaines réponses n'ont pas été enregistrées : elles sont signalées ci-dessous, telles "
        "que vous les avez saisies."
    ]
    (shown,) = [r for group in response.context["sections"]
                for r in (*group.questions, group.custom) if r and _key(r) == row]
    assert shown.errors == (message,)
    typed = {name.removeprefix(f"{row}-"): value for name, value in changes.items()}
    assert {name: getattr(shown, name) for name in typed} == typed
    assert answers_of(assessment) == before
    assert custom_of(assessment) == custom_before


def _key(row):
    return f"autre-{row.enjeu}" if hasattr(row, "enjeu") else row.code


def test_the_whole_form_saves_the_good_rows_beside_a_refused_one(editor_client, assessment):
    data = page_form_data(assessment, **{"S-1-value": "+", "2B-3-value": "na"})
    response = editor_client.post(url("grid", assessment), data)
    assert response.status_code == 400
    assert messages_of(response)[0] == "1 réponse enregistrée."
    assert answers_of(assessment)["S-1"] == ("+", "")
    assert answers_of(assessment)["2B-3"] == ("", "")


def test_the_whole_form_reports_a_conflict_and_keeps_both_answers(
    editor_client, cluster_a, assessment
):
    loaded = page_form_data(assessment, **{"S-1-value": "-", "S-1-comment": "Pas encore."})
    colleague = make_member("equipe-a2", cluster_a, Membership.Role.EDITOR, "Paul", "Roux")
    fill(assessment, colleague, "++", codes=["S-1"])  # saved while the page was open
    response = editor_client.post(url("grid", assessment), loaded)
    assert response.status_code == 409
    (shown,) = [r for group in response.context["sections"] for r in group.questions
                if r.code == "S-1"]
    (message,) = shown.errors
    assert message.startswith("Paul Roux a enregistré entre-temps la réponse « ++ »")
    # What the person typed stays on the page, ready to replace the colleague's answer knowingly.
    assert (shown.value, shown.comment, shown.revision) == ("-", "Pas encore.", 1)
    assert answers_of(assessment)["S-1"] == ("++", "")
    again = editor_client.post(url("grid", assessment), {**loaded, "S-1-revision": "1"})
    assert again.status_code == 302
    assert answers_of(assessment)["S-1"] == ("-", "Pas encore.")


def test_the_whole_form_refuses_the_board(board_client, assessment):
    response = board_client.post(
        url("grid", assessment), page_form_data(assessment, **{"S-1-value": "++"})
    )
    assert response.status_code == 403
    assert answers_of(assessment)["S-1"] == ("", "")


def test_the_whole_form_refuses_outsider(outsider_client, cluster_a, assessment):
    response = outsider_client.post(
        url("grid", assessment), page_form_data(assessment, **{"S-1-value": "++"})
    )
    assert_hidden_from_outsider(response, cluster_a)
    assert answers_of(assessment)["S-1"] == ("", "")


def test_the_whole_form_cannot_change_a_submitted_grid(editor_client, submitted):
    response = editor_client.post(
        url("grid", submitted), page_form_data(submitted, **{"S-1-value": "--"})
    )
    assert messages_of(response) == [
        "Cette autoévaluation est soumise : elle ne se modifie plus."
    ]
    assert answers_of(submitted)["S-1"] == ("++", "")


def test_an_editor_of_another_cluster_who_is_board_here_cannot_save(
    outsider, cluster_a, assessment
):
    membership_add(cluster=cluster_a, user=outsider, role=Membership.Role.BOARD)
    response = logged_in(outsider).post(
        url("grid", assessment), page_form_data(assessment, **{"S-1-value": "+"})
    )
    assert response.status_code == 403


# --- the compact display, remembered per person ---


@pytest.mark.parametrize("person", ["editor", "board"])
def test_a_member_switches_to_the_compact_display_everywhere(person, request, assessment):
    client = logged_in(request.getfixturevalue(person))
    response = client.post(url("grid-display", assessment), {"compact": "1"})
    assert response.status_code == 302 and response["Location"] == url("grid", assessment)
    page = client.get(url("grid", assessment)).content.decode()
    assert 'class="question question-compact"' in page
    assert "Affichage détaillé" in page
    client.post(url("grid-display", assessment), {"compact": "0"})
    assert "question-compact" not in client.get(url("grid", assessment)).content.decode()


def test_an_unknown_display_changes_nothing_and_says_so(editor_client, editor, assessment):
    response = editor_client.post(url("grid-display", assessment), {"compact": "peut-être"},
                                  follow=True)
    assert messages_of(response) == ["Affichage inconnu : la grille garde le sien."]
    assert not GridDisplay.objects.filter(user=editor).exists()


def test_an_outsider_cannot_reach_the_display_switch(outsider_client, assessment):
    response = outsider_client.post(url("grid-display", assessment), {"compact": "1"})
    assert response.status_code == 404
    assert not GridDisplay.objects.exists()


# --- whose text each question is: the guide's, or this application's (DESIGN §3) ---


def question_html(html, code):
    """The fieldset of one question, as the page prints it."""
    return re.search(rf'<fieldset [^>]*id="q-{code}".*?</fieldset>', html, re.S).group(0)


@pytest.mark.parametrize("compact", [False, True])
def test_each_reconstructed_question_is_marked_with_its_sheet_in_both_displays(
    compact, editor_client, editor, assessment
):
    GridDisplay.objects.create(user=editor, compact=compact)
    html = unescape(editor_client.get(url("grid", assessment)).content.decode())
    assert html.count('id="origin-legend"') == 1
    assert "la grille imprimée du guide ne donne que 11 affirmations" in html
    marked = {code for code in re.findall(r'id="q-([^"]+)"', html)
              if "origin-mark" in question_html(html, code)}
    assert len(marked) == 30
    assert not marked & {"S-1", "S-4", "1A-1", "1A-3", "2A-1", "2A-4"}
    assert "reconstituée d'après la fiche 13" in question_html(html, "2B-3")
    assert "reconstituée (sans fiche dans le guide)" in question_html(html, "2D-1")
    flags = re.findall(r'id="q-([^"]+)".*?<legend[^>]*>(.*?)</legend>', html, re.S)
    flagged = {code for code, legend in flags if "origin-flag" in legend}
    # The compact display's one-line rows carry a letter beside the code, its words hidden.
    assert flagged == (marked if compact else set())
    if compact:
        legend = dict(flags)["2B-3"]
        assert '<span aria-hidden="true">R</span>' in legend
        assert '<span class="visually-hidden">reconstituée d\'après la fiche 13</span>' in legend


def test_marking_a_question_reviewed_shows_on_the_page_kept_in_the_cache(
    editor_client, editor, assessment
):
    for compact in (False, True):  # both displays kept in the cache first
        GridDisplay.objects.update_or_create(user=editor, defaults={"compact": compact})
        assert "revue le 3" not in editor_client.get(url("grid", assessment)).content.decode()
    question = Question.objects.get(version__code="cgdd-2012", code="2B-3")
    services.question_mark_reviewed(question=question, by=None, on=datetime.date(2026, 12, 3))
    for compact in (True, False):
        GridDisplay.objects.filter(user=editor).update(compact=compact)
        html = unescape(editor_client.get(url("grid", assessment)).content.decode())
        # In the compact display, the flag beside the code says it too (on hover, to readers).
        assert html.count("revue le 3 décembre 2026") == 1 + 2 * compact
        assert "revue le 3 décembre 2026" in question_html(html, "2B-3")


def test_the_english_page_marks_the_questions_in_english(editor_client, assessment):
    editor_client.cookies["django_language"] = "en"
    with translation.override("fr"):  # the request's English stays in the request
        html = unescape(editor_client.get(url("grid", assessment)).content.decode())
    assert "reconstructed from sheet 13" in question_html(html, "2B-3")
    assert "the guide's printed grid gives only 11 statements" in html
    assert "reconstituée" not in html


def test_submit_says_how_many_questions_remain_with_links_to_them(editor_client, editor,
                                                                  assessment):
    fill(assessment, editor, answers={"S-2": "", "2B-3": ""})
    html = editor_client.get(url("grid", assessment)).content.decode().replace("&#x27;", "'")
    section = html[html.index('id="submit-title"'):]
    assert "Questions à compléter avant de soumettre" in section
    assert '<strong id="missing-count">2</strong>' in section
    links = re.findall(r'<a href="#q-([\w-]+)">', section)
    assert links == ["S-2", "2B-3"]
    assert all(f'id="q-{code}"' in html for code in links)  # the anchors exist


def test_a_complete_grid_lists_nothing_to_complete(editor_client, filled):
    html = editor_client.get(url("grid", filled)).content.decode()
    assert "à compléter avant de soumettre" not in html and 'id="missing"' not in html


# --- the filter bar: « sans réponse », « changées depuis » (grid.filters) ---


def test_each_row_says_how_it_differs_from_the_last_validated_year(
    editor_client, editor, board, assessment
):
    validated_before(assessment, editor, board, 2023, "--")
    validated_before(assessment, editor, board, 2024, "++", answers={"2B-3": "+"})
    validated_before(assessment, editor, board, 2022, "+")
    fill(assessment, editor, answers={"1A-1": "+", "1A-2": "++", "2B-3": "+"}, codes=[])
    response = editor_client.get(url("grid", assessment))
    html = response.content.decode()
    # 2024, the latest validated year before 2025, whatever the order the years were made in.
    assert previous_mark(html, "1A-1") == ("Changée depuis 2024 : avant « ++ »", True)
    assert "data-filter-changed" in row_tag(html, "1A-1")
    assert 'data-previous="++"' in row_tag(html, "1A-1")
    assert previous_mark(html, "1A-2") == ("Changée depuis 2024 : avant « ++ »", False)
    assert previous_mark(html, "2B-3") == ("Changée depuis 2024 : avant « + »", False)
    assert "data-filter-changed" not in row_tag(html, "1A-2")
    # A blank answer is « sans réponse », never « changée ».
    assert previous_mark(html, "1B-1") == ("Changée depuis 2024 : avant « ++ »", False)
    assert "data-filter-unanswered" in row_tag(html, "1B-1")
    assert "data-filter-unanswered" not in row_tag(html, "1A-1")
    assert [(f.key, f.label) for f in response.context["row_filters"]] == [
        ("unanswered", "sans réponse"), ("changed", "changées depuis 2024")]
    assert html.count("data-filter-changed") == 1
    assert html.count("data-filter-unanswered") == 38


def test_a_year_submitted_but_not_validated_is_not_compared_with(
    editor_client, editor, board, assessment
):
    validated_before(assessment, editor, board, 2023, "--")
    validated_before(assessment, editor, board, 2024, "++", validate=False)
    fill(assessment, editor, answers={"1A-1": "++"}, codes=[])
    html = editor_client.get(url("grid", assessment)).content.decode()
    assert previous_mark(html, "1A-1") == ("Changée depuis 2023 : avant « -- »", True)


def test_without_a_validated_year_there_is_nothing_to_compare_with(
    editor_client, editor, board, assessment
):
    validated_before(assessment, editor, board, 2024, "++", validate=False)
    fill(assessment, editor, answers={"1A-1": "+"}, codes=[])
    response = editor_client.get(url("grid", assessment))
    html = response.content.decode()
    assert "data-previous-mark" not in html and "data-filter-changed" not in html
    assert [f.key for f in response.context["row_filters"]] == ["unanswered"]


def test_the_kept_sections_follow_a_year_validated_meanwhile(
    editor_client, editor, board, assessment
):
    """The section fragments are cached under their rows' state, which holds the answer of the
    last validated year (FormRow.state)."""
    earlier = validated_before(assessment, editor, board, 2024, "++", validate=False)
    fill(assessment, editor, answers={"1A-1": "+"}, codes=[])
    assert "data-previous-mark" not in editor_client.get(url("grid", assessment)).content.decode()
    services.assessment_validate(assessment=earlier, by=board)
    html = editor_client.get(url("grid", assessment)).content.decode()
    assert previous_mark(html, "1A-1") == ("Changée depuis 2024 : avant « ++ »", True)


def test_the_filters_and_the_bar_are_in_the_page_for_every_reader(
    editor_client, board_client, assessment
):
    for client, editable in ((editor_client, True), (board_client, False)):
        html = client.get(url("grid", assessment)).content.decode()
        # Shown by the script only: without it, every row stays in view.
        assert re.search(r'<fieldset class="grid-filters mb-3" data-grid-filters hidden>', html)
        assert 'id="filter-unanswered" value="unanswered"' in html
        assert "Questions affichées : 41 sur 41" in html
        assert 'id="grid-bar"' in html and 'src="/static/js/grid-bar.js"' in html
        assert html.count('data-section-empty hidden') == 9
        assert ("data-next-unanswered" in html) is editable
        ids = re.findall(r'\bid="([^"]+)"', html)
        assert len(ids) == len(set(ids))


def test_the_filter_words_are_translated(editor_client, editor, board, assessment):
    validated_before(assessment, editor, board, 2024, "++")
    editor_client.cookies["django_language"] = "en"
    html = editor_client.get(url("grid", assessment)).content.decode()
    assert "changed since 2024" in html and ">no answer<" in html
    assert "Questions shown: 41 of 41" in html
    assert "Next unanswered question" in html
