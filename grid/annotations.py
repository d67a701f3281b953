"""What other parts of the product show beside a question of the grid page.

`grid` knows nothing of plans (DESIGN §9): an app above it registers, when it starts
(AppConfig.ready), a provider that gives the notes of an assessment's questions by code, told
whether the person may edit (to offer what only editors may do).
"""

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from .models import Assessment


@dataclass(frozen=True)
class QuestionNote:
    text: str
    url: str
    status: str = ""  # in words: colour is never the only signal
    offer: bool = False  # something to do (« Planifier… »), not something that exists


# (assessment, its question codes, whether the person may edit) → notes by question code
Provider = Callable[[Assessment, Sequence[str], bool], Mapping[str, Sequence[QuestionNote]]]
_providers: list[Provider] = []


def register(provider: Provider) -> None:
    if provider not in _providers:
        _providers.append(provider)


def notes_for(assessment: Assessment, codes: Sequence[str], *,
              can_edit: bool) -> dict[str, list[QuestionNote]]:
    notes: dict[str, list[QuestionNote]] = {}
    for provider in _providers:
        for code, found in provider(assessment, codes, can_edit).items():
            notes.setdefault(code, []).extend(found)
    return notes
