"""Who of a cluster is told of an event: its members in some roles, in one query."""

from django.contrib.auth import get_user_model


def members(cluster, roles, *, excluding=None):
    """The active accounts of `cluster` with one of `roles`, but `excluding` (the person who
    acted is not told of their own doing)."""
    found = get_user_model().objects.filter(
        is_active=True, memberships__cluster=cluster, memberships__role__in=list(roles))
    if excluding is not None:
        found = found.exclude(pk=excluding.pk)
    return found.order_by("pk")
