"""Writes of the grid app, one module per entity: `assessments` (start and the workflow steps),
`answers` (autosave, whole-form post, import), `versions` (grid versions and their maturity
levels), `display` (a user's grid display), `assignments` (who answers what), `evidence`
(files and links attached to answers). Checks that write nothing live in `grid.rules`,
`grid.evidence`, `grid.scoring` and `grid.selectors`.

The writes are re-exported here so that callers keep `from grid import services` and
`services.assessment_submit(...)`, whichever module holds them.
"""

from .answers import (
    StaleAnswer,
    answer_save,
    answers_update,
    assessment_import,
    custom_answer_save,
)
from .assessments import (
    AssessmentExists,
    assessment_reopen,
    assessment_return,
    assessment_start,
    assessment_submit,
    assessment_validate,
)
from .assignments import assignment_remove, assignment_set
from .display import grid_display_set
from .evidence import (
    evidence_add_file,
    evidence_add_link,
    evidence_import_links,
    evidence_remove,
)
from .versions import (
    grid_version_derive,
    maturity_levels_default,
    question_mark_reviewed,
    question_review_forget,
)

__all__ = [
    "AssessmentExists",
    "StaleAnswer",
    "answer_save",
    "answers_update",
    "assessment_import",
    "assessment_reopen",
    "assessment_return",
    "assessment_start",
    "assessment_submit",
    "assessment_validate",
    "assignment_remove",
    "assignment_set",
    "custom_answer_save",
    "evidence_add_file",
    "evidence_add_link",
    "evidence_import_links",
    "evidence_remove",
    "grid_display_set",
    "grid_version_derive",
    "maturity_levels_default",
    "question_mark_reviewed",
    "question_review_forget",
]
