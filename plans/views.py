from collections import Counter

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from clusters.access import membership_for, require_role
from clusters.models import Membership
from initiatives.models import Enjeu, PathStep, Sheet

from . import selectors, services
from .axes import PlanAxis, axis_for_enjeu, plan_axes
from .forms import NO_AXIS, ActionFilterForm, ActionForm, CommentForm, StepForm
from .models import Action
from .presenters import action_conflict, action_facts, action_history, axis_groups, page_links


def _editor(request, slug) -> Membership:
    membership = membership_for(request.user, slug)
    require_role(membership, Membership.Role.EDITOR)
    return membership


def _is_editor(membership: Membership) -> bool:
    return membership.role == Membership.Role.EDITOR


def _prefill(request, axes: list[PlanAxis]) -> dict:
    """What a link to the new-action form prefills (« Planifier » on the results page), with
    the axis covering the enjeu of its question (or of its first sheet) proposed."""
    prefill = {"sheets": request.GET.getlist("fiche"),
               "question_codes": request.GET.getlist("question"),
               "title": request.GET.get("titre", "")[:200]}
    proposed = axis_for_enjeu(axes, selectors.enjeu_of(prefill["question_codes"],
                                                        prefill["sheets"])) if axes else None
    return prefill | {"axis": str(proposed.pk) if proposed else ""}


def _action_form(membership, *args, action=None, axes=None, **kwargs) -> ActionForm:
    members = get_user_model().objects.filter(
        memberships__cluster=membership.cluster).order_by("last_name", "first_name", "username")
    if axes is None:
        axes = plan_axes(membership.cluster, [action.axis_id] if action else [])
    return ActionForm(*args, cluster=membership.cluster, sheets=Sheet.objects.order_by("order"),
                      members=members, axes=axes, action=action, **kwargs)


def _row(action: Action) -> dict:
    facts = action_facts(action)
    return {"action": action, "overdue": facts.overdue, "done_late": facts.done_late,
            "progress": facts.progress, "owner": facts.owner}


@login_required
@require_safe
def action_list(request, slug):
    membership = membership_for(request.user, slug)
    every = list(Action.objects.filter(cluster=membership.cluster)
                 .values_list("status", "axis_id"))
    # The current strategy's axes, and those of other periods the actions still serve.
    axes = plan_axes(membership.cluster, {axis for _status, axis in every if axis})
    form = ActionFilterForm(request.GET or None, enjeux=Enjeu.objects.all(),
                            sheets=Sheet.objects.order_by("order"), axes=axes)
    filters = {}
    if form.is_bound:
        form.is_valid()
        for errors in form.errors.values():
            messages.warning(request, _("Filtre ignoré : %(error)s") % {"error": " ".join(errors)})
        filters = {key: value for key, value in form.cleaned_data.items() if value}
    chosen = filters.get("axe")
    actions = selectors.actions_of(
        membership.cluster, status=filters.get("statut"), enjeu=filters.get("enjeu"),
        sheet=filters.get("fiche"), overdue=filters.get("en_retard", False),
        axis=int(chosen) if chosen and chosen != NO_AXIS else None,
        without_axis=chosen == NO_AXIS)
    statuses = Counter(status for status, _axis in every)
    rows = [_row(action) for action in actions]
    context = {
        "membership": membership, "cluster": membership.cluster, "form": form,
        "rows": rows, "groups": axis_groups(rows, axes), "filtered": bool(filters),
        "has_axes": bool(axes),
        "axis_filter": dict(form.fields["axe"].choices).get(chosen) if chosen else None,
        "counts": [(label, statuses[value]) for value, label in Action.Status.choices],
        "is_editor": _is_editor(membership),
    }
    return render(request, "plans/action_list.html", context)


