"""The sectors offered in a cluster's profile on a new installation (the admin keeps the list)."""

from django.utils.text import slugify
from django.utils.translation import gettext_noop

# Stored in French; being in the catalogue, they show in English on English pages (Sector's
# str), while a sector an admin adds shows as typed.
DEFAULT_SECTORS = [
    gettext_noop("Aéronautique et spatial"),
    gettext_noop("Agriculture et agroalimentaire"),
    gettext_noop("Bâtiment et construction"),
    gettext_noop("Biotechnologies et santé"),
    gettext_noop("Chimie et matériaux"),
    gettext_noop("Eau et environnement"),
    gettext_noop("Énergie"),
    gettext_noop("Filière bio et cosmétique"),
    gettext_noop("Industrie et mécanique"),
    gettext_noop("Maritime et naval"),
    gettext_noop("Numérique"),
    gettext_noop("Textile"),
    gettext_noop("Tourisme"),
    gettext_noop("Transports et mobilité"),
]


def default_sectors_add(sector_model) -> None:
    """Add the default sectors missing from `sector_model`'s table (the model or, in a
    migration, its historical state)."""
    for name in DEFAULT_SECTORS:
        sector_model.objects.get_or_create(slug=slugify(name), defaults={"name": name})
