"""The demo's network (`load_demo`): « Réseau démo des pôles », twenty-four fictional clusters
over the demo's three years beside the real « Pôle Littoral Durable », coordinated by `reseau`:
enough for every year's distributions (ten clusters at least) and a segment's."""

from django.contrib.auth import get_user_model

from clusters.models import Cluster, Network, Sector
from clusters.sectors import default_sectors_add
from grid.demo import YEARS

from .generate import generate

SLUG = "reseau-demo"
NAME = "Réseau démo des pôles"
CLUSTERS = 24
SEED = 2012


def load_demo_network() -> Network:
    default_sectors_add(Sector)  # a database emptied by tests has lost the migration's sectors
    generate(network_slug=SLUG, name=NAME, clusters=CLUSTERS, years=len(YEARS),
             first_year=YEARS[0], seed=SEED)
    network = Network.objects.get(slug=SLUG)
    littoral = Cluster.objects.get(slug="pole-littoral-durable")
    littoral.kind, littoral.region, littoral.size = "pole", "PDL", "50-149"
    littoral.save(update_fields=["kind", "region", "size"])
    littoral.sectors.set(Sector.objects.filter(slug="maritime-et-naval"))
    network.clusters.add(littoral)
    network.coordinators.add(get_user_model().objects.get(username="reseau"))
    return network
