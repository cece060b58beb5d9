"""Observations without per-row foreign-key triggers and redundant indexes (ADR 0028), and a
BRIN index on phenomenon_time (PostgreSQL) for retention and hourly aggregation."""

import django.db.models.deletion
from django.db import migrations, models


BRIN = "sensoren_obs_time_brin"


def add_brin(apps, schema_editor):
    # Rows arrive roughly in time order, so a BRIN index is tiny and nearly free to maintain.
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {BRIN} ON sensoren_observation "
                              "USING brin (phenomenon_time)")


def drop_brin(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {BRIN}")


class Migration(migrations.Migration):

    dependencies = [
        ('platform', '0003_outbox_order_receipts_attempts'),
        ('sensoren', '0001_initial'),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name='observation',
            name='sensoren_obs_mds_time',
        ),
        migrations.AlterField(
            model_name='observation',
            name='datastream',
            field=models.ForeignKey(blank=True, db_constraint=False, db_index=False, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='observations', to='sensoren.datastream'),
        ),
        migrations.AlterField(
            model_name='observation',
            name='feature_of_interest',
            field=models.ForeignKey(db_constraint=False, db_index=False, on_delete=django.db.models.deletion.CASCADE, related_name='observations', to='sensoren.featureofinterest'),
        ),
        migrations.AlterField(
            model_name='observation',
            name='multi_datastream',
            field=models.ForeignKey(blank=True, db_constraint=False, db_index=False, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='observations', to='sensoren.multidatastream'),
        ),
        migrations.AlterField(
            model_name='observation',
            name='organisation',
            field=models.ForeignKey(db_constraint=False, db_index=False, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='platform.organisation'),
        ),
        migrations.AddIndex(
            model_name='observation',
            index=models.Index(condition=models.Q(('multi_datastream__isnull', False)), fields=['multi_datastream', 'phenomenon_time'], name='sensoren_obs_mds_time'),
        ),
        migrations.RunPython(add_brin, drop_brin),
    ]