def _safe_next(request) -> str | None:
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(
            target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return target
    return None


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def action_create(request, slug):
    membership = _editor(request, slug)
    axes = plan_axes(membership.cluster)
    prefill = _prefill(request, axes)  # the form posts to its own address, query string included
    if request.method == "POST":
        form = _action_form(membership, request.POST, axes=axes, prefill=prefill)
        if form.is_valid():
            try:
                action = services.action_create(cluster=membership.cluster, by=request.user,
                                                **form.service_arguments())
            except ValidationError as error:
                form.add_error(None, error)  # each of its messages on its field
            else:
                messages.success(request, _("Action « %(title)s » ajoutée au plan.") % {
                    "title": action.title})
                return redirect(_safe_next(request) or action_url(action))
        return _form_page(request, membership, form, status=400)
    form = _action_form(membership, initial={k: v for k, v in prefill.items() if v},
                        axes=axes, prefill=prefill)
    _warn_unknown_prefill(request, form, prefill)
    return _form_page(request, membership, form)


def _warn_unknown_prefill(request, form, initial) -> None:
    """A link may name a sheet or a question that does not exist (an old bookmark, a typo): say
    that it is left out, rather than drop it silently."""
    for field, message in (
        ("sheets", _("La fiche « %(value)s » n'existe pas : elle n'est pas reprise.")),
        ("question_codes", _("La question « %(value)s » n'existe pas : elle n'est pas reprise.")),
    ):
        offered = {str(value) for value, _label in form.fields[field].choices}
        for value in initial[field]:
            if value not in offered:
                messages.warning(request, message % {"value": value[:40]})


def action_url(action: Action) -> str:
    return action.get_absolute_url()


def _form_page(request, membership, form, *, action=None, conflict=None, status=200):
    context = {"membership": membership, "cluster": membership.cluster, "form": form,
               "action": action, "conflict": conflict, "script_texts": _script_texts(),
               "next": request.POST.get("next") or request.GET.get("next", "")}
    return render(request, "plans/action_form.html", context, status=status)


def _script_texts() -> dict:
    """The words of the form's script (static/js/action-form.js), translated with the page."""
    return {"count": _("Affichées : %(shown)s sur %(total)s · cochées : %(ticked)s"),
            "removed": _("Retiré : %(item)s.")}


def _stale_page(request, membership, stale: services.StaleAction):
    """The form again, as the person typed it, under what the other person saved; it now
    carries the stored revision, so that saving it again knowingly replaces their version."""
    data = request.POST.copy()
    data["revision"] = str(stale.current.revision)
    form = _action_form(membership, data, action=stale.current)
    return _form_page(request, membership, form, action=stale.current,
                      conflict=action_conflict(stale.current, stale.revision), status=409)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def action_edit(request, slug, pk):
    membership = _editor(request, slug)
    action = selectors.action_of(membership, pk)
    if request.method == "POST":
        form = _action_form(membership, request.POST, action=action)
        if form.is_valid():
            try:
                action = services.action_update(action=action, by=request.user,
                                                **form.service_arguments())
            except services.StaleAction as stale:
                return _stale_page(request, membership, stale)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Action modifiée."))
                return redirect(_safe_next(request) or action_url(action))
        return _form_page(request, membership, form, action=action, status=400)
    form = _action_form(membership, initial=ActionForm.initial_of(action), action=action)
    return _form_page(request, membership, form, action=action)


def _detail_page(request, membership, action, comment_form, status=200):
    """The action with a page of its comments and a page of its history, newest first, each
    paged by its own parameter (« ?commentaires=2&historique=3 »)."""
    comments = selectors.action_comments(action, request.GET.get("commentaires"))
    history_page, history = action_history(action, request.GET.get("historique"))
    context = {
        "membership": membership, "cluster": membership.cluster, **_row(action),
        "comments": comments, "history": history, "comment_form": comment_form,
        "comment_pages": page_links(request.GET, comments, "commentaires", "comments-title"),
        "history_pages": page_links(request.GET, history_page, "historique", "history-title"),
        "is_editor": _is_editor(membership),
    }
    return render(request, "plans/action_detail.html", context, status=status)


@login_required
@require_safe
def action_detail(request, slug, pk):
    membership = membership_for(request.user, slug)
    action = selectors.action_of(membership, pk)
    return _detail_page(request, membership, action, CommentForm())


@login_required
@require_POST
def action_comment(request, slug, pk):
    membership = membership_for(request.user, slug)
    action = selectors.action_of(membership, pk)
    form = CommentForm(request.POST)
    if form.is_valid():
        try:
            services.action_comment_add(action=action, by=request.user,
                                        text=form.cleaned_data["text"])
        except ValidationError as error:
            form.add_error("text", error.messages)
        else:
            messages.success(request, _("Commentaire ajouté."))
            return redirect(action_url(action))
    return _detail_page(request, membership, action, form, status=400)


@login_required
@require_safe
def path_progress(request, slug):
    membership = membership_for(request.user, slug)
    context = {"membership": membership, "cluster": membership.cluster,
               "paths": selectors.path_progress(membership.cluster),
               "is_editor": _is_editor(membership)}
    return render(request, "plans/path_progress.html", context)


@login_required
@require_POST
def step_mark(request, slug, step):
    membership = _editor(request, slug)
    path_step = get_object_or_404(PathStep.objects.select_related("sheet", "path"), pk=step)
    form = StepForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError([e for errors in form.errors.values() for e in errors])
        if form.cleaned_data["reached"]:
            services.step_reach(cluster=membership.cluster, step=path_step, by=request.user,
                                reached_on=form.cleaned_data["reached_on"],
                                note=form.cleaned_data["note"])
            messages.success(request, _("Étape « fiche %(sheet)s » marquée atteinte.") % {
                "sheet": path_step.sheet.number})
        else:
            services.step_unreach(cluster=membership.cluster, step=path_step, by=request.user)
            messages.success(request, _("Étape « fiche %(sheet)s » n'est plus marquée.") % {
                "sheet": path_step.sheet.number})
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect(f"{_progress_url(slug)}#{path_step.path.slug}")


def _progress_url(slug: str) -> str:
    return reverse("plans:path-progress", args=[slug])
