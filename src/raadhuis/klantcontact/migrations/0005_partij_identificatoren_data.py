"""The data of 0004 (ADR 0044).

The BSN and KvK-nummer kept on a partij move to ``PartijIdentificator`` rows, every one of them
(the reverse moves them back). A number is unique per organisation now; should two partijen
of one organisation carry the same number (a race of the old get-or-create), the first keeps
it and the betrokkenen, digitale adressen and gesprekken of the others move to it, so every
contact stays findable by the number; the other partijen themselves are kept. Every
klantcontact with an actor gets its ``ActorKlantcontact`` row, so ``/actorklantcontacten``
lists the chat's speakers.
"""

import uuid

from django.db import migrations

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
        ("klantcontact", "0004_partij_identificatoren"),
    ]

    operations = [
        migrations.RunPython(to_rows, to_columns),
    ]
