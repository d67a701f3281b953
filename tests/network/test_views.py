"""The network pages: for the network's coordinators only, with the anonymity rule in every
format, and bad filters refused with a message."""

import csv
import io
import re
import subprocess

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.html import escape
from openpyxl import load_workbook

from clusters.models import Cluster, Network
from grid.models import Campaign, GridVersion, Question
from tests.fixtures import (
    GRID,
    built_once,
    logged_in,
    new_cluster_a,
    new_coordinator,
    new_editor,
)

from .conftest import add_cluster, add_fifteen, new_network

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
    assert "masqué</td>" in html  # the heatmap's hidden rows


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


def options_of(html, name):
    """The options of a select of the filters: (text, disabled)."""
    select = re.search(rf'<select name="{name}".*?</select>', html, re.S).group(0)
    return {text: " disabled" in attributes
            for attributes, text in re.findall(r"<option([^>]*)>([^<]*)</option>", select)}


def test_each_option_says_how_many_clusters_it_counts_or_why_it_is_hidden(fifteen, coordinator):
    html = logged_in(coordinator).get(address("network-detail", "annee=2025")).content.decode()
    regions = options_of(html, "region")
    # Ten in Bretagne, five in Normandie (conftest.add_fifteen): what their own pages show.
    assert regions["Tous (15 pôles)"] is False
    assert regions["Bretagne (10 pôles)"] is False
    assert regions["Normandie (5 pôles)"] is False
    hidden = "Pays de la Loire (masqué : moins de 5 pôles, ou trop proche d&#x27;un autre groupe)"
    assert regions[hidden] is True
    assert options_of(html, "secteur")["Numérique (10 pôles)"] is False
    assert options_of(html, "annee") == {"2025 (15 pôles)": False}
    # Every cluster is a « pole » of 50-149: that segment is the whole network, the others empty.
    kinds = options_of(html, "type")
    assert kinds["pôle de compétitivité (15 pôles)"] is False
    assert kinds["cluster (masqué : moins de 5 pôles, ou trop proche d&#x27;un autre groupe)"]


def test_a_hidden_segment_asked_for_by_address_keeps_its_option_and_its_message(
        fifteen, coordinator):
    html = logged_in(coordinator).get(address("network-detail", "region=PDL")).content.decode()
    assert HIDDEN in html and "Distribution des notes" not in html
    option = re.search(r'<option value="PDL"[^>]*>', html).group(0)
    assert "selected" in option and "disabled" not in option
    # The year says the chosen segment's size that year: hidden, as its trend table says.
    assert list(options_of(html, "annee")) == [
        "2025 (masqué : moins de 5 pôles, ou trop proche d&#x27;un autre groupe)"]


def test_the_heatmap_reads_under_five_with_a_legend_and_the_questions_text(fifteen, coordinator):
    html = logged_in(coordinator).get(address("network-detail")).content.decode()
    heatmap = html[html.index('class="table table-sm heatmap"'):html.index("data-heatmap-legend")]
    # Every question of these fifteen has small answers only: whole rows are hidden.
    assert HIDDEN not in heatmap and "masqué</td>" in heatmap
    assert "<dd" in html[html.index("data-heatmap-legend"):]
    question = Question.objects.filter(version__code=GRID, code="S-1").values_list(
        "text", flat=True).get()
    assert f'<span class="visually-hidden" lang="fr">{escape(question)}</span>' in heatmap \
        or f'<span class="visually-hidden">{escape(question)}</span>' in heatmap


def test_the_heatmap_legend_is_in_english_too(fifteen, coordinator):
    client = logged_in(coordinator)
    html = client.get(address("network-detail"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "(15 clusters)" in html and "Pays de la Loire (hidden: fewer than 5 clusters" in html
    assert "hidden</td>" in html and "0 to 4 clusters gave this answer" in html
    assert "masqué" not in html


def test_the_options_cost_no_query_whatever_the_clusters(fifteen, coordinator, editor):
    client = logged_in(coordinator)
    client.get(address("network-detail", "region=NOR"))  # the year's figures in the cache
    with CaptureQueriesContext(connection) as before:
        client.get(address("network-detail", "region=NOR"))
    for index in range(20, 30):
        add_cluster(fifteen, index, region="ARA", by=editor)
    client.get(address("network-detail", "region=NOR"))  # the year's figures computed again
    with CaptureQueriesContext(connection) as after:
        html = client.get(address("network-detail", "region=NOR")).content.decode()
    assert "Auvergne-Rhône-Alpes (10 pôles)" in html
    assert len(after) == len(before)

