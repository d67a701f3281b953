"""Evidence in the reports: export.json lists it (format 3; older files still import, the links
of newer ones too, never files), the PDF annex names each answer's evidence (not its content),
and the PDF's key moves with it."""

import hashlib
import json
from urllib.parse import urlencode

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from grid import services
from grid.models import Evidence
from grid.payload import PayloadError, parse_payload_text
from grid.specs import grid_spec_by_code
from reports.report import report_pdf
from reports.selectors import report_key
from tests.evidence_files import PDF, upload
from tests.fixtures import answers_of, fill, url
from tests.reports import pdf

pytestmark = pytest.mark.django_db


@pytest.fixture
def with_evidence(assessment, editor):
    fill(assessment, editor, "+")
    services.evidence_add_file(assessment=assessment, code="S-1", label="Bilan RSE 2024",
                               upload=upload(PDF, "bilan-rse.pdf"), by=editor)
    services.evidence_add_link(assessment=assessment, code="1A-1", label="Charte en ligne",
                               url="https://charte.example.org/2024", by=editor)
    return assessment


def test_export_json_lists_names_sizes_digests_and_links(editor_client, with_evidence):
    data = json.loads(editor_client.get(url("export-json", with_evidence)).content)
    assert data["format"] == 3
    assert data["evidence"] == {
        "S-1": [{"kind": "file", "label": "Bilan RSE 2024", "name": "bilan-rse.pdf",
                 "size": len(PDF), "sha256": hashlib.sha256(PDF).hexdigest(),
                 "content_type": "application/pdf"}],
        "1A-1": [{"kind": "link", "label": "Charte en ligne",
                  "url": "https://charte.example.org/2024"}],
    }


def _upload(client, assessment, data):
    file = SimpleUploadedFile("grille.json", json.dumps(data).encode(), "application/json")
    return client.post(url("import-json", assessment), {"file": file})


def _confirm(client, assessment, preview):
    return client.post(url("import-json", assessment),
                       urlencode(preview.context["confirm_form"].initial),
                       content_type="application/x-www-form-urlencoded")


def test_an_older_file_without_evidence_still_imports(editor_client, assessment):
    old = {"format": 2, "grid": "cgdd-2012", "answers": {"S-1": "+"}, "custom": [], "plan": []}
    preview = _upload(editor_client, assessment, old)
    assert preview.status_code == 200 and not preview.context["evidence_note"]
    assert _confirm(editor_client, assessment, preview).status_code == 302
    assert answers_of(assessment)["S-1"] == ("+", "")
    assert not Evidence.objects.exists()


def test_importing_adds_the_links_and_says_the_files_are_not(
    editor_client, editor, with_evidence, cluster_a, campaign_2024,
):
    exported = json.loads(editor_client.get(url("export-json", with_evidence)).content)
    earlier = services.assessment_start(cluster=cluster_a, year=2024, by=editor, prefill=False)
    preview = _upload(editor_client, earlier, exported)
    note = preview.context["evidence_note"]
    assert note == (
        "1 lien de pièce justificative sera ajouté aux réponses qui ne l'ont pas. 1 fichier de "
        "pièce justificative n'est pas importé : le fichier JSON n'en garde que le nom, la "
        "taille et l'empreinte. Joignez-le de nouveau depuis la grille.")
    assert _confirm(editor_client, earlier, preview).status_code == 302
    assert list(Evidence.objects.filter(answer__assessment=earlier).values_list(
        "kind", "label", "url", "answer__question__code")) == [
        ("link", "Charte en ligne", "https://charte.example.org/2024", "1A-1")]
    # A second import of the same file adds no second copy of the link.
    _confirm(editor_client, earlier, _upload(editor_client, earlier, exported))
    assert Evidence.objects.filter(answer__assessment=earlier).count() == 1


@pytest.mark.parametrize(("evidence", "message"), [
    ({"S-1": [{"kind": "link", "label": "x", "url": "javascript:alert(1)"}]},
     "Seules les adresses web (http:// ou https://) sont acceptées."),
    ({"S-1": [{"kind": "link", "label": "", "url": "https://example.org"}]},
     "Donnez un libellé à la pièce."),
    ({"S-1": [{"kind": "exe"}]}, "« kind » doit valoir « file » ou « link »."),
    ({"ZZ-9": []}, "Pièces de « ZZ-9 » : cette question n'est pas dans la grille."),
    ({"S-1": "x"}, "les pièces doivent être une liste."),
    (["x"], "« evidence » doit être un objet"),
])
def test_bad_evidence_in_a_file_is_refused(evidence, message):
    data = {"format": 3, "grid": "cgdd-2012", "answers": {}, "evidence": evidence}
    with pytest.raises(PayloadError) as refused:
        parse_payload_text(json.dumps(data), grid_spec_by_code)
    assert any(message in text for text in refused.value.messages), refused.value.messages


def test_the_pdf_annex_names_each_answers_evidence(with_evidence):
    report = report_pdf(with_evidence)
    text = " ".join(" ".join(pdf.page_texts(report)).split())
    assert "Pièces justificatives : Bilan RSE 2024 (fichier bilan-rse.pdf, 48 octets)" in text
    assert "Pièces justificatives : Charte en ligne (lien vers charte.example.org)" in text
    # The JSON inside the PDF lists them as export.json does.
    _name, attached = pdf.attachment(report)
    assert json.loads(attached)["evidence"]["1A-1"][0]["url"] == "https://charte.example.org/2024"


def test_the_reports_key_moves_with_the_evidence(assessment, editor):
    before = report_key(assessment, "fr")
    link = services.evidence_add_link(assessment=assessment, code="S-1", label="Site",
                                      url="https://example.org", by=editor)
    added = report_key(assessment, "fr")
    assert added != before
    services.evidence_remove(assessment=assessment, evidence_id=link.pk, by=editor)
    assert report_key(assessment, "fr") != added
