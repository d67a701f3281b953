"""The evidence page of an answer and the download of its files (grid.views.evidence)."""

import pytest
from django.urls import reverse

from grid import services
from grid.evidence import EVIDENCE_MAX_BYTES
from grid.models import Evidence
from tests.evidence_files import ELF, PDF, PE
from tests.fixtures import logged_in, messages_of, url


def page(assessment, code="S-1"):
    return reverse("grid:evidence", args=[assessment.cluster.slug, assessment.campaign.year, code])


def download(evidence):
    assessment = evidence.answer.assessment
    return reverse("grid:evidence-download",
                   args=[assessment.cluster.slug, assessment.campaign.year, evidence.pk])


def remove(evidence):
    assessment = evidence.answer.assessment
    return reverse("grid:evidence-remove",
                   args=[assessment.cluster.slug, assessment.campaign.year, evidence.pk])


def post_file(client, assessment, content, name="rapport.pdf", label="Rapport RSE"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return client.post(page(assessment), {"kind": "file", "label": label,
                                          "file": SimpleUploadedFile(name, content)})


def test_an_editor_attaches_a_file_and_a_link(editor_client, assessment):
    response = post_file(editor_client, assessment, PDF)
    assert response.status_code == 302 and response["Location"] == page(assessment)
    assert messages_of(response) == ["Pièce ajoutée : « Rapport RSE »."]
    response = editor_client.post(page(assessment), {"kind": "link", "label": "Charte",
                                                     "url": "https://example.org/charte"})
    assert response.status_code == 302
    html = editor_client.get(page(assessment)).content.decode()
    assert "Rapport RSE" in html and "fichier rapport.pdf, 48\xa0octets" in html
    assert "Charte" in html and "lien vers example.org" in html
    grid = editor_client.get(url("grid", assessment)).content.decode()
    assert "Rapport RSE" in grid and "Ajouter ou retirer des pièces" in grid


@pytest.mark.parametrize(("content", "name", "message"), [
    (PDF + b"\0" * EVIDENCE_MAX_BYTES, "gros.pdf",
     "Le fichier dépasse 10 Mo : il pèse 10\xa0485\xa0808 octets."),
    (ELF, "rapport.pdf", "Ce type de fichier n&#x27;est pas accepté"),
    (PE, "rapport.pdf", "Ce type de fichier n&#x27;est pas accepté"),
    (b"", "vide.pdf", "Le fichier est vide."),
    (b"Bonjour", "notes.pdf", "Ce type de fichier n&#x27;est pas accepté"),
])
def test_a_refused_file_says_why_and_stores_nothing(editor_client, assessment, evidence_folder,
                                                     content, name, message):
    before = sorted(evidence_folder.rglob("*"))
    response = post_file(editor_client, assessment, content, name)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Evidence.objects.exists()
    assert sorted(evidence_folder.rglob("*")) == before


@pytest.mark.parametrize("name", ["../../x.pdf", "C:\\x.pdf", "..\\..\\x.pdf"])
def test_a_path_in_a_name_never_reaches_the_storage(editor_client, assessment, evidence_folder,
                                                    name):
    """Django keeps only the last part of an uploaded file's name before any view reads it: the
    file is kept as x.pdf, under a random path of the year (grid.storage)."""
    post_file(editor_client, assessment, PDF, name)
    evidence = Evidence.objects.get()
    assert evidence.name == "x.pdf"
    assert (evidence_folder / evidence.file.name).parent == evidence_folder / "evidence" / str(
        assessment.pk)


@pytest.mark.parametrize("address", ["javascript:alert(1)", "ftp://example.org/a.pdf",
                                     "file:///etc/passwd"])
def test_a_link_that_is_not_http_is_refused(editor_client, assessment, address):
    response = editor_client.post(page(assessment), {"kind": "link", "label": "Lien",
                                                     "url": address})
    assert response.status_code == 400
    assert "Seules les adresses web (http:// ou https://) sont acceptées." in (
        response.content.decode())
    assert not Evidence.objects.exists()


def test_the_body_cap_rises_for_this_upload_only(editor_client, assessment):
    big = b"x" * (EVIDENCE_MAX_BYTES // 4)  # 2.5 MB: over the site's 2 MB cap
    response = post_file(editor_client, assessment, PDF + big)
    assert response.status_code == 302
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = editor_client.post(url("import-json", assessment),
                                  {"file": SimpleUploadedFile("a.json", big)})
    assert response.status_code == 413
    response = post_file(editor_client, assessment, PDF + b"x" * (EVIDENCE_MAX_BYTES + 2**20))
    assert response.status_code == 413
    assert Evidence.objects.count() == 1


def test_the_download_is_an_attachment_of_the_detected_type(board, assessment, editor):
    from django.core.files.uploadedfile import SimpleUploadedFile

    evidence = services.evidence_add_file(
        assessment=assessment, code="S-1", label="Bilan",
        upload=SimpleUploadedFile("bilan été.png", PDF), by=editor)
    response = logged_in(board).get(download(evidence))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"] == (
        "attachment; filename*=utf-8''bilan%20%C3%A9t%C3%A9.png")


def test_a_link_has_no_download(editor_client, assessment, editor):
    link = services.evidence_add_link(assessment=assessment, code="S-1", label="Site",
                                      url="https://example.org", by=editor)
    assert editor_client.get(download(link)).status_code == 404


def test_the_board_reads_but_changes_nothing(board, assessment, editor):
    evidence = services.evidence_add_link(assessment=assessment, code="S-1", label="Site",
                                          url="https://example.org", by=editor)
    client = logged_in(board)
    html = client.get(page(assessment)).content.decode()
    assert "Site" in html and "Retirer" not in html and "Joindre le fichier" not in html
    assert "Lecture seule" in html
    assert post_file(client, assessment, PDF).status_code == 403
    assert client.post(remove(evidence)).status_code == 403
    assert Evidence.objects.count() == 1
    grid = client.get(url("grid", assessment)).content.decode()
    assert "Site" in grid and "Joindre une pièce" not in grid


def test_an_editor_removes_evidence(editor_client, assessment, editor):
    evidence = services.evidence_add_link(assessment=assessment, code="S-1", label="Site",
                                          url="https://example.org", by=editor)
    response = editor_client.post(remove(evidence))
    assert response["Location"] == page(assessment)
    assert messages_of(response) == ["Pièce retirée : « Site »."]
    assert not Evidence.objects.exists()
    assert editor_client.post(remove(evidence)).status_code == 404


def test_a_submitted_year_hides_the_controls_and_refuses_changes(editor_client, filled, editor):
    evidence = services.evidence_add_link(assessment=filled, code="S-1", label="Site",
                                          url="https://example.org", by=editor)
    services.assessment_submit(assessment=filled, by=editor)
    html = editor_client.get(page(filled)).content.decode()
    assert "Site" in html and "Retirer" not in html and "Joindre le fichier" not in html
    assert "ses pièces ne se modifient plus" in html
    grid = editor_client.get(url("grid", filled)).content.decode()
    assert "Site" in grid and "Ajouter ou retirer" not in grid
    response = post_file(editor_client, filled, PDF)
    assert messages_of(response) == ["Cette autoévaluation est soumise : elle ne se modifie plus."]
    editor_client.get(page(filled))
    response = editor_client.post(page(filled), {"kind": "link", "label": "", "url": "x"})
    assert messages_of(response) == ["Cette autoévaluation est soumise : elle ne se modifie plus."]
    editor_client.get(page(filled))  # shows (and so takes) the message
    response = editor_client.post(remove(evidence))
    assert messages_of(response) == ["Cette autoévaluation est soumise : elle ne se modifie plus."]
    assert Evidence.objects.count() == 1


def test_an_unknown_question_or_another_clusters_evidence_is_404(
    editor_client, assessment, outsider, cluster_b, campaign_2025,
):
    assert editor_client.get(page(assessment, "ZZ-9")).status_code == 404
    theirs = services.assessment_start(cluster=cluster_b, year=2025, by=outsider, prefill=False)
    link = services.evidence_add_link(assessment=theirs, code="S-1", label="Site",
                                      url="https://example.org", by=outsider)
    mine = reverse("grid:evidence-download", args=[assessment.cluster.slug, 2025, link.pk])
    assert editor_client.get(mine).status_code == 404
    assert editor_client.post(reverse("grid:evidence-remove",
                                      args=[assessment.cluster.slug, 2025, link.pk])
                              ).status_code == 404
