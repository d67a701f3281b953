"""Beside each question of the grid page, the cluster's actions that serve it: the person
answering sees what was planned and done since (DESIGN §8); editors may plan one from there.
Registered with grid.annotations when the app starts: `grid` knows nothing of plans."""

from collections.abc import Sequence
from urllib.parse import quote_plus

from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from grid.annotations import QuestionNote
from grid.models import Assessment

from .models import Action
from .selectors import actions_by_question


def _status(action: Action) -> str:
    if action.status == Action.Status.DONE and action.done_on:
        done_on = date_format(action.done_on, "SHORT_DATE_FORMAT")
        return _("réalisée le %(date)s") % {"date": done_on}
    if action.due_on and action.status in (Action.Status.PLANNED, Action.Status.IN_PROGRESS):
        return _("%(status)s, échéance %(date)s") % {
            "status": action.get_status_display(),
            "date": date_format(action.due_on, "SHORT_DATE_FORMAT"),
        }
    return action.get_status_display()


def question_notes(assessment: Assessment, codes: Sequence[str],
                   can_edit: bool) -> dict[str, list[QuestionNote]]:
    slug = assessment.cluster.slug
    notes = {
        code: [
            QuestionNote(text=_("Action « %(title)s »") % {"title": action.title},
                         url=reverse("plans:action-detail", args=[slug, action.pk]),
                         status=_status(action))
            for action in actions
        ]
        for code, actions in actions_by_question(assessment.cluster).items()
    }
    if can_edit:
        # Worded and addressed once: the offer is made beside every question of the page.
        create = reverse("plans:action-create", args=[slug])
        offer = _("Planifier une action sur %(code)s")
        for code in codes:
            notes.setdefault(code, []).append(QuestionNote(
                text=offer % {"code": code}, url=f"{create}?question={quote_plus(code)}",
                offer=True,
            ))
    return notes
