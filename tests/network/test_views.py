"""The network pages: for the network's coordinators only, with the anonymity rule in every
format, and bad filters refused with a message."""

import csv
import io
import subprocess

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from openpyxl import load_workbook

from clusters.models import Cluster, Network
from grid.models import Campaign, GridVersion
from tests.fixtures import (
    GRID,
    built_once,
    logged_in,
    new_cluster_a,
    new_coordinator,
    new_editor,
)

from .conftest import add_fifteen, new_network

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def fifteen_once(django_db_setup, django_db_blocker):
    """`fifteen` and its people, built once: these tests only read them (GETs)."""
    with built_once(django_db_blocker):
        editor = new_editor(new_cluster_a())
        Campaign.objects.create(year=2025, version=GridVersion.objects.get(code=GRID))
        yield add_fifteen(new_network(new_coordinator()), editor).pk


# Each test gets its own instances of the rows built once.


@pytest.fixture
def fifteen(fifteen_once, db):
    return Network.objects.get(pk=fifteen_once)


@pytest.fixture
def network(fifteen):
    return fifteen


@pytest.fixture
def cluster_a(fifteen_once, db):
    return Cluster.objects.get(slug="pole-alpha")


@pytest.fixture
def editor(fifteen_once, db):
    return get_user_model().objects.get(username="equipe-a")


@pytest.fixture
def coordinator(fifteen_once, db):
    return get_user_model().objects.get(username="reseau-test")
HIDDEN = "moins de 5 pôles : non affiché"


def address(name, query="", slug="reseau-test"):
    return reverse(f"network:{name}", args=[slug]) + (f"?{query}" if query else "")


@pytest.mark.parametrize("name", ["network-detail", "export-csv", "export-xlsx", "export-json",
                                  "report"])
def test_only_the_networks_coordinators_get_in(fifteen, name, coordinator, other_coordinator,
                                               editor, board, content_admin, outsider):
    assert logged_in(coordinator).get(address(name)).status_code == 200
    for stranger in (other_coordinator, editor, board, content_admin, outsider):
        assert logged_in(stranger).get(address(name)).status_code == 404
    assert logged_in(coordinator).get(address(name, slug="autre-reseau")).status_code == 404


def test_the_page_shows_aggregates_and_no_cluster(fifteen, coordinator):
    response = logged_in(coordinator).get(address("network-detail"))
    html = response.content.decode()
    assert "15 pôles comptés sur 17 pôles du réseau" in html
    assert "Comment ces chiffres protègent chaque pôle" in html
    assert "Distribution des notes" in html and 'id="network-charts"' in html
    assert "Pôle test" not in html and "test-0" not in html  # no name, no address of a cluster
    assert HIDDEN in html  # the heatmap's small cells


def test_a_small_segment_reads_moins_de_5_everywhere(fifteen, coordinator):
    client = logged_in(coordinator)
    query = "annee=2025&region=PDL"
    html = client.get(address("network-detail", query)).content.decode()
    assert HIDDEN in html and "Distribution des notes" not in html
    text = client.get(address("export-csv", query)).content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert ["2025", "17", HIDDEN, HIDDEN] in rows
    assert not any("Note globale" in row for row in rows)
    book = load_workbook(io.BytesIO(client.get(address("export-xlsx", query)).content))
    values = [cell for sheet in book for row in sheet.iter_rows(values_only=True) for cell in row]
    assert HIDDEN in values and "Note globale" not in values
    pdf = client.get(address("report", query)).content
    text = subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True,
                          check=True).stdout.decode()
    assert "moins de 5 pôles" in text and "Note globale" not in text
    data = client.get(address("export-json", query)).json()
    assert data["counted"] == HIDDEN and "distributions" not in data and "answers" not in data
    assert data["trend"] == [{"year": 2025, "counted": HIDDEN, "median": HIDDEN}]


def test_the_exports_carry_the_distributions(fifteen, coordinator):
    client = logged_in(coordinator)
    text = client.get(address("export-csv")).content.decode("utf-8-sig")
    assert "Note globale;15;" in text and "Part de chaque réponse" in text
    data = client.get(address("export-json")).json()
    assert data["counted"] == 15 and data["distributions"]["global"]["count"] == 15
    assert data["waiting"] == 0
    assert all(share in (HIDDEN, 0.0) for share in data["answers"]["S-1"].values())
    response = client.get(address("export-xlsx"))
    assert response["Content-Disposition"] == 'attachment; filename="reseau-test-2025.xlsx"'
    pdf = client.get(address("report")).content
    text = subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True,
                          check=True).stdout.decode()
    assert text.count("\f") == 1  # one page
    assert "Note globale" in text and "Section 2D" in text


def test_a_segment_of_five_is_counted_without_distribution_nor_answers(fifteen, coordinator):
    client = logged_in(coordinator)
    html = client.get(address("network-detail", "region=NOR")).content.decode()
    assert "5 pôles comptés sur 17 pôles du réseau" in html
    assert "moins de 10 pôles : distribution non affichée" in html
    assert "n'est donnée que pour l'ensemble du réseau" in html and "heatmap" not in html
    data = client.get(address("export-json", "region=NOR")).json()
    assert data["counted"] == 5 and "answers" not in data
    assert data["distributions"]["global"] == "moins de 10 pôles : distribution non affichée"
    text = client.get(address("export-csv", "region=NOR")).content.decode("utf-8-sig")
    assert "Part de chaque réponse" not in text


@pytest.mark.parametrize("query", ["annee=1999", "annee=abc", "region=XX", "secteur=nope",
                                   "type=ville", "taille=12", "region=BRE&type=pole"])
def test_bad_filters_get_a_message_and_no_numbers(fifteen, coordinator, query):
    client = logged_in(coordinator)
    response = client.get(address("network-detail", query))
    assert response.status_code == 400
    html = response.content.decode()
    assert "Ces filtres ne sont pas valables" in html and "Distribution des notes" not in html
    assert client.get(address("export-csv", query)).status_code == 400


def test_the_list_shows_the_coordinated_networks(network, coordinator, other_coordinator):
    html = logged_in(coordinator).get(reverse("network:network-list")).content.decode()
    assert "Réseau test" in html and "Autre réseau" not in html
