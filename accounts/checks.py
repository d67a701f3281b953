"""`manage.py check --deploy`: the login locks' addresses as the deployment sets them."""

from django.conf import settings
from django.core.checks import Tags, Warning, register


@register(Tags.security, deploy=True)
def trusted_proxies(app_configs, **kwargs):
    """Production runs behind a TLS proxy (SECURE_PROXY_SSL_HEADER says so): with no proxy
    counted, every request has the proxy's address, and the login locks (on an account and an
    address together) would take every client for one."""
    if settings.DEBUG or settings.TRUSTED_PROXIES:
        return []
    return [Warning(
        "TRUSTED_PROXIES is 0 although production runs behind a TLS proxy: every login would "
        "count as coming from the proxy's address.",
        hint="Set TRUSTED_PROXIES to the number of reverse proxies in front of gunicorn, each "
             "appending to X-Forwarded-For (1 behind one TLS proxy): README, « PostgreSQL and "
             "production ».",
        id="accounts.W001",
    )]
