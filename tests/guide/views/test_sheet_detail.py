from html import unescape

import pytest
from django.urls import reverse

from initiatives.models import Sheet

pytestmark = pytest.mark.django_db

SHEET_SLUGS = ["agenda-21"] + [str(n) for n in range(1, 37)]


def url(slug):
    return reverse("guide:sheet-detail", args=[slug])


@pytest.mark.parametrize("slug", SHEET_SLUGS)
def test_every_sheet_answers_with_its_nine_parts(client, slug):
    response = client.get(url(slug))
    assert response.status_code == 200
    html = unescape(response.content.decode())
    for heading in (
        "Principe", "Bénéfices attendus", "Coûts", "Étapes clés du processus",
        "Facteurs-clés de succès", "Acteurs à mobiliser", "Cas pratique", "Applicabilité",
    ):
        assert heading in html
    sheet = response.context["sheet"]
    assert sheet.sector in html and sheet.maturity in html


@pytest.mark.parametrize("slug", ["37", "0", "plus", "agenda21"])
def test_an_unknown_sheet_is_404(client, slug):
    assert client.get(url(slug)).status_code == 404


def test_it_cites_the_guide_with_the_sheets_lines(client):
    sheet = Sheet.objects.get(number="12")
    html = unescape(client.get(url("12")).content.decode())
    assert "Guide du développement durable à l'intention des pôles de compétitivité" in html
    assert sheet.source_lines in html


def test_it_shows_enjeu_level_and_levers(client):
    html = unescape(client.get(url("16")).content.decode())
    assert "2B" in html
    assert "Préservation de l'environnement" in html
    assert "Maîtrise de la demande en énergie" in html


def test_it_shows_previous_and_next_step_of_each_path(client):
    response = client.get(url("1"))
    positions = {p.path.code: p for p in response.context["positions"]}
    assert set(positions) == {"GOU", "EXE"}
    gou = positions["GOU"]
    assert gou.step == 2
    assert [s.number for s in gou.previous] == ["2"]
    assert [s.number for s in gou.next] == ["7"]
    exe = positions["EXE"]
    assert (exe.step, [s.number for s in exe.previous], [s.number for s in exe.next]) == (
        6, ["20"], ["21"],
    )


def test_a_step_with_options_leads_to_every_option(client):
    positions = client.get(url("14")).context["positions"]
    (env,) = positions
    assert env.step == 3
    assert [s.number for s in env.next] == ["11", "12"]


def test_the_last_step_leads_back_to_agenda_21(client):
    (rd,) = client.get(url("34")).context["positions"]
    assert [s.number for s in rd.next] == ["+"]


def test_agenda_21_opens_and_closes_all_five_paths(client):
    positions = client.get(url("agenda-21")).context["positions"]
    assert [p.path.code for p in positions] == ["GOU", "ENV", "RH", "RD", "EXE"]
    gou = positions[0]
    assert [s.number for s in gou.next] == ["2"]
    assert [s.number for s in gou.previous] == ["8"]


def test_it_links_the_glossary_terms_and_tells_proposed_ones_apart(client):
    response = client.get(url("13"))
    links = response.context["glossary_links"]
    assert "Biodiversité" in [link.term.term for link in links]
    html = response.content.decode()
    assert reverse("glossary:term-detail", args=[links[0].term.slug]) in html
    if any(link.kind == "proposed" for link in links):
        assert "lien proposé" in html


def test_it_publishes_no_contact_details(client):
    for slug in SHEET_SLUGS:
        html = client.get(url(slug)).content.decode()
        assert "@" not in html.split('id="contenu"')[1].split("</main>")[0]
        assert "Contact :" not in html


def test_it_rejects_post(client):
    assert client.post(url("1")).status_code == 405


@pytest.mark.parametrize(("slug", "queries"), [("agenda-21", 5), ("1", 6), ("24", 6)])
def test_it_runs_a_constant_number_of_queries(client, django_assert_num_queries, slug, queries):
    # Sheet, levers, glossary links, experiences, path steps, and the Agenda 21 sheet that ends
    # every path.
    with django_assert_num_queries(queries):
        client.get(url(slug))


def test_it_links_the_first_use_of_a_glossary_term_in_the_text(client):
    html = client.get(url("13")).content.decode()
    term_url = reverse("glossary:term-detail", args=["biodiversite"])
    assert f'<a class="glossary-term" href="{term_url}">' in html
    assert html.count(f'class="glossary-term" href="{term_url}"') == 1


def test_a_clusters_staff_may_plan_an_action_on_the_sheet(editor_client, board_client, client):
    page = editor_client.get("/fiches/12/").content.decode()
    assert 'href="/poles/pole-alpha/plan/nouvelle/?fiche=12">Planifier une action' in page
    for other in (board_client, client):  # the board reads the plan; visitors have none
        assert "Planifier une action" not in other.get("/fiches/12/").content.decode()


def test_it_lists_the_experiences_that_illustrate_it_with_their_reason(client):
    html = client.get(url("29")).content.decode()
    assert "Ils l&#x27;ont fait" in html or "Ils l'ont fait" in html
    assert "/retours/rennes-exploratoire/" in html
    assert "un lieu permanent de découverte des métiers" in html
    assert "Aucun retour d" in client.get(url("agenda-21")).content.decode()
