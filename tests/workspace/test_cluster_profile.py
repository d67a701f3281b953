"""`workspace:cluster-profile` (/poles/<slug>/profil/): the cluster's staff change its type, region,
sectors and size band; its board reads them; nobody else learns the cluster exists."""

import pytest

from clusters.models import Sector
from tests.fixtures import assert_hidden_from_outsider, logged_in, login_url, messages_of, url

pytestmark = pytest.mark.django_db


def profile(cluster):
    return url("cluster-profile", slug=cluster.slug)


@pytest.fixture
def sectors(db):
    return list(Sector.objects.order_by("name")[:3])


def post(client, cluster, **data):
    return client.post(profile(cluster), {"kind": "pole", "region": "BRE", "size": "50-149",
                                          **data})


def test_the_staff_change_the_profile_and_go_back_to_the_cluster_page(
    editor_client, cluster_a, sectors
):
    response = editor_client.get(profile(cluster_a))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="region"' in html and "Bretagne" in html and "Mayotte" in html
    assert 'for="id_region"' in html and 'id="id_region"' in html

    response = post(editor_client, cluster_a, sectors=[s.pk for s in sectors[:2]])
    assert response.status_code == 302
    assert response["Location"] == url("cluster-detail", slug=cluster_a.slug)
    assert messages_of(response) == ["Profil du pôle enregistré."]
    cluster_a.refresh_from_db()
    assert (cluster_a.kind, cluster_a.region, cluster_a.size) == ("pole", "BRE", "50-149")
    assert set(cluster_a.sectors.all()) == set(sectors[:2])
    page = editor_client.get(url("cluster-detail", slug=cluster_a.slug)).content.decode()
    assert profile(cluster_a) in page
    assert "Profil : pôle de compétitivité · Bretagne · 50 à 149 membres." in page


def test_the_form_shows_the_stored_profile_and_may_clear_it(editor_client, cluster_a, sectors):
    cluster_a.region, cluster_a.size = "COR", "300+"
    cluster_a.save()
    cluster_a.sectors.set(sectors[:1])
    form = editor_client.get(profile(cluster_a)).context["form"]
    assert form.initial["region"] == "COR" and form.initial["sectors"] == sectors[:1]
    response = editor_client.post(profile(cluster_a), {"kind": "", "region": "", "size": ""})
    assert response.status_code == 302
    cluster_a.refresh_from_db()
    assert (cluster_a.kind, cluster_a.region, cluster_a.size) == ("", "", "")
    assert not cluster_a.sectors.exists()


def test_the_board_reads_the_profile_but_cannot_change_it(board_client, cluster_a, sectors):
    cluster_a.region = "BRE"
    cluster_a.save()
    cluster_a.sectors.set(sectors[:1])
    response = board_client.get(profile(cluster_a))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Bretagne" in html and sectors[0].name in html
    assert "<form method=\"post\" novalidate" not in html
    assert post(board_client, cluster_a, region="OCC").status_code == 403
    cluster_a.refresh_from_db()
    assert cluster_a.region == "BRE"


@pytest.mark.parametrize("method", ["get", "post"])
def test_outsiders_coordinators_and_content_admins_get_404(
    method, cluster_a, outsider, coordinator, content_admin
):
    for user in (outsider, coordinator, content_admin):
        response = getattr(logged_in(user), method)(profile(cluster_a), {"region": "OCC"})
        assert_hidden_from_outsider(response, cluster_a)
    cluster_a.refresh_from_db()
    assert cluster_a.region == ""


def test_anonymous_visitors_are_sent_to_log_in(anonymous, cluster_a):
    response = anonymous.get(profile(cluster_a))
    assert response.status_code == 302
    assert response["Location"] == login_url(profile(cluster_a))


@pytest.mark.parametrize(("data", "message"), [
    ({"region": "XX"}, "Région inconnue : « XX »."),
    ({"kind": "université"}, "Type inconnu : « université »."),
    ({"size": "10000"}, "Taille inconnue : « 10000 »."),
    ({"sectors": ["999999"]}, "Secteur inconnu : « 999999 »."),
    ({"sectors": ["abc"]}, "« abc » ne désigne aucun secteur."),
])
def test_bad_input_is_refused_with_a_message_and_changes_nothing(
    editor_client, cluster_a, sectors, data, message
):
    cluster_a.region = "BRE"
    cluster_a.save()
    cluster_a.sectors.set(sectors[:1])
    response = post(editor_client, cluster_a, **{"region": "OCC", "sectors": [sectors[1].pk],
                                                  **data})
    assert response.status_code == 400
    html = response.content.decode().replace("&#x27;", "'")
    assert "Le profil n'a pas été enregistré" in html
    assert message in html
    cluster_a.refresh_from_db()
    assert cluster_a.region == "BRE"
    assert list(cluster_a.sectors.all()) == sectors[:1]
