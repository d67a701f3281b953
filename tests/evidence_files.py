"""Small files of each kind, for the evidence tests (made here: no binary in the repository)."""

import io
import zipfile

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
ELF = b"\x7fELF\x02\x01\x01" + b"\x00" * 64
PE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 64


def zipped(entries: dict[str, str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, text in entries.items():
            archive.writestr(name, text)
    return buffer.getvalue()


DOCX = zipped({"[Content_Types].xml": "<Types/>", "word/document.xml": "<w:document/>"})
ODS = zipped({"mimetype": "application/vnd.oasis.opendocument.spreadsheet",
              "content.xml": "<office:document-content/>"})


def upload(content: bytes, name: str = "rapport.pdf"):
    """The file as a view gets it; a name with folders as another caller may pass it (an
    UploadedFile keeps only the last part of its name, as browsers' uploads reach Django)."""
    if "/" in name or "\\" in name:
        return ContentFile(content, name=name)
    return SimpleUploadedFile(name, content)
