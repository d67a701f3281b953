from django.http import HttpResponseBadRequest, HttpResponseRedirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .middleware import set_language_cookie
from .services import language_choose, supported


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
