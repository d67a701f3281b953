"""Which clusters a user may see, in which role: the one place cluster data is scoped.

An outsider gets 404 (the cluster's existence is not confirmed), a member lacking the role 403.
"""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from .models import Membership


def memberships_of(user):
    return Membership.objects.filter(user=user).select_related("cluster").order_by("cluster__name")


def membership_for(user, slug: str) -> Membership:
    return get_object_or_404(memberships_of(user), cluster__slug=slug)


def require_role(membership: Membership, role: str) -> None:
    if membership.role != role:
        raise PermissionDenied
