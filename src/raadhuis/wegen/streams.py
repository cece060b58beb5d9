"""Vehicles as SensorThings Things, and what their boxes stream turned into traces.

A vehicle's Thing has two MultiDatastreams: ``GPS`` ([latitude, longitude, speed m/s], ≈1 Hz)
and ``versnelling`` ([ax, ay, az] m/s², 50–200 Hz, gravity included). Boxes post
Observations through the SensorThings API (HTTP, DataArray or MQTT). For every ``sensoren``
event that brought observations to such a stream, wegen notes the arrival and analyses every
*trip* that is complete: the GPS fixes of a trip are followed by a silence of TRIP_GAP (and
later fixes), or it has run MAX_TRIP. The trip still open is analysed by the sweep
(``process_quiet``, every minute) once nothing has arrived for TRIP_GAP. A trip becomes a
trace exactly as the same rows uploaded as a file (``readers.trace_from_columns``), after
which its raw observations are deleted (data minimisation, ADR 0032).
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

import numpy as np
from django.db import transaction
from django.utils import timezone

from raadhuis.platform import services as platform
from raadhuis.platform import tenancy
from raadhuis.wegen import readers
from raadhuis.wegen.analysis.simulator import ORIGIN_RD
from raadhuis.wegen.analysis.trace import rd_to_wgs84
from raadhuis.wegen.models import RoadSegment, Trace, Vehicle

logger = logging.getLogger(__name__)

GPS_STREAM = "GPS"
ACC_STREAM = "versnelling"
TRIP_GAP = timedelta(seconds=120)  # GPS silent this long: the trip ended (engine off, box asleep)
MAX_TRIP = timedelta(hours=1)  # a longer drive is cut here (a pass across the cut is lost)
TAIL = timedelta(seconds=1)  # accelerometer samples after the last fix, as a file would have them
TICK = timedelta(microseconds=1)

UNIT_DEGREE = {"name": "graad", "symbol": "deg", "definition": "http://qudt.org/vocab/unit/DEG"}
UNIT_SPEED = {
    "name": "meter per seconde",
    "symbol": "m/s",
    "definition": "http://qudt.org/vocab/unit/M-PER-SEC",
}
UNIT_ACC = {
    "name": "meter per seconde kwadraat",
    "symbol": "m/s2",
    "definition": "http://qudt.org/vocab/unit/M-PER-SEC2",
}


def connect(vehicle: Vehicle, depot: tuple[float, float] | None = None) -> None:
    """Register the vehicle as a Thing with its GPS and accelerometer streams (once)."""
    from django.apps import apps

    if vehicle.thing_id or not apps.is_installed("raadhuis.sensoren"):
        return
    from raadhuis.sensoren import services as sensoren

    ids = sensoren.create_thing(vehicle.organisation, thing_body(vehicle, depot or depot_of(vehicle)))
    vehicle.thing_id = ids["Thing"]
    vehicle.gps_stream_id = ids["MultiDatastreams"][_stream_name(vehicle, GPS_STREAM)]
    vehicle.acc_stream_id = ids["MultiDatastreams"][_stream_name(vehicle, ACC_STREAM)]
    vehicle.save(update_fields=["thing_id", "gps_stream_id", "acc_stream_id"])


def _stream_name(vehicle: Vehicle, kind: str) -> str:
    return f"{vehicle.identificatie} {kind}"


def depot_of(vehicle: Vehicle) -> tuple[float, float]:
    """Where the Thing's Location is put when no depot is given: the middle of the network
    (the Thing moves; its observations carry the real positions)."""
    coordinates = [
        point
        for geometry in RoadSegment.objects.filter(organisation=vehicle.organisation).values_list(
            "geometry", flat=True
        )[:2000]
        for point in (geometry or {}).get("coordinates", [])
    ]
    if coordinates:
        lon, lat = np.mean(np.asarray(coordinates, dtype=float), axis=0)
        return float(lon), float(lat)
    lon, lat = rd_to_wgs84(*ORIGIN_RD)
    return float(lon), float(lat)


def thing_body(vehicle: Vehicle, depot: tuple[float, float]) -> dict:
    def stream(kind, description, sensor, properties, units):
        return {
            "name": _stream_name(vehicle, kind),
            "description": description,
            "observationType": "http://www.opengis.net/def/observationType/OGC-OM/2.0/OM_ComplexObservation",
            "multiObservationDataTypes": [
                "http://www.opengis.net/def/observationType/OGC-OM/2.0/OM_Measurement"
            ]
            * len(units),
            "unitOfMeasurements": units,
            "Sensor": {
                "name": sensor,
                "description": sensor,
                "encodingType": "text/plain",
                "metadata": sensor,
            },
            "ObservedProperties": [
                {"name": name, "definition": definition, "description": name}
                for name, definition in properties
            ],
        }

    return {
        "name": f"Voertuig {vehicle.identificatie}",
        "description": f"{vehicle.get_vehicle_type_display()} met GPS en versnellingsmeter voor weginspectie",
        "properties": {
            "soort": "voertuig",
            "eigenaar": vehicle.organisation.name,
            "doel": "Weginspectie: ruwheid (IRI) en wegschade per wegvak uit GPS en versnelling",
            # Positions of a work vehicle say where its driver was.
            "persoonsgegevens": True,
            "voertuigtype": vehicle.vehicle_type,
            "identificatie": vehicle.identificatie,
        },
        "Locations": [
            {
                "name": f"Stalling {vehicle.identificatie}",
                "description": "Thuisbasis van het voertuig; de GPS-stroom geeft de ritten",
                "encodingType": "application/geo+json",
                "location": {"type": "Point", "coordinates": [round(depot[0], 7), round(depot[1], 7)]},
            }
        ],
        "MultiDatastreams": [
            stream(
                GPS_STREAM,
                "GNSS-positie en -snelheid, ongeveer 1 Hz: [breedtegraad, lengtegraad, snelheid]",
                "GNSS-ontvanger",
                [
                    ("breedtegraad", "http://www.w3.org/2003/01/geo/wgs84_pos#lat"),
                    ("lengtegraad", "http://www.w3.org/2003/01/geo/wgs84_pos#long"),
                    ("snelheid", "http://qudt.org/vocab/quantitykind/Speed"),
                ],
                [UNIT_DEGREE, UNIT_DEGREE, UNIT_SPEED],
            ),
            stream(
                ACC_STREAM,
                "Versnelling in drie assen van het kastje, 50–200 Hz, zwaartekracht inbegrepen: [ax, ay, az]",
                "Versnellingsmeter",
                [
                    (f"versnelling {axis}", "http://qudt.org/vocab/quantitykind/Acceleration")
                    for axis in "xyz"
                ],
                [UNIT_ACC, UNIT_ACC, UNIT_ACC],
            ),
        ],
    }


# --- from observations to traces ---------------------------------------------------------------


def on_sensor_event(event) -> None:
    """Outbox handler (kanaal ``sensoren``): analyse the complete trips of the vehicles whose
    streams got observations. Other sensors' events cost one query."""
    from raadhuis.sensoren import services as sensoren

    with tenancy.system_scope():
        observed = sensoren.streams_observed(event.payload)
        ids = [pk for kind, pk in observed if kind == "MultiDatastream"]
        if not ids:
            return
        vehicles = list(
            Vehicle.all_tenants.filter(organisation_id=event.organisation_id, gps_stream_id__in=ids)
            | Vehicle.all_tenants.filter(organisation_id=event.organisation_id, acc_stream_id__in=ids)
        )
    for vehicle in vehicles:
        with tenancy.scope_for([vehicle.organisation_id]):
            process(vehicle, received=True)


