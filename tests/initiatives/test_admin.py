import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from initiatives.models import Sheet

pytestmark = pytest.mark.django_db


@pytest.fixture
def content_admin(client):
    user = get_user_model().objects.create_superuser("admin-test", "a@example.org", "pw")
    client.force_login(user)
    return user


def sheet_form_data(sheet, **changes):
    data = {
        field: getattr(sheet, field)
        for field in ["number", "slug", "order", "title", "title_variants", *Sheet.PARTS]
    }
    data["section"] = sheet.section_id
    data["levers"] = [lever.pk for lever in sheet.levers.all()]
    data.update(changes)
    return data


def test_editing_a_sheet_records_who_changed_what(client, content_admin):
    sheet = Sheet.objects.get(number="5")
    url = reverse("admin:initiatives_sheet_change", args=[sheet.pk])
    response = client.post(url, sheet_form_data(sheet, principle="- **Nouveau principe**"))
    assert response.status_code == 302, response.content.decode()[:2000]
    latest = sheet.history.latest()
    assert latest.principle == "- **Nouveau principe**"
    assert latest.history_user == content_admin
    assert latest.history_type == "~"
    history_url = reverse("admin:initiatives_sheet_history", args=[sheet.pk])
    assert client.get(history_url).status_code == 200


def test_the_source_lines_stay_read_only(client, content_admin):
    sheet = Sheet.objects.get(number="5")
    lines = sheet.source_lines
    url = reverse("admin:initiatives_sheet_change", args=[sheet.pk])
    client.post(url, sheet_form_data(sheet, source_lines="L1"))
    sheet.refresh_from_db()
    assert sheet.source_lines == lines


def test_a_script_typed_into_a_sheet_never_reaches_the_page(client, content_admin):
    sheet = Sheet.objects.get(number="5")
    url = reverse("admin:initiatives_sheet_change", args=[sheet.pk])
    payload = (
        '<script>alert("x")</script>\n\n'
        "- <img src=x onerror=alert(1)> [lien](javascript:alert(2))"
    )
    client.post(url, sheet_form_data(sheet, benefits=payload))
    html = client.get(reverse("guide:sheet-detail", args=["5"])).content.decode()
    assert "<script>alert" not in html
    assert "onerror" not in html
    assert "javascript:" not in html


@pytest.mark.parametrize(
    "model", ["sheet", "lever", "path", "section", "enjeu", "concept", "reference"]
)
def test_the_admin_lists_and_edits_each_content_model(client, content_admin, model):
    assert client.get(reverse(f"admin:initiatives_{model}_changelist")).status_code == 200


def test_the_admin_lists_glossary_terms_and_grid_questions(client, content_admin):
    assert client.get(reverse("admin:glossary_glossaryterm_changelist")).status_code == 200
    response = client.get(reverse("admin:grid_question_changelist"), {"origin": "reconstructed"})
    assert response.status_code == 200
    assert "reconstituée" in response.content.decode()


def test_visitors_cannot_reach_the_admin(client):
    response = client.get(reverse("admin:initiatives_sheet_changelist"))
    assert response.status_code == 302
