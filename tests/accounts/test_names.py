"""accounts.names: the one way a person is named, by pages, exports, the PDF and messages."""

import pytest
from django.contrib.auth import get_user_model
from django.template import Context, Template
from django.utils import translation

from accounts.names import account_name, person_name

pytestmark = pytest.mark.django_db


def user(username, first_name="", last_name="", **flags):
    return get_user_model().objects.create_user(username, first_name=first_name,
                                                last_name=last_name, **flags)


def test_a_person_is_named_by_full_name_else_username():
    assert person_name(user("bd", "Bruno", "Durand")) == "Bruno Durand"
    assert person_name(user("cb", "Conseil")) == "Conseil"
    assert person_name(user("anonyme")) == "anonyme"


def test_a_deactivated_account_keeps_its_name():
    assert person_name(user("bd", "Bruno", "Durand", is_active=False)) == "Bruno Durand"


def test_a_deleted_account_is_said_in_the_pages_language():
    assert account_name(None) == ""
    assert person_name(None) == "compte supprimé"
    with translation.override("en"):
        assert person_name(None) == "deleted account"


def test_the_name_kept_when_they_acted_wins_over_the_accounts():
    renamed = user("bd", "Bruno", "Martin-Durand")
    assert person_name(renamed, "Bruno Durand") == "Bruno Durand"
    assert person_name(None, "Bruno Durand") == "Bruno Durand"


def test_templates_name_a_person_with_the_person_filter():
    template = Template("{% load people %}{{ someone|person }} / {{ gone|person }}")
    assert template.render(Context({"someone": user("bd", "Bruno", "Durand"), "gone": None})) == (
        "Bruno Durand / compte supprimé")
