"""The JSON interface in the browser: upload a file into a draft year (DESIGN §4).

Downloading is an export (reports.views.exports)."""

import json

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from accounts.names import person_name
from clusters.access import require_role
from clusters.models import Membership

from .. import selectors, services
from ..changes import RowChange, row_changes
from ..forms import ImportConfirmForm, ImportForm
from ..models import Answer
from ..payload import PayloadError, parse_payload_text, payload_from
from ..scoring import CustomRow
from ..specs import grid_spec_by_code


def _custom_text(row: CustomRow) -> str:
    if not (row.label or row.level or row.bareme):
        return ""
    return _("%(label)s (niveau %(level)s, barème %(bareme)s)") % {
        "label": row.label or "—", "level": row.level or "—", "bareme": row.bareme or "—",
    }


def _change_line(change: RowChange) -> dict:
    """A row of the preview: what the import changes, as « answer, comment » before and after."""
    if not change.is_custom:
        return {
            "code": change.key,
            "before": (change.before.answer or "", change.before.comment),
            "after": (change.after.answer or "", change.after.comment),
        }
    return {
        "code": _("Autre action %(enjeu)s") % {"enjeu": change.after.enjeu},
        "before": (change.before.answer or "", _custom_text(change.before)),
        "after": (change.after.answer or "", _custom_text(change.after)),
    }


def _preview(request, context, grid_code: str, parsed, *, status=200, conflicts=()):
    """What the import would change now, and the revisions it is computed on (sent back with
    the confirmation, so that a row saved by someone meanwhile is not overwritten). The file
    travels back as its compact JSON: a file padded to 1 MB still confirms within the bound on
    form data."""
    stored = selectors.assessment_rows(context["assessment"])
    changes = row_changes(stored, answers=parsed.answers,
                          custom={row.enjeu: row for row in parsed.custom}, replace=True)
    payload = payload_from(grid_code, parsed.answers, parsed.custom, {
        code: [{"kind": "link", "label": label, "url": url} for label, url in pairs]
        for code, pairs in parsed.links.items()})
    confirm = ImportConfirmForm(initial={
        "payload": json.dumps(payload, ensure_ascii=False, separators=(",", ":")),
        "revisions": json.dumps(stored.revisions),
    })
    return render(request, "grid/import.html", {
        **context, "changes": [_change_line(change) for change in changes],
        "confirm_form": confirm, "conflicts": conflicts, "plan_note": _plan_note(parsed),
        "evidence_note": _evidence_note(parsed),
    }, status=status)


def _plan_note(parsed) -> str:
    # The plan belongs to the cluster and spans years: importing it into one year would
    # duplicate its actions at every import.
    if not parsed.plan_count:
        return ""
    return ngettext(
        "Le plan d'actions du fichier (%(count)s action) n'est pas importé : il appartient au "
        "pôle, pas à une année.",
        "Le plan d'actions du fichier (%(count)s actions) n'est pas importé : il appartient au "
        "pôle, pas à une année.",
        parsed.plan_count,
    ) % {"count": parsed.plan_count}


def _evidence_note(parsed) -> str:
    """What becomes of the file's evidence: its links are added to the answers that lack them;
    its files cannot be, export.json naming them without their content."""
    notes = []
    if parsed.link_count:
        notes.append(ngettext(
            "%(count)s lien de pièce justificative sera ajouté aux réponses qui ne l'ont pas.",
            "%(count)s liens de pièces justificatives seront ajoutés aux réponses qui ne les "
            "ont pas.", parsed.link_count) % {"count": parsed.link_count})
    if parsed.file_count:
        notes.append(ngettext(
            "%(count)s fichier de pièce justificative n'est pas importé : le fichier JSON n'en "
            "garde que le nom, la taille et l'empreinte. Joignez-le de nouveau depuis la grille.",
            "%(count)s fichiers de pièces justificatives ne sont pas importés : le fichier JSON "
            "n'en garde que le nom, la taille et l'empreinte. Joignez-les de nouveau depuis la "
            "grille.", parsed.file_count) % {"count": parsed.file_count})
    return " ".join(notes)


def _refused(request, context, errors, *, form=None):
    return render(request, "grid/import.html", {
        **context, "form": form or ImportForm(), "errors": errors,
    }, status=400)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def import_json(request, slug, year):
    membership, assessment = selectors.assessment_for_user(request.user, slug, year)
    require_role(membership, Membership.Role.EDITOR)
    context = {"membership": membership, "assessment": assessment, "cluster": membership.cluster}
    if not assessment.is_editable:
        messages.error(request, _("Seule une autoévaluation en brouillon ou renvoyée s'importe."))
        return redirect(settings.ASSESSMENT_RESULTS_URL, slug=slug, year=year)
    if request.method != "POST":
        return render(request, "grid/import.html", {**context, "form": ImportForm()})
    confirming = "payload" in request.POST
    form = (ImportConfirmForm(request.POST) if confirming
            else ImportForm(request.POST, request.FILES))
    if not form.is_valid():
        if confirming:
            return _refused(request, context, [e for es in form.errors.values() for e in es])
        return render(request, "grid/import.html", {**context, "form": form}, status=400)
    text = form.cleaned_data["payload"] if confirming else form.cleaned_data["file"]
    try:
        spec, parsed = parse_payload_text(text, grid_spec_by_code)
        if not confirming:
            return _preview(request, context, spec.code, parsed)
        count = services.assessment_import(
            assessment=assessment, grid_code=spec.code, payload=parsed, by=request.user,
            revisions=form.cleaned_data["revisions"],
        )
    except (PayloadError, ValidationError) as error:
        return _refused(request, context, error.messages)
    except services.StaleAnswer as stale:
        return _preview(request, context, spec.code, parsed, status=409, conflicts=[
            _conflict_text(current) for current in stale.conflicts
        ])
    messages.success(request, ngettext(
        "%(count)s réponse importée.", "%(count)s réponses importées.", count
    ) % {"count": count} if count else _("Rien à importer : la grille avait déjà ces réponses."))
    return redirect("grid:grid", slug=slug, year=year)


def _conflict_text(current) -> str:
    code = (current.question.code if isinstance(current, Answer)
            else _("Autre action %(enjeu)s") % {"enjeu": current.enjeu.code})
    return _("%(code)s : %(who)s a enregistré « %(value)s » depuis votre prévisualisation.") % {
        "code": code, "who": person_name(current.updated_by), "value": current.value or _("vide"),
    }
