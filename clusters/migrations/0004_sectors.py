"""The sectors offered in a cluster's profile on a new installation (the admin keeps the list)."""

from django.db import migrations
from django.utils.text import slugify

SECTORS = [
    "Aéronautique et spatial", "Agriculture et agroalimentaire", "Bâtiment et construction",
    "Biotechnologies et santé", "Chimie et matériaux", "Eau et environnement", "Énergie",
    "Filière bio et cosmétique", "Industrie et mécanique", "Maritime et naval", "Numérique",
    "Textile", "Tourisme", "Transports et mobilité",
]


def add_sectors(apps, schema_editor):
    Sector = apps.get_model("clusters", "Sector")
    for name in SECTORS:
        Sector.objects.get_or_create(slug=slugify(name), defaults={"name": name})


class Migration(migrations.Migration):
    dependencies = [("clusters", "0003_profile_and_networks")]
    operations = [migrations.RunPython(add_sectors, migrations.RunPython.noop)]
