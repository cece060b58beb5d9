"""The BSN and KvK-nummer live in partij-identificatoren now (0005 moved them, ADR 0044)."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("klantcontact", "0005_partij_identificatoren_data"),
    ]

    operations = [
        migrations.RemoveField(model_name="partij", name="bsn"),
        migrations.RemoveField(model_name="partij", name="kvk_nummer"),
    ]
