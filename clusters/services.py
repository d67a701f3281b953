from django.db import transaction

from .models import Cluster, Membership


@transaction.atomic
def membership_add(*, cluster: Cluster, user, role: str) -> Membership:
    membership, _ = Membership.objects.update_or_create(
        cluster=cluster, user=user, defaults={"role": role}
    )
    membership.full_clean()
    return membership
