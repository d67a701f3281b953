from django.conf import settings
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views import defaults
from django.views.decorators.http import require_safe


@require_safe
def healthz(request):
    """For load balancers and uptime checks; also the trivial baseline of bench/pages.py."""
    return HttpResponse("ok", content_type="text/plain")


def bad_request(request, exception):
    """A body too large (413) or with too many fields (400, refused by Django before any view,
    the CSRF check reading the fields first) is said so, in JSON to the page's scripts that ask
    for JSON."""
    if isinstance(exception, RequestDataTooBig):
        status, message = 413, _(
            "La requête est trop volumineuse pour être enregistrée : raccourcissez le texte ou le "
            "fichier envoyé, puis recommencez."
        )
    elif isinstance(exception, TooManyFieldsSent):
        status, message = 400, _(
            "La requête envoie plus de %(limit)s champs : rien n'a été enregistré. Rechargez la "
            "page, puis recommencez."
        ) % {"limit": settings.DATA_UPLOAD_MAX_NUMBER_FIELDS}
    else:
        return defaults.bad_request(request, exception)
    if "application/json" in request.headers.get("Accept", ""):
        return JsonResponse({"error": message}, status=status)
    return render(request, "413.html", {"message": message}, status=status)


def locked_out(request, original_response=None, credentials=None):
    """django-axes' answer to a login refused after too many failures (429)."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return render(request, "registration/locked_out.html", {"minutes": minutes}, status=429)
