"""Who is told of a step of the strategy's workflow, as of a year's (grid.notices): submitted →
the cluster's board; approved or returned → its team, with the board's comment. Called by
strategy.services inside the step's transaction, so that a step rolled back tells no one; the
mails are rendered now, in each person's language, and leave after the commit (accounts.mail).
The person who took the step is not told of it."""

from django.urls import reverse

from accounts.mail import mail_person
from accounts.models import MailKind
from accounts.names import account_name
from clusters.models import Membership
from clusters.recipients import members

from .models import Strategy

TEMPLATE = "strategy/mail/step"
EDITOR, BOARD = Membership.Role.EDITOR, Membership.Role.BOARD


def strategy_submitted(strategy: Strategy, by) -> None:
    _tell(strategy, by, "submitted", [BOARD])


def strategy_approved(strategy: Strategy, by, comment: str) -> None:
    _tell(strategy, by, "approved", [EDITOR], comment)


def strategy_returned(strategy: Strategy, by, comment: str) -> None:
    _tell(strategy, by, "returned", [EDITOR], comment)


def _tell(strategy: Strategy, by, step: str, roles, comment: str = "") -> None:
    cluster = strategy.cluster
    url = reverse("strategy:period", args=[cluster.slug, strategy.start_year])
    context = {"step": step, "cluster": cluster, "period": strategy.period,
               "actor": account_name(by), "comment": comment}
    for person in members(cluster, roles, excluding=by):
        mail_person(person, kind=MailKind.STRATEGY, template=TEMPLATE, context=context, url=url)
