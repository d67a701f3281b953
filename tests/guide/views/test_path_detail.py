import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

EXPECTED = {
    "gou": [["2"], ["1"], ["7"], ["5"], ["3", "4"], ["6"], ["8"]],
    "env": [["9"], ["10"], ["14"], ["11", "12"], ["16", "17"], ["15", "18"], ["13", "19"]],
    "rh": [["20"], ["27"], ["21"], ["31", "30", "26"], ["28", "24", "25"], ["23", "32", "22"],
           ["29"]],
    "rd": [["33"], ["35"], ["36"], ["34"]],
    "exe": [["2"], ["33"], ["9"], ["10"], ["20"], ["1"], ["21"]],
}


def url(slug):
    return reverse("guide:path-detail", args=[slug])


@pytest.mark.parametrize(("slug", "steps"), EXPECTED.items())
def test_it_shows_the_steps_and_options_of_section_6_4(client, slug, steps):
    response = client.get(url(slug))
    assert response.status_code == 200
    shown = [[o.sheet.number for o in step["options"]] for step in response.context["steps"]]
    assert shown == steps


def test_it_starts_and_ends_at_the_agenda_21_sheet(client):
    html = client.get(url("env")).content.decode()
    agenda = reverse("guide:sheet-detail", args=["agenda-21"])
    assert html.count(f'href="{agenda}"') >= 2
    assert "Départ" in html and "Arrivée" in html


def test_it_flags_inferred_places(client):
    html = client.get(url("rh")).content.decode()
    assert "place déduite" in html


@pytest.mark.parametrize("slug", ["GOU", "xyz", "1"])
def test_an_unknown_path_is_404(client, slug):
    assert client.get(url(slug)).status_code == 404


def test_it_rejects_post(client):
    assert client.post(url("gou")).status_code == 405


def test_it_runs_a_constant_number_of_queries(client, django_assert_num_queries):
    with django_assert_num_queries(3):
        client.get(url("rh"))
