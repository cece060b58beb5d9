"""The door of raadhuis.sensoren for other components: create a Thing as the API would, know
which streams an event of kanaal ``sensoren`` gave new Observations, and read a stream's
Observations as plain values. Other components never touch the SensorThings models."""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.db import connection, transaction

from raadhuis.sensoren import models as m
from raadhuis.sensoren import publishing
from raadhuis.sensoren.api import VERSION_PATH
from raadhuis.sensoren.entities import THING
from raadhuis.sensoren.errors import STAError
from raadhuis.sensoren.writes import Writer

KANAAL = publishing.KANAAL
COMPLEX = "http://www.opengis.net/def/observationType/OGC-OM/2.0/OM_ComplexObservation"
MEASUREMENT = "http://www.opengis.net/def/observationType/OGC-OM/2.0/OM_Measurement"


class SensorError(ValueError):
    """The SensorThings body was refused (Dutch message)."""


def create_thing(organisation, body: dict) -> dict:
    """Create a Thing with everything nested in ``body`` (SensorThings JSON, deep insert), with
    the same checks, audit trail and events as ``POST Things``. Returns the ids:
    ``{"Thing": id, "Datastreams": {name: id}, "MultiDatastreams": {name: id}}``."""
    writer = Writer(organisation, settings.RAADHUIS_BASE_URL.rstrip("/") + VERSION_PATH)
    try:
        with transaction.atomic():
            thing = writer.create(THING, body)
            publishing.publish_changes(writer)
    except STAError as error:
        raise SensorError(str(error)) from error
    return {
        "Thing": thing.pk,
        "Datastreams": dict(thing.datastreams.values_list("name", "pk")),
        "MultiDatastreams": dict(thing.multi_datastreams.values_list("name", "pk")),
    }


def streams_observed(payload: dict) -> dict[tuple[str, int], int]:
    """(``"Datastream"`` or ``"MultiDatastream"``, id) → number of Observations created, for the
    payload of a ``sensoren`` event."""
    if "observed" in payload:  # a bulk write names its streams and counts
        return {(kind, pk): count for kind, pk, count in payload["observed"]}
    ids = [pk for entity, pk, action, *_ in publishing.changes_of(payload) if entity == "Observation"
           and action == "create"]
    counts: dict[tuple[str, int], int] = {}
    for start in range(0, len(ids), 5000):
        rows = m.Observation.all_tenants.filter(pk__in=ids[start:start + 5000]).values_list(
            "datastream_id", "multi_datastream_id")
        for datastream_id, multi_id in rows:
            key = ("Datastream", datastream_id) if datastream_id else ("MultiDatastream", multi_id)
            counts[key] = counts.get(key, 0) + 1
    return counts


def observations(organisation, *, multi_datastream: int | None = None, datastream: int | None = None,
                 start: datetime | None = None, end: datetime | None = None) -> list[tuple[datetime, object]]:
    """(phenomenonTime, result) of one stream of the organisation, oldest first, with
    ``start <= phenomenonTime < end``. A MultiDatastream's result is its list of values."""
    if (multi_datastream is None) == (datastream is None):
        raise ValueError("Name exactly one of datastream and multi_datastream.")
    rows = m.Observation.all_tenants.filter(organisation=organisation)
    rows = rows.filter(multi_datastream_id=multi_datastream) if datastream is None else rows.filter(
        datastream_id=datastream)
    if start is not None:
        rows = rows.filter(phenomenon_time__gte=start)
    if end is not None:
        rows = rows.filter(phenomenon_time__lt=end)
    out = []
    for moment, number, text, other in rows.order_by("phenomenon_time", "pk").values_list(
            "phenomenon_time", "result_number", "result_string", "result_json").iterator(chunk_size=10000):
        out.append((moment, number if number is not None else text if text is not None else other))
    return out


def latest_time(organisation, *, multi_datastream: int | None = None,
                datastream: int | None = None) -> datetime | None:
    """The phenomenonTime of the stream's latest Observation (None when it has none)."""
    rows = m.Observation.all_tenants.filter(organisation=organisation)
    rows = rows.filter(multi_datastream_id=multi_datastream) if datastream is None else rows.filter(
        datastream_id=datastream)
    return rows.order_by("-phenomenon_time").values_list("phenomenon_time", flat=True).first()


def alarmen_geopend(organisation, van, tot) -> dict[str, int]:
    """{alarm rule name: zaken opened by it} with ``van <= opened_at < tot`` (dates), for
    management information (inzicht)."""
    from django.db.models import Count

    rows = (m.AlertCase.all_tenants.filter(organisation=organisation, opened_at__date__gte=van,
                                           opened_at__date__lt=tot)
            .values("rule__name").annotate(n=Count("pk")).order_by().values_list("rule__name", "n"))
    return dict(rows)


def delete_observations(organisation, *, multi_datastream: int | None = None, datastream: int | None = None,
                        start: datetime, end: datetime) -> int:
    """Delete one stream's Observations with ``start <= phenomenonTime < end`` (a component that
    has made what it needs of them, e.g. wegen after analysing a trip). Returns the count."""
    if (multi_datastream is None) == (datastream is None):
        raise ValueError("Name exactly one of datastream and multi_datastream.")
    column = "multi_datastream_id" if datastream is None else "datastream_id"
    with connection.cursor() as cursor:
        # One statement: the ORM's delete() would load every row as an instance first.
        cursor.execute(
            f"DELETE FROM {m.Observation._meta.db_table} WHERE organisation_id = %s AND {column} = %s "  # noqa: S608
            "AND phenomenon_time >= %s AND phenomenon_time < %s",
            [organisation.pk, multi_datastream if datastream is None else datastream, start, end],
        )
        return cursor.rowcount
