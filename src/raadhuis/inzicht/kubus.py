"""The pre-aggregated cells (ADR 0023): what one fact adds to them, applying the difference
when facts change, the incremental refresh of queued zaken and the full rebuild.

A fact contributes to at most two cells: its registration month (``geopend``, ``open``) and,
once closed, the month of its einddatum (``gesloten`` and the closing measures). Refreshing
a zaak subtracts its stored fact's contribution and adds the new one, so a reopened zaak
leaves the month it was closed in and a deleted zaak leaves every cell.
"""

from __future__ import annotations

import itertools
import json
import logging
from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from django.db import connection, transaction
from django.utils import timezone

from raadhuis.inzicht import feiten
from raadhuis.inzicht.models import TeVerversen, ZaakCel, ZaakFeit
from raadhuis.zgw.zaken import services as zaken

logger = logging.getLogger(__name__)
DIMENSIONS = ("zaaktype", "team", "kanaal", "wijk", "categorie")
KEY = ("maand", *DIMENSIONS, "vertrouwelijkheid")
ALLE = "*"  # a dimension summed over: the cell counts every value
# The grouping sets kept (ADR 0023): every month and confidentiality rank summed over all
# dimensions, per single dimension, per pair, and the full cross product. A dashboard chart
# reads the smallest set that holds its filters and its own dimension.
LATTICE = ((), *((d,) for d in DIMENSIONS), *itertools.combinations(DIMENSIONS, 2), DIMENSIONS)


def niveau(kept) -> int:
    """The grouping set as a number (a bit per kept dimension), stored and indexed per cell."""
    return sum(1 << i for i, d in enumerate(DIMENSIONS) if d in kept)


def niveau_of(key: tuple) -> int:
    """The grouping set of a cell key (organisation_id, *KEY)."""
    return sum(1 << i for i, value in enumerate(key[2 : 2 + len(DIMENSIONS)]) if value != ALLE)


MEASURES = (
    "geopend",
    "open",
    "gesloten",
    "met_termijn",
    "binnen_termijn",
    "opgeschort",
    "verlengd",
    "heropend",
    "geautomatiseerd",
    "besluiten",
    "doorlooptijd_som",
)
BATCH = 1000
LOCK_ID = 0x1A5_1C47  # PostgreSQL advisory lock of the cell writers


def maand(day: date) -> date:
    return day.replace(day=1)


@dataclass
class Delta:
    counts: Counter = field(default_factory=Counter)
    doorlooptijden: Counter = field(default_factory=Counter)

    def add(self, other: Delta, sign: int) -> None:
        for name, value in other.counts.items():
            self.counts[name] += sign * value
        for days, value in other.doorlooptijden.items():
            self.doorlooptijden[days] += sign * value


def contributions(feit: ZaakFeit) -> dict[tuple, Delta]:
    """{(organisation_id, *KEY): Delta} that one fact adds to the cells of every grouping set."""
    result: dict[tuple, Delta] = {}
    for kept in LATTICE:
        dims = (*(getattr(feit, d) if d in kept else ALLE for d in DIMENSIONS), feit.vertrouwelijkheid)
        for key, delta in _contribution(feit, dims).items():
            result.setdefault(key, Delta()).add(delta, 1)
    return result


def _contribution(feit: ZaakFeit, dims: tuple) -> dict[tuple, Delta]:
    opened = Delta(Counter(geopend=1, open=int(feit.einddatum is None)))
    result = {(feit.organisation_id, maand(feit.registratiedatum), *dims): opened}
    if feit.einddatum is not None:
        days = max(feit.doorlooptijd, 0)
        closed = Delta(
            Counter(
                gesloten=1,
                met_termijn=int(feit.uiterste_datum is not None),
                binnen_termijn=int(bool(feit.binnen_termijn)),
                opgeschort=int(feit.opgeschort),
                verlengd=int(feit.verlengd),
                heropend=int(feit.heropend > 0),
                geautomatiseerd=int(feit.geautomatiseerd),
                besluiten=feit.besluiten,
                doorlooptijd_som=days,
            ),
            Counter({str(days): 1}),
        )
        key = (feit.organisation_id, maand(feit.einddatum), *dims)
        if key in result:
            result[key].add(closed, 1)
        else:
            result[key] = closed
    return result


def accumulate(deltas: dict[tuple, Delta], facts, sign: int) -> None:
    for feit in facts:
        for key, delta in contributions(feit).items():
            deltas.setdefault(key, Delta()).add(delta, sign)


