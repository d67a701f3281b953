"""`reports:evolution` (/poles/<slug>/evolution/): radars, notes and answers of several years."""

import html as html_lib
import re

import pytest

from grid import services
from grid.models import Campaign, Question
from tests.fixtures import (
    STRATEGY_CODES,
    assert_hidden_from_outsider,
    assert_only_own_assets,
    fill,
    login_url,
    url,
)

pytestmark = pytest.mark.django_db

NBSP = "\u00a0"


def page(client, cluster, query=None) -> str:
    response = client.get(url("evolution", slug=cluster.slug), query or {})
    assert response.status_code == 200
    return html_lib.unescape(response.content.decode())


def text(html: str) -> str:
    """The page as read: tags dropped, spaces collapsed."""
    return re.sub(r"[ \t\r\n]+", " ", re.sub(r"<[^>]+>", " ", html))  # keeps the NBSPs


def open_year(cluster, year, editor, version, value="++", **fill_options):
    Campaign.objects.get_or_create(year=year, defaults={"version": version})
    assessment = services.assessment_start(cluster=cluster, year=year, by=editor, prefill=False)
    return fill(assessment, editor, value, **fill_options)


def validated_year(cluster, year, editor, board, version, comment="", **fill_options):
    assessment = open_year(cluster, year, editor, version, **fill_options)
    services.assessment_submit(assessment=assessment, by=editor)
    return services.assessment_validate(assessment=assessment, by=board, comment=comment)


@pytest.fixture
def two_years(cluster_a, editor, board, version):
    """2024 validated, every answer « ++ »; 2025 open, the strategy « ++ » and the rest « + »."""
    validated_year(cluster_a, 2024, editor, board, version, comment="Bonne année, vu en CA.")
    open_year(cluster_a, 2025, editor, version, "+", answers=dict.fromkeys(STRATEGY_CODES, "++"))


# --- who may see it ---


def test_the_owner_sees_the_years_side_by_side(editor_client, cluster_a, two_years):
    html = page(editor_client, cluster_a)
    read = text(html)
    assert "Évolution d'une année sur l'autre" in read
    # Global note: 100 % then 2/3; the delta is an arrow, signed points and words; each year
    # has its maturity level, and the change of level is marked on the delta.
    assert re.search(
        rf"Note globale 100,0{NBSP}% Expert ▼ −33,3{NBSP}pts en baisse "
        rf"Maturité Expert → Confirmé 66,7{NBSP}% Confirmé", read
    )
    assert f"Complétude 100,0{NBSP}% = 0,0{NBSP}pt stable 100,0{NBSP}%" in read
    assert "validée" in read and "brouillon" in read


def test_the_board_sees_it_with_its_comments(board_client, cluster_a, two_years):
    read = text(page(board_client, cluster_a))
    assert "Commentaires de la gouvernance" in read
    assert "Validée · " in read and "Bruno Durand Bonne année, vu en CA." in read
    # Newest year first; the open year has no decision yet.
    assert read.index("2025 Pas encore de décision") < read.index("2024 Validée")


def test_a_reopened_year_says_so_with_the_boards_reason(board_client, board, cluster_a,
                                                         two_years):
    validated = cluster_a.assessments.get(campaign__year=2024)
    services.assessment_reopen(assessment=validated, by=board, comment="Revoir la section 2B.")
    read = text(page(board_client, cluster_a))
    assert "Rouverte · " in read and "Bruno Durand Revoir la section 2B." in read
    assert read.index("Validée · ") < read.index("Rouverte · ")  # in the order they happened


def test_it_sends_anonymous_to_login(anonymous, cluster_a):
    response = anonymous.get(url("evolution", slug=cluster_a.slug))
    assert response["Location"] == login_url(url("evolution", slug=cluster_a.slug))


def test_it_refuses_outsider(outsider_client, cluster_a, two_years):
    response = outsider_client.get(url("evolution", slug=cluster_a.slug))
    assert_hidden_from_outsider(response, cluster_a)


def test_an_unknown_cluster_is_404(editor_client):
    assert editor_client.get(url("evolution", slug="pole-inconnu")).status_code == 404


def test_it_refuses_post(editor_client, cluster_a):
    assert editor_client.post(url("evolution", slug=cluster_a.slug)).status_code == 405


