"""Who belongs to a cluster or a network, as its people manage it: invitations by mail, roles,
removals. Every change is logged (MembershipChange: who, when) and mailed to the person it
concerns; a cluster always keeps at least one editor.

Views check who may do what (clusters.access); these functions keep the rules whoever calls them.
Refusals are ValidationError with a message for the page, and leave everything as it was.
"""

import hashlib
import secrets
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.mail import mail_address, mail_person
from accounts.models import LanguagePreference, MailKind
from accounts.names import account_name

from .models import Cluster, Invitation, Membership, MembershipChange, Network
from .services import membership_add

VALID_FOR = timedelta(days=7)
# Accounts made from an invitation take the address as username: it must fit the column.
EMAIL_MAX_LENGTH = 150


class InvitationUnusable(Exception):
    """The link leads nowhere any more: unknown (or replaced by a resend), used, cancelled or
    expired. `message` says which, for the page."""

    def __init__(self, message: str, invitation: Invitation | None = None):
        super().__init__(message)
        self.message = message
        self.invitation = invitation


def _role_label(role: str):
    """The role's name, lazy: the mail renders it in its recipient's language."""
    return Invitation.Role(role).label


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def address_clean(email: str) -> str:
    """The address as kept and compared: trimmed, lower case; ValidationError if it is not one."""
    email = (email or "").strip().lower()
    if len(email) > EMAIL_MAX_LENGTH:
        raise ValidationError(_("Adresse trop longue (%(max)d caractères au plus).")
                              % {"max": EMAIL_MAX_LENGTH})
    try:
        validate_email(email)
    except ValidationError:
        raise ValidationError(_("« %(email)s » n'est pas une adresse électronique valable.")
                              % {"email": email}) from None
    return email


def _place(target: Cluster | Network) -> dict:
    """The field naming `target` on an invitation or a membership change."""
    return {"cluster": target} if isinstance(target, Cluster) else {"network": target}


def _log(*, target, action, person: str, role: str = "", by=None) -> MembershipChange:
    return MembershipChange.objects.create(**_place(target), action=action, person=person,
                                           role=role, by=by, by_name=account_name(by))


def history(target, limit: int = 10) -> list[MembershipChange]:
    return list(MembershipChange.objects.filter(**_place(target)).select_related("by")[:limit])


def pending(target) -> list[Invitation]:
    """The invitations still waiting for an answer (expired ones included: they can be resent)."""
    return list(target.invitations.filter(accepted_at__isnull=True, cancelled_at__isnull=True)
                .order_by("email"))


def _language_for(email: str) -> str:
    """An invitation's language: the account's of that address if it has one, else the one the
    inviter is using."""
    chosen = (LanguagePreference.objects.filter(user__email__iexact=email)
              .values_list("language", flat=True).first())
    return chosen or translation.get_language()


def _send(invitation: Invitation, token: str) -> None:
    mail_address(
        invitation.email, language=_language_for(invitation.email),
        template="clusters/mail/invitation",
        context={"invitation": invitation, "target": invitation.target,
                 "inviter": account_name(invitation.invited_by),
                 "role": _role_label(invitation.role), "valid_days": VALID_FOR.days},
        url=reverse("invitation-accept", args=[token]),
    )


def _is_member(target, email: str) -> bool:
    if isinstance(target, Cluster):
        return target.memberships.filter(user__email__iexact=email).exists()
    return target.coordinators.filter(email__iexact=email).exists()


@transaction.atomic
def invitation_create(*, target: Cluster | Network, email: str, role: str, by) -> Invitation:
    """Invite `email` to `target` (a cluster as editor or board member, a network as
    coordinator) and mail the link."""
    email = address_clean(email)
    allowed = ({Invitation.Role.EDITOR, Invitation.Role.BOARD} if isinstance(target, Cluster)
               else {Invitation.Role.COORDINATOR})
    if role not in allowed:
        raise ValidationError(_("Rôle inconnu : « %(role)s ».") % {"role": role})
    if _is_member(target, email):
        raise ValidationError(_("%(email)s fait déjà partie de %(target)s : changez son rôle "
                                "dans la liste.") % {"email": email, "target": target})
    token, now = secrets.token_urlsafe(32), timezone.now()
    try:
        with transaction.atomic():
            invitation = Invitation.objects.create(
                **_place(target), email=email, role=role, token_hash=_hash(token), invited_by=by,
                sent_at=now, expires_at=now + VALID_FOR)
    except IntegrityError:  # an open invitation of that address (the partial unique index)
        raise ValidationError(_("%(email)s a déjà une invitation en attente : envoyez-la à nouveau "
                                "depuis la liste.") % {"email": email}) from None
    _log(target=target, action=MembershipChange.Action.INVITED, person=email, role=role, by=by)
    _send(invitation, token)
    return invitation


