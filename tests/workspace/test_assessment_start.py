"""`workspace:assessment-start` (POST /poles/<slug>/commencer/): open a year, optionally
pre-filled."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from clusters.models import Membership
from grid import services
from grid.models import Assessment, Transition
from tests.fixtures import (
    answers_of,
    assert_hidden_from_outsider,
    custom_of,
    fill,
    login_url,
    make_member,
    messages_of,
    set_custom,
    url,
)
from tests.races import after_first_read

pytestmark = pytest.mark.django_db


def start(cluster):
    return url("assessment-start", slug=cluster.slug)


@pytest.fixture
def last_year(cluster_a, editor, board, campaign_2024):
    """Cluster A's 2024 grid, validated, with varied answers, an `na` and a custom row."""
    assessment = services.assessment_start(cluster=cluster_a, year=2024, by=editor, prefill=False)
    fill(
        assessment, editor, "+",
        answers={"S-1": "++", "1A-1": "-", "2B-3": "na"},
        comments={"2B-3": "Pas de site industriel.", "1A-2": "Charte signée en 2023."},
    )
    set_custom(assessment, editor, "B", label="Covoiturage", level=2, bareme=3, value="++")
    services.assessment_submit(assessment=assessment, by=editor)
    return services.assessment_validate(assessment=assessment, by=board)


def this_year(cluster):
    return Assessment.objects.get(cluster=cluster, campaign__year=2025)


def test_it_opens_a_blank_grid_and_goes_to_it(editor_client, editor, cluster_a, campaign_2025):
    response = editor_client.post(start(cluster_a), {"year": 2025})
    assessment = this_year(cluster_a)
    assert response.status_code == 302
    assert response["Location"] == url("grid", assessment)
    answers = answers_of(assessment)
    assert len(answers) == 41
    assert set(answers.values()) == {("", "")}
    assert set(custom_of(assessment)) == {"A", "B", "C", "D"}
    (opened,) = Transition.objects.filter(assessment=assessment)
    assert (opened.by, opened.to_status) == (editor, "draft")


def test_prefill_copies_last_years_answers_by_question_code(
    editor_client, cluster_a, last_year, campaign_2025
):
    editor_client.post(start(cluster_a), {"year": 2025, "prefill": "on"})
    assessment = this_year(cluster_a)
    assert answers_of(assessment) == answers_of(last_year)
    assert answers_of(assessment)["2B-3"] == ("na", "Pas de site industriel.")
    assert custom_of(assessment) == custom_of(last_year)
    assert custom_of(assessment)["B"] == ("Covoiturage", 2, 3, "++")
    assert assessment.status == "draft" and assessment.scores is None
    opened = assessment.transitions.get()
    assert (opened.carried_from, opened.comment) == (2024, "")
    assert opened.label == "Ouverte avec les réponses de 2024"
    with translation.override("en"):
        assert opened.label == "Opened with the answers from 2024"


def test_without_prefill_every_answer_is_blank(editor_client, cluster_a, last_year,
                                                campaign_2025):
    editor_client.post(start(cluster_a), {"year": 2025})
    assessment = this_year(cluster_a)
    assert set(answers_of(assessment).values()) == {("", "")}
    assert set(custom_of(assessment).values()) == {("", None, None, "")}


def test_it_refuses_a_second_start_of_the_same_year(editor_client, cluster_a, assessment):
    filled_before = fill(assessment, assessment.transitions.get().by, codes=["S-1"])
    response = editor_client.post(start(cluster_a), {"year": 2025, "prefill": "on"})
    assert response.status_code == 302
    assert response["Location"] == url("cluster-detail", slug=cluster_a.slug)
    assert messages_of(response) == [
        "L'année 2025 ne peut pas s'ouvrir : elle est déjà commencée ou n'a pas de campagne."
    ]
    assert Assessment.objects.filter(cluster=cluster_a).count() == 1
    assert answers_of(this_year(cluster_a)) == answers_of(filled_before)


def test_the_service_says_the_year_exists(cluster_a, editor, assessment):
    with pytest.raises(ValidationError, match="a commencé l'autoévaluation 2025 le "):
        services.assessment_start(cluster=cluster_a, year=2025, by=editor, prefill=False)


def test_it_refuses_a_year_without_campaign(editor_client, cluster_a, campaign_2025):
    response = editor_client.post(start(cluster_a), {"year": 2030})
    assert response["Location"] == url("cluster-detail", slug=cluster_a.slug)
    assert messages_of(response) == [
        "L'année 2030 ne peut pas s'ouvrir : elle est déjà commencée ou n'a pas de campagne."
    ]
    assert not Assessment.objects.filter(cluster=cluster_a).exists()


