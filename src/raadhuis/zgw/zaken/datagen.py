"""Fast generation of realistic zaken for benchmarks and load tests.

Rows are built as model instances (so defaults and field conversions stay the model's) and
written in batches: PostgreSQL COPY, or bulk inserts elsewhere. Every zaak gets one status.
This bypasses the services on purpose — no audit rows or notifications for synthetic data —
but keeps the zaken counts (ADR 0021) in the same transaction.
"""

from __future__ import annotations

import random
import uuid
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.db import connection, models, transaction

from raadhuis.zgw.catalogi.models import Statustype, Zaaktype
from raadhuis.zgw.common.vertrouwelijkheid import VertrouwelijkheidsAanduiding
from raadhuis.zgw.zaken.models import Status, Zaak, ZaakCount

# Most cases are internal; a few are secret — as in a municipality's real archive.
LEVELS = [(VertrouwelijkheidsAanduiding.OPENBAAR, 5), (VertrouwelijkheidsAanduiding.INTERN, 40),
          (VertrouwelijkheidsAanduiding.ZAAKVERTROUWELIJK, 40),
          (VertrouwelijkheidsAanduiding.VERTROUWELIJK, 10), (VertrouwelijkheidsAanduiding.GEHEIM, 5)]
SUBJECTS = ["Losliggende stoeptegel", "Parkeervergunning bewoner", "Verzoek om informatie",
            "Bezwaar tegen aanslag", "Buurtfeest", "Adreswijziging", "Huishoudelijke hulp"]
AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def generate(organisation, count: int, *, batch_size: int = 20_000, seed: int = 1) -> int:
    """Add ``count`` zaken (with a status each) for the organisation's published zaaktypen."""
    rng = random.Random(seed)  # noqa: S311 - synthetic data, not security
    zaaktypen = list(Zaaktype.all_tenants.filter(organisation=organisation, concept=False))
    if not zaaktypen:
        raise ValueError(f"{organisation} has no published zaaktypen; run `raadhuis demo` first.")
    first_status = {
        z.pk: Statustype.all_tenants.filter(zaaktype=z).order_by("volgnummer").first() for z in zaaktypen
    }
    prefix = uuid.uuid4().hex[:6].upper()
    writer = _CopyWriter() if connection.vendor == "postgresql" else _BulkWriter()
    written = 0
    while written < count:
        size = min(batch_size, count - written)
        zaken = [_zaak(organisation, zaaktypen, rng, f"GEN-{prefix}-{written + i:09d}") for i in range(size)]
        with transaction.atomic():
            writer.write(Zaak, zaken, ZAAK_VARYING)
            writer.write(Status, [_status(z, first_status[z.zaaktype_id]) for z in zaken
                                  if first_status[z.zaaktype_id] is not None], STATUS_VARYING)
            ZaakCount.created(*zaken)
        written += size
    _analyze(Zaak, Status)
    return written


def _analyze(*models_: type[models.Model]) -> None:
    """Fresh planner statistics for what was just loaded: without them (autovacuum off, or not
    yet run) PostgreSQL plans the list over 1M zaken as over an empty table, seconds a page."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for model in models_:
            cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")


# The columns _zaak and _status set per row (besides id and uuid); the others are the same in
# every row and converted to their database values once per batch.
ZAAK_VARYING = ("identificatie", "zaaktype", "omschrijving", "registratiedatum", "startdatum",
                "einddatum_gepland", "vertrouwelijkheidaanduiding")
STATUS_VARYING = ("zaak", "statustype", "datum_status_gezet")


def _zaak(organisation, zaaktypen, rng: random.Random, identificatie: str) -> Zaak:
    zaaktype = rng.choice(zaaktypen)
    start = date.today() - timedelta(days=rng.randint(0, 3 * 365))
    level = rng.choices([lvl for lvl, _ in LEVELS], weights=[w for _, w in LEVELS])[0]
    return Zaak(
        organisation=organisation, identificatie=identificatie, bronorganisatie=organisation.rsin,
        verantwoordelijke_organisatie=organisation.rsin, zaaktype=zaaktype,
        omschrijving=rng.choice(SUBJECTS), registratiedatum=start, startdatum=start,
        einddatum_gepland=start + timedelta(weeks=8), vertrouwelijkheidaanduiding=level,
    )


def _status(zaak: Zaak, statustype) -> Status:
    moment = datetime.combine(zaak.startdatum, time(9, 0), tzinfo=AMSTERDAM)
    return Status(organisation=zaak.organisation, zaak=zaak, statustype=statustype,
                  datum_status_gezet=moment, indicatie_laatst_gezette_status=True)


class _BulkWriter:
    """Bulk inserts; the database returns the new ids (SQLite 3.35+, PostgreSQL)."""

    def write(self, model: type[models.Model], rows: list[models.Model], varying=()) -> None:
        model.all_tenants.bulk_create(rows, batch_size=2_000)


class _CopyWriter:
    """PostgreSQL COPY, with ids taken from the table's sequence beforehand so that the
    statussen can point at their zaken without reading them back.

    Converting every field of every instance to its database value was most of the time
    (~1,400 zaken/s): the first row of a batch is converted whole, and of the other rows only
    the ``varying`` columns, the id and the uuid."""

    def write(self, model: type[models.Model], rows: list[models.Model], varying=()) -> None:
        if not rows:
            return
        table = model._meta.db_table
        fields = list(model._meta.concrete_fields)
        columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
        changing = [(i, f) for i, f in enumerate(fields) if f.name in varying]
        position = {f.name: i for i, f in enumerate(fields)}
        id_at, uuid_at = position["id"], position["uuid"]
        with connection.cursor() as cursor:
            cursor.execute("SELECT nextval(pg_get_serial_sequence(%s, 'id')) "
                           "FROM generate_series(1, %s)", [table, len(rows)])
            for obj, (new_id,) in zip(rows, cursor.fetchall(), strict=True):
                obj.pk = new_id
            template = [_db_value(field, rows[0]) for field in fields]
            with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for obj in rows:
                    row = list(template)
                    row[id_at], row[uuid_at] = obj.pk, obj.uuid
                    for i, field in changing:
                        row[i] = getattr(obj, field.attname)
                    copy.write_row(row)


def _db_value(field: models.Field, obj: models.Model):
    value = field.pre_save(obj, add=True)
    if isinstance(field, models.JSONField):
        return None if value is None else field.get_prep_value(value)
    return field.get_db_prep_save(value, connection)
