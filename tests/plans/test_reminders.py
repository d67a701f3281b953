"""`manage.py send_reminders`: an open action due within 7 days, or overdue, is mailed to its
cluster's team, one mail per person and cluster listing its actions, at most once a week per
action however often the command runs."""

from datetime import date
from io import StringIO

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.test import override_settings

from accounts.models import LanguagePreference, MailKind, MailSwitchOff, Notification
from plans import services
from plans.models import ActionReminder
from tests.races import after_first_read

pytestmark = pytest.mark.django_db
SITE = "https://dd.example.org"
TODAY = "2026-12-04"


@pytest.fixture(autouse=True)
def site_url():
    with override_settings(SITE_URL=SITE):
        yield


def make(cluster, by, title, due_on, **fields):
    return services.action_create(cluster=cluster, by=by, title=title, due_on=due_on, **fields)


@pytest.fixture
def plan(cluster_a, editor, board, outsider, cluster_b):
    return {
        "late": make(cluster_a, editor, "Bilan carbone", date(2026, 11, 20),
                     status="in_progress"),
        "soon": make(cluster_a, editor, "Charte achats", date(2026, 12, 11)),
        "later": make(cluster_a, editor, "Plan de mobilité", date(2026, 12, 12)),
        "done": make(cluster_a, editor, "Comité DD", date(2026, 11, 1), status="done",
                     done_on=date(2026, 11, 2)),
        "dropped": make(cluster_a, editor, "Label", date(2026, 12, 5), status="dropped"),
        "undated": make(cluster_a, editor, "Sans échéance", None),
        "other": make(cluster_b, outsider, "Action du pôle B", date(2026, 12, 1)),
    }


def run(today=TODAY) -> str:
    out = StringIO()
    call_command("send_reminders", today=today, stdout=out)
    return out.getvalue()


def sent(capture, today=TODAY):
    with capture(execute=True):
        output = run(today)
    mails = {message.to[0]: message for message in mail.outbox}
    mail.outbox.clear()
    return mails, output


def test_the_team_gets_one_mail_per_cluster_listing_its_actions_due(
        plan, editor, board, outsider, django_capture_on_commit_callbacks):
    mails, output = sent(django_capture_on_commit_callbacks)
    assert sorted(mails) == sorted([editor.email, outsider.email])  # the board is not reminded
    message = mails[editor.email]
    assert message.subject == "Pôle Alpha Maritime : 2 actions en retard ou à échéance"
    page = f"{SITE}/poles/pole-alpha/plan/"
    assert (
        "Ces actions du plan d'actions de Pôle Alpha Maritime demandent votre attention.\n\n"
        "En retard :\n"
        f"- Bilan carbone (échéance : 20 novembre 2026)\n  {page}{plan['late'].pk}/\n\n"
        "À échéance dans les 7 jours :\n"
        f"- Charte achats (échéance : 11 décembre 2026)\n  {page}{plan['soon'].pk}/\n"
    ) in message.body
    assert f"Voir le plan d'actions\n{page}" in message.body
    assert "Ne plus recevoir ce type de courriel" in message.body
    html = message.alternatives[0][0]
    assert f'<a href="{page}{plan["late"].pk}/">Bilan carbone</a>' in html
    assert "Pôle Bêta" not in message.body and "Pôle Alpha" not in mails[outsider.email].body
    assert (
        "Pôle Alpha Maritime : 1 action(s) en retard, 1 à échéance, rappelée(s) à 1 personne(s)."
    ) in output
    assert "2026-12-04 : 3 action(s) rappelée(s), 2 pôle(s)." in output
    [notice] = Notification.objects.filter(user=editor)
    assert notice.kind == MailKind.REMINDER and notice.url == "/poles/pole-alpha/plan/"


def test_a_single_action_links_its_notification_to_the_actions_page(
        cluster_a, editor, django_capture_on_commit_callbacks):
    action = make(cluster_a, editor, "Bilan carbone", date(2026, 12, 6))
    mails, _output = sent(django_capture_on_commit_callbacks)
    assert mails[editor.email].subject == "Pôle Alpha Maritime : 1 action en retard ou à échéance"
    assert Notification.objects.get(user=editor).url == f"/poles/pole-alpha/plan/{action.pk}/"


def test_each_person_reads_it_in_their_language(plan, editor, django_capture_on_commit_callbacks):
    LanguagePreference.objects.create(user=editor, language="en")
    mails, _output = sent(django_capture_on_commit_callbacks)
    message = mails[editor.email]
    assert message.subject == "Pôle Alpha Maritime: 2 actions overdue or due soon"
    assert "Overdue:\n- Bilan carbone (due 20 November 2026)" in message.body
    assert "Due within 7 days:\n- Charte achats (due 11 December 2026)" in message.body
    assert "Stop receiving this kind of email" in message.body


def titles(mails, person) -> list[str]:
    return [line[2:].split(" (")[0] for line in mails[person.email].body.splitlines()
            if line.startswith("- ")]


def test_run_twice_it_sends_once_and_again_after_a_week(
        plan, editor, django_capture_on_commit_callbacks):
    def day(today):
        return sent(django_capture_on_commit_callbacks, today)[0]

    assert titles(day("2026-12-04"), editor) == ["Bilan carbone", "Charte achats"]
    mails, output = sent(django_capture_on_commit_callbacks)
    assert mails == {} and "2026-12-04 : 0 action(s) rappelée(s), 0 pôle(s)." in output
    # The next day « Plan de mobilité » falls within 7 days: it comes alone.
    assert titles(day("2026-12-05"), editor) == ["Plan de mobilité"]
    assert day("2026-12-10") == {}
    assert titles(day("2026-12-11"), editor) == ["Bilan carbone", "Charte achats"]
    assert titles(day("2026-12-12"), editor) == ["Plan de mobilité"]
    assert ActionReminder.objects.get(action=plan["late"]).sent_on == date(2026, 12, 11)


def test_a_switched_off_reminder_is_not_mailed_but_noted(
        plan, editor, django_capture_on_commit_callbacks):
    MailSwitchOff.objects.create(user=editor, kind=MailKind.REMINDER)
    mails, _output = sent(django_capture_on_commit_callbacks)
    assert editor.email not in mails
    assert Notification.objects.filter(user=editor, kind=MailKind.REMINDER).count() == 1


def test_actions_another_run_took_meanwhile_are_not_sent_twice(
        plan, editor, outsider, django_capture_on_commit_callbacks):
    def other_run():
        for action in (plan["late"], plan["soon"]):
            ActionReminder.objects.create(action=action, sent_on=date(2026, 12, 4))

    with after_first_read("plans_action", other_run):
        mails, output = sent(django_capture_on_commit_callbacks)
    assert list(mails) == [outsider.email]  # cluster A's actions were the other run's to send
    assert "Pôle Alpha" not in output


def test_a_wrong_date_is_refused():
    with pytest.raises(CommandError, match="AAAA-MM-JJ"):
        run("04/12/2026")
