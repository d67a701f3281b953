from django.db import transaction

from .models import Cluster, Membership


@transaction.atomic
def membership_add(*, cluster: Cluster, user, role: str) -> Membership:
    membership, _ = Membership.objects.update_or_create(
        cluster=cluster, user=user, defaults={"role": role}
    )
    membership.full_clean()
    return membership


@transaction.atomic
def cluster_profile_update(*, cluster: Cluster, kind: str, region: str, size: str,
                           sectors) -> Cluster:
    """Change the cluster's profile (DESIGN §8); ValidationError for a value the model refuses."""
    cluster.kind, cluster.region, cluster.size = kind, region, size
    cluster.full_clean(exclude=["logo"])
    cluster.save(update_fields=["kind", "region", "size"])
    cluster.sectors.set(sectors)
    return cluster
