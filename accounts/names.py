"""How the interface names a person: every page, export, PDF and message takes the name from here.

What a person did (a workflow step, a comment) keeps the name they had when they did it
(`account_name`, stored beside the step), so that deleting or deactivating their account never
changes what a validated year says; `person_name` shows it, or the account's current name, or
« compte supprimé » when neither is left."""

from django.utils.translation import gettext as _

# Django's User: first and last name (150 characters each) and the space between them.
NAME_MAX_LENGTH = 301


def account_name(user) -> str:
    """The name a person goes by: full name, else username; "" without an account."""
    if user is None:
        return ""
    return user.get_full_name() or user.get_username()


def person_name(user, stored: str = "") -> str:
    """The name shown: `stored` (kept when they acted), else the account's, else
    « compte supprimé » (the account was deleted, or no one was recorded)."""
    return stored or account_name(user) or _("compte supprimé")
