from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.utils import translation

from .services import SESSION_KEY, supported


class AccountLocaleMiddleware(LocaleMiddleware):
    """Django's LocaleMiddleware (cookie, then Accept-Language, then French), with a logged-in
    person's own choice first. The cookie follows that choice, so the language stays the same
    after logging out."""

    def process_request(self, request):
        chosen = request.session.get(SESSION_KEY)
        if not supported(chosen):
            return super().process_request(request)
        translation.activate(chosen)
        request.LANGUAGE_CODE = chosen
        return None

    def process_response(self, request, response):
        response = super().process_response(request, response)
        chosen = request.session.get(SESSION_KEY)
        if supported(chosen) and request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME) != chosen:
            set_language_cookie(response, chosen)
        return response


def set_language_cookie(response, language: str) -> None:
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME, language, max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH, domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE, httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )
