"""A person's notifications and mail switches: their own only."""

import pytest
from django.urls import reverse

from accounts.models import MailKind, MailSwitchOff, Notification
from accounts.selectors import unread_notifications

PAGE = reverse("mail-preferences")


@pytest.fixture
def notes(editor, board):
    mine = [Notification.objects.create(user=editor, kind=MailKind.WORKFLOW,
                                        message=f"Message {n}", url="/poles/") for n in range(3)]
    theirs = Notification.objects.create(user=board, kind=MailKind.WORKFLOW, message="Autre",
                                         url="/poles/")
    return mine, theirs


def test_the_page_lists_ones_own_notifications_and_switches(editor_client, notes):
    html = editor_client.get(PAGE).content.decode()
    assert "Message 0" in html and "Message 2" in html and "Autre" not in html
    for kind in MailKind:
        assert (f'name="{kind.value}"' in html) == (kind != MailKind.ACCOUNT)


def test_switching_a_kind_off_and_on_again(editor_client, editor):
    everything_but_reminders = {k.value: "on" for k in MailKind
                                if k not in (MailKind.ACCOUNT, MailKind.REMINDER)}
    response = editor_client.post(PAGE, everything_but_reminders, follow=True)
    assert "Vos préférences de courriel sont enregistrées." in response.content.decode()
    assert set(MailSwitchOff.objects.filter(user=editor).values_list("kind", flat=True)) == {
        MailKind.REMINDER}
    html = editor_client.get(PAGE).content.decode()
    assert 'name="reminder" class="checkboxinput form-check-input" id="id_reminder">' in html
    editor_client.post(PAGE, {**everything_but_reminders, "reminder": "on"})
    assert not MailSwitchOff.objects.filter(user=editor).exists()


def test_opening_a_notification_reads_it_and_goes_to_its_page(editor_client, editor, notes):
    mine, _ = notes
    response = editor_client.post(reverse("notification-open", args=[mine[0].pk]))
    assert response.status_code == 302 and response["Location"] == "/poles/"
    assert [n.message for n in unread_notifications(editor)] == ["Message 2", "Message 1"]


def test_another_persons_notification_is_not_found(editor_client, notes):
    _, theirs = notes
    response = editor_client.post(reverse("notification-open", args=[theirs.pk]))
    assert response.status_code == 404
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_an_outside_link_is_not_followed(editor_client, editor):
    note = Notification.objects.create(user=editor, kind=MailKind.WORKFLOW, message="x",
                                       url="https://evil.example.org/")
    response = editor_client.post(reverse("notification-open", args=[note.pk]))
    assert response["Location"] == "/"


def test_reading_all_leaves_the_others_notifications(editor_client, editor, board, notes):
    response = editor_client.post(reverse("notifications-read-all"), {"next": "/poles/"},
                                  follow=True)
    assert "3 notifications marquées comme lues." in response.content.decode()
    assert unread_notifications(editor) == [] and len(unread_notifications(board)) == 1
