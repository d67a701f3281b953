"""Who is told of a year's workflow step: the services of grid.services.assessments call these
inside the step's transaction, so that a step rolled back tells no one; the mails are rendered
now, in each person's language, and leave after the commit (accounts.mail), so that a slow or
refusing mail server never delays or undoes the step.

Submitted → the cluster's board; returned or validated → its team; reopened → both. The person
who took the step is not told of it. An assignment (grid.services.assignments) → its assignee."""

from django.conf import settings
from django.urls import reverse
from django.utils import formats

from accounts.mail import mail_person
from accounts.models import MailKind
from accounts.names import account_name
from clusters.models import Membership
from clusters.recipients import members

from .models import Assessment, Assignment

TEMPLATE = "grid/mail/year_step"
EDITOR, BOARD = Membership.Role.EDITOR, Membership.Role.BOARD


def year_submitted(assessment: Assessment, by) -> None:
    _tell(assessment, by, "submitted", [BOARD])


def year_returned(assessment: Assessment, by, comment: str) -> None:
    _tell(assessment, by, "returned", [EDITOR], comment)


def year_validated(assessment: Assessment, by, comment: str) -> None:
    _tell(assessment, by, "validated", [EDITOR], comment)


def year_reopened(assessment: Assessment, by, comment: str) -> None:
    _tell(assessment, by, "reopened", [EDITOR, BOARD], comment)


def _tell(assessment: Assessment, by, step: str, roles, comment: str = "") -> None:
    cluster, year = assessment.cluster, assessment.campaign.year
    # The results page is served above grid (reports): its name comes from the settings.
    url = reverse(settings.ASSESSMENT_RESULTS_URL, kwargs={"slug": cluster.slug, "year": year})
    context = {"step": step, "cluster": cluster, "year": year, "actor": account_name(by),
               "comment": comment}
    for person in members(cluster, roles, excluding=by):
        mail_person(person, kind=MailKind.WORKFLOW, template=TEMPLATE, context=context, url=url)


def assigned(assignment: Assignment, by) -> None:
    """Tell the assignee what they now answer, by when, with a link to it on the grid."""
    assessment = assignment.assessment
    cluster, year = assessment.cluster, assessment.campaign.year
    if assignment.question_id:
        anchor, target = f"q-{assignment.question.code}", assignment.question.code
    else:
        anchor, target = f"section-{assignment.section.code}", assignment.section.code
    url = reverse("grid:grid", kwargs={"slug": cluster.slug, "year": year}) + f"#{anchor}"
    context = {"cluster": cluster, "year": year, "actor": account_name(by), "target": target,
               "is_section": not assignment.question_id,
               "due": formats.date_format(assignment.due_on, "DATE_FORMAT")
               if assignment.due_on else ""}
    mail_person(assignment.assignee, kind=MailKind.ASSIGNMENT, template="grid/mail/assigned",
                context=context, url=url)
