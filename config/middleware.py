from django.db import OperationalError
from django.http import JsonResponse
from django.shortcuts import render
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _

# PostgreSQL's lock_not_available (lock_timeout) and query_canceled (statement_timeout).
BUSY_SQLSTATES = {"55P03", "57014"}
RETRY_AFTER_SECONDS = 5


class PrivateNoStore:
    """Pages and downloads served to a logged-in person are kept by no cache, shared or not
    (a cluster's answers must not outlive the session in a proxy or on a shared computer).
    Responses that declare themselves public (the colours' stylesheet) are left as they are."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.user.is_authenticated and "public" not in response.get("Cache-Control", ""):
            patch_cache_control(response, private=True, no_store=True)
        return response


def database_busy(exception: BaseException) -> bool:
    """Whether `exception` is PostgreSQL giving up on a lock or a statement (settings'
    DB_LOCK_TIMEOUT, DB_STATEMENT_TIMEOUT)."""
    return isinstance(exception, OperationalError) and getattr(
        exception.__cause__, "sqlstate", None) in BUSY_SQLSTATES


class DatabaseBusy:
    """A request that waited too long on a row lock, or ran a statement too long, is answered
    « réessayez » (503): in JSON to the page's scripts (the grid's autosave, « Simuler »), with a
    page otherwise. The services write in transactions, which the error has rolled back:
    nothing of the request is half-written."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not database_busy(exception):
            return None
        message = _("Le site est très sollicité : votre demande n'a pas abouti et rien n'a été "
                    "enregistré. Réessayez dans un instant.")
        if "application/json" in request.headers.get("Accept", ""):
            response = JsonResponse({"error": message}, status=503)
        else:
            response = render(request, "503.html", {"message": message}, status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