def test_the_cluster_page_links_to_it(editor_client, cluster_a, assessment):
    response = editor_client.get(url("cluster-detail", slug=cluster_a.slug))
    assert f'href="{url("evolution", slug=cluster_a.slug)}">Évolution</a>' in (
        response.content.decode()
    )


def test_it_has_breadcrumbs_back_to_the_cluster(editor_client, cluster_a, two_years):
    html = page(editor_client, cluster_a)
    assert f'<a href="{url("cluster-detail", slug=cluster_a.slug)}">{cluster_a.name}</a>' in html
    assert '<li class="breadcrumb-item active" aria-current="page">Évolution</li>' in html


# --- what it shows ---


def test_a_cluster_without_years_gets_a_friendly_word(editor_client, cluster_a):
    read = text(page(editor_client, cluster_a))
    assert "Aucune autoévaluation pour l'instant" in read
    assert "plotly" not in read.lower()


def test_one_year_is_shown_with_nothing_to_compare(editor_client, editor, cluster_a, assessment):
    fill(assessment, editor, codes=[*STRATEGY_CODES, "1A-1"])
    html = page(editor_client, cluster_a)
    read = text(html)
    assert "Une seule année pour l'instant (2025) : rien à comparer encore." in read
    assert "provisoire" in read
    assert 'name="de"' not in html and "Réponses modifiées" not in read


def test_it_overlays_the_years_on_three_radars_with_the_apps_plotly(
    editor_client, cluster_a, two_years
):
    response = editor_client.get(url("evolution", slug=cluster_a.slug))
    html = response.content.decode()
    for key in ("global", "level1", "level2"):
        assert f'<div id="radar-{key}" class="radar"' in html
    assert '<script src="/static/plotly/plotly.min.js" defer></script>' in html
    assert '<script src="/static/js/evolution.js" defer></script>' in html
    assert_only_own_assets(html)
    global_radar = response.context["radars"][0]
    assert [trace["name"] for trace in global_radar["traces"]] == ["2024", "2025"]
    styles = [(t["colour"], t["dash"], t["symbol"]) for t in global_radar["traces"]]
    assert len({s[0] for s in styles}) == len({s[1] for s in styles}) == 2
    assert '<script id="evolution-radars" type="application/json">' in html
    # The tables under the radars carry the values without JavaScript.
    # (Notes only: three tables side by side have no room for the levels, which the table of
    # notes by year gives, and a point's hover text.)
    assert re.search(rf"2025 (66,7{NBSP}% ){{3}}66,7{NBSP}%", text(html))


def test_the_changed_answers_show_both_answers_and_comments(editor_client, editor, cluster_a,
                                                             version):
    open_year(cluster_a, 2024, editor, version, codes=["S-1", "S-2", "1A-1"],
              answers={"1A-1": "na"}, comments={"1A-1": "Pas de salarié."})
    open_year(cluster_a, 2025, editor, version, codes=["S-1", "1A-1", "1A-2"],
              answers={"1A-1": "+"}, comments={"1A-1": "Un premier recrutement."})
    html = page(editor_client, cluster_a)
    rows = re.findall(r'<th scope="row" class="text-nowrap">([^<]+)</th>', html)
    assert rows == ["S-2", "1A-1", "1A-2"]  # S-1 « ++ » both years: unchanged
    read = text(html)
    assert "Réponses modifiées de 2024 à 2025" in read
    affirmation = Question.objects.get(version=version, code="1A-1").text
    assert (f"1A-1 {affirmation} na non applicable « Pas de salarié. » → "
            "+ plutôt d'accord « Un premier recrutement. »") in read
    assert "S-2" in read and "++ tout à fait d'accord → — sans réponse" in read  # now blank
    assert "— sans réponse → ++ tout à fait d'accord" in read  # newly answered
    assert "3 réponses modifiées." in read


def test_it_says_when_no_answer_changed(editor_client, editor, board, cluster_a, version):
    validated_year(cluster_a, 2024, editor, board, version)
    open_year(cluster_a, 2025, editor, version)
    assert "Aucune réponse n'a changé." in text(page(editor_client, cluster_a))


