from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


def require_serving_settings() -> None:
    """Refuse to serve in production without a real secret key and the allowed host names.

    Checked when the WSGI application loads rather than in settings, so that commands that
    serve nothing (migrations, checks) still run in an empty environment.
    """
    if settings.DEBUG:
        return
    if len(settings.SECRET_KEY) < 50:
        raise ImproperlyConfigured("SECRET_KEY must be set (50+ characters) when DEBUG is off")
    if not settings.ALLOWED_HOSTS:
        raise ImproperlyConfigured("ALLOWED_HOSTS must be set when DEBUG is off")
