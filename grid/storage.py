"""Where evidence files are kept: settings.STORAGES["evidence"] (the local disk under `make run`,
an S3-compatible bucket in production, README). Never served from a public URL: only
grid.views.evidence.download, which checks membership, reads them back."""

import secrets

from django.core.files.storage import storages
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils.functional import LazyObject, empty


class _EvidenceStorage(LazyObject):
    def _setup(self):
        self._wrapped = storages["evidence"]


_storage = _EvidenceStorage()


def evidence_storage():
    """The FileField's storage, a callable so that migrations name it rather than a backend."""
    return _storage


@receiver(setting_changed)
def _forget_storage(*, setting, **kwargs):
    # Tests point the storage at a temporary folder (override_settings): read it anew.
    if setting == "STORAGES":
        _storage._wrapped = empty


def evidence_path(instance, filename: str) -> str:
    """A path nobody can guess or collide with; the person's name for the file is kept apart
    (Evidence.name), so nothing they typed reaches the storage."""
    extension = filename.rpartition(".")[2]
    return f"evidence/{instance.answer.assessment_id}/{secrets.token_hex(16)}.{extension}"
