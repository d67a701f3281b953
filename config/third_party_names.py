"""What the third-party apps show in the admin in English, though they mark it for translation
(django-axes' French leaves these out; django-tasks-db has no catalogue): listed here so that
`make messages` keeps them in the project's catalogues, where locale/fr gives their French and
locale/en keeps their English. tests/test_admin_french.py checks each has its French."""

from django.utils.translation import gettext_noop, pgettext_lazy

NAMES = (
    # django-axes
    gettext_noop("User Agent"), gettext_noop("HTTP Accept"), gettext_noop("Access Attempt"),
    gettext_noop("Expires At"),
    gettext_noop("The time when access attempt expires and is no longer valid."),
    gettext_noop("access attempt expiration"), gettext_noop("access attempt expirations"),
    gettext_noop("Session key hash (sha256)"), gettext_noop("Locked Out"),
    gettext_noop("Clean up expired attempts"), gettext_noop("Not set"),
    gettext_noop("Attempt Remaining"),
    # django-tasks-db
    gettext_noop("Task Result"), gettext_noop("Task Results"), gettext_noop("status"),
    gettext_noop("enqueued at"), gettext_noop("started at"), gettext_noop("finished at"),
    gettext_noop("args kwargs"), gettext_noop("priority"), gettext_noop("task path"),
    gettext_noop("worker id"), gettext_noop("queue name"), gettext_noop("backend name"),
    gettext_noop("run after"), gettext_noop("return value"), gettext_noop("exception class path"),
    gettext_noop("traceback"),
)
# django-tasks' statuses, in their context.
TASK_STATUSES = (
    pgettext_lazy("Task", "Ready"), pgettext_lazy("Task", "Running"),
    pgettext_lazy("Task", "Failed"), pgettext_lazy("Task", "Successful"),
)
