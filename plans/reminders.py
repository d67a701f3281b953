"""The reminders of actions falling due (`manage.py send_reminders`, run daily or weekly by cron
or a systemd timer): an open action due within 7 days, or overdue, is mailed to its cluster's
team, at most once a week per action, however often the command runs and even when two runs
overlap.

Each member of the team gets one mail per cluster listing that cluster's actions, each with the
link to its page, rather than one mail per action: a plan with ten late actions makes one mail.
An action reminded less than a week ago is left out of the list until the week has passed, even
when it went from « due soon » to « overdue » meanwhile."""

from dataclasses import dataclass
from datetime import date, timedelta
from itertools import groupby

from django.db import IntegrityError, transaction
from django.urls import reverse

from accounts.mail import absolute, mail_person
from accounts.models import MailKind
from clusters.models import Cluster, Membership
from clusters.recipients import members

from . import rules
from .models import Action, ActionReminder
from .selectors import due_or_late

EVERY = timedelta(days=7)  # an action is reminded at most this often


@dataclass(frozen=True)
class Reminded:
    """What one cluster's team was sent: the actions, and how many people."""

    cluster: Cluster
    overdue: list[Action]
    soon: list[Action]
    people: int


def falling_due(today: date):
    """Open actions late or due soon (selectors.due_or_late), not reminded in the last 7 days,
    by cluster."""
    return (
        due_or_late(today)
        .exclude(reminder__sent_on__gt=today - EVERY)
        .select_related("cluster")
        .order_by("cluster__name", "cluster_id", "due_on", "pk")
    )


def send_reminders(today: date) -> list[Reminded]:
    """Remind each cluster's team of its actions falling due; returns what was sent."""
    sent = []
    for _cluster_id, actions in groupby(falling_due(today), key=lambda action: action.cluster_id):
        with transaction.atomic():
            reminded = _remind(list(actions), today)
        if reminded is not None:
            sent.append(reminded)
    return sent


def _remind(actions: list[Action], today: date) -> Reminded | None:
    cluster = actions[0].cluster
    team = list(members(cluster, [Membership.Role.EDITOR]))
    if not team:
        return None  # nobody to tell: the actions wait for the next run
    claimed = [action for action in actions if _claim(action, today)]
    if not claimed:
        return None  # another run took them first
    overdue = [action for action in claimed if rules.is_late(action, today)]
    soon = [action for action in claimed if not rules.is_late(action, today)]
    plan = reverse("plans:action-list", args=[cluster.slug])
    context = {
        "cluster": cluster,
        "overdue": [_line(action) for action in overdue],
        "soon": [_line(action) for action in soon],
        "count": len(claimed),
        "days": rules.DUE_SOON.days,
        "plan_url": absolute(plan),
    }
    # The home page's notification leads to the action, or to the plan when there are several.
    url = claimed[0].get_absolute_url() if len(claimed) == 1 else plan
    for person in team:
        mail_person(person, kind=MailKind.REMINDER, template="plans/mail/reminder",
                    context=context, url=url)
    return Reminded(cluster, overdue, soon, len(team))


def _line(action: Action) -> dict:
    return {"title": action.title, "due_on": action.due_on,
            "url": absolute(action.get_absolute_url())}


def _claim(action: Action, today: date) -> bool:
    """Record that the action is reminded today, unless it was in the last 7 days: true for
    exactly one of two runs at once (the second waits on the row, or on the unique key, then
    finds it taken)."""
    if ActionReminder.objects.filter(action=action, sent_on__lte=today - EVERY).update(
            sent_on=today):
        return True
    try:
        with transaction.atomic():
            ActionReminder.objects.create(action=action, sent_on=today)
    except IntegrityError:
        return False  # reminded less than a week ago, by this run's rival or an earlier run
    return True
