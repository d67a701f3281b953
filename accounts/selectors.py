"""What the accounts app reads for pages: a person's notifications and mail switches."""

from .models import MailSwitchOff, Notification

# A home page shows the latest unread ones; the notifications page the latest ones at all.
HOME_LIMIT = 8
PAGE_LIMIT = 30


def unread_notifications(user, limit: int = HOME_LIMIT) -> list[Notification]:
    return list(Notification.objects.filter(user=user, read_at__isnull=True)[:limit])


def recent_notifications(user, limit: int = PAGE_LIMIT) -> list[Notification]:
    return list(Notification.objects.filter(user=user)[:limit])


def switched_off_kinds(user) -> set[str]:
    return set(MailSwitchOff.objects.filter(user=user).values_list("kind", flat=True))
