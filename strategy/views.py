from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from clusters.access import membership_for, require_role
from clusters.models import Membership

from . import rules, selectors, services
from .forms import (
    AxisForm,
    DecisionForm,
    StrategyForm,
    axis_initial,
    strategy_initial,
    target_choices,
)
from .presenters import axis_views

Role = Membership.Role


def _page_url(strategy) -> str:
    return reverse("strategy:period", args=[strategy.cluster.slug, strategy.start_year])


@login_required
@require_safe
def overview(request, slug):
    return _detail(request, membership_for(request.user, slug), None)


@login_required
@require_safe
def period(request, slug, start):
    return _detail(request, membership_for(request.user, slug), start)


def _detail(request, membership, start, decision_form=None, status=200):
    strategies = selectors.strategies_of(membership.cluster)
    strategy = selectors.chosen(strategies, start)
    context = {"membership": membership, "cluster": membership.cluster,
               "strategies": strategies, "strategy": strategy,
               "is_editor": membership.role == Role.EDITOR,
               "is_board": membership.role == Role.BOARD}
    if strategy is not None:
        strategy = selectors.strategy_detail(strategy)
        enjeux = selectors.enjeu_names()
        diagnosis = selectors.diagnosis(membership.cluster)
        context |= {
            "strategy": strategy, "diagnosis_year": diagnosis.year,
            "axes": axis_views(strategy.axes.all(), diagnosis, enjeux),
            "decisions": list(strategy.decisions.select_related("by")),
            "history": selectors.history(strategy),
            "decision_form": decision_form or DecisionForm(),
            "is_last": strategy.pk == strategies[0].pk,
        }
    return render(request, "strategy/strategy.html", context, status=status)


def _editor(request, slug) -> Membership:
    membership = membership_for(request.user, slug)
    require_role(membership, Role.EDITOR)
    return membership


def _forms(membership, data=None, strategy=None):
    cluster = membership.cluster
    diagnosis = selectors.diagnosis(cluster)
    enjeux, levels = selectors.enjeu_names(), selectors.level_names()
    targets = target_choices(enjeux, diagnosis, levels, services.indicator_actions(cluster))
    members = list(selectors.members(cluster))
    axes = list(strategy.axes.prefetch_related("objectives")) if strategy else []
    form = StrategyForm(data, members=members,
                        initial=strategy_initial(strategy) if strategy else None)
    axis_forms = [
        AxisForm(data, prefix=f"axis-{number}", enjeux=enjeux, levels=levels,
                 diagnosis=diagnosis, targets=targets,
                 initial=axis_initial(axes[number - 1]) if number <= len(axes) else None)
        for number in range(1, rules.MAX_AXES + 1)]
    return form, axis_forms, diagnosis


def _form_page(request, membership, form, axis_forms, diagnosis, *, strategy=None,
               status=200):
    more_axes = request.POST.get("add_axis") is not None
    more_objectives = request.POST.get("add_objective", "")
    filled = max((n for n, f in enumerate(axis_forms, 1) if f.is_filled()), default=0)
    shown = min(rules.MAX_AXES, max(rules.MIN_AXES, filled + more_axes))
    slots = []
    for number, axis_form in enumerate(axis_forms[:shown], 1):
        extra = 1 + (more_objectives == str(number))
        count = min(rules.MAX_OBJECTIVES, axis_form.filled_objectives() + extra)
        slots.append((number, axis_form, axis_form.objective_slots()[:count],
                      count < rules.MAX_OBJECTIVES))
    context = {"membership": membership, "cluster": membership.cluster, "form": form,
               "axes": slots, "can_add_axis": shown < rules.MAX_AXES, "strategy": strategy,
               "diagnosis": diagnosis}
    return render(request, "strategy/strategy_form.html", context, status=status)


def _save(request, membership, strategy=None):
    form, axis_forms, diagnosis = _forms(membership, request.POST, strategy)
    adding = "add_axis" in request.POST or "add_objective" in request.POST
    if adding or not (form.is_valid() & all(f.is_valid() for f in axis_forms)):
        return _form_page(request, membership, form, axis_forms, diagnosis, strategy=strategy,
                          status=200 if adding else 400)
    data = form.cleaned_data
    try:
        saved = services.strategy_save(
            cluster=membership.cluster, by=request.user, strategy=strategy,
            start_year=data["start_year"], end_year=data["end_year"],
            responsible=data["responsible"], process=data["process"],
            stakeholders=data["stakeholders"], organisations=data["organisations"],
            axes=[axis for f in axis_forms if (axis := f.axis()) is not None],
            revision=data["revision"])
    except ValidationError as error:
        form.add_error(None, error.messages)
        return _form_page(request, membership, form, axis_forms, diagnosis, strategy=strategy,
                          status=400)
    messages.success(request, _("Stratégie %(period)s enregistrée (%(status)s).") % {
        "period": saved.period, "status": saved.get_status_display()})
    return redirect(_page_url(saved))


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def create(request, slug):
    membership = _editor(request, slug)
    if request.method == "POST":
        return _save(request, membership)
    return _form_page(request, membership, *_forms(membership))


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def edit(request, slug, start):
    membership = _editor(request, slug)
    strategy = selectors.chosen(selectors.strategies_of(membership.cluster), start)
    if strategy.status not in services.EDITABLE:
        messages.warning(request, _("La stratégie est soumise à la gouvernance : elle ne change "
                                    "plus avant sa décision."))
        return redirect(_page_url(strategy))
    if request.method == "POST":
        return _save(request, membership, strategy)
    return _form_page(request, membership, *_forms(membership, strategy=strategy),
                      strategy=strategy)


STEPS = {  # the action posted: its service, the role it needs, what the page then says
    "submit": (services.strategy_submit, Role.EDITOR,
               gettext_lazy("Stratégie soumise à la gouvernance.")),
    "approve": (services.strategy_approve, Role.BOARD, gettext_lazy("Stratégie approuvée.")),
    "return": (services.strategy_return, Role.BOARD,
               gettext_lazy("Stratégie renvoyée à l'équipe.")),
}


@login_required
@require_POST
def decision(request, slug, start):
    membership = membership_for(request.user, slug)
    strategy = selectors.chosen(selectors.strategies_of(membership.cluster), start)
    form = DecisionForm(request.POST)
    if not form.is_valid():
        return _detail(request, membership, start, form, status=400)
    step, role, done = STEPS[form.cleaned_data["action"]]
    if membership.role != role:
        raise PermissionDenied
    arguments = {} if role == Role.EDITOR else {"comment": form.cleaned_data["comment"]}
    try:
        step(strategy=strategy, by=request.user, **arguments)
    except ValidationError as error:
        form.add_error(None, error)  # a service's errors by field, or the form's
        return _detail(request, membership, start, form, status=400)
    messages.success(request, str(done))
    return redirect(_page_url(strategy))


@login_required
@require_POST
def renew(request, slug, start):
    membership = _editor(request, slug)
    previous = selectors.chosen(selectors.strategies_of(membership.cluster), start)
    try:
        strategy = services.strategy_renew(previous=previous, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(_page_url(previous))
    messages.success(request, _("Période %(period)s commencée à partir de %(previous)s : un "
                                "brouillon à relire.") % {"period": strategy.period,
                                                          "previous": previous.period})
    return redirect(reverse("strategy:edit", args=[membership.cluster.slug,
                                                   strategy.start_year]))