def test_the_years_can_be_chosen(editor_client, editor, board, cluster_a, version, two_years):
    validated_year(cluster_a, 2023, editor, board, version, value="-", comment="Un début.")
    query = {"annees": ["2023", "2025"], "de": "2023", "a": "2024"}
    response = editor_client.get(url("evolution", slug=cluster_a.slug), query)
    assert [column.year for column in response.context["columns"]] == [2023, 2025]
    html = response.content.decode()
    assert 'id="annee-2023" checked' in html and 'id="annee-2024">' in html
    assert '<option value="2023" selected>' in html
    read = text(html_lib.unescape(html))
    assert "Réponses modifiées de 2023 à 2024" in read
    assert "Un début." in read and "Bonne année" not in read  # comments of the years shown


def test_the_form_works_without_javascript(editor_client, cluster_a, two_years):
    html = page(editor_client, cluster_a)
    assert '<form method="get"' in html
    for year in (2024, 2025):
        assert f'<label class="form-check-label" for="annee-{year}">{year}</label>' in html
    assert '<label class="input-group-text" for="compare-before">de</label>' in html
    assert '<label class="input-group-text" for="compare-after">à</label>' in html


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"annees": "1999"}, "Années inconnues pour ce pôle : 1999."),
        ({"annees": "<b>x</b>"}, "Années inconnues pour ce pôle : <b>x</b>."),
        ({"annees": "2024", "de": "2024", "a": "2024"}, "Comparaison impossible entre « 2024 »"),
        ({"annees": "2024", "de": "2020", "a": "abc"}, "Comparaison impossible entre « 2020 »"),
        ({"de": "2024", "a": "2025"}, "Aucune année cochée"),
    ],
)
def test_bad_query_strings_give_a_message_and_the_defaults(
    editor_client, cluster_a, two_years, query, message
):
    response = editor_client.get(url("evolution", slug=cluster_a.slug), query)
    assert response.status_code == 200
    html = response.content.decode()
    assert "<b>x</b>" not in html  # escaped
    assert message in html_lib.unescape(html)
    choice = response.context["choice"]
    assert (choice.before, choice.after) == (2024, 2025)
    assert choice.shown in ((2024, 2025), (2024,))


def test_provisional_years_are_marked(editor_client, editor, board, cluster_a, version):
    validated_year(cluster_a, 2024, editor, board, version)
    open_year(cluster_a, 2025, editor, version, codes=list(STRATEGY_CODES))
    response = editor_client.get(url("evolution", slug=cluster_a.slug))
    assert [column.scores.provisional for column in response.context["columns"]] == [False, True]
    assert text(response.content.decode()).count("provisoire") == 1


def test_a_year_with_no_answer_shows_no_note_no_level_and_no_delta(
    editor_client, editor, board, cluster_a, version
):
    validated_year(cluster_a, 2024, editor, board, version)
    open_year(cluster_a, 2025, editor, version, codes=[])
    html = page(editor_client, cluster_a)
    start = html.index('id="notes-title"')
    table = html[start:html.index("</table>", start)]
    assert "Aucune réponse pour l'instant" in table and "provisoire" not in table
    global_row = table[table.index("Note globale</th>"):].split("</tr>")[0]
    cells = re.findall(r"<td[^>]*>(.*?)</td>", global_row, re.DOTALL)
    assert "100,0" in cells[0] and "Expert" in cells[0]
    assert cells[1].strip() == ""  # no delta
    assert "—" in cells[2] and "Débutant" not in cells[2] and "0,0" not in cells[2]


def test_a_validated_year_keeps_its_stored_notes(editor_client, cluster_a, version, two_years):
    version.answer_weights = {"++": "1/2", "+": "1/3", "-": "1/6", "--": "0"}
    version.save()
    read = text(page(editor_client, cluster_a))
    assert re.search(rf"Note globale 100,0{NBSP}%", read)


# --- grid versions ---


@pytest.fixture
def new_version(version):
    """cgdd-2026: 2D-4 removed, 1A-1 reworded, 1B-1 worth 4 instead of 2."""
    derived = services.grid_version_derive(source=version, code="cgdd-2026", name="Grille 2026")
    derived.questions.filter(code="2D-4").delete()
    derived.questions.filter(code="1A-1").update(text="Le pôle a formalisé sa gouvernance.")
    derived.questions.filter(code="1B-1").update(bareme=4)
    return derived


