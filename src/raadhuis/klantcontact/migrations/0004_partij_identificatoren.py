"""Partij-identificatoren and the actors of a klantcontact become their own records (ADR 0044).

The data moves in 0005 and the old partij columns go in 0006: three migrations, so that on
PostgreSQL no schema change shares a transaction with the rows the data step writes (it
refuses an index on a table with pending trigger events, e.g. when migrating back)."""

import uuid

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("klantcontact", "0003_interne_taak_termijn"),
    ]

    operations = [
        migrations.CreateModel(
            name="PartijIdentificator",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("uuid", models.UUIDField(default=uuid.uuid4, editable=False, unique=True)),
                ("andere_partij_identificator", models.CharField(blank=True, max_length=200)),
                ("code_objecttype", models.CharField(blank=True, choices=[
                    ("natuurlijk_persoon", "Natuurlijk persoon"), ("niet_natuurlijk_persoon", "Niet-natuurlijk persoon"),
                    ("vestiging", "Vestiging"), ("overig", "Overig")], max_length=30)),
                ("code_soort_object_id", models.CharField(blank=True, choices=[
                    ("bsn", "Burgerservicenummer"), ("vestigingsnummer", "Vestigingsnummer"),
                    ("kvk_nummer", "KvK-nummer"), ("rsin", "RSIN"), ("overig", "Overig")], max_length=30)),
                ("object_id", models.CharField(blank=True, max_length=200)),
                ("code_register", models.CharField(blank=True, choices=[
                    ("brp", "Basisregistratie Personen"), ("hr", "Handelsregister"), ("overig", "Overig")],
                    max_length=30)),
                ("identificeerde_partij", models.ForeignKey(
                    blank=True, null=True, on_delete=django.db.models.deletion.CASCADE,
                    related_name="partij_identificatoren", to="klantcontact.partij")),
                ("organisation", models.ForeignKey(
                    on_delete=django.db.models.deletion.PROTECT, related_name="+", to="platform.organisation")),
                ("sub_identificator_van", models.ForeignKey(
                    blank=True, null=True, on_delete=django.db.models.deletion.PROTECT,
                    related_name="sub_identificatoren", to="klantcontact.partijidentificator")),
            ],
            options={"verbose_name": "partij-identificator", "verbose_name_plural": "partij-identificatoren"},
        ),
        migrations.AddConstraint(
            model_name="partijidentificator",
            constraint=models.UniqueConstraint(
                condition=models.Q(sub_identificator_van__isnull=True),
                fields=("organisation", "code_objecttype", "code_soort_object_id", "object_id", "code_register"),
                name="klantcontact_partijidentificator_uniek"),
        ),
        migrations.AddConstraint(
            model_name="partijidentificator",
            constraint=models.UniqueConstraint(
                condition=models.Q(sub_identificator_van__isnull=False),
                fields=("sub_identificator_van", "code_objecttype", "code_soort_object_id", "object_id",
                        "code_register"),
                name="klantcontact_partijidentificator_uniek_onder"),
        ),
        migrations.AddConstraint(
            model_name="partijidentificator",
            constraint=models.UniqueConstraint(
                condition=models.Q(identificeerde_partij__isnull=False) & ~models.Q(code_soort_object_id=""),
                fields=("identificeerde_partij", "code_soort_object_id"),
                name="klantcontact_partijidentificator_een_per_soort"),
        ),
        migrations.CreateModel(
            name="ActorKlantcontact",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("uuid", models.UUIDField(default=uuid.uuid4, editable=False, unique=True)),
                ("actor", models.ForeignKey(on_delete=django.db.models.deletion.PROTECT,
                                            related_name="actorklantcontacten", to="klantcontact.actor")),
                ("klantcontact", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE,
                                                   related_name="actorklantcontacten",
                                                   to="klantcontact.klantcontact")),
                ("organisation", models.ForeignKey(
                    on_delete=django.db.models.deletion.PROTECT, related_name="+", to="platform.organisation")),
            ],
            options={"verbose_name": "actor klantcontact", "verbose_name_plural": "actor klantcontacten",
                     "constraints": [models.UniqueConstraint(fields=("actor", "klantcontact"),
                                                             name="klantcontact_actor_eenmaal")]},
        ),
    ]
