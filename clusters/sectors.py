"""The sectors offered in a cluster's profile on a new installation (the admin keeps the list)."""

from django.utils.text import slugify

DEFAULT_SECTORS = [
    "Aéronautique et spatial", "Agriculture et agroalimentaire", "Bâtiment et construction",
    "Biotechnologies et santé", "Chimie et matériaux", "Eau et environnement", "Énergie",
    "Filière bio et cosmétique", "Industrie et mécanique", "Maritime et naval", "Numérique",
    "Textile", "Tourisme", "Transports et mobilité",
]


def default_sectors_add(sector_model) -> None:
    """Add the default sectors missing from `sector_model`'s table (the model or, in a
    migration, its historical state)."""
    for name in DEFAULT_SECTORS:
        sector_model.objects.get_or_create(slug=slugify(name), defaults={"name": name})