def _open_for_update(invitation: Invitation) -> Invitation:
    locked = Invitation.objects.select_for_update().filter(
        pk=invitation.pk, accepted_at__isnull=True, cancelled_at__isnull=True).first()
    if locked is None:
        raise ValidationError(_("Cette invitation a déjà été acceptée ou annulée."))
    return locked


@transaction.atomic
def invitation_resend(*, invitation: Invitation, by) -> Invitation:
    """A new link valid 7 more days; the old link stops working."""
    invitation = _open_for_update(invitation)
    token, now = secrets.token_urlsafe(32), timezone.now()
    invitation.token_hash, invitation.sent_at = _hash(token), now
    invitation.expires_at = now + VALID_FOR
    invitation.save(update_fields=["token_hash", "sent_at", "expires_at"])
    _log(target=invitation.target, action=MembershipChange.Action.RESENT,
         person=invitation.email, role=invitation.role, by=by)
    _send(invitation, token)
    return invitation


@transaction.atomic
def invitation_cancel(*, invitation: Invitation, by) -> Invitation:
    invitation = _open_for_update(invitation)
    invitation.cancelled_at = timezone.now()
    invitation.save(update_fields=["cancelled_at"])
    _log(target=invitation.target, action=MembershipChange.Action.CANCELLED,
         person=invitation.email, role=invitation.role, by=by)
    return invitation


def _unusable(invitation: Invitation | None) -> InvitationUnusable | None:
    """Why the invitation's link can no longer be accepted, or None."""
    if invitation is None:
        return InvitationUnusable(_("Ce lien d'invitation n'est pas valable : il a peut-être "
                                    "été remplacé par un nouvel envoi. Utilisez le dernier mail "
                                    "reçu."))
    if invitation.accepted_at:
        return InvitationUnusable(_("Cette invitation a déjà servi. Connectez-vous avec le "
                                    "compte qui l'a acceptée."), invitation)
    if invitation.cancelled_at:
        return InvitationUnusable(_("Cette invitation a été annulée. Demandez une nouvelle "
                                    "invitation si besoin."), invitation)
    if invitation.expires_at <= timezone.now():
        return InvitationUnusable(_("Cette invitation a expiré : demandez à la personne qui vous "
                                    "a invité de vous l'envoyer à nouveau."), invitation)
    return None


def invitation_open(token: str) -> Invitation:
    """The invitation a link carries, if it can still be accepted; InvitationUnusable otherwise."""
    invitation = (Invitation.objects.select_related("cluster", "network", "invited_by")
                  .filter(token_hash=_hash(token or "")).first())
    if refusal := _unusable(invitation):
        raise refusal
    return invitation


def account_of(invitation: Invitation):
    """The account that has the invitation's address, if any."""
    return get_user_model().objects.filter(email__iexact=invitation.email).first()


@transaction.atomic
def invitation_accept(*, invitation: Invitation, user) -> Invitation:
    """`user` (whose address is the invitation's) joins. The conditional UPDATE makes the link
    serve once even when two tabs post it together."""
    if (user.email or "").lower() != invitation.email:
        raise ValidationError(_("Cette invitation est adressée à une autre adresse."))
    now = timezone.now()
    used = Invitation.objects.filter(
        pk=invitation.pk, accepted_at__isnull=True, cancelled_at__isnull=True,
        expires_at__gt=now,
    ).update(accepted_at=now, accepted_by=user)
    if not used:  # used, cancelled or expired since the page was opened
        raise _unusable(Invitation.objects.get(pk=invitation.pk))
    target = invitation.target
    if _is_member(target, user.email):
        raise ValidationError(_("Vous faites déjà partie de %(target)s.") % {"target": target})
    if isinstance(target, Cluster):
        membership_add(cluster=target, user=user, role=invitation.role)
    else:
        target.coordinators.add(user)
    _log(target=target, action=MembershipChange.Action.JOINED, person=account_name(user),
         role=invitation.role, by=user)
    if invitation.invited_by and invitation.invited_by != user:
        mail_person(invitation.invited_by, kind=MailKind.MEMBERSHIP,
                    template="clusters/mail/invitation_accepted",
                    context={"target": target, "person": account_name(user),
                             "role": _role_label(invitation.role)},
                    url=target.get_absolute_url())
    invitation.accepted_at, invitation.accepted_by = now, user
    return invitation


