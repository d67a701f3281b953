import re

import pytest
from django.urls import reverse

from bilans.models import TEXT_MAX_LENGTH, Bilan
from bilans.services import bilan_publish, bilan_unpublish
from clusters.models import Cluster
from grid import services
from tests.fixtures import fill, logged_in, make_member, messages_of
from tests.reports.pdf import info, page_texts

from .conftest import DONE_TITLE, OWNER, SECRET_COMMENT, SECRET_NOTES, SECRET_VALIDATION

pytestmark = pytest.mark.django_db

MANAGE = reverse("bilans:manage", args=["pole-alpha", 2025])
PUBLIC = reverse("bilans:public", args=["pole-alpha", 2025])
PDF = reverse("bilans:pdf", args=["pole-alpha", 2025])
LIST = reverse("bilans:list")
# What the public bilan may never print: answers' comments, the board's comments, an action's
# owner and notes, the members' names, another cluster.
NEVER = (SECRET_COMMENT, SECRET_VALIDATION, SECRET_NOTES, OWNER, "Élise", "Martin", "Bruno",
         "Durand", "Pôle Bêta", "equipe-a", "conseil-a")


def text_of(response) -> str:
    return response.content.decode()


def without_token(page: str) -> str:
    """The page but for its CSRF token (the language switch's form), which is each visitor's."""
    return re.sub(r'name="csrfmiddlewaretoken" value="\w+"', "", page)


# --- the board's page ---


def test_the_board_publishes_and_the_public_reads(year, board_client, anonymous):
    assert anonymous.get(PUBLIC).status_code == 404
    page = text_of(board_client.get(MANAGE))
    assert "Publier le bilan" in page and "jamais été publié" in page
    response = board_client.post(MANAGE, {"action": "publish", "text": "Un **mot**."})
    assert response.status_code == 302 and messages_of(response) == ["Bilan publié."]
    page = text_of(board_client.get(MANAGE))
    assert PUBLIC in page and "Retirer la publication" in page and "Bruno Durand" in page
    public = anonymous.get(PUBLIC)
    assert public.status_code == 200 and "<strong>mot</strong>" in text_of(public)


def test_the_results_page_links_to_the_bilan_of_a_validated_year(year, editor_client):
    assert f'href="{MANAGE}"' in text_of(editor_client.get(
        reverse("reports:results", args=["pole-alpha", 2025])))


def test_the_team_reads_the_state_but_does_not_publish(published, editor_client):
    page = text_of(editor_client.get(MANAGE))
    assert "publié" in page and PUBLIC in page and 'name="action"' not in page
    assert "Merci" in page
    assert editor_client.post(MANAGE, {"action": "unpublish"}).status_code == 403
    assert Bilan.objects.get().published


@pytest.mark.parametrize("who", ["outsider", "coordinator"])
def test_strangers_to_the_cluster_get_404(published, who, request):
    client = logged_in(request.getfixturevalue(who))
    assert client.get(MANAGE).status_code == 404
    assert client.post(MANAGE, {"action": "unpublish"}).status_code == 404
    assert client.get(PUBLIC).status_code == 200  # the public page is everyone's


def test_anonymous_is_sent_to_log_in(anonymous, year):
    response = anonymous.get(MANAGE)
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_a_year_not_validated_is_refused_with_its_text_kept(assessment, board_client):
    response = board_client.post(MANAGE, {"action": "publish", "text": "Texte tapé"})
    assert response.status_code == 400
    page = text_of(response)
    assert "Seule une année validée par la gouvernance peut être publiée" in page
    assert "Texte tapé" in page
    assert not Bilan.objects.exists()