def process_quiet(now: datetime | None = None) -> int:
    """The sweep: analyse the open trip of every vehicle whose box has been silent for TRIP_GAP.
    Returns the number of traces made."""
    now = now or timezone.now()
    with tenancy.system_scope():
        waiting = list(
            Vehicle.all_tenants.filter(
                stream_received_at__isnull=False, stream_received_at__lte=now - TRIP_GAP
            )
        )
    made = 0
    for vehicle in waiting:
        with tenancy.scope_for([vehicle.organisation_id]):
            made += len(process(vehicle, now=now))
    return made


def process(vehicle: Vehicle, *, now: datetime | None = None, received: bool = False) -> list[Trace]:
    """Turn the vehicle's complete trips into traces; one worker at a time per vehicle."""
    from raadhuis.wegen import services

    if not vehicle.gps_stream_id:
        return []
    now = now or timezone.now()
    with transaction.atomic():
        vehicle = Vehicle.objects.select_for_update().get(pk=vehicle.pk)
        if received:
            vehicle.stream_received_at = now
        quiet = vehicle.stream_received_at is not None and now - vehicle.stream_received_at >= TRIP_GAP
        traces = []
        for start, end in complete_trips(vehicle, quiet):
            traces.append(_trip_trace(vehicle, start, end, services))
            _forget(vehicle, start, end)
            vehicle.stream_processed_until = end
        if quiet:
            vehicle.stream_received_at = None  # nothing waits any more
        vehicle.save(update_fields=["stream_received_at", "stream_processed_until"])
    return traces


