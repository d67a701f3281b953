"""The grid page: every answer saved as it is given (autosave), or the whole form at once."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from accounts.names import person_name
from clusters.access import require_role
from clusters.models import Membership
from initiatives.labels import LEVEL_CHOICES

from .. import presenters, rules, selectors, services
from ..changes import CUSTOM_PREFIX, custom_key
from ..filters import row_filters
from ..forms import AnswerForm, AssignForm, CustomRowForm, DisplayForm, RowKindForm
from ..labels import ACTION_LABELS
from ..models import Answer
from ..scoring import ENJEUX, score, scores_to_json
from ..specs import grid_spec


def _script_texts() -> dict:
    """The words of the page's script (static/js/grid.js), translated with the page."""
    return {
        "saving": _("Enregistrement…"),
        "saved": _("✓ Enregistré"),
        "notSaved": _("Non enregistré :"),
        "serverError": _("le serveur n'a pas pu enregistrer cette réponse"),
        "offline": _("Non enregistré (connexion perdue) : votre saisie reste à l'écran, "
                     "réessayez."),
        "keepTheirs": _("Garder sa réponse"),
        "keptTheirs": _("Réponse de votre collègue conservée."),
        "keepMine": _("Remplacer par la mienne"),
        "decimal": formats.get_format("DECIMAL_SEPARATOR"),  # the notes as the server prints them
        "percent": presenters.percent_pattern(),
        "notesNow": _("Note globale : %(note)s."),
    }


def _bar_texts() -> dict:
    """The words of the bar and the filters (static/js/grid-bar.js), for every reader."""
    return {
        "shown": _("Questions affichées : %(shown)s sur %(total)s"),
        "noneLeft": _("Toutes les questions affichées ont une réponse."),
        "wrapped": _("Retour au début de la grille : question %(code)s."),
    }


def _conflict(current) -> dict:
    """What the page shows of a row someone else saved meanwhile."""
    return {
        "value": current.value,
        "comment": getattr(current, "comment", ""),
        "label": getattr(current, "label", ""),
        "revision": current.revision,
        "message": _(
            "%(who)s a enregistré entre-temps la réponse « %(value)s ». Votre réponse n'a pas "
            "été enregistrée : choisissez de garder la sienne ou de la remplacer."
        ) % {"who": capfirst(person_name(current.updated_by)), "value": current.value or _("vide")},
    }


def _stored_row(assessment, key: str) -> dict | None:
    """The row as the server keeps it, which the page puts back when it refuses an answer
    (None for a code the grid does not have)."""
    rows = selectors.assessment_rows(assessment)
    if key not in rows.revisions:
        return None
    if key.startswith(CUSTOM_PREFIX):
        row = rows.custom[key.removeprefix(CUSTOM_PREFIX)]
        return {"value": row.answer or "", "label": row.label, "level": row.level,
                "bareme": row.bareme, "revision": rows.revisions[key]}
    answer = rows.answers[key]
    return {"value": answer.answer or "", "comment": answer.comment,
            "revision": rows.revisions[key]}


def _refused(assessment, key: str, message: str, *, wants_comment: bool = False):
    """A row the server did not save: why, and what it kept (`stored`), so that the page never
    shows the refused answer as if it were saved."""
    return JsonResponse({"error": message, "stored": _stored_row(assessment, key),
                         "wantsComment": wants_comment}, status=400)


def _row_forms(data, spec) -> list[AnswerForm | CustomRowForm]:
    """One form per row of the grid, each reading its prefixed fields (« S-1-value »…)."""
    return [
        AnswerForm(data, prefix=question.code, code=question.code, question=question,
                   grid=spec.code)
        for question in spec.questions
    ] + [CustomRowForm(data, prefix=custom_key(enjeu), enjeu=enjeu) for enjeu in ENJEUX]


def _as_typed(form) -> dict:
    """The row as the person typed it, to show it again."""
    return {name: form[name].value() or "" for name in form.fields}