def test_a_text_too_long_is_refused_with_its_text_kept(year, board_client):
    text = "long " * (TEXT_MAX_LENGTH // 5) + "fin"
    response = board_client.post(MANAGE, {"action": "publish", "text": text})
    assert response.status_code == 400
    assert "dépasse 3000 caractères" in text_of(response) and "fin</textarea>" in text_of(response)
    assert not Bilan.objects.exists()


def test_an_unknown_action_is_refused(year, board_client):
    response = board_client.post(MANAGE, {"action": "effacer"})
    assert response.status_code == 400 and "Action inconnue" in text_of(response)


# --- the public pages ---


def test_the_public_page_shows_what_the_board_publishes_and_nothing_else(published, anonymous):
    page = text_of(anonymous.get(PUBLIC))
    for shown in ("Pôle Alpha Maritime", "Bretagne", "Pôle de compétitivité", "Note globale",
                  'id="radar-global"', "radar-data", "Gouvernance partagée",
                  "Sobriété des événements", DONE_TITLE, "<strong>Merci</strong>",
                  "Objectifs de la stratégie 2025–2027 en 2025", PDF):
        assert shown in page, shown
    for hidden in NEVER:
        assert hidden not in page, hidden
    assert "/strategie/" not in page and "/poles/" not in page


def test_the_board_text_is_sanitised(year, board, anonymous):
    bilan_publish(assessment=year, by=board, text=(
        '<script>alert(1)</script> [lien](javascript:alert(2)) <img src=x onerror=y>'))
    page = text_of(anonymous.get(PUBLIC))
    assert "<script>alert" not in page and "javascript:" not in page and "onerror" not in page


def test_the_pdf_prints_the_bilan_and_nothing_else(published, anonymous):
    response = anonymous.get(PDF)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = " ".join(" ".join(page_texts(response.content)).split())
    for shown in ("Pôle Alpha Maritime", "NOTE GLOBALE", "Gouvernance partagée", DONE_TITLE,
                  "Merci"):
        assert shown in text, shown
    for hidden in NEVER:
        assert hidden not in text, hidden
    assert re.search(r"^Tagged:\s+yes$", info(response.content), re.M)  # as the report
    assert len(page_texts(response.content)) <= 2


def test_never_published_is_404_withdrawn_is_410_and_republished_is_back(
        published, board, anonymous, year):
    assert anonymous.get(reverse("bilans:public", args=["pole-alpha", 2024])).status_code == 404
    assert anonymous.get(reverse("bilans:public", args=["inconnu", 2025])).status_code == 404
    bilan_unpublish(assessment=year, by=board)
    for url in (PUBLIC, PDF):
        response = anonymous.get(url)
        assert response.status_code == 410
        assert "Ce bilan n'est plus publié" in text_of(response)
    bilan_publish(assessment=year, by=board)
    assert anonymous.get(PUBLIC).status_code == 200
    assert anonymous.get(PDF).status_code == 200


def test_a_reopened_year_answers_410(published, board, board_client, anonymous, year):
    services.assessment_reopen(assessment=year, by=board, comment="À revoir.")
    assert anonymous.get(PUBLIC).status_code == 410
    page = text_of(board_client.get(MANAGE))
    assert "suspendu" in page and "Seule une année validée" in page
    response = board_client.post(MANAGE, {"action": "publish", "text": "Encore"})
    assert response.status_code == 400 and anonymous.get(PUBLIC).status_code == 410


def test_the_board_unpublishes_from_its_page(published, board_client, anonymous):
    response = board_client.post(MANAGE, {"action": "unpublish"})
    assert messages_of(response) == ["Bilan retiré de la publication."]
    assert anonymous.get(PUBLIC).status_code == 410
    assert "Retiré de la publication" in text_of(board_client.get(MANAGE))


# --- the cache ---


def test_a_second_anonymous_visit_costs_one_query(published, anonymous,
                                                  django_assert_max_num_queries):
    first = text_of(anonymous.get(PUBLIC))
    with django_assert_max_num_queries(1):
        second = text_of(anonymous.get(PUBLIC))
    assert without_token(second) == without_token(first)
    anonymous.get(PDF)
    with django_assert_max_num_queries(1):
        assert anonymous.get(PDF).status_code == 200


def test_publishing_editing_and_withdrawing_show_at_once(published, board, anonymous, year):
    assert "Merci" in text_of(anonymous.get(PUBLIC))
    bilan_publish(assessment=year, by=board, text="Nouveau mot du conseil.")
    page = text_of(anonymous.get(PUBLIC))
    assert "Nouveau mot du conseil." in page and "Merci" not in page
    bilan_unpublish(assessment=year, by=board)
    assert anonymous.get(PUBLIC).status_code == 410


def test_each_language_has_its_own_copy(published, anonymous):
    assert "Note globale" in text_of(anonymous.get(PUBLIC))
    english = text_of(anonymous.get(PUBLIC, headers={"accept-language": "en"}))
    assert "Overall score" in english or "Global" in english


# --- the list ---


def another_published_cluster(number, version, board_user):
    cluster = Cluster.objects.create(name=f"Pôle {number}", slug=f"pole-{number}",
                                     region="IDF", kind="grappe")
    editor = make_member(f"equipe-{number}", cluster, "editor", "E", "F")
    board = make_member(f"conseil-{number}", cluster, "board", "G", "H")
    assessment = fill(services.assessment_start(cluster=cluster, year=2025, by=editor,
                                                prefill=False), editor)
    services.assessment_submit(assessment=assessment, by=editor)
    services.assessment_validate(assessment=assessment, by=board)
    return bilan_publish(assessment=assessment, by=board)


def test_the_list_filters_and_costs_the_same_queries_for_many(
        published, anonymous, version, django_assert_num_queries):
    with django_assert_num_queries(1) as one:
        page = text_of(anonymous.get(LIST))
    assert "Pôle Alpha Maritime" in page and PUBLIC in page and "Bretagne" in page
    for number in range(3):
        another_published_cluster(number, version, None)
    with django_assert_num_queries(len(one.captured_queries)):
        page = text_of(anonymous.get(LIST))
    assert page.count('href="/bilans/pole-') == 4
    page = text_of(anonymous.get(LIST, {"region": "IDF"}))
    assert "Pôle Alpha Maritime" not in page and page.count('href="/bilans/pole-') == 3
    page = text_of(anonymous.get(LIST, {"kind": "pole"}))
    assert page.count('href="/bilans/pole-') == 1
    page = text_of(anonymous.get(LIST, {"region": "XXX"}))  # unknown: said, then ignored
    assert response_ok(page) and page.count('href="/bilans/pole-') == 4


def response_ok(page: str) -> bool:
    return "Bilans publics des pôles" in page


def test_a_withdrawn_bilan_leaves_the_list(published, board, anonymous, year):
    bilan_unpublish(assessment=year, by=board)
    assert "Pôle Alpha Maritime" not in text_of(anonymous.get(LIST))
    assert "Aucun bilan publié" in text_of(anonymous.get(LIST))


def test_the_navigation_and_the_footer_link_to_the_list(anonymous, editor_client):
    assert text_of(anonymous.get(reverse("initiatives:matrix"))).count(f'href="{LIST}"') == 2
    assert text_of(editor_client.get(reverse("initiatives:matrix"))).count(f'href="{LIST}"') == 1
