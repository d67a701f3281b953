from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from accounts.locks import client_address
from accounts.mail import absolute
from clusters.models import Membership
from grid.selectors import assessment_for_user

from . import presenters, selectors, services
from .disclosure import MIN_RESPONDENTS
from .forms import AddressesForm, AnswerForm, OpenForm

Role = Membership.Role


def _page(request, membership, assessment, *, open_form=None, addresses_form=None, status=200):
    consultation = selectors.consultation_of(assessment)
    sections = selectors.section_titles()
    context = {"membership": membership, "cluster": membership.cluster,
               "assessment": assessment, "year": assessment.campaign.year,
               "consultation": consultation, "is_editor": membership.role == Role.EDITOR,
               "min_respondents": MIN_RESPONDENTS, "section_titles": sections}
    if consultation is None:
        context["open_form"] = open_form or OpenForm(section_titles=sections)
    else:
        questions = selectors.asked_questions(consultation)
        context |= {
            "asked": questions,
            "addresses_form": addresses_form or AddressesForm(),
            "results": presenters.page(
                selectors.consultation_results(consultation),
                questions={q.code: q.text for q in questions}, sections=sections,
                enjeux=selectors.enjeu_names()),
        }
    return render(request, "consultation/manage.html", context, status=status)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def manage(request, slug, year):
    membership, assessment = assessment_for_user(request.user, slug, year)
    if request.method != "POST":
        return _page(request, membership, assessment)
    if membership.role != Role.EDITOR:
        raise PermissionDenied
    here = reverse("consultation:manage", args=[slug, year])
    action = request.POST.get("action")
    consultation = selectors.consultation_of(assessment)
    try:
        if action == "open":
            form = OpenForm(request.POST, section_titles=selectors.section_titles())
            if not form.is_valid():
                return _page(request, membership, assessment, open_form=form, status=400)
            try:
                _opened, token = services.consultation_open(
                    assessment=assessment, section_codes=form.cleaned_data["sections"],
                    closes_on=form.cleaned_data["closes_on"],
                    shared=form.cleaned_data["shared"], by=request.user)
            except ValidationError as error:
                form.add_error(None, error.messages)
                return _page(request, membership, assessment, open_form=form, status=400)
            if token:
                # Only its hash is kept: the page shows the link this once.
                messages.success(request, _("Consultation ouverte. Voici le lien à diffuser ; "
                                            "copiez-le maintenant, il ne sera plus affiché : "
                                            "%(url)s") % {"url": absolute(
                                                services.answer_url(token))})
            else:
                messages.success(request, _("Consultation ouverte. Envoyez maintenant les liens "
                                            "personnels aux adresses invitées."))
        elif action == "send" and consultation is not None:
            form = AddressesForm(request.POST)
            if not form.is_valid():
                return _page(request, membership, assessment, addresses_form=form, status=400)
            try:
                count = services.links_send(consultation=consultation,
                                            addresses=form.cleaned_data["addresses"],
                                            language=translation.get_language())
            except ValidationError as error:
                form.add_error("addresses", error.messages)
                return _page(request, membership, assessment, addresses_form=form, status=400)
            messages.success(request, _("%(count)d lien(s) personnel(s) envoyé(s).")
                             % {"count": count})
        elif action == "close" and consultation is not None:
            services.consultation_close(consultation=consultation)
            messages.success(request, _("Consultation close : elle ne reçoit plus de réponse."))
        else:
            messages.error(request, _("Action inconnue : rien n'a changé."))
            return _page(request, membership, assessment, status=400)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return _page(request, membership, assessment, status=400)
    return redirect(here)


def _answer_page(request, consultation, questions, form, *, status=200, error=""):
    context = {"consultation": consultation, "form": form, "error": error,
               "cluster": consultation.assessment.cluster if consultation else None,
               "year": consultation.assessment.campaign.year if consultation else None,
               "min_respondents": MIN_RESPONDENTS}
    return render(request, "consultation/answer.html", context, status=status)


@require_http_methods(["GET", "HEAD", "POST"])
def answer(request, token):
    try:
        consultation, _link = services.link_open(token)
    except services.LinkUnusable as refusal:
        return _answer_page(request, None, [], None, status=refusal.status,
                            error=refusal.message)
    questions = selectors.asked_questions(consultation)
    if request.method != "POST":
        return _answer_page(request, consultation, questions, AnswerForm(questions=questions))
    form = AnswerForm(request.POST, questions=questions)
    address = client_address(request)
    if services.throttled(address):
        return _answer_page(request, consultation, questions, form, status=429,
                            error=_("Trop de réponses envoyées depuis votre adresse réseau "
                                    "en une heure : réessayez plus tard. Votre saisie est "
                                    "conservée ci-dessous."))
    if not form.is_valid():
        return _answer_page(request, consultation, questions, form, status=400)
    try:
        services.response_submit(
            token=token, answers=form.answers(), category=form.cleaned_data["category"],
            comment=form.cleaned_data["comment"], asked=[q.code for q in questions],
            address=address)
    except services.LinkUnusable as refusal:
        return _answer_page(request, None, [], None, status=refusal.status,
                            error=refusal.message)
    except ValidationError as error:
        form.add_error(None, error.messages)
        return _answer_page(request, consultation, questions, form, status=400)
    return render(request, "consultation/thanks.html",
                  {"cluster": consultation.assessment.cluster})
