"""Evidence of an answer: the page where editors add files and links and remove them (the board
reads it), and the download of a file, served only to the cluster's members."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from clusters.access import require_role
from clusters.models import Membership

from .. import evidence as rules
from .. import selectors, services
from ..forms import EvidenceFileForm, EvidenceLinkForm
from ..models import Question


def _question(assessment, code: str) -> Question:
    question = Question.objects.filter(version=assessment.campaign.version_id, code=code).first()
    if question is None:
        raise Http404
    return question


def _refused(form, error: ValidationError) -> None:
    """The service's problems, each on its field of the form (or above it)."""
    for field, problems in error.message_dict.items():
        for problem in problems:
            form.add_error(field if field in form.fields else None, problem)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def evidence(request, slug, year, code):
    membership, assessment = selectors.assessment_for_user(request.user, slug, year)
    question = _question(assessment, code)
    can_edit = membership.role == Membership.Role.EDITOR and assessment.is_editable
    file_form, link_form, status = EvidenceFileForm(), EvidenceLinkForm(), 200
    if request.method == "POST":
        require_role(membership, Membership.Role.EDITOR)
        if not can_edit:  # the page shows no form to carry the message: say it above
            messages.error(request, _("Cette autoévaluation est %(status)s : elle ne se modifie "
                                      "plus.") % {"status": assessment.get_status_display()})
            return redirect("grid:evidence", slug=slug, year=year, code=code)
        is_link = request.POST.get("kind") == "link"
        form = EvidenceLinkForm(request.POST) if is_link else EvidenceFileForm(request.POST,
                                                                              request.FILES)
        if form.is_valid():
            try:
                if is_link:
                    added = services.evidence_add_link(
                        assessment=assessment, code=code, label=form.cleaned_data["label"],
                        url=form.cleaned_data["url"], by=request.user)
                else:
                    added = services.evidence_add_file(
                        assessment=assessment, code=code, label=form.cleaned_data["label"],
                        upload=form.cleaned_data["file"], by=request.user)
            except ValidationError as error:
                if not hasattr(error, "error_dict"):  # the year left draft meanwhile
                    messages.error(request, " ".join(error.messages))
                    return redirect("grid:evidence", slug=slug, year=year, code=code)
                _refused(form, error)
            else:
                messages.success(request, _("Pièce ajoutée : « %(label)s ».")
                                 % {"label": added.label})
                return redirect("grid:evidence", slug=slug, year=year, code=code)
        if is_link:
            link_form = form
        else:
            file_form = form
        status = 400
    return render(request, "grid/evidence.html", {
        "membership": membership, "assessment": assessment, "cluster": membership.cluster,
        "question": question, "can_edit": can_edit,
        "items": selectors.evidence_by_code(assessment).get(code, ()),
        "file_form": file_form, "link_form": link_form,
        "grid_url": reverse("grid:grid", args=[slug, year]) + f"#q-{question.code}",
    }, status=status)


# The body cap (settings.MAX_REQUEST_BODY_BYTES) rises to a file's for this view only: the upload
# handler (config.uploads) reads this off the routed view before the CSRF check reads the body.
evidence.max_body_bytes = rules.EVIDENCE_BODY_BYTES


@login_required
@require_POST
def evidence_remove(request, slug, year, evidence):
    membership, assessment = selectors.assessment_for_user(request.user, slug, year)
    require_role(membership, Membership.Role.EDITOR)
    code = selectors.evidence_code(assessment, evidence)
    if code is None:
        raise Http404
    try:
        removed = services.evidence_remove(assessment=assessment, evidence_id=evidence,
                                           by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Pièce retirée : « %(label)s ».") % {"label": removed.label})
    return redirect("grid:evidence", slug=slug, year=year, code=code)


@login_required
@require_safe
def evidence_download(request, slug, year, evidence):
    """The file as an attachment under the name it was sent with, in the type its content was
    found to be; never shown inline, never sniffed into another type."""
    _membership, assessment = selectors.assessment_for_user(request.user, slug, year)
    found = selectors.evidence_file(assessment, evidence)
    if found is None:
        raise Http404
    try:
        content = found.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(content, as_attachment=True, filename=found.name,
                            content_type=found.content_type)
    response["X-Content-Type-Options"] = "nosniff"
    return response
