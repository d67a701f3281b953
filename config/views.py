from django.conf import settings
from django.core.exceptions import RequestDataTooBig
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
    """A body too large is said so (413), in JSON to the page's scripts that ask for JSON."""
    if not isinstance(exception, RequestDataTooBig):
        return defaults.bad_request(request, exception)
    message = _(
        "La requête est trop volumineuse pour être enregistrée : raccourcissez le texte ou le "
        "fichier envoyé, puis recommencez."
    )
    if "application/json" in request.headers.get("Accept", ""):
        return JsonResponse({"error": message}, status=413)
    return render(request, "413.html", {"message": message}, status=413)


def locked_out(request, original_response=None, credentials=None):
    """django-axes' answer to a login refused after too many failures (429)."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return render(request, "registration/locked_out.html", {"minutes": minutes}, status=429)
