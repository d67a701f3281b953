from datetime import timedelta
from fractions import Fraction

import pytest
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.utils import timezone

from accounts.models import OutgoingMail
from consultation import selectors, services
from consultation.models import Consultation, Link, Response
from tests.fixtures import fill

from .helpers import open_shared

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def no_throttle():
    cache.clear()


def submit(token, asked, **changes):
    arguments = {"token": token, "answers": {code: "+" for code in asked}, "category": "company",
                 "comment": "", "asked": asked, "address": "192.0.2.1"} | changes
    return services.response_submit(**arguments)


def asked(consultation):
    return [q.code for q in selectors.asked_questions(consultation)]


def test_the_shared_link_is_kept_hashed_and_takes_many_answers(assessment, editor):
    consultation, token = open_shared(assessment, editor)
    assert token and token not in consultation.token_hash and len(consultation.token_hash) == 64
    codes = asked(consultation)
    assert len(codes) == 41
    submit(token, codes)
    submit(token, codes, category="authority")
    assert consultation.responses.count() == 2


def test_a_personal_link_serves_once_and_the_address_is_not_kept(assessment, editor, mailoutbox):
    consultation, _ = services.consultation_open(
        assessment=assessment, section_codes=["1A"], shared=False, by=editor,
        closes_on=timezone.localdate())
    assert services.links_send(consultation=consultation, language="fr",
                               addresses="a@example.org\nA@example.org, b@example.org") == 2
    assert Link.objects.filter(consultation=consultation).count() == 2
    assert not any("example.org" in str(value) for value in
                   Link.objects.values_list("token_hash", flat=True))
    body = OutgoingMail.objects.get(address="a@example.org").text
    token = body.split("/consultation/")[1].split("/")[0]
    codes = asked(consultation)
    submit(token, codes)
    with pytest.raises(services.LinkUnusable, match="déjà servi"):
        submit(token, codes)
    assert Response.objects.count() == 1


def test_a_closed_consultation_takes_no_answer(assessment, editor):
    consultation, token = open_shared(assessment, editor)
    services.consultation_close(consultation=consultation)
    with pytest.raises(services.LinkUnusable, match="close"):
        submit(token, asked(consultation))
    with pytest.raises(ValidationError):
        services.consultation_close(consultation=consultation)
    assert not Response.objects.exists()


def test_past_its_closing_date_a_consultation_is_closed(assessment, editor):
    consultation, token = open_shared(assessment, editor)
    Consultation.objects.filter(pk=consultation.pk).update(
        closes_on=timezone.localdate() - timedelta(days=1))
    with pytest.raises(services.LinkUnusable):
        services.link_open(token)


def test_an_unknown_token_opens_nothing(assessment, editor):
    open_shared(assessment, editor)
    with pytest.raises(services.LinkUnusable) as refusal:
        services.link_open("pas-un-jeton")
    assert refusal.value.status == 404


@pytest.mark.parametrize(("changes", "message"), [
    ({"category": "ministry"}, "Catégorie inconnue"),
    ({"comment": "x" * 2001}, "trop long"),
    ({"answers": {"1A-1": "+++"}}, "Réponse inconnue"),
    ({"answers": {"ZZ-9": "+"}}, "Réponse inconnue"),
    ({"answers": {"1A-1": ""}}, "au moins à une question"),
])
def test_bad_input_stores_nothing(assessment, editor, changes, message):
    consultation, token = open_shared(assessment, editor)
    with pytest.raises(ValidationError, match=message):
        submit(token, asked(consultation), **changes)
    assert not Response.objects.exists()


def test_opening_needs_sections_a_future_date_and_once_a_year(assessment, editor):
    with pytest.raises(ValidationError, match="au moins une section"):
        open_shared(assessment, editor, sections=())
    with pytest.raises(ValidationError, match="passée"):
        services.consultation_open(assessment=assessment, section_codes=["1A"], shared=True,
                                   by=editor, closes_on=timezone.localdate() - timedelta(1))
    open_shared(assessment, editor)
    with pytest.raises(ValidationError, match="existe déjà"):
        open_shared(assessment, editor)


def test_the_throttle_counts_answers_per_address(assessment, editor):
    consultation, token = open_shared(assessment, editor, sections=["1A"])
    codes = asked(consultation)
    for _ in range(services.ANSWERS_PER_HOUR):
        assert not services.throttled("192.0.2.1")
        submit(token, codes)
    assert services.throttled("192.0.2.1")
    assert not services.throttled("192.0.2.2")


def test_results_read_the_team_beside_the_stakeholders(assessment, editor):
    fill(assessment, editor, "++")
    consultation, token = open_shared(assessment, editor, sections=["1A", "2A", "1B"])
    codes = asked(consultation)
    for _ in range(5):
        submit(token, codes, answers={code: "-" for code in codes})
    results = selectors.consultation_results(consultation)
    assert results.shown and results.count == 5
    weights = assessment.campaign.version.answer_weights
    [enjeu_a, _enjeu_b] = results.enjeux
    assert enjeu_a.team == 1
    assert enjeu_a.stakeholders == pytest.approx(float(Fraction(weights["-"])))
    assert len(results.differences) == 5
