"""Snapshots become a network's history of each year (taken per network, kept for good, with the
cluster's profile): the old one-per-assessment table is replaced, and each network's counted
years are taken again, on the day they were last submitted, with the profiles as they are."""

import hashlib
import json

import django.db.models.deletion
import django.utils.timezone
from django.db import migrations, models

COUNTED = ("submitted", "validated")


def take_counted_years(apps, schema_editor):
    Network = apps.get_model("clusters", "Network")
    Assessment = apps.get_model("grid", "Assessment")
    Answer = apps.get_model("grid", "Answer")
    Transition = apps.get_model("grid", "Transition")
    Snapshot = apps.get_model("network", "Snapshot")
    Cluster = apps.get_model("clusters", "Cluster")
    taken = []
    for network in Network.objects.all():
        for assessment in Assessment.objects.filter(
            cluster__in=network.clusters.all(), status__in=COUNTED
        ).select_related("campaign"):
            scores = assessment.scores or {}
            notes = {
                "global": scores.get("global"), "F": scores.get("strategy_factor"),
                **scores.get("axes", {}),
                **{f"N{level}": note for level, note in scores.get("levels", {}).items()},
                **scores.get("sections", {}),
            }
            answers = {code: value for code, value in Answer.objects.filter(
                assessment=assessment).order_by("question__order")
                .values_list("question__code", "value")}
            submitted = (Transition.objects.filter(assessment=assessment, to_status="submitted")
                         .order_by("-at").values_list("at", flat=True).first())
            cluster = Cluster.objects.get(pk=assessment.cluster_id)
            taken.append(Snapshot(
                network=network, assessment=assessment, cluster=cluster,
                year=assessment.campaign.year, taken_at=submitted or assessment.updated_at,
                counted=True, region=cluster.region, kind=cluster.kind, size=cluster.size,
                sectors=sorted(cluster.sectors.values_list("slug", flat=True)), notes=notes,
                global_note=notes["global"], answers=answers,
                digest=hashlib.sha256(json.dumps([notes, answers], sort_keys=True)
                                      .encode()).hexdigest()))
    Snapshot.objects.bulk_create(taken, batch_size=2000)


class Migration(migrations.Migration):

    dependencies = [
        ('clusters', '0004_sectors'),
        ('grid', '0006_transition_carried_from'),
        ('network', '0001_initial'),
    ]

    operations = [
        migrations.DeleteModel(name='Snapshot'),
        migrations.CreateModel(
            name='Snapshot',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('year', models.PositiveSmallIntegerField(verbose_name='année')),
                ('taken_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='pris le')),
                ('counted', models.BooleanField(help_text='Faux : l\'année ne compte plus (renvoyée, rouverte, ou le pôle a quitté le réseau).', verbose_name='compté')),
                ('region', models.CharField(blank=True, max_length=3, verbose_name='région')),
                ('kind', models.CharField(blank=True, max_length=10, verbose_name='type')),
                ('size', models.CharField(blank=True, max_length=10, verbose_name='taille')),
                ('sectors', models.JSONField(default=list, verbose_name='secteurs')),
                ('notes', models.JSONField(default=dict, help_text='Note → valeur de 0 à 1 (ou null).', verbose_name='notes')),
                ('global_note', models.FloatField(null=True, verbose_name='note globale')),
                ('answers', models.JSONField(default=dict, help_text='Question → réponse (vide : aucune).', verbose_name='réponses')),
                ('digest', models.CharField(blank=True, max_length=64, verbose_name='empreinte')),
                ('assessment', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='network_snapshots', to='grid.assessment')),
                ('cluster', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='clusters.cluster')),
                ('network', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='clusters.network')),
            ],
            options={
                'verbose_name': 'relevé pour les réseaux',
                'verbose_name_plural': 'relevés pour les réseaux',
                'indexes': [models.Index(fields=['network', 'year', 'taken_at'], name='network_sna_network_a49c47_idx'), models.Index(fields=['assessment', 'network', 'taken_at'], name='network_sna_assessm_523238_idx')],
            },
        ),
        migrations.RunPython(take_counted_years, migrations.RunPython.noop),
    ]