def _errors(form) -> tuple[str, ...]:
    return tuple(error for errors in form.errors.values() for error in errors)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def grid(request, slug, year):
    membership, assessment = selectors.assessment_for_user(request.user, slug, year)
    kept, status = {}, 200
    if request.method == "POST":
        require_role(membership, Membership.Role.EDITOR)
        kept, status = _save_whole_form(request, assessment)
        if not kept:
            return redirect("grid:grid", slug=slug, year=year)
    return _page(request, membership, assessment, kept=kept, status=status)


def _page(request, membership, assessment, *, kept=None, status=200, assign_kept=None):
    """The grid page, with rows a refused post carried (`kept`, `assign_kept`) as typed."""
    compact = selectors.grid_is_compact(request.user)
    can_edit = membership.role == Membership.Role.EDITOR and assessment.is_editable
    page = selectors.grid_form(assessment, can_edit=can_edit, kept=kept, reader=request.user,
                               today=timezone.localdate(), assign_kept=assign_kept)
    scores = page["scores"]
    context = {
        "membership": membership,
        "assessment": assessment,
        "cluster": membership.cluster,
        "can_edit": can_edit,
        "choices": Answer.Value.choices,
        "level_choices": LEVEL_CHOICES,
        "comment_max_length": rules.COMMENT_MAX_LENGTH,
        "label_max_length": rules.LABEL_MAX_LENGTH,
        "script_texts": _script_texts(),
        "bar_texts": _bar_texts(),
        "row_filters": row_filters(previous_year=page["previous_year"], mine=page["mine_count"]),
        "actions": ACTION_LABELS,
        "compact": compact,
        "returned_by": selectors.last_returns([assessment]).get(assessment.pk),
        "notes": presenters.live_notes(scores, {
            group.layout.enjeu_code: group.layout.enjeu_short_name
            for group in page["sections"] if group.layout.enjeu_code
        }),
        **page,
    }
    return render(request, "grid/grid.html", context, status=status)


@login_required
@require_POST
def display(request, slug, year):
    """Switch the grid between its detailed and compact displays, for this person everywhere."""
    selectors.assessment_for_user(request.user, slug, year)
    form = DisplayForm(request.POST)
    if form.is_valid():
        services.grid_display_set(user=request.user, compact=form.cleaned_data["compact"])
    else:
        messages.error(request, _("Affichage inconnu : la grille garde le sien."))
    return redirect("grid:grid", slug=slug, year=year)


def _save_whole_form(request, assessment) -> tuple[dict, int]:
    """Without JavaScript the page posts every row. Rows that pass the rules are saved (unless
    someone saved them since the page was loaded); the others come back as typed, with why.
    Returns those rows by key, and the status of the page that shows them."""
    spec = grid_spec(assessment.campaign.version)
    posted = [
        form for form in _row_forms(request.POST, spec)
        if form.add_prefix("revision") in request.POST
    ]
    valid = [form for form in posted if form.is_valid()]
    kept = {form.key: {**_as_typed(form), "errors": _errors(form)}
            for form in posted if form not in valid}
    try:
        update = services.answers_update(
            assessment=assessment,
            answers={f.key: f.row() for f in valid if isinstance(f, AnswerForm)},
            custom={f.enjeu: f.row() for f in valid if isinstance(f, CustomRowForm)},
            revisions={form.key: form.cleaned_data["revision"] for form in valid},
            by=request.user,
            spec=spec,
        )
    except ValidationError as error:  # the grid left draft since the page was loaded
        messages.error(request, " ".join(error.messages))
        return {}, 200
    typed = {form.key: form for form in valid}
    for current in update.conflicts:
        key = current.question.code if isinstance(current, Answer) else custom_key(
            current.enjeu.code)
        # The next post of this row knowingly replaces the colleague's answer.
        kept[key] = {**_as_typed(typed[key]), "revision": current.revision,
                     "errors": (_conflict(current)["message"],)}
    if update.written:
        count = len(update.written)
        messages.success(request, ngettext(
            "%(count)s réponse enregistrée.", "%(count)s réponses enregistrées.", count
        ) % {"count": count})
    if kept:
        messages.error(request, _(
            "Certaines réponses n'ont pas été enregistrées : elles sont signalées ci-dessous, "
            "telles que vous les avez saisies."
        ))
    return kept, 409 if update.conflicts else 400