def apply(deltas: dict[tuple, Delta]) -> None:
    """Add the deltas to the cells (creating and dropping cells as needed). Runs under the
    writers' lock: two refreshes never read-modify-write one cell at the same time."""
    deltas = {k: d for k, d in deltas.items() if any(d.counts.values()) or any(d.doorlooptijden.values())}
    if not deltas:
        return
    if connection.vendor == "postgresql":
        _upsert(deltas)
        return
    organisations = {k[0] for k in deltas}
    months = {k[1] for k in deltas}
    existing = {
        (c.organisation_id, *(getattr(c, name) for name in KEY)): c
        for c in ZaakCel.objects.filter(organisation_id__in=organisations, maand__in=months)
        if (c.organisation_id, *(getattr(c, name) for name in KEY)) in deltas
    }
    changed, created, empty = [], [], []
    for key, delta in deltas.items():
        cell = existing.get(key) or ZaakCel(
            organisation_id=key[0],
            **dict(zip(KEY, key[1:], strict=True)),
            niveau=niveau_of(key),
            doorlooptijden={},
        )
        for name, value in delta.counts.items():
            setattr(cell, name, getattr(cell, name) + value)
        histogram = Counter({k: v for k, v in cell.doorlooptijden.items()})
        histogram.update(delta.doorlooptijden)
        cell.doorlooptijden = {k: v for k, v in histogram.items() if v}
        if cell.pk is None:
            created.append(cell)
        elif cell.geopend == 0 and cell.gesloten == 0:
            empty.append(cell.pk)
        else:
            changed.append(cell)
    ZaakCel.objects.filter(pk__in=empty).delete()
    ZaakCel.objects.bulk_update(changed, [*MEASURES, "doorlooptijden"], batch_size=500)
    ZaakCel.objects.bulk_create(created, batch_size=500)


UPSERT_ROWS = 500


def _upsert(deltas: dict[tuple, Delta]) -> None:
    """PostgreSQL: add the deltas in the database (INSERT … ON CONFLICT DO UPDATE, the
    histograms merged by key), instead of reading the touched months' cells into Python;
    cells left empty are deleted by the ids the statement returns."""
    columns = ("organisation_id", *KEY, "niveau", *MEASURES, "doorlooptijden")
    row = "(" + ", ".join(["%s"] * (len(columns) - 1)) + ", %s::jsonb)"
    updates = ", ".join(f"{m} = inzicht_zaakcel.{m} + EXCLUDED.{m}" for m in MEASURES)
    merged = (
        "COALESCE((SELECT jsonb_object_agg(dag, n) FROM (SELECT dag, SUM(n::int) AS n FROM ("
        "SELECT key AS dag, value AS n FROM jsonb_each_text(inzicht_zaakcel.doorlooptijden) UNION ALL "
        "SELECT key, value FROM jsonb_each_text(EXCLUDED.doorlooptijden)) AS beide GROUP BY dag) AS som "
        "WHERE n <> 0), '{}'::jsonb)"
    )
    insert = f"INSERT INTO inzicht_zaakcel ({', '.join(columns)}) VALUES "  # noqa: S608 - own names
    conflict = (
        f" ON CONFLICT ON CONSTRAINT zaakcel_unique_key DO UPDATE SET {updates}, doorlooptijden = {merged}"
        " RETURNING id, geopend, gesloten"
    )
    items = list(deltas.items())
    empty = []
    with connection.cursor() as cursor:
        for start in range(0, len(items), UPSERT_ROWS):
            chunk = items[start : start + UPSERT_ROWS]
            params = []
            for key, delta in chunk:
                counts = (delta.counts[m] for m in MEASURES)
                params += [*key, niveau_of(key), *counts, json.dumps(dict(delta.doorlooptijden))]
            values = ", ".join([row] * len(chunk))
            cursor.execute(insert + values + conflict, params)
            empty += [pk for pk, geopend, gesloten in cursor.fetchall() if geopend == 0 and gesloten == 0]
    ZaakCel.objects.filter(pk__in=empty).delete()


def _lock() -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [LOCK_ID])


def refresh(zaak_uuids) -> int:
    """Bring the facts and cells of these zaken up to date (in the current scope)."""
    uuids = list(zaak_uuids)
    with transaction.atomic():
        _lock()
        current = zaken.zaken_by_uuid(uuids)
        new = feiten.facts_for(current)
        old = list(ZaakFeit.objects.filter(zaak_uuid__in=uuids))
        deltas: dict[tuple, Delta] = {}
        accumulate(deltas, old, -1)
        accumulate(deltas, new, +1)
        ZaakFeit.objects.filter(zaak_uuid__in=uuids).delete()
        ZaakFeit.objects.bulk_create(new, batch_size=500)
        apply(deltas)
    return len(uuids)


def mark(organisation_id: int, zaak_uuids) -> None:
    """Queue zaken for the refresh (an event arrived): one upsert. A zaak already queued gets
    a new time, so a batch that is refreshing it right now leaves it queued."""
    now = timezone.now()
    TeVerversen.objects.bulk_create(
        [TeVerversen(organisation_id=organisation_id, zaak_uuid=u, sinds=now) for u in zaak_uuids],
        update_conflicts=True,
        unique_fields=["zaak_uuid"],
        update_fields=["sinds"],
    )


