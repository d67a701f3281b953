import re

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from consultation import services
from consultation.models import Consultation, Response
from tests.fixtures import fill, logged_in, make_member

from .helpers import answer_data, answer_url, open_shared

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def no_throttle():
    cache.clear()


def manage_url(assessment, slug=None):
    return reverse("consultation:manage", args=[slug or assessment.cluster.slug,
                                                assessment.campaign.year])


def codes(consultation):
    from consultation.selectors import asked_questions
    return [q.code for q in asked_questions(consultation)]


def test_the_editor_opens_a_consultation_and_sees_its_link_once(assessment, editor_client):
    page = editor_client.get(manage_url(assessment)).content.decode()
    assert "Ouvrir la consultation" in page
    response = editor_client.post(manage_url(assessment), {
        "action": "open", "sections": ["1A", "2A"], "closes_on": "2099-01-31",
        "shared": "shared"}, follow=True)
    text = response.content.decode()
    assert "/consultation/" in text and "il ne sera plus affiché" in text
    token = re.search(r"/consultation/([\w-]{40,})/", text).group(1)
    assert Consultation.objects.get().section_codes == ["1A", "2A"]
    assert token not in editor_client.get(manage_url(assessment)).content.decode()


def test_a_bad_opening_says_why_and_keeps_the_form(assessment, editor_client):
    response = editor_client.post(manage_url(assessment), {
        "action": "open", "sections": ["9Z"], "closes_on": "2099-01-31", "shared": "shared"})
    assert response.status_code == 400
    assert "Section inconnue" in response.content.decode()
    assert 'value="2099-01-31"' in response.content.decode()
    assert not Consultation.objects.exists()


def test_the_board_reads_but_does_not_manage(assessment, editor, board_client):
    open_shared(assessment, editor)
    assert board_client.get(manage_url(assessment)).status_code == 200
    assert board_client.post(manage_url(assessment), {"action": "close"}).status_code == 403
    assert Consultation.objects.get().closed_at is None


def test_the_editor_closes_it_early_and_the_link_stops(assessment, editor, editor_client):
    _, token = open_shared(assessment, editor)
    editor_client.post(manage_url(assessment), {"action": "close"})
    response = Client().get(answer_url(token))
    assert response.status_code == 410
    assert "close" in response.content.decode()


def test_per_address_links_are_mailed_and_serve_once(assessment, editor_client, mailoutbox,
                                                     django_capture_on_commit_callbacks):
    editor_client.post(manage_url(assessment), {
        "action": "open", "sections": ["1A"], "closes_on": "2099-01-31", "shared": "addresses"})
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(manage_url(assessment), {
            "action": "send", "addresses": "a@example.org\nb@example.org"}, follow=True)
    assert "2 lien(s) personnel(s) envoyé(s)." in response.content.decode()
    assert len(mailoutbox) == 2
    token = mailoutbox[0].body.split("/consultation/")[1].split("/")[0]
    consultation = Consultation.objects.get()
    stakeholder = Client()
    assert stakeholder.post(answer_url(token), answer_data(codes(consultation))).status_code == 200
    again = stakeholder.post(answer_url(token), answer_data(codes(consultation)))
    assert again.status_code == 410 and "déjà servi" in again.content.decode()
    assert Response.objects.count() == 1


def test_a_bad_address_is_refused_and_nothing_sent(assessment, editor, editor_client,
                                                    mailoutbox):
    services.consultation_open(assessment=assessment, section_codes=["1A"], shared=False,
                               by=editor, closes_on=__import__("datetime").date(2099, 1, 1))
    response = editor_client.post(manage_url(assessment), {
        "action": "send", "addresses": "a@example.org\npas-une-adresse"})
    assert response.status_code == 400
    assert "pas une adresse électronique valable" in response.content.decode()
    assert not mailoutbox and not Consultation.objects.get().links.exists()


def test_the_stakeholder_answers_without_an_account(assessment, editor):
    consultation, token = open_shared(assessment, editor, sections=["1A"])
    stakeholder = Client()
    page = stakeholder.get(answer_url(token)).content.decode()
    assert "Tout à fait d&#x27;accord" in page and "Sans avis" in page
    assert "entreprise membre" in page and "collectivité territoriale" in page
    response = stakeholder.post(answer_url(token), answer_data(codes(consultation),
                                                               comment="Bravo."))
    assert "Merci de votre réponse" in response.content.decode()
    stored = Response.objects.get()
    assert stored.category == "company" and stored.comment == "Bravo."


def test_the_form_answers_in_english(assessment, editor):
    _, token = open_shared(assessment, editor, sections=["1A"])
    page = Client(headers={"accept-language": "en"}).get(answer_url(token)).content.decode()
    assert "member company" in page and "No opinion" in page


