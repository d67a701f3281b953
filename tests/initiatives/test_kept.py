"""initiatives.kept: what is made of the content is kept until an admin edits the content."""

import pytest

from initiatives import kept
from initiatives.models import PathStep, Sheet

pytestmark = pytest.mark.django_db


def made(counter):
    def make():
        counter.append(1)
        return len(counter)
    return make


def test_kept_until_an_edit_of_any_watched_model():
    calls = []
    assert kept.kept(("x",), made(calls)) == 1
    assert kept.kept(("x",), made(calls)) == 1  # kept
    assert kept.kept(("y",), made(calls)) == 2  # another key
    sheet = Sheet.objects.get(number="12")
    sheet.title += " (revue)"
    sheet.save()  # writes its history
    assert kept.kept(("x",), made(calls)) == 3
    step = PathStep.objects.first()
    step.save()
    assert kept.kept(("x",), made(calls)) == 4


def test_the_edit_time_is_read_once_per_request(django_assert_num_queries):
    kept._request_starts()  # as request_started does (sending it would close the connection)
    try:
        with django_assert_num_queries(1):
            kept.content_stamp()
            kept.content_stamp()
    finally:
        kept._request_ends()
    with django_assert_num_queries(2):  # outside a request, every time
        kept.content_stamp()
        kept.content_stamp()
