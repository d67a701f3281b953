"""The demo's network (`load_demo`): « Réseau démo des pôles », twelve fictional clusters over
the demo's three years beside the real « Pôle Littoral Durable », coordinated by `reseau`."""

from django.contrib.auth import get_user_model

from clusters.models import Cluster, Network
from grid.demo import YEARS

from .generate import generate

SLUG = "reseau-demo"
NAME = "Réseau démo des pôles"
CLUSTERS = 12
SEED = 2012


def load_demo_network() -> Network:
    generate(network_slug=SLUG, name=NAME, clusters=CLUSTERS, years=len(YEARS),
             first_year=YEARS[0], seed=SEED)
    network = Network.objects.get(slug=SLUG)
    network.clusters.add(Cluster.objects.get(slug="pole-littoral-durable"))
    network.coordinators.add(get_user_model().objects.get(username="reseau"))
    return network
