from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpResponseBadRequest, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from . import selectors, services
from .forms import MailPreferencesForm
from .middleware import set_language_cookie
from .models import Notification
from .services import language_choose, login_lock_lift, supported


@require_POST
def language_set(request):
    """The navbar's language switch: back to the page it was pressed on, in the chosen language."""
    language = request.POST.get("language", "")
    if not supported(language):
        return HttpResponseBadRequest(_("Langue inconnue : choisissez « fr » ou « en »."),
                                      content_type="text/plain; charset=utf-8")
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()},
                                           require_https=request.is_secure()):
        target = "/"
    language_choose(request, language)
    response = HttpResponseRedirect(target)
    set_language_cookie(response, language)
    return response


@login_required
def mail_preferences(request):
    """A person's notifications and the switch of each kind of mail they may stop."""
    form = MailPreferencesForm(request.POST or None,
                               switched_off=selectors.switched_off_kinds(request.user))
    if request.method == "POST" and form.is_valid():
        services.mail_preferences_save(request.user, switched_off=form.switched_off())
        messages.success(request, _("Vos préférences de courriel sont enregistrées."))
        return redirect("mail-preferences")
    return render(request, "accounts/mail_preferences.html", {
        "form": form,
        "notifications": selectors.recent_notifications(request.user),
    })


@require_POST
@login_required
def notification_open(request, pk: int):
    """Open what a notification is about, and count it read (only the person's own)."""
    notification = get_object_or_404(Notification, pk=pk, user=request.user)
    services.notifications_mark_read(request.user, pk=notification.pk)
    target = notification.url
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = "/"
    return HttpResponseRedirect(target)


@require_POST
@login_required
def notifications_read_all(request):
    count = services.notifications_mark_read(request.user)
    messages.success(request, ngettext("%(count)d notification marquée comme lue.",
                                       "%(count)d notifications marquées comme lues.",
                                       count) % {"count": count})
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = reverse("mail-preferences")
    return HttpResponseRedirect(target)


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    """Django's page behind the reset link; a new password also lifts the account's login locks
    (django-axes): whoever reads the account's mail owns it, so a stranger typing wrong passwords
    cannot keep its owner out."""

    def form_valid(self, form):
        response = super().form_valid(form)
        login_lock_lift(form.user)
        return response
