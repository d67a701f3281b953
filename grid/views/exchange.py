"""The JSON interface in the browser: download an assessment, upload one into a draft."""

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from clusters.access import require_role
from clusters.models import Membership

from .. import selectors, services
from ..forms import ImportForm
from ..payload import PayloadError, parse_payload_text, payload_from
from ..specs import grid_spec_by_code

MAX_UPLOAD = 1024 * 1024


@login_required
@require_safe
def export_json(request, slug, year):
    _membership, assessment = selectors.assessment_for_user(request.user, slug, year)
    spec, answers, custom = selectors.assessment_inputs(assessment)
    payload = payload_from(spec.code, answers, custom)
    response = HttpResponse(
        json.dumps(payload, ensure_ascii=False, indent=2), content_type="application/json"
    )
    response["Content-Disposition"] = f'attachment; filename="{assessment.file_stem}.json"'
    return response


def _custom_text(label, level, bareme) -> str:
    if not (label or level or bareme):
        return ""
    return _("%(label)s (niveau %(level)s, barème %(bareme)s)") % {
        "label": label or "—", "level": level or "—", "bareme": bareme or "—",
    }


def _changes(assessment, parsed) -> list[dict]:
    """What the import would change, question by question, then each « autre action » row."""
    changes = []
    page = selectors.grid_page(assessment)
    for section in page["sections"]:
        for question in section.questions:
            new = parsed.answers.get(question.code)
            before = (question.answer.value, question.answer.comment)
            after = (new.answer or "", new.comment) if new else ("", "")
            if before != after:
                changes.append({"code": question.code, "before": before, "after": after})
    rows = {row.enjeu: row for row in parsed.custom}
    for enjeu, row in page["custom"].items():
        new = rows.get(enjeu)
        before = (row.label, row.level, row.bareme, row.value)
        after = (
            (new.label, new.level, new.bareme, new.answer or "") if new else ("", None, None, "")
        )
        if before != after:
            changes.append({
                "code": _("Autre action %(enjeu)s") % {"enjeu": enjeu},
                "before": (before[3], _custom_text(*before[:3])),
                "after": (after[3], _custom_text(*after[:3])),
            })
    return changes


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def import_json(request, slug, year):
    membership, assessment = selectors.assessment_for_user(request.user, slug, year)
    require_role(membership, Membership.Role.EDITOR)
    context = {"membership": membership, "assessment": assessment, "cluster": membership.cluster}
    if not assessment.is_editable:
        messages.error(request, _("Seule une autoévaluation en brouillon ou renvoyée s'importe."))
        return redirect("grid:results", slug=slug, year=year)
    if request.method != "POST":
        return render(request, "grid/import.html", {**context, "form": ImportForm()})
    confirmed = "payload" in request.POST
    form = ImportForm(request.POST, request.FILES)
    if confirmed:
        text = request.POST["payload"]
    elif form.is_valid():
        upload = form.cleaned_data["file"]
        if upload.size > MAX_UPLOAD:
            form.add_error("file", _("Le fichier dépasse 1 Mo."))
            return render(request, "grid/import.html", {**context, "form": form})
        # utf-8-sig: files saved by some Windows editors start with a byte order mark.
        text = upload.read().decode("utf-8-sig", errors="replace")
    else:
        return render(request, "grid/import.html", {**context, "form": form})
    try:
        spec, parsed = parse_payload_text(text, grid_spec_by_code)
        if not confirmed:
            changes = _changes(assessment, parsed)
            return render(
                request, "grid/import.html", {**context, "payload": text, "changes": changes}
            )
        count = services.assessment_import(
            assessment=assessment, grid_code=spec.code, payload=parsed, by=request.user
        )
    except (PayloadError, ValidationError) as error:
        return render(
            request, "grid/import.html", {**context, "form": ImportForm(), "errors": error.messages}
        )
    messages.success(request, _("%(count)s réponse(s) importée(s).") % {"count": count})
    return redirect("grid:grid", slug=slug, year=year)
