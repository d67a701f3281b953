from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GuideConfig(AppConfig):
    """The guide's public pages that gather several kinds of content: the sheet list with the
    site search, and a sheet's page with its glossary terms. Above the content apps (DESIGN §9),
    so that those never import each other's pages."""

    name = "guide"
    verbose_name = _("Pages du guide")
