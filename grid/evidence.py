"""What evidence attached to an answer may be (no ORM): the file types read from the content,
the size, the names and the links. Each check returns the problem in words, or raises
ValidationError naming the field, as the services and the import show them.
"""

import hashlib
import re
import unicodedata
import zipfile
from dataclasses import dataclass
from urllib.parse import urlsplit

import filetype
from django.core.exceptions import ValidationError
from django.utils import formats
from django.utils.translation import gettext as _

EVIDENCE_MAX_MB = 10
EVIDENCE_MAX_BYTES = EVIDENCE_MAX_MB * 1024 * 1024
# The upload's body: the file, its label and the form's fields (multipart headers included).
EVIDENCE_BODY_BYTES = EVIDENCE_MAX_BYTES + 256 * 1024
LABEL_MAX_LENGTH = 200
NAME_MAX_LENGTH = 120
URL_MAX_LENGTH = 2000
HEADER_BYTES = 8192  # what filetype reads of a file

# Detected MIME type → the extension the stored file gets.
ALLOWED_TYPES = {
    "application/pdf": "pdf",
    "application/msword": "doc",
    "application/vnd.ms-excel": "xls",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "xlsx",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation": "pptx",
    "application/vnd.oasis.opendocument.text": "odt",
    "application/vnd.oasis.opendocument.spreadsheet": "ods",
    "application/vnd.oasis.opendocument.presentation": "odp",
    "image/png": "png",
    "image/jpeg": "jpg",
    "image/gif": "gif",
    "image/webp": "webp",
}
# The part each Office Open XML document must hold beside [Content_Types].xml.
OOXML_MAIN_PARTS = {
    "docx": "word/document.xml",
    "xlsx": "xl/workbook.xml",
    "pptx": "ppt/presentation.xml",
}
OPEN_DOCUMENT = {"odt", "ods", "odp"}
CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


@dataclass(frozen=True)
class Detected:
    content_type: str
    extension: str


def kinds_text() -> str:
    return _("PDF, documents bureautiques (Word, Excel, PowerPoint, OpenDocument) ou images "
             "(PNG, JPEG, GIF, WebP)")


def detect(upload) -> Detected:
    """The file's type as its content says, whatever its name; ValidationError on « file » for
    an empty, too large, unknown or forbidden file."""
    size = upload.size
    if not size:
        raise ValidationError({"file": _("Le fichier est vide.")})
    if size > EVIDENCE_MAX_BYTES:
        raise ValidationError({"file": _(
            "Le fichier dépasse %(limit)s Mo : il pèse %(size)s octets. Réduisez-le (un PDF "
            "compressé, une image plus petite) ou ajoutez un lien vers lui.") % {
            "limit": EVIDENCE_MAX_MB, "size": formats.number_format(size, force_grouping=True)}})
    upload.seek(0)
    head = upload.read(HEADER_BYTES)
    upload.seek(0)
    guess = filetype.guess(head)
    extension = ALLOWED_TYPES.get(guess.mime) if guess else None
    if extension is None or not _structure_holds(upload, extension):
        raise ValidationError({"file": _(
            "Ce type de fichier n'est pas accepté (d'après son contenu, quel que soit son nom) : "
            "%(kinds)s seulement.") % {"kinds": kinds_text()}})
    return Detected(guess.mime, extension)


def _structure_holds(upload, extension: str) -> bool:
    """A zip-based office document is a zip with the parts of its format: another zip whose
    first entry only looks like one is refused."""
    if extension not in OOXML_MAIN_PARTS and extension not in OPEN_DOCUMENT:
        return True
    try:
        with zipfile.ZipFile(upload) as archive:
            names = set(archive.namelist())
            if extension in OPEN_DOCUMENT:
                mime = archive.read("mimetype").decode("ascii", "replace").strip()
                return mime == next(t for t, e in ALLOWED_TYPES.items() if e == extension)
            return {"[Content_Types].xml", OOXML_MAIN_PARTS[extension]} <= names
    except (zipfile.BadZipFile, KeyError, OSError, EOFError):
        return False
    finally:
        upload.seek(0)


def clean_name(name: str) -> str:
    """The name a person gave the file, safe to print and to offer back: no folders (« / » or
    « \\ »), no control characters, at most NAME_MAX_LENGTH characters keeping the extension;
    ValidationError on « file » for a name with folders in it, which hints at a forged upload."""
    name = unicodedata.normalize("NFC", name or "")
    if "/" in name or "\\" in name or re.match(r"^[A-Za-z]:", name):
        raise ValidationError({"file": _(
            "Le nom du fichier contient un chemin (« %(name)s ») : envoyez le fichier sous un "
            "nom simple.") % {"name": CONTROL.sub("", name)[:NAME_MAX_LENGTH]}})
    name = CONTROL.sub("", name).strip().strip(".")
    if not name:
        return _("fichier")
    if len(name) > NAME_MAX_LENGTH:
        stem, dot, extension = name.rpartition(".")
        extension = extension[:10] if dot else ""
        keep = NAME_MAX_LENGTH - len(extension) - (1 if extension else 0)
        name = (stem if dot else name)[:keep] + (f".{extension}" if extension else "")
    return name


def clean_label(label: str) -> str:
    label = CONTROL.sub(" ", label or "").strip()
    if not label:
        raise ValidationError({"label": _("Donnez un libellé à la pièce.")})
    if len(label) > LABEL_MAX_LENGTH:
        raise ValidationError({"label": _("Le libellé dépasse %(limit)s caractères.") % {
            "limit": LABEL_MAX_LENGTH}})
    return label


def link_problem(url: object) -> str:
    """Why `url` cannot be kept as a link ("" if it can): an http(s) address with a host."""
    if not isinstance(url, str) or not url.strip():
        return _("Indiquez l'adresse du lien.")
    url = url.strip()
    if len(url) > URL_MAX_LENGTH or CONTROL.search(url) or any(c.isspace() for c in url):
        return _("Cette adresse n'est pas valide.")
    try:
        parts = urlsplit(url)
    except ValueError:
        return _("Cette adresse n'est pas valide.")
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return _("Seules les adresses web (http:// ou https://) sont acceptées.")
    return ""


def clean_url(url: str) -> str:
    problem = link_problem(url)
    if problem:
        raise ValidationError({"url": problem})
    return url.strip()


def link_host(url: str) -> str:
    return urlsplit(url).hostname or ""


def sha256_of(upload) -> str:
    digest = hashlib.sha256()
    upload.seek(0)
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    return digest.hexdigest()
