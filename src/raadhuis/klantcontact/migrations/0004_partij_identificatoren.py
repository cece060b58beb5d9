"""Partij-identificatoren become their own records (ADR 0044); actors of a klantcontact too.

The BSN and KvK-nummer kept on a partij move to ``PartijIdentificator`` rows, every one of them
(the reverse moves them back). A number is unique per organisation now; should two partijen
of one organisation carry the same number (a race of the old get-or-create), the first keeps
it and the betrokkenen, digitale adressen and gesprekken of the others move to it, so every
contact stays findable by the number; the other partijen themselves are kept. Every klantcontact with an
actor gets its ``ActorKlantcontact`` row, so ``/actorklantcontacten`` lists the chat's speakers.
"""

import uuid

import django.db.models.deletion
from django.db import migrations, models

# Partij column -> (codeObjecttype, codeSoortObjectId, codeRegister)
COLUMNS = {
    "bsn": ("natuurlijk_persoon", "bsn", "brp"),
    "kvk_nummer": ("niet_natuurlijk_persoon", "kvk_nummer", "hr"),
}


def to_rows(apps, schema_editor):
    Partij = apps.get_model("klantcontact", "Partij")
    PartijIdentificator = apps.get_model("klantcontact", "PartijIdentificator")
    rows, first = [], {}
    for partij in Partij.objects.exclude(bsn="", kvk_nummer="").order_by("pk").iterator(chunk_size=2000):
        for column, (objecttype, soort, register) in COLUMNS.items():
            if getattr(partij, column):
                key = (partij.organisation_id, column, getattr(partij, column))
                if key in first:
                    _move_references(apps, partij.pk, first[key])
                    continue
                first[key] = partij.pk
                rows.append(PartijIdentificator(
                    uuid=uuid.uuid4(), organisation_id=partij.organisation_id, identificeerde_partij=partij,
                    code_objecttype=objecttype, code_soort_object_id=soort,
                    object_id=getattr(partij, column), code_register=register))
        if len(rows) >= 2000:
            PartijIdentificator.objects.bulk_create(rows)
            rows = []
    PartijIdentificator.objects.bulk_create(rows)

    Klantcontact = apps.get_model("klantcontact", "Klantcontact")
    ActorKlantcontact = apps.get_model("klantcontact", "ActorKlantcontact")
    links = [ActorKlantcontact(uuid=uuid.uuid4(), organisation_id=org, actor_id=actor, klantcontact_id=pk)
             for pk, org, actor in Klantcontact.objects.filter(actor__isnull=False)
             .values_list("pk", "organisation_id", "actor_id").iterator(chunk_size=2000)]
    ActorKlantcontact.objects.bulk_create(links, batch_size=2000)


def _move_references(apps, duplicate: int, kept: int) -> None:
    for model, field in (("Betrokkene", "was_partij"), ("DigitaalAdres", "verstrekt_door_partij"),
                         ("Gesprek", "partij")):
        apps.get_model("klantcontact", model).objects.filter(**{f"{field}_id": duplicate}).update(
            **{f"{field}_id": kept})


def to_columns(apps, schema_editor):
    Partij = apps.get_model("klantcontact", "Partij")
    PartijIdentificator = apps.get_model("klantcontact", "PartijIdentificator")
    for column, (_objecttype, soort, register) in COLUMNS.items():
        rows = (PartijIdentificator.objects.filter(code_soort_object_id=soort, code_register=register,
                                                   identificeerde_partij__isnull=False)
                .order_by("-pk").values_list("identificeerde_partij_id", "object_id"))
        for partij_id, object_id in rows:
            Partij.objects.filter(pk=partij_id).update(**{column: object_id[:9 if column == "bsn" else 8]})


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
        migrations.RunPython(to_rows, to_columns),
        migrations.RemoveField(model_name="partij", name="bsn"),
        migrations.RemoveField(model_name="partij", name="kvk_nummer"),
    ]