def refresh_pending(batch: int = BATCH, limit: int | None = None) -> int:
    """Refresh the queued zaken, a batch at a time, until the queue is empty (or ``limit``
    zaken are done). Queue rows are taken with SKIP LOCKED, so workers may run side by side;
    a zaak queued again while its batch runs keeps its new row and is refreshed next time."""
    done = 0
    while limit is None or done < limit:
        with transaction.atomic():
            query = TeVerversen.objects.order_by("pk")
            if connection.features.has_select_for_update_skip_locked:
                query = query.select_for_update(skip_locked=True)
            rows = list(query.values_list("pk", "zaak_uuid", "sinds")[:batch])
            if not rows:
                return done
            refresh([u for _pk, u, _sinds in rows])
            for pk, _uuid, sinds in rows:
                TeVerversen.objects.filter(pk=pk, sinds=sinds).delete()
        done += len(rows)
    return done


def rebuild(organisation, *, chunk: int = 5000, progress=None) -> int:
    """Facts and cells of the organisation anew from all its zaken (after an import)."""
    with transaction.atomic():
        _lock()
        ZaakFeit.objects.filter(organisation=organisation).delete()
        ZaakCel.objects.filter(organisation=organisation).delete()
        TeVerversen.objects.filter(organisation=organisation).delete()
        deltas: dict[tuple, Delta] = {}
        written = 0
        for batch in zaken.zaken_in_chunks(organisation, chunk):
            facts = feiten.facts_for(batch)
            ZaakFeit.objects.bulk_create(facts, batch_size=2000)
            accumulate(deltas, facts, +1)
            written += len(facts)
            if progress:
                progress(written)
        apply(deltas)
    return written


def rebuild_cells(organisation, chunk: int = 10_000) -> int:
    """The cells of the organisation anew from its stored facts (no zaak is read): after a
    change of the cells' dimensions, or to check them. PostgreSQL aggregates in SQL, one
    statement per grouping set; elsewhere the facts are summed in Python. Returns the cells."""
    with transaction.atomic():
        _lock()
        ZaakCel.objects.filter(organisation=organisation).delete()
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                for kept in LATTICE:
                    cursor.execute(_cells_sql(kept), {"organisation": organisation.pk})
        else:
            deltas: dict[tuple, Delta] = {}
            facts = ZaakFeit.objects.filter(organisation=organisation).order_by()
            accumulate(deltas, facts.iterator(chunk_size=chunk), +1)
            apply(deltas)
    return ZaakCel.objects.filter(organisation=organisation).count()


def _cells_sql(kept: tuple) -> str:
    """INSERT the cells of one grouping set, as ``contributions`` makes them: opened in the
    registration month, closed in the einddatum month; the histogram by a second GROUP BY."""
    dims = ", ".join(d if d in kept else f"'{ALLE}' AS {d}" for d in DIMENSIONS)
    key = ", ".join(("organisation_id", *KEY))
    measures = ", ".join(MEASURES)
    sums = ", ".join(f"SUM({m})" for m in MEASURES)
    days = "GREATEST(einddatum - startdatum, 0)"
    return f"""
    INSERT INTO inzicht_zaakcel ({key}, niveau, {measures}, doorlooptijden)
    WITH bijdrage AS (
        SELECT organisation_id, date_trunc('month', registratiedatum)::date AS maand, {dims},
               vertrouwelijkheid, 1 AS geopend, (einddatum IS NULL)::int AS open, 0 AS gesloten,
               0 AS met_termijn, 0 AS binnen_termijn, 0 AS opgeschort, 0 AS verlengd, 0 AS heropend,
               0 AS geautomatiseerd, 0 AS besluiten, 0 AS doorlooptijd_som, NULL::int AS dagen
        FROM inzicht_zaakfeit WHERE organisation_id = %(organisation)s
        UNION ALL
        SELECT organisation_id, date_trunc('month', einddatum)::date, {dims}, vertrouwelijkheid,
               0, 0, 1, (uiterste_datum IS NOT NULL)::int, COALESCE((einddatum <= uiterste_datum)::int, 0),
               opgeschort::int, verlengd::int, (heropend > 0)::int, geautomatiseerd::int, besluiten,
               {days}, {days}
        FROM inzicht_zaakfeit WHERE organisation_id = %(organisation)s AND einddatum IS NOT NULL
    ), per_dag AS (
        SELECT {key}, {", ".join(f"SUM({m}) AS {m}" for m in MEASURES)}, dagen,
               COUNT(*) FILTER (WHERE dagen IS NOT NULL) AS zaken
        FROM bijdrage GROUP BY {key}, dagen
    )
    SELECT {key}, {niveau(kept)}, {sums},
           COALESCE(jsonb_object_agg(dagen::text, zaken) FILTER (WHERE dagen IS NOT NULL), '{{}}'::jsonb)
    FROM per_dag GROUP BY {key}
    """  # noqa: S608 - only our own column names and constants are formatted in
