"""Grid versions as the plain `GridSpec` that scoring and JSON validation work on."""

from fractions import Fraction

from .models import GridVersion
from .scoring import GridSpec, QuestionSpec


def grid_spec(version: GridVersion) -> GridSpec:
    questions = version.questions.select_related("section").order_by("order")
    return GridSpec(
        code=version.code,
        questions=tuple(QuestionSpec(q.code, q.section.code, q.bareme) for q in questions),
        weights={answer: Fraction(weight) for answer, weight in version.answer_weights.items()},
    )


def grid_spec_by_code(code: str) -> GridSpec | None:
    version = GridVersion.objects.filter(code=code).first()
    return grid_spec(version) if version else None