def test_the_service_says_no_campaign_is_open(cluster_a, editor):
    with pytest.raises(ValidationError, match="Aucune campagne n'est ouverte pour 2030"):
        services.assessment_start(cluster=cluster_a, year=2030, by=editor, prefill=False)


def test_it_refuses_a_missing_year(editor_client, cluster_a, campaign_2025):
    response = editor_client.post(start(cluster_a), {})
    assert messages_of(response) == ["Ce champ est obligatoire."]
    assert not Assessment.objects.exists()


def test_it_refuses_the_board(board_client, cluster_a, campaign_2025):
    assert board_client.post(start(cluster_a), {"year": 2025}).status_code == 403
    assert not Assessment.objects.exists()


def test_it_refuses_outsider(outsider_client, cluster_a, campaign_2025):
    assert_hidden_from_outsider(outsider_client.post(start(cluster_a), {"year": 2025}), cluster_a)
    assert not Assessment.objects.exists()


def test_it_sends_anonymous_to_login(anonymous, cluster_a, campaign_2025):
    response = anonymous.post(start(cluster_a), {"year": 2025})
    assert response["Location"] == login_url(start(cluster_a))
    assert not Assessment.objects.exists()


def test_it_refuses_get(editor_client, cluster_a, campaign_2025):
    assert editor_client.get(start(cluster_a)).status_code == 405


# --- two « commencer » of one year at once ---


@pytest.fixture
def started_meanwhile(cluster_a, campaign_2025):
    """A colleague's « commencer » of 2025 lands right after this one has read that the year is
    free (what two clicks at once do on PostgreSQL: tests/grid/test_races.py); the message it
    gives. Inserted here inside the service's transaction, their row goes when it is undone."""
    colleague = make_member("equipe-a2", cluster_a, Membership.Role.EDITOR, "Paul", "Roux")

    def insert_theirs():
        theirs = Assessment.objects.create(cluster=cluster_a, campaign=campaign_2025)
        Transition.objects.create(assessment=theirs, from_status="draft", to_status="draft",
                                  by=colleague)

    with after_first_read("grid_assessment", insert_theirs):
        yield (f"Paul Roux a commencé l'autoévaluation 2025 le "
               f"{timezone.localdate():%d/%m/%Y} : la voici.")


def test_the_second_of_two_starts_at_once_gets_the_first_ones_grid(
        editor_client, cluster_a, started_meanwhile):
    # It ended in an IntegrityError (500).
    response = editor_client.post(start(cluster_a), {"year": 2025})
    assert response.status_code == 302
    assert response["Location"] == url("grid", slug=cluster_a.slug, year=2025)
    assert messages_of(response) == [started_meanwhile]


def test_the_service_names_who_started_the_year_meanwhile(cluster_a, editor, started_meanwhile):
    with pytest.raises(services.AssessmentExists) as exists:
        services.assessment_start(cluster=cluster_a, year=2025, by=editor, prefill=False)
    assert exists.value.messages == [started_meanwhile]
    assert exists.value.assessment.cluster == cluster_a


@pytest.mark.parametrize(("carry_files", "kinds"), [("", ["link"]), ("on", ["file", "link"])])
def test_the_links_of_last_years_evidence_come_along_and_the_files_if_asked(
    editor_client, cluster_a, editor, board, campaign_2024, campaign_2025, carry_files, kinds,
):
    from grid.models import Evidence
    from tests.evidence_files import PDF, upload

    before = services.assessment_start(cluster=cluster_a, year=2024, by=editor, prefill=False)
    fill(before, editor, "+")
    services.evidence_add_file(assessment=before, code="S-1", label="Bilan", upload=upload(PDF),
                               by=editor)
    services.evidence_add_link(assessment=before, code="1A-1", label="Charte",
                               url="https://example.org/charte", by=editor)
    services.assessment_submit(assessment=before, by=editor)
    services.assessment_validate(assessment=before, by=board)
    editor_client.post(start(cluster_a), {"year": 2025, "prefill": "on",
                                          "carry_files": carry_files})
    carried = Evidence.objects.filter(answer__assessment=this_year(cluster_a)).order_by("kind")
    assert [e.kind for e in carried] == kinds
    assert [e.label for e in carried] == (["Bilan", "Charte"] if carry_files else ["Charte"])
    assert Evidence.objects.filter(answer__assessment=before).count() == 2  # 2024's stay


def test_the_form_offers_to_carry_the_files(editor_client, cluster_a, campaign_2025):
    html = editor_client.get(url("cluster-detail", slug=cluster_a.slug)).content.decode()
    assert "Reprendre aussi les fichiers" in html
