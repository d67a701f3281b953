"""Staff set their cluster's region from the cluster page, on a wide screen and a phone."""

import pytest
from playwright.sync_api import expect

from clusters.models import Cluster
from tests.browser.conftest import log_in

pytestmark = pytest.mark.browser
CLUSTER = "pole-littoral-durable"


def test_staff_change_the_region_of_their_cluster(demo_site, page, axe, screenshot, tr):
    base = demo_site.url
    log_in(page, base, "equipe")
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{base}/poles/{CLUSTER}/")
    page.get_by_role("link", name=tr("Profil du pôle")).click()
    expect(page.get_by_role("heading", name=tr("Profil du pôle"))).to_be_visible()
    page.get_by_label(tr("Région")).select_option(label=tr("Bretagne"))
    page.get_by_label(tr("Type de structure")).select_option("pole")
    page.get_by_role("checkbox", name=tr("Maritime et naval")).check()
    assert axe() == []
    screenshot("cluster-profile-1280")
    page.get_by_role("button", name=tr("Enregistrer le profil")).click()

    expect(page.get_by_text(tr("Profil du pôle enregistré."))).to_be_visible()
    summary = tr("Profil : %(profile_summary)s.").split("%(")[0]  # then the sectors follow
    expect(page.get_by_text(f"{summary}{tr('pôle de compétitivité')} · {tr('Bretagne')}")
           ).to_be_visible()
    cluster = Cluster.objects.get(slug=CLUSTER)
    assert (cluster.region, cluster.kind) == ("BRE", "pole")
    assert list(cluster.sectors.values_list("slug", flat=True)) == ["maritime-et-naval"]
    screenshot("cluster-profile-saved-1280")

    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{base}/poles/{CLUSTER}/profil/")
    expect(page.get_by_label(tr("Région"))).to_have_value("BRE")
    page.get_by_label(tr("Région")).select_option(label=tr("La Réunion"))
    page.get_by_role("button", name=tr("Enregistrer le profil")).click()
    expect(page.get_by_text(tr("Profil du pôle enregistré."))).to_be_visible()
    assert Cluster.objects.get(slug=CLUSTER).region == "LRE"
    page.goto(f"{base}/poles/{CLUSTER}/profil/")
    assert axe() == []
    screenshot("cluster-profile-390")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
