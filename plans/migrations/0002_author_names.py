from django.db import migrations, models


def name_the_authors(apps, schema_editor):
    """Each comment written before names were kept gets its author's name as it is now (the
    formula of accounts.names.account_name: migrations do not import app code)."""
    rows = apps.get_model("plans", "ActionComment").objects.filter(by__isnull=False, by_name="")
    authors = rows.order_by().values_list("by", "by__first_name", "by__last_name",
                                          "by__username").distinct()
    for pk, first_name, last_name, username in list(authors):
        rows.filter(by=pk).update(by_name=f"{first_name} {last_name}".strip() or username)


class Migration(migrations.Migration):

    dependencies = [
        ('plans', '0001_actions'),
    ]

    operations = [
        migrations.AddField(
            model_name='actioncomment',
            name='by_name',
            field=models.CharField(blank=True, max_length=301, verbose_name="nom de l'auteur"),
        ),
        migrations.RunPython(name_the_authors, migrations.RunPython.noop),
    ]