@transaction.atomic
def account_create(*, invitation: Invitation, first_name: str, last_name: str, password: str,
                   language: str):
    """A new account for the invitation's address (its username), which then accepts it."""
    User = get_user_model()
    if (User.objects.filter(email__iexact=invitation.email).exists()
            or User.objects.filter(username__iexact=invitation.email).exists()):
        raise ValidationError(_("Un compte existe déjà pour cette adresse : connectez-vous pour "
                                "accepter l'invitation."))
    user = User.objects.create_user(invitation.email, email=invitation.email, password=password,
                                    first_name=first_name, last_name=last_name)
    LanguagePreference.objects.create(user=user, language=language)
    invitation_accept(invitation=invitation, user=user)
    return user


def _cluster_memberships_locked(cluster: Cluster) -> list[Membership]:
    """The cluster's memberships, locked until the transaction ends: of two changes at once
    that would each leave one editor, the second sees the first's result."""
    return list(Membership.objects.select_for_update().filter(cluster=cluster)
                .select_related("user"))


def _keeps_an_editor(rows, changed: Membership, new_role: str | None) -> None:
    editors = [m for m in rows if m.role == Membership.Role.EDITOR]
    if changed.role == Membership.Role.EDITOR and new_role != Membership.Role.EDITOR \
            and len(editors) == 1:
        raise ValidationError(_("%(person)s est la seule personne de l'équipe du pôle : invitez "
                                "ou nommez d'abord quelqu'un d'autre, un pôle garde toujours au "
                                "moins un membre de son équipe.")
                              % {"person": account_name(changed.user)})


def _locked(cluster: Cluster, membership_pk: int) -> tuple[list[Membership], Membership]:
    rows = _cluster_memberships_locked(cluster)
    current = next((m for m in rows if m.pk == membership_pk), None)
    if current is None:
        raise ValidationError(_("Cette personne ne fait plus partie du pôle."))
    return rows, current


@transaction.atomic
def role_change(*, membership: Membership, role: str, by) -> Membership:
    if role not in Membership.Role.values:
        raise ValidationError(_("Rôle inconnu : « %(role)s ».") % {"role": role})
    rows, current = _locked(membership.cluster, membership.pk)
    if current.role == role:
        return current
    _keeps_an_editor(rows, current, role)
    current.role = role
    current.save(update_fields=["role"])
    _log(target=current.cluster, action=MembershipChange.Action.ROLE_CHANGED,
         person=account_name(current.user), role=role, by=by)
    mail_person(current.user, kind=MailKind.MEMBERSHIP, template="clusters/mail/role_changed",
                context={"target": current.cluster, "role": _role_label(role),
                         "by": account_name(by)},
                url=current.cluster.get_absolute_url())
    return current


@transaction.atomic
def member_remove(*, membership: Membership, by) -> None:
    rows, current = _locked(membership.cluster, membership.pk)
    _keeps_an_editor(rows, current, None)
    current.delete()
    _log(target=current.cluster, action=MembershipChange.Action.REMOVED,
         person=account_name(current.user), role=current.role, by=by)
    mail_person(current.user, kind=MailKind.MEMBERSHIP, template="clusters/mail/removed",
                context={"target": current.cluster, "by": account_name(by)}, url="/")


@transaction.atomic
def coordinator_remove(*, network: Network, user, by) -> None:
    if not network.coordinators.filter(pk=user.pk).exists():
        raise ValidationError(_("Cette personne ne coordonne plus ce réseau."))
    network.coordinators.remove(user)
    _log(target=network, action=MembershipChange.Action.REMOVED, person=account_name(user),
         role=Invitation.Role.COORDINATOR, by=by)
    mail_person(user, kind=MailKind.MEMBERSHIP, template="clusters/mail/removed",
                context={"target": network, "by": account_name(by)}, url="/")
