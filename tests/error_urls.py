"""The project's URLs and one that fails, for tests/test_error_pages.py (ROOT_URLCONF)."""

from django.db import OperationalError
from django.urls import path

from config.urls import urlpatterns as project_urlpatterns


def database_down(request):
    raise OperationalError("could not connect to server: Connection refused")


urlpatterns = [path("panne/", database_down), *project_urlpatterns]
