"""Who is told of what happens to the plan: a board comment on an action (called by
plans.services inside the comment's transaction) and the reminders of actions falling due
(plans.reminders). The mails are rendered now, in each person's language, and leave after the
commit (accounts.mail).

A board comment goes to the action's owner when the owner is a member of the cluster, else to
the cluster's team. A comment of the team is not mailed: the mail kind a person switches on or
off is « a board comment on an action », and the team does not need mail about its own plan."""

from accounts.mail import mail_person
from accounts.models import MailKind
from accounts.names import account_name
from clusters.models import Membership
from clusters.recipients import members

from .models import ActionComment

EDITOR, BOARD = Membership.Role.EDITOR, Membership.Role.BOARD


def action_commented(comment: ActionComment) -> None:
    action, by = comment.action, comment.by
    owner = action.owner if action.owner_id != by.pk else None
    people = [by] if owner is None else [by, owner]
    roles = dict(Membership.objects.filter(cluster=action.cluster_id, user__in=people)
                 .values_list("user", "role"))
    if roles.get(by.pk) != BOARD:
        return
    if owner is not None and owner.is_active and owner.pk in roles:
        recipients = [owner]
    else:
        recipients = members(action.cluster, [EDITOR], excluding=by)
    context = {"cluster": action.cluster, "action": action, "actor": account_name(by),
               "comment": comment.text}
    url = action.get_absolute_url() + "#comments-title"
    for person in recipients:
        mail_person(person, kind=MailKind.ACTION_COMMENT, template="plans/mail/action_comment",
                    context={**context, "is_owner": person.pk == action.owner_id}, url=url)
