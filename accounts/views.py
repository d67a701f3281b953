from django.contrib.auth import views as auth_views
from django.http import HttpResponseBadRequest, HttpResponseRedirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .middleware import set_language_cookie
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


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    """Django's page behind the reset link; a new password also lifts the account's login locks
    (django-axes): whoever reads the account's mail owns it, so a stranger typing wrong passwords
    cannot keep its owner out."""

    def form_valid(self, form):
        response = super().form_valid(form)
        login_lock_lift(form.user)
        return response
