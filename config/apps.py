"""Third-party apps installed under a French name (config.settings.INSTALLED_APPS): theirs are
plain English strings, which no catalogue translates."""

from axes.apps import AppConfig as AxesAppConfig
from django.utils import formats, timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_tasks_db.apps import TasksAppConfig


def _when(moment) -> str:
    return formats.date_format(timezone.localtime(moment), "DATETIME_FORMAT")


class AxesConfig(AxesAppConfig):
    verbose_name = _("Blocage des connexions")

    def ready(self):
        super().ready()
        from axes.models import AccessAttempt, AccessFailureLog, AccessLog

        # django-axes names its rows in English f-strings (« Access Log for … »), which the
        # admin prints in its lists, titles and the checkboxes' labels.
        AccessAttempt.__str__ = lambda attempt: gettext("Tentative du %(when)s") % {
            "when": _when(attempt.attempt_time)}
        AccessLog.__str__ = lambda log: gettext("Connexion de %(user)s le %(when)s") % {
            "user": log.username, "when": _when(log.attempt_time)}
        AccessFailureLog.__str__ = lambda failure: gettext(
            "Échec de connexion de %(user)s le %(when)s depuis %(address)s") % {
            "user": failure.username, "when": _when(failure.attempt_time),
            "address": failure.ip_address}


class TasksDatabaseConfig(TasksAppConfig):
    verbose_name = _("Tâches en arrière-plan")
