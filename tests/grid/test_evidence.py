"""Evidence attached to answers (grid.evidence, grid.services.evidence): what is kept, what is
refused with its message and nothing stored, frozen with the year, carried into the next."""

import hashlib

import pytest
from django.core.exceptions import ValidationError

from grid import services
from grid.evidence import EVIDENCE_MAX_BYTES, clean_name, link_problem
from grid.models import Evidence
from tests.evidence_files import DOCX, ELF, ODS, PDF, PE, PNG, upload, zipped


def add_file(assessment, by, content=PDF, name="rapport.pdf", label="Rapport RSE", code="S-1"):
    return services.evidence_add_file(assessment=assessment, code=code, label=label,
                                      upload=upload(content, name), by=by)


def stored_files(folder) -> list:
    return [path for path in folder.rglob("*") if path.is_file()]


def test_a_pdf_is_kept_with_its_name_size_digest_and_type(assessment, editor, evidence_folder):
    evidence = add_file(assessment, editor)
    assert (evidence.kind, evidence.label, evidence.name) == ("file", "Rapport RSE", "rapport.pdf")
    assert evidence.size == len(PDF)
    assert evidence.sha256 == hashlib.sha256(PDF).hexdigest()
    assert evidence.content_type == "application/pdf"
    assert evidence.answer.question.code == "S-1"
    # Stored under a random path of the year, never under the name the sender gave.
    assert evidence.file.name.startswith(f"evidence/{assessment.pk}/")
    assert "rapport" not in evidence.file.name
    assert (evidence_folder / evidence.file.name).read_bytes() == PDF


@pytest.mark.parametrize(("content", "name", "content_type"), [
    (PNG, "photo.PNG", "image/png"),
    (DOCX, "bilan.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    (ODS, "tableau.ods", "application/vnd.oasis.opendocument.spreadsheet"),
    # The type comes from the content: a PDF named .png is kept as the PDF it is.
    (PDF, "scan.png", "application/pdf"),
])
def test_office_documents_and_images_are_kept(assessment, editor, content, name, content_type):
    assert add_file(assessment, editor, content, name).content_type == content_type


@pytest.mark.parametrize(("content", "name", "message"), [
    (b"", "vide.pdf", "Le fichier est vide."),
    (PDF + b"\0" * EVIDENCE_MAX_BYTES, "gros.pdf", "Le fichier dépasse 10 Mo"),
    (ELF, "programme.pdf", "Ce type de fichier n'est pas accepté"),
    (PE, "setup.pdf", "Ce type de fichier n'est pas accepté"),
    (b"<html><script>alert(1)</script></html>", "page.pdf", "Ce type de fichier n'est pas"),
    (zipped({"a.txt": "x"}), "archive.docx", "Ce type de fichier n'est pas accepté"),
    # A zip that names a Word part first but lacks the document: not a docx.
    (zipped({"[Content_Types].xml": "<T/>", "word/x.xml": "<x/>"}), "faux.docx",
     "Ce type de fichier n'est pas accepté"),
    (zipped({"mimetype": "application/zip", "content.xml": "<x/>"}), "faux.odt",
     "Ce type de fichier n'est pas accepté"),
    (PDF, "../../x.pdf", "Le nom du fichier contient un chemin"),
    (PDF, "C:\\x.pdf", "Le nom du fichier contient un chemin"),
])
def test_bad_files_are_refused_and_nothing_is_stored(assessment, editor, evidence_folder,
                                                     content, name, message):
    before = stored_files(evidence_folder)
    with pytest.raises(ValidationError) as refused:
        add_file(assessment, editor, content, name)
    assert any(message in text for text in refused.value.message_dict["file"])
    assert not Evidence.objects.exists()
    assert stored_files(evidence_folder) == before


def test_a_file_needs_a_label(assessment, editor):
    with pytest.raises(ValidationError) as refused:
        add_file(assessment, editor, label="  ")
    assert refused.value.message_dict == {"label": ["Donnez un libellé à la pièce."]}
    assert not Evidence.objects.exists()


def test_names_lose_control_characters_and_keep_their_extension_when_cut():
    assert clean_name("rap\x00port\x1b.pdf") == "rapport.pdf"
    long = clean_name("a" * 300 + ".docx")
    assert len(long) == 120 and long.endswith(".docx")


def test_a_link_is_kept(assessment, editor):
    link = services.evidence_add_link(assessment=assessment, code="S-1", label="Site",
                                      url=" https://example.org/charte ", by=editor)
    assert (link.kind, link.url, link.file.name) == ("link", "https://example.org/charte", "")


@pytest.mark.parametrize("address", [
    "javascript:alert(1)", "ftp://example.org/x.pdf", "file:///etc/passwd", "data:text/html,x",
    "https://", "example.org", "http://exa mple.org", "",
])
def test_links_other_than_http_are_refused(assessment, editor, address):
    with pytest.raises(ValidationError) as refused:
        services.evidence_add_link(assessment=assessment, code="S-1", label="Site", url=address,
                                   by=editor)
    assert refused.value.message_dict["url"] == [link_problem(address)]
    assert not Evidence.objects.exists()


def test_an_unknown_question_is_refused(assessment, editor):
    with pytest.raises(ValidationError, match="n'est pas dans cette grille"):
        services.evidence_add_link(assessment=assessment, code="ZZ-9", label="Site",
                                   url="https://example.org", by=editor)


def test_removing_takes_the_file_away(assessment, editor, evidence_folder,
                                      django_capture_on_commit_callbacks):
    evidence = add_file(assessment, editor)
    path = evidence_folder / evidence.file.name
    with pytest.raises(ValidationError):  # another year's evidence is not this one's
        services.evidence_remove(assessment=assessment, evidence_id=evidence.pk + 1000, by=editor)
    with django_capture_on_commit_callbacks(execute=True):
        services.evidence_remove(assessment=assessment, evidence_id=evidence.pk, by=editor)
        assert path.exists()  # until the removal commits
    assert not Evidence.objects.exists()
    assert not path.exists()


def test_evidence_is_frozen_with_a_submitted_year(filled, editor):
    evidence = add_file(filled, editor)
    services.assessment_submit(assessment=filled, by=editor)
    with pytest.raises(ValidationError, match="ne se modifie plus"):
        add_file(filled, editor)
    with pytest.raises(ValidationError, match="ne se modifie plus"):
        services.evidence_add_link(assessment=filled, code="S-1", label="Site",
                                   url="https://example.org", by=editor)
    with pytest.raises(ValidationError, match="ne se modifie plus"):
        services.evidence_remove(assessment=filled, evidence_id=evidence.pk, by=editor)
    assert Evidence.objects.count() == 1


def test_carried_files_are_copies_of_their_own(assessment, editor, cluster_a, campaign_2024,
                                              evidence_folder):
    """A year's file, carried into a later year, is copied: removing one leaves the other."""
    from grid.models import Campaign

    # Cluster A's 2025 grid is the latest before 2026.
    Campaign.objects.create(year=2026, version=assessment.campaign.version)
    kept = add_file(assessment, editor)
    new = services.assessment_start(cluster=cluster_a, year=2026, by=editor, prefill=True,
                                    carry_files=True)
    copy = Evidence.objects.get(answer__assessment=new)
    assert copy.file.name != kept.file.name
    assert (evidence_folder / copy.file.name).read_bytes() == PDF
    assert (copy.name, copy.sha256, copy.label) == (kept.name, kept.sha256, kept.label)
    assert Evidence.objects.get(pk=kept.pk).file.name == kept.file.name