def complete_trips(vehicle: Vehicle, quiet: bool) -> list[tuple[datetime, datetime]]:
    """(start, end) of the trips since the last processed one, end exclusive, that are over:
    the GPS fixes stop for TRIP_GAP and *both* streams have data after that (the two streams
    arrive separately), or the trip reached MAX_TRIP; every trip once the box went quiet."""
    from raadhuis.sensoren import services as sensoren

    organisation = vehicle.organisation
    fixes = [
        moment
        for moment, _ in sensoren.observations(
            organisation, multi_datastream=vehicle.gps_stream_id, start=vehicle.stream_processed_until
        )
    ]
    latest_acc = sensoren.latest_time(organisation, multi_datastream=vehicle.acc_stream_id)
    trips, start = [], None
    for index, moment in enumerate(fixes):
        start = start or moment
        if moment - start >= MAX_TRIP:
            trips.append((start, moment))
            start = moment
        if index + 1 == len(fixes) or fixes[index + 1] - moment > TRIP_GAP:
            trips.append((start, moment + TAIL))
            start = None
    if quiet:
        return trips
    return [(begin, end) for begin, end in trips if end <= fixes[-1] and latest_acc and latest_acc >= end]


def _trip_trace(vehicle: Vehicle, start: datetime, end: datetime, services) -> Trace:
    from raadhuis.sensoren import services as sensoren

    organisation = vehicle.organisation
    gps = sensoren.observations(organisation, multi_datastream=vehicle.gps_stream_id, start=start, end=end)
    acc = sensoren.observations(organisation, multi_datastream=vehicle.acc_stream_id, start=start, end=end)
    try:
        trace_data, started_at = readers.trace_from_columns(_columns(gps, acc), vehicle.vehicle_type)
    except (readers.ReadError, ValueError, TypeError) as error:
        reason = str(error) if isinstance(error, readers.ReadError) else "De stroom bevat ongeldige waarden."
        logger.info("Streamed trip of %s refused: %s", vehicle.identificatie, reason)
        return Trace.objects.create(
            organisation=organisation,
            vehicle=vehicle,
            started_at=start,
            status=Trace.Status.AFGEKEURD,
            source=Trace.Source.SENSORTHINGS,
            reason=reason[:500],
        )
    return services.analyse_and_store(vehicle, trace_data, started_at, source=Trace.Source.SENSORTHINGS)


def _forget(vehicle: Vehicle, start: datetime, end: datetime) -> None:
    """Delete the trip's raw observations once analysed, as an uploaded file is not kept either:
    the positions of a work vehicle say where its driver was, and SensorThings is public."""
    from raadhuis.sensoren import services as sensoren

    for stream_id in (vehicle.gps_stream_id, vehicle.acc_stream_id):
        sensoren.delete_observations(vehicle.organisation, multi_datastream=stream_id, start=start, end=end)


def _columns(gps: list, acc: list) -> dict[str, list]:
    """The rows of the upload format: a GPS fix or an accelerometer sample per row."""
    empty = [None] * len(acc)
    gps_values = [_triple(result) for _, result in gps]
    acc_values = [_triple(result) for _, result in acc]
    return {
        "t": [moment for moment, _ in gps] + [moment for moment, _ in acc],
        "lat": [v[0] for v in gps_values] + empty,
        "lon": [v[1] for v in gps_values] + empty,
        "speed": [v[2] for v in gps_values] + empty,
        "ax": [None] * len(gps) + [v[0] for v in acc_values],
        "ay": [None] * len(gps) + [v[1] for v in acc_values],
        "az": [None] * len(gps) + [v[2] for v in acc_values],
    }


def _triple(result) -> tuple:
    if not isinstance(result, list) or len(result) != 3:
        raise ValueError("A MultiDatastream result of three values was expected.")
    return tuple(result)


platform.register_event_handler("wegen.stromen", on_sensor_event, kanalen=["sensoren"])
