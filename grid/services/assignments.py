"""Who answers what (issue 23): an editor assigns a section or a question of an open year to a
member of the team, with an optional due date, or takes the assignment back.

Only the cluster's team assigns, and only to its team: the board reads the grid and never
answers it (DESIGN §1), so an assignment to a board member could not be carried out. A submitted
or validated year is frozen with its assignments (`locking`). Each write runs in a transaction
and raises ValidationError with a French message that views show as is.
"""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.names import person_name
from clusters.models import Membership
from initiatives.models import Section

from .. import notices
from ..models import Assessment, Assignment, Question
from .locking import assessment_lock_editable


def _is_editor(user, assessment: Assessment) -> bool:
    return Membership.objects.filter(user=user, cluster_id=assessment.cluster_id,
                                     role=Membership.Role.EDITOR).exists()


def _target(assessment: Assessment, *, section: str | None, question: str | None) -> dict:
    """The section or question of the year's grid version, as the model's fields; exactly one
    of both codes is given."""
    if bool(section) == bool(question):
        raise ValidationError(_("Confiez soit une section, soit une question : une des deux."))
    version = assessment.campaign.version
    if question:
        found = Question.objects.filter(version=version, code=question).first()
        if found is None:
            raise ValidationError(_("La question « %(code)s » n'est pas dans la grille de "
                                    "cette année.") % {"code": question})
        return {"question": found, "section": None}
    found = Section.objects.filter(code=section, questions__version=version).distinct().first()
    if found is None:
        raise ValidationError(_("La section « %(code)s » n'est pas dans la grille de cette "
                                "année.") % {"code": section})
    return {"section": found, "question": None}


def _require_editor(by, assessment: Assessment) -> None:
    if not _is_editor(by, assessment):
        raise ValidationError(_("Seule l'équipe du pôle répartit les questions."))


@transaction.atomic
def assignment_set(*, assessment: Assessment, by, assignee, section: str | None = None,
                   question: str | None = None, due_on: date | None = None) -> Assignment:
    """Assign the section or the question to `assignee` (replacing whoever had it), and tell
    them unless they assigned it to themselves."""
    _require_editor(by, assessment)
    locked = assessment_lock_editable(assessment)
    target = _target(locked, section=section, question=question)
    if not _is_editor(assignee, locked):
        raise ValidationError(_("%(name)s n'est pas membre de l'équipe du pôle : seule "
                                "l'équipe répond à la grille.") % {"name": person_name(assignee)})
    if due_on is not None and due_on < timezone.localdate():
        raise ValidationError(_("L'échéance est déjà passée : choisissez aujourd'hui ou une "
                                "date à venir."))
    key = {"section": target["section"]} if target["section"] else {
        "question": target["question"]}
    assignment, _created = Assignment.objects.update_or_create(
        assessment=locked, **key,
        defaults={**target, "assignee": assignee, "due_on": due_on, "assigned_by": by},
    )
    if assignee.pk != by.pk:
        notices.assigned(assignment, by)
    return assignment


@transaction.atomic
def assignment_remove(*, assessment: Assessment, by, section: str | None = None,
                      question: str | None = None) -> bool:
    """Take the assignment of the section or the question back; False when it had none."""
    _require_editor(by, assessment)
    locked = assessment_lock_editable(assessment)
    target = _target(locked, section=section, question=question)
    key = {"section": target["section"]} if target["section"] else {
        "question": target["question"]}
    found = Assignment.objects.filter(assessment=locked, **key).first()
    if found is None:
        return False
    found.delete()  # simple_history keeps who had it
    return True
