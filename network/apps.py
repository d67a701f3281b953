from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetworkConfig(AppConfig):
    """The network level (DESIGN §8): anonymised aggregates of a network's clusters and a
    cluster's position among its peers. Above `grid` and `clusters`, below the pages of
    `reports` (DESIGN §9)."""

    name = "network"
    verbose_name = _("Réseaux")

    def ready(self):
        from django.db.models.signals import m2m_changed, post_save

        from clusters.models import Network
        from grid.models import Assessment

        from .services import snapshot_on_membership, snapshot_on_transition

        post_save.connect(snapshot_on_transition, sender=Assessment,
                          dispatch_uid="network.snapshot_on_transition")
        m2m_changed.connect(snapshot_on_membership, sender=Network.clusters.through,
                            dispatch_uid="network.snapshot_on_membership")
