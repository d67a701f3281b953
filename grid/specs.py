"""Grid versions as the plain `GridSpec` that scoring and JSON validation work on."""

from collections.abc import Collection
from fractions import Fraction

from initiatives.kept import kept

from .models import GridVersion, Question
from .scoring import GridSpec, QuestionSpec


def grid_spec(version: GridVersion) -> GridSpec:
    return grid_specs([version])[version.pk]


def grid_specs(versions: Collection[GridVersion]) -> dict[int, GridSpec]:
    """The specs of several versions, by version id, in one query."""
    if not versions:
        return {}
    questions: dict[int, list[QuestionSpec]] = {version.pk: [] for version in versions}
    for version_id, code, section, bareme in (
        Question.objects.filter(version__in=versions)
        .order_by("order")
        .values_list("version_id", "code", "section__code", "bareme")
    ):
        questions[version_id].append(QuestionSpec(code, section, bareme))
    return {
        version.pk: GridSpec(
            code=version.code,
            questions=tuple(questions[version.pk]),
            weights={answer: Fraction(w) for answer, w in version.answer_weights.items()},
        )
        for version in versions
    }


def grid_spec_by_code(code: str) -> GridSpec | None:
    """The spec of the version `code`, None for no such version. Every version's spec is kept
    per process (initiatives.kept): those in use are frozen, and an edit of one that is not yet
    writes history, which makes them again. No query while kept within a request (the content
    stamp is read once per request), one outside a request."""
    return kept(("grid-specs",), _specs_by_code).get(code)


def _specs_by_code() -> dict[str, GridSpec]:
    versions = list(GridVersion.objects.all())
    specs = grid_specs(versions)
    return {version.code: specs[version.pk] for version in versions}
