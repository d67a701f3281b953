"""No English left in the French admin: the index, every changelist, and the pages that name
permissions, as a superuser sees them (every app shown), with a row in every model. Django's
own words come in French from Django's catalogue; the third-party apps' names from
config.apps, config.third_party_names and accounts.admin."""

import re
from datetime import timedelta

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone, translation
from django_tasks_db.models import DBTaskResult, get_date_max

from config.third_party_names import NAMES, TASK_STATUSES
from tests.fixtures import logged_in
from tests.test_permissions import admin_rows, plan_action, sample_strategy  # noqa: F401 (fixtures)

# English words the third-party apps and Django's stored permission names printed, each as a
# whole word with its capitals: none of them is French, nor in the guide's content shown.
ENGLISH = re.compile(
    r"\b(?:Tasks?|Task Results?|Database Backend|Access (?:attempt|log|Attempt|Log)s?|Locked Out"
    r"|User Agent|Select|Add|Change|Delete|Can (?:add|change|delete|view)|historical"
    r"|enqueued|Ready|Running|Successful|Failed|Not set|Expires At|priority|queue name"
    r"|traceback|run after|Attempt Remaining|Clean up)\b"
)
HIDDEN = re.compile(r"<(script|style|textarea)\b.*?</\1>", re.DOTALL)
SHOWN_ATTRIBUTES = re.compile(r'\b(?:title|aria-label|placeholder|alt)="([^"]*)"')


def shown_text(html: str) -> str:
    """The page's words a reader meets: its text and the attributes read out or shown."""
    html = HIDDEN.sub(" ", html)
    return " ".join([re.sub(r"<[^>]+>", " ", html), *SHOWN_ATTRIBUTES.findall(html)])


def test_the_third_party_names_have_their_french():
    with translation.override("fr"):
        untranslated = [name for name in NAMES if translation.gettext(name) == name]
        untranslated += [status for status in TASK_STATUSES if str(status) in
                         ("Ready", "Running", "Failed", "Successful")]
    assert untranslated == []


@pytest.mark.django_db
def test_the_french_admin_shows_no_english(admin_rows):  # noqa: F811
    superuser = get_user_model().objects.create_superuser("super", "super@example.org", "pw")
    task = DBTaskResult.objects.create(
        task_path="accounts.tasks.deliver_mail", args_kwargs={"args": [0], "kwargs": {}},
        backend_name="default", run_after=get_date_max(), exception_class_path="", traceback="")
    AccessAttempt.objects.create(username="x", ip_address="192.0.2.1", user_agent="Firefox",
                                 http_accept="*/*", path_info="/", failures_since_start=1)
    AccessLog.objects.create(username="x", ip_address="192.0.2.1", user_agent="Firefox",
                             http_accept="*/*", path_info="/",
                             logout_time=timezone.now() + timedelta(hours=1))
    AccessFailureLog.objects.create(username="x", ip_address="192.0.2.1", user_agent="Firefox",
                                    http_accept="*/*", path_info="/", locked_out=True)
    paths = [reverse("admin:index"), reverse("admin:auth_group_add"),
             reverse("admin:auth_user_change", args=[superuser.pk]),
             reverse("admin:django_tasks_database_dbtaskresult_change", args=[task.pk])]
    paths += [reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
              for model in admin.site._registry]
    client = logged_in(superuser)
    found = {}
    for path in paths:
        response = client.get(path, headers={"accept-language": "fr"})
        assert response.status_code == 200, path
        words = sorted(set(ENGLISH.findall(shown_text(response.content.decode()))))
        if words:
            found[path] = words
    assert len(paths) > 30 and found == {}
