import re

from django.db import migrations, models

OPENED_WITH = re.compile(r"\AOuverte avec les réponses de (\d{4})\.\Z")


def sentence_to_year(apps, schema_editor):
    """The opening steps stored their French sentence as a comment: keep the year instead, so
    that the step is worded in the reader's language; « Ouverte. » said nothing more."""
    transition = apps.get_model("grid", "Transition")
    opened = transition.objects.filter(from_status="draft", to_status="draft")
    for step in opened.filter(comment__startswith="Ouverte"):
        found = OPENED_WITH.match(step.comment)
        if found or step.comment == "Ouverte.":
            step.carried_from = int(found.group(1)) if found else None
            step.comment = ""
            step.save(update_fields=["carried_from", "comment"])


def year_to_sentence(apps, schema_editor):
    transition = apps.get_model("grid", "Transition")
    opened = transition.objects.filter(from_status="draft", to_status="draft", comment="")
    for step in opened:
        step.comment = (f"Ouverte avec les réponses de {step.carried_from}."
                        if step.carried_from else "Ouverte.")
        step.save(update_fields=["comment"])


class Migration(migrations.Migration):

    dependencies = [
        ('grid', '0005_maturity_levels'),
    ]

    operations = [
        migrations.AddField(
            model_name='transition',
            name='carried_from',
            field=models.PositiveSmallIntegerField(blank=True, help_text="À l'ouverture : l'année dont les réponses ont été reprises.", null=True, verbose_name='réponses reprises de'),
        ),
        migrations.RunPython(sentence_to_year, year_to_sentence),
    ]