@pytest.fixture
def two_versions(cluster_a, editor, board, version, new_version):
    # 2024 on cgdd-2012: all « ++ » but 2D-4 « -- »; 2025 on cgdd-2026: all « ++ » but 1A-1 « + ».
    validated_year(cluster_a, 2024, editor, board, version, answers={"2D-4": "--"})
    open_year(cluster_a, 2025, editor, new_version, answers={"1A-1": "+"})


def test_years_on_different_versions_compare_on_shared_questions(
    editor_client, cluster_a, two_versions
):
    response = editor_client.get(url("evolution", slug=cluster_a.slug))
    read = text(html_lib.unescape(response.content.decode()))
    assert "Versions de la grille différentes." in read
    assert "cgdd-2012 (2024) · cgdd-2026 (2025)" in read
    assert "recalculées sur les 40 questions communes à ces versions" in read
    assert "Questions non comparées : 2D-4." in read
    # Without 2D-4, 2024 scores 100 % (its results page says (95 − 3) / 95 = 96,8 %), 2D too.
    assert re.search(rf"Note globale 100,0{NBSP}%", read)
    assert re.search(rf"Section 2D 100,0{NBSP}%", read)
    # 2025 on its own barèmes: 1A-1 « + » (2 × 2/3) among 1A = 2 + 2 + 4: (8 − 2/3) / 8.
    column_2025 = response.context["columns"][1]
    assert float(column_2025.scores.sections["1A"]) == pytest.approx((8 - 2 / 3) / 8)
    assert float(column_2025.scores.sections["1B"]) == 1


def test_changed_answers_across_versions_use_the_shared_questions_and_the_new_text(
    editor_client, cluster_a, two_versions
):
    read = text(html_lib.unescape(page(editor_client, cluster_a)))
    assert "Seules les 40 questions communes aux deux versions sont comparées." in read
    assert "1A-1 Le pôle a formalisé sa gouvernance. ++ tout à fait d'accord → +" in read
    assert "2D-4 " not in read.split("Réponses modifiées")[1]


def test_years_on_one_version_say_nothing_of_versions(editor_client, cluster_a, two_years):
    assert "Versions de la grille différentes" not in page(editor_client, cluster_a)


# --- cost ---


def test_its_queries_do_not_grow_with_the_years_or_the_answers(
    editor_client, editor, board, cluster_a, version, campaign_2025, django_assert_num_queries
):
    # session, user, membership, assessments, the open year's answers, custom rows and grid spec
    # (cluster_overview), the content's stamp (initiatives.kept), board comments, the strategy
    # covering the newest year shown (its objectives: test_objectives.py); on the first
    # request only, what the page shows of the guide and of the versions: enjeux, maturity
    # levels, questions (+3); with two years, the compared years' answers and custom rows (+2).
    services.assessment_start(cluster=cluster_a, year=2025, by=editor, prefill=False)
    with django_assert_num_queries(13):
        response = editor_client.get(url("evolution", slug=cluster_a.slug))
    assert len(response.context["columns"]) == 1

    validated_year(cluster_a, 2024, editor, board, version)
    with django_assert_num_queries(12):
        editor_client.get(url("evolution", slug=cluster_a.slug))

    validated_year(cluster_a, 2023, editor, board, version, value="+")
    validated_year(cluster_a, 2022, editor, board, version, value="-")
    with django_assert_num_queries(12):
        response = editor_client.get(url("evolution", slug=cluster_a.slug))
    assert [column.year for column in response.context["columns"]] == [2022, 2023, 2024, 2025]


def test_its_queries_across_versions_do_not_grow_with_the_years(
    editor_client, editor, board, cluster_a, version, two_versions, django_assert_num_queries
):
    # As above (the first request reading the content of both versions at once), plus the
    # grid specs of both versions (+1).
    with django_assert_num_queries(16):
        editor_client.get(url("evolution", slug=cluster_a.slug))
    validated_year(cluster_a, 2023, editor, board, version)
    validated_year(cluster_a, 2022, editor, board, version)
    with django_assert_num_queries(13):
        response = editor_client.get(url("evolution", slug=cluster_a.slug))
    assert len(response.context["columns"]) == 4
