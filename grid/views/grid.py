from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from clusters.access import require_role
from clusters.models import Membership

from .. import selectors, services
from ..models import Answer


def _int(value, default=None):
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


def _save_question(assessment, data, code, user, suffix=""):
    return services.answer_save(
        assessment=assessment, code=code, value=data.get(f"value{suffix}", ""),
        comment=data.get(f"comment{suffix}", ""), revision=_int(data.get(f"revision{suffix}"), -1),
        by=user,
    )


def _save_custom(assessment, data, enjeu, user, suffix=""):
    return services.custom_answer_save(
        assessment=assessment, enjeu=enjeu, label=data.get(f"label{suffix}", ""),
        level=_int(data.get(f"level{suffix}")), bareme=_int(data.get(f"bareme{suffix}")),
        value=data.get(f"value{suffix}", ""), revision=_int(data.get(f"revision{suffix}"), -1),
        by=user,
    )


def _custom_posted(data, suffix) -> tuple:
    return (
        data.get(f"label{suffix}", "").strip(), _int(data.get(f"level{suffix}")),
        _int(data.get(f"bareme{suffix}")), data.get(f"value{suffix}", ""),
    )


def _conflict_payload(current) -> dict:
    author = current.updated_by
    who = (author.get_full_name() or author.username) if author else _("quelqu'un")
    return {
        "value": current.value,
        "comment": getattr(current, "comment", ""),
        "label": getattr(current, "label", ""),
        "revision": current.revision,
        "message": _(
            "%(who)s a enregistré entre-temps la réponse « %(value)s ». Votre réponse n'a pas "
            "été enregistrée : choisissez de garder la sienne ou de la remplacer."
        ) % {"who": who, "value": current.value or _("vide")},
    }


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def grid(request, slug, year):
    membership, assessment = selectors.assessment_for_user(request.user, slug, year)
    can_edit = membership.role == Membership.Role.EDITOR and assessment.is_editable
    if request.method == "POST":
        require_role(membership, Membership.Role.EDITOR)
        _save_whole_form(request, assessment)
        return redirect("grid:grid", slug=slug, year=year)
    context = {
        "membership": membership,
        "assessment": assessment,
        "cluster": membership.cluster,
        "can_edit": can_edit,
        "choices": Answer.Value.choices,
        **selectors.grid_page(assessment),
    }
    return render(request, "grid/grid.html", context)


def _save_whole_form(request, assessment):
    """Without JavaScript the page posts every row; rows that did not change are skipped."""
    data = request.POST
    saved, problems = 0, []
    page = selectors.grid_page(assessment)
    for section in page["sections"]:
        for question in section.questions:
            answer, suffix = question.answer, f"-{question.code}"
            if (data.get(f"value{suffix}", ""), data.get(f"comment{suffix}", "").strip()) == (
                answer.value, answer.comment
            ):
                continue
            try:
                _save_question(assessment, data, question.code, request.user, suffix)
                saved += 1
            except ValidationError as error:
                problems.extend(error.messages)
            except services.StaleAnswer as stale:
                problems.append(f"{question.code} : {_conflict_payload(stale.current)['message']}")
    for enjeu, row in page["custom"].items():
        suffix = f"-autre-{enjeu}"
        if f"revision{suffix}" not in data or _custom_posted(data, suffix) == (
            row.label, row.level, row.bareme, row.value
        ):
            continue
        try:
            _save_custom(assessment, data, enjeu, request.user, suffix)
            saved += 1
        except ValidationError as error:
            problems.extend(error.messages)
        except services.StaleAnswer as stale:
            problems.append(f"{enjeu} : {_conflict_payload(stale.current)['message']}")
    if saved:
        messages.success(request, _("%(count)s réponse(s) enregistrée(s).") % {"count": saved})
    for problem in problems:
        messages.error(request, problem)


@login_required
@require_POST
def answer_save(request, slug, year):
    """One answer, saved as it is given (called by the page's script)."""
    membership, assessment = selectors.assessment_for_user(request.user, slug, year)
    require_role(membership, Membership.Role.EDITOR)
    data = request.POST
    try:
        if data.get("kind") == "custom":
            saved = _save_custom(assessment, data, data.get("code", ""), request.user)
        else:
            saved = _save_question(assessment, data, data.get("code", ""), request.user)
    except ValidationError as error:
        return JsonResponse({"error": " ".join(error.messages)}, status=400)
    except services.StaleAnswer as stale:
        return JsonResponse({"conflict": _conflict_payload(stale.current)}, status=409)
    answered = assessment.answers.exclude(value="").count()
    return JsonResponse(
        {"revision": saved.revision, "answered": answered, "total": assessment.answers.count()}
    )