@pytest.mark.parametrize(("changes", "message"), [
    ({"category": "ministere"}, "Catégorie inconnue"),
    ({"category": ""}, "Choisissez votre catégorie."),
    ({"comment": "x" * 2001}, "Commentaire trop long"),
    ({"value": "+++"}, "Réponse inconnue"),
    ({"value": ""}, "Répondez au moins à une question."),
])
def test_bad_input_keeps_what_was_typed_and_stores_nothing(assessment, editor, changes,
                                                           message):
    consultation, token = open_shared(assessment, editor, sections=["1A"])
    value = changes.pop("value", "+")
    data = answer_data(codes(consultation), value=value, comment="Mon avis détaillé.") | changes
    response = Client().post(answer_url(token), data)
    text = response.content.decode()
    assert response.status_code == 400 and message in text
    assert ("Mon avis détaillé." in text) or "comment" in changes
    if value == "+":
        assert 'value="+" checked' in text
    assert not Response.objects.exists()


def test_without_csrf_nothing_is_stored(assessment, editor):
    consultation, token = open_shared(assessment, editor, sections=["1A"])
    response = Client(enforce_csrf_checks=True).post(answer_url(token),
                                                     answer_data(codes(consultation)))
    assert response.status_code == 403
    assert not Response.objects.exists()


def test_a_flood_from_one_address_is_throttled(assessment, editor, settings):
    consultation, token = open_shared(assessment, editor, sections=["1A"])
    for _ in range(services.ANSWERS_PER_HOUR):
        Client().post(answer_url(token), answer_data(codes(consultation)),
                      REMOTE_ADDR="198.51.100.7")
    response = Client().post(answer_url(token), answer_data(codes(consultation)),
                             REMOTE_ADDR="198.51.100.7")
    assert response.status_code == 429
    assert "Trop de réponses" in response.content.decode()
    assert Response.objects.count() == services.ANSWERS_PER_HOUR
    assert Client().post(answer_url(token), answer_data(codes(consultation)),
                         REMOTE_ADDR="198.51.100.8").status_code == 200


def test_another_clusters_consultation_is_hidden(assessment, editor, cluster_b, outsider_client):
    open_shared(assessment, editor)
    assert outsider_client.get(manage_url(assessment)).status_code == 404
    assert outsider_client.post(manage_url(assessment), {"action": "close"}).status_code == 404
    assert Consultation.objects.get().closed_at is None


def test_an_unknown_token_is_not_found(assessment, editor):
    open_shared(assessment, editor)
    assert Client().get(answer_url("jeton-inconnu")).status_code == 404


def answer_many(consultation, token, categories):
    for category in categories:
        Client().post(answer_url(token), answer_data(codes(consultation), value="-",
                                                     category=category,
                                                     comment=f"Avis {category}"))


def test_results_wait_for_five_then_show_both_views(assessment, editor, board_client):
    fill(assessment, editor, "++")
    consultation, token = open_shared(assessment, editor)
    answer_many(consultation, token, ["company"] * 4)
    text = board_client.get(manage_url(assessment)).content.decode()
    assert "Les résultats s'affichent à partir de 5 réponses" in text
    assert "Avis company" not in text
    answer_many(consultation, token, ["company"])
    text = board_client.get(manage_url(assessment)).content.decode()
    assert "Là où les regards diffèrent le plus" in text
    assert "consultation-radar-data" in text
    assert "Avis company" in text and "entreprise membre" in text


def test_a_category_of_four_is_not_detailed(assessment, editor, board_client):
    consultation, token = open_shared(assessment, editor)
    answer_many(consultation, token, ["company"] * 5 + ["authority"] * 4)
    text = board_client.get(manage_url(assessment)).content.decode()
    assert "collectivité territoriale" not in text.split("Par catégorie")[1]
    assert "ne sont pas détaillées" in text
    answer_many(consultation, token, ["authority"])
    text = board_client.get(manage_url(assessment)).content.decode()
    assert "collectivité territoriale" in text.split("Par catégorie")[1]


def test_the_page_costs_the_same_queries_whatever_the_respondents(
        assessment, editor, board_client, django_assert_max_num_queries):
    consultation, token = open_shared(assessment, editor)
    answer_many(consultation, token, ["company"] * 5)
    board_client.get(manage_url(assessment))
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    with CaptureQueriesContext(connection) as few:
        board_client.get(manage_url(assessment))
    answer_many(consultation, token, ["authority"] * 7)
    with CaptureQueriesContext(connection) as many:
        board_client.get(manage_url(assessment))
    assert len(many) == len(few)
    token_page = Client()
    with CaptureQueriesContext(connection) as answer_page:
        token_page.get(answer_url(token))
    assert len(answer_page) <= 4


def test_the_results_page_links_to_the_consultation(assessment, board_client):
    page = board_client.get(reverse("reports:results", args=[assessment.cluster.slug, 2025]))
    assert manage_url(assessment) in page.content.decode()


def test_a_second_editor_sees_no_link_token(assessment, editor, cluster_a):
    _, token = open_shared(assessment, editor)
    other = make_member("equipe-a2", cluster_a, "editor", "Léa", "Martin")
    assert token not in logged_in(other).get(manage_url(assessment)).content.decode()
