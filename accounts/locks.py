"""What django-axes counts failed logins on: the account and the client's address together
(config/settings.py), so that no one can lock someone else out, nor everyone behind one
address. The address is read as the README's deployment sets it."""

from ipaddress import ip_address

from axes.models import AccessAttempt
from django.conf import settings


def client_address(request) -> str | None:
    """The client's address. Each of the TRUSTED_PROXIES reverse proxies in front of gunicorn
    appends the address it received the request from to X-Forwarded-For, so the client's is the
    TRUSTED_PROXIES-th from the right; what the client wrote in the header itself stands to its
    left and is never read. Without proxies, or with a header the proxies did not set (fewer
    addresses than proxies, not an address), the connection's own address."""
    proxies = settings.TRUSTED_PROXIES
    if proxies:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        if len(forwarded) >= proxies:
            try:
                return str(ip_address(forwarded[-proxies].strip()))
            except ValueError:
                pass
    return request.META.get("REMOTE_ADDR")


def username(request, credentials=None) -> str | None:
    """The username failures are counted on, as django-axes reads it (the credentials given to
    authenticate(), else the posted form), cut to its column: the admin's login form lets any
    length through."""
    given = (credentials.get(settings.AXES_USERNAME_FORM_FIELD) if credentials
             else getattr(request, "data", request.POST).get(settings.AXES_USERNAME_FORM_FIELD))
    if not isinstance(given, str):
        return given
    return given[:AccessAttempt._meta.get_field("username").max_length]