@login_required
@require_POST
def answer_save(request, slug, year):
    """One row, saved as it is given (called by the page's script); JSON in every case."""
    membership, assessment = selectors.assessment_for_user(request.user, slug, year)
    require_role(membership, Membership.Role.EDITOR)
    which = RowKindForm(request.POST)
    if not which.is_valid():
        return JsonResponse({"error": " ".join(_errors(which))}, status=400)
    code = which.cleaned_data["code"]
    spec = grid_spec(assessment.campaign.version)
    if which.is_custom:
        form = CustomRowForm(request.POST, enjeu=code)
    else:
        form = AnswerForm(request.POST, code=code, question=spec.question(code), grid=spec.code)
    if not form.is_valid():
        return _refused(assessment, form.key, " ".join(_errors(form)),
                        wants_comment=not which.is_custom and form.wants_justification)
    try:
        update = services.answers_update(
            assessment=assessment,
            answers={} if which.is_custom else {code: form.row()},
            custom={code: form.row()} if which.is_custom else {},
            revisions={form.key: form.cleaned_data["revision"]},
            by=request.user,
            spec=spec,
        )
    except ValidationError as error:  # the grid left draft since the page was loaded
        return _refused(assessment, form.key, " ".join(error.messages))
    if update.conflicts:
        return JsonResponse({"conflict": _conflict(update.conflicts[0])}, status=409)
    scores = score(spec, update.rows.answers, update.rows.custom_rows)
    return JsonResponse({
        "revision": update.revisions[form.key], "answered": update.answered,
        "total": update.total, "scores": scores_to_json(spec.code, scores),
    })


@login_required
@require_POST
def assign(request, slug, year):
    """Assign a section or a question to a team member, or take it back (the grid's « Confier »
    forms), then back to it on the grid; refused, the grid shows it again as typed, with why."""
    membership, assessment = selectors.assessment_for_user(request.user, slug, year)
    require_role(membership, Membership.Role.EDITOR)
    members = selectors.assignable_members(assessment.cluster_id)
    form = AssignForm(request.POST, members=members)
    errors = _errors(form)
    if form.is_valid():
        data = form.cleaned_data
        target = {"section": data["section"] or None, "question": data["question"] or None}
        try:
            if data["action"] == "remove":
                services.assignment_remove(assessment=assessment, by=request.user, **target)
                done = _("%(code)s : plus confiée à personne.")
            else:
                assignee = get_user_model().objects.get(pk=data["assignee"])
                services.assignment_set(assessment=assessment, by=request.user,
                                        assignee=assignee, due_on=data["due_on"], **target)
                done = _("%(code)s confiée à %(name)s.")
        except ValidationError as error:
            errors = tuple(error.messages)
        else:
            messages.success(request, done % {
                "code": data["question"] or data["section"],
                "name": person_name(assignee) if data["action"] == "assign" else ""})
            anchor = f"q-{data['question']}" if data["question"] else f"section-{data['section']}"
            return redirect(reverse("grid:grid", args=[slug, year]) + f"#{anchor}")
    messages.error(request, _("Rien n'a été confié : %(why)s") % {"why": " ".join(errors)})
    kept = selectors.AssignKept(form.target, form.data.get("assignee", ""),
                                form.data.get("due_on", ""), errors)
    return _page(request, membership, assessment, status=400, assign_kept=kept)
