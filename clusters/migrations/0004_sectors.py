"""The sectors offered in a cluster's profile on a new installation (the admin keeps the list)."""

from django.db import migrations

from clusters.sectors import default_sectors_add


def add_sectors(apps, schema_editor):
    default_sectors_add(apps.get_model("clusters", "Sector"))


class Migration(migrations.Migration):
    dependencies = [("clusters", "0003_profile_and_networks")]
    operations = [migrations.RunPython(add_sectors, migrations.RunPython.noop)]
