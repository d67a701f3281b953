"""A user's choice of grid display (compact or full)."""

from ..models import GridDisplay


def grid_display_set(*, user, compact: bool) -> None:
    GridDisplay.objects.update_or_create(user=user, defaults={"compact": compact})
