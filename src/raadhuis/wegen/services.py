"""The door of raadhuis.wegen: import the road network, register vehicles, ingest traces,
recompute conditions, import ground motion, and the maintenance priority list with its
exports. Dangerous potholes open an inspection zaak through the Zaken services."""

from __future__ import annotations

import csv
import io
import json
import logging
from datetime import datetime

import numpy as np
import shapely
from django.db import connection, transaction
from django.db.models.functions import TruncDate
from django.utils import timezone

from raadhuis.platform import services as platform
from raadhuis.wegen import classifier as classifier_store
from raadhuis.wegen import readers, streams
from raadhuis.wegen.analysis import condition as condition_module
from raadhuis.wegen.analysis import pipeline
from raadhuis.wegen.analysis.network import RoadNetwork, SegmentGeometry
from raadhuis.wegen.analysis.trace import wgs84_to_rd
from raadhuis.wegen.models import Defect, GroundMotionPoint, RoadSegment, SegmentPass, Trace, Vehicle

logger = logging.getLogger(__name__)

BRON = "wegen"
MELDING_ZAAKTYPE = "MOR"  # meldingen openbare ruimte: residents' reports and our inspections
DEDUP_RADIUS = 10.0  # m: a detection this close to a known defect is the same defect
MELDING_RADIUS = 25.0  # m: an open melding this close already covers a pothole
MELDINGEN_NEAR_SEGMENT = 30.0  # m, for the priority list
SUBSIDENCE_RADIUS = 25.0  # m around a segment for InSAR points
SUBSIDENCE_THRESHOLD = 2.0  # mm/year of sinking that flags a segment
DANGEROUS = "hoog"

# IRI gain per vehicle type (true / estimated): `training.calibrate_gain(seed=100, ...)` on the
# simulator (12 drives for the refuse truck, 6 for the others, 30 Nov 2026). A vehicle's own
# gain, calibrated on a reference section of known IRI, overrides it.
DEFAULT_GAINS = {"vuilniswagen": 1.04, "bus": 1.01, "personenauto": 1.01}


class WegenError(ValueError):
    """Bad input for the wegen services, with a Dutch message."""


# --- road network ----------------------------------------------------------------------------


def import_network(organisation, content: bytes, *, register_objects: bool = True) -> dict:
    """Create or update the organisation's segments from a NWB/BGT file (GeoJSON or zipped
    shapefile; RD New or WGS84). Returns counts of created and updated segments."""
    try:
        records = readers.read_network(content)
    except readers.ReadError as error:
        raise WegenError(str(error)) from error
    created = updated = 0
    with transaction.atomic():
        existing = {s.identificatie: s for s in RoadSegment.objects.filter(organisation=organisation)}
        for record in records:
            attrs = {
                "straatnaam": record.straatnaam,
                "wegtype": record.wegtype,
                "verkeersklasse": record.verkeersklasse,
                "beheerder": record.beheerder,
                "geometry": readers.geojson_line(record.coords_rd),
                "coords_rd": np.round(record.coords_rd, 3).tolist(),
                "length": float(shapely.LineString(record.coords_rd).length),
            }
            segment = existing.get(record.identificatie)
            if segment is None:
                segment = RoadSegment(organisation=organisation, identificatie=record.identificatie, **attrs)
                created += 1
            else:
                for name, value in attrs.items():
                    setattr(segment, name, value)
                updated += 1
            segment.save()
            if register_objects and not segment.object_url:
                segment.object_url = register_object(
                    organisation, "wegvak", _segment_data(segment), segment.geometry
                )
                if segment.object_url:
                    segment.save(update_fields=["object_url"])
        platform.record_change(
            organisation=organisation,
            bron=BRON,
            actie="create",
            resource="wegennet",
            resource_url=f"wegen:wegennet:{organisation.pk}",
            nieuw={"aangemaakt": created, "bijgewerkt": updated},
            resource_weergave=f"wegennet ({created} nieuw, {updated} bijgewerkt)",
        )
    return {"aangemaakt": created, "bijgewerkt": updated}


def network_of(organisation) -> tuple[RoadNetwork, list[RoadSegment]]:
    segments = list(RoadSegment.objects.filter(organisation=organisation).order_by("pk"))
    if not segments:
        raise WegenError("Deze organisatie heeft nog geen wegennet; importeer eerst de wegvakken.")
    network = RoadNetwork([SegmentGeometry(s.pk, np.asarray(s.coords_rd, dtype=float)) for s in segments])
    return network, segments


def _segment_data(segment: RoadSegment) -> dict:
    return {
        "identificatie": segment.identificatie,
        "straatnaam": segment.straatnaam,
        "wegtype": segment.wegtype,
        "beheerder": segment.beheerder,
    }


# --- the one coupling to the objects register -------------------------------------------------

OBJECT_SCHEMAS = {
    "wegvak": {
        "type": "object",
        "properties": {
            "identificatie": {"type": "string"},
            "straatnaam": {"type": "string"},
            "wegtype": {"type": "integer"},
            "beheerder": {"type": "string"},
        },
        "required": ["identificatie"],
    },
    "voertuig": {
        "type": "object",
        "properties": {"identificatie": {"type": "string"}, "voertuigtype": {"type": "string"}},
        "required": ["identificatie"],
    },
}


def register_object(organisation, kind: str, data: dict, geometry: dict | None = None) -> str:
    """Register a road segment or vehicle in raadhuis.objecten; its URL, or "" when the objects
    register is not installed or refuses (wegen works without it)."""
    from django.apps import apps

    if not apps.is_installed("raadhuis.objecten"):
        return ""
    try:
        from raadhuis.objecten import services as objecten

        with transaction.atomic():
            objecttype = objecten.ensure_objecttype(
                organisation=organisation, name=kind, json_schema=OBJECT_SCHEMAS[kind]
            )
            return objecten.create_object(objecttype.uuid, data=data, geometry=geometry).url
    except Exception:  # noqa: BLE001 - the register is optional and still evolving; never block wegen
        logger.warning("Registering %s in the objects register failed.", kind, exc_info=True)
        return ""


# --- vehicles and traces ---------------------------------------------------------------------


def register_vehicle(
    organisation, identificatie: str, vehicle_type: str, *, depot: tuple[float, float] | None = None
) -> Vehicle:
    """The vehicle (created once), registered as a SensorThings Thing whose GPS and
    accelerometer MultiDatastreams its box can stream to (``depot``: lon, lat of its Location)."""
    if vehicle_type not in Vehicle.Type.values:
        raise WegenError(
            f"Onbekend voertuigtype {vehicle_type!r}; kies uit {', '.join(Vehicle.Type.values)}."
        )
    with transaction.atomic():
        vehicle, created = Vehicle.objects.get_or_create(
            organisation=organisation, identificatie=identificatie, defaults={"vehicle_type": vehicle_type}
        )
        if created:
            vehicle.object_url = register_object(
                organisation, "voertuig", {"identificatie": identificatie, "voertuigtype": vehicle_type}
            )
            vehicle.save(update_fields=["object_url"])
        try:
            streams.connect(vehicle, depot)
        except ValueError as error:  # sensoren refused the Thing (its SensorError)
            raise WegenError(
                f"Het voertuig kan niet als SensorThings Thing worden geregistreerd: {error}"
            ) from error
    return vehicle


def process_streams(now: datetime | None = None) -> int:
    """Analyse the streamed trips that ended (their box silent for streams.TRIP_GAP); run every
    minute (Celery beat or ``raadhuis wegen-streams``). Returns the number of traces made."""
    return streams.process_quiet(now)


def gain_of(vehicle: Vehicle) -> float:
    return vehicle.iri_gain or DEFAULT_GAINS[vehicle.vehicle_type]


def ingest_trace(
    vehicle: Vehicle, content: bytes, *, started_at: datetime | None = None, classifier=None
) -> Trace:
    """Read, analyse and store one trace. An unusable trace is stored as ``afgekeurd`` with
    the reason; the parts of a usable trace that are bad are left out and listed in
    ``issues``. Conditions of the segments driven are recomputed."""
    try:
        trace_data, file_start = readers.read_trace(content, vehicle.vehicle_type)
    except readers.ReadError as error:
        raise WegenError(str(error)) from error
    return analyse_and_store(
        vehicle, trace_data, started_at or file_start or timezone.now(), classifier=classifier
    )


def analyse_and_store(
    vehicle: Vehicle, trace_data, started_at: datetime, *, classifier=None, source: str = Trace.Source.UPLOAD
) -> Trace:
    """Analyse a trace however it arrived (upload or SensorThings stream) and store the result."""
    organisation = vehicle.organisation
    network, segments = network_of(organisation)
    try:
        pipeline.validate(trace_data)  # before training the default classifier for nothing
        result = pipeline.analyse(
            trace_data,
            network,
            gain=gain_of(vehicle),
            classifier=classifier or classifier_store.default(),
        )
    except pipeline.TraceRejected as error:
        return Trace.objects.create(
            organisation=organisation,
            vehicle=vehicle,
            started_at=started_at,
            status=Trace.Status.AFGEKEURD,
            source=source,
            reason=str(error),
            duration=trace_data.duration,
        )
    by_pk = {segment.pk: segment for segment in segments}
    with transaction.atomic():
        trace = Trace.objects.create(
            organisation=organisation,
            vehicle=vehicle,
            started_at=started_at,
            status=Trace.Status.VERWERKT,
            source=source,
            duration=result.duration,
            good_share=result.good_share,
            issues=[
                {"code": i.code, "start": round(i.start, 2), "end": round(i.end, 2), "detail": i.detail}
                for i in result.issues
            ],
        )
        SegmentPass.objects.bulk_create(
            [_pass_row(trace, network, by_pk, p, started_at) for p in result.passes]
        )
        defects = [_merge_defect(organisation, network, by_pk, event, started_at) for event in result.events]
        touched = {network.segments[p.segment].key for p in result.passes}
        recompute_conditions(organisation, segment_ids=touched)
        platform.record_change(
            organisation=organisation,
            bron=BRON,
            actie="create",
            resource="rit",
            resource_url=f"wegen:rit:{trace.uuid}",
            nieuw={"passages": len(result.passes), "gebeurtenissen": len(result.events)},
            resource_weergave=f"rit van {vehicle.identificatie}",
        )
    for defect in defects:
        if defect.kind == Defect.Kind.GAT and defect.severity == DANGEROUS and not defect.zaak_url:
            open_inspection_zaak(defect)
    return trace


def _pass_row(trace, network, by_pk, item: pipeline.SegmentPass, started_at) -> SegmentPass:
    return SegmentPass(
        organisation=trace.organisation,
        trace=trace,
        segment=by_pk[network.segments[item.segment].key],
        measured_at=started_at + timezone.timedelta(seconds=item.start),
        forward=item.forward,
        speed=item.speed,
        iri=item.iri,
        iri_raw=item.iri_raw,
        iri_100m=item.iri_100m,
        coverage=item.coverage,
        confidence=item.confidence,
        signal={"hoogte_mm": item.elevation_mm, "versnelling": item.acceleration},
    )


def _merge_defect(organisation, network, by_pk, event: pipeline.Event, started_at) -> Defect:
    """One defect per location: a detection within DEDUP_RADIUS of a known defect of the same
    kind on the same segment updates it."""
    segment = by_pk[network.segments[event.segment].key]
    seen = started_at + timezone.timedelta(seconds=event.time)
    known = [
        d
        for d in Defect.objects.filter(segment=segment, kind=event.kind)
        if abs(d.measure - event.measure) <= DEDUP_RADIUS
    ]
    if known:
        defect = min(known, key=lambda d: abs(d.measure - event.measure))
        weight = defect.detections
        defect.measure = (defect.measure * weight + event.measure) / (weight + 1)
        defect.detections += 1
        defect.last_seen = max(defect.last_seen, seen)
        defect.size = max(defect.size, event.size)
        if _rank(event.severity) > _rank(defect.severity):
            defect.severity = event.severity
        defect.save()
        return defect
    return Defect.objects.create(
        organisation=organisation,
        segment=segment,
        kind=event.kind,
        measure=event.measure,
        lon=round(event.lon, 7),
        lat=round(event.lat, 7),
        severity=event.severity,
        size=event.size,
        first_seen=seen,
        last_seen=seen,
    )


def _rank(severity: str) -> int:
    return {"laag": 0, "midden": 1, "hoog": 2}.get(severity, 0)


# --- pothole zaken ----------------------------------------------------------------------------


def open_inspection_zaak(defect: Defect) -> str:
    """Open an inspection zaak for a dangerous pothole, unless an open melding (MOR zaak) lies
    within MELDING_RADIUS: then the pothole is linked to that melding. Returns the zaak URL."""
    from raadhuis.zgw.catalogi import services as catalogi
    from raadhuis.zgw.zaken import services as zaken

    organisation = defect.organisation
    with transaction.atomic():
        defect = Defect.objects.select_for_update().get(pk=defect.pk)
        if defect.zaak_url:
            return defect.zaak_url
        nearby = meldingen_near(defect.lon, defect.lat, MELDING_RADIUS)
        if nearby:
            defect.zaak_url = zaken.zaak_url(nearby[0])
        else:
            zaaktype = catalogi.current_zaaktype(MELDING_ZAAKTYPE)
            if zaaktype is None:
                logger.warning(
                    "No zaaktype %s: pothole %s gets no inspection zaak.", MELDING_ZAAKTYPE, defect.uuid
                )
                return ""
            today = timezone.localdate()
            zaak = zaken.create_zaak(
                {
                    "zaaktype": zaaktype,
                    "bronorganisatie": organisation.rsin,
                    "verantwoordelijke_organisatie": organisation.rsin,
                    "omschrijving": f"Inspectie gat in {defect.segment}"[:80],
                    "toelichting": (
                        f"Automatisch gemeld door weginspectie: gat van ca. {defect.size * 100:.0f} cm "
                        f"diep, {defect.detections}× gedetecteerd, wegvak {defect.segment.identificatie} "
                        f"op {defect.measure:.0f} m."
                    )[:1000],
                    "startdatum": today,
                    "registratiedatum": today,
                    "betalingsindicatie": "nvt",
                    "zaakgeometrie": {"type": "Point", "coordinates": [defect.lon, defect.lat]},
                }
            )
            defect.zaak_url = zaken.zaak_url(zaak)
        defect.save(update_fields=["zaak_url"])
    return defect.zaak_url


def meldingen_near(lon: float, lat: float, radius: float) -> list:
    """Open MOR zaken whose geometry lies within ``radius`` m of the point, nearest first."""
    from raadhuis.zgw.zaken import services as zaken

    pad_lat, pad_lon = radius / 111_000, radius / (111_000 * np.cos(np.radians(lat)))
    found = zaken.zaken_in_area(
        zaaktype_identificatie=MELDING_ZAAKTYPE,
        min_x=lon - pad_lon,
        min_y=lat - pad_lat,
        max_x=lon + pad_lon,
        max_y=lat + pad_lat,
    )
    here = shapely.Point(*np.ravel(wgs84_to_rd(lon, lat)))
    out = []
    for zaak in found:
        distance = _distance_rd(zaak.zaakgeometrie, here)
        if distance is not None and distance <= radius:
            out.append((distance, zaak))
    return [zaak for _, zaak in sorted(out, key=lambda pair: pair[0])]


def _distance_rd(geometry: dict, point) -> float | None:
    try:
        shape = shapely.geometry.shape(geometry)
    except (ValueError, TypeError, AttributeError, KeyError):
        return None
    coordinates = shapely.get_coordinates(shape)
    x, y = wgs84_to_rd(coordinates[:, 0], coordinates[:, 1])
    projected = shapely.transform(shape, lambda _: np.column_stack([x, y]))
    return float(projected.distance(point))


# --- condition ---------------------------------------------------------------------------------


def recompute_conditions(organisation, segment_ids=None, today=None) -> int:
    """Recompute the condition of the organisation's segments (or of ``segment_ids``) from
    all their passes. Returns the number of segments updated."""
    today = today or timezone.localdate()
    segments = RoadSegment.objects.filter(organisation=organisation).only("pk", "wegtype")
    rows = SegmentPass.objects.filter(organisation=organisation)
    if segment_ids is not None:
        segments = segments.filter(pk__in=list(segment_ids))
        rows = rows.filter(segment_id__in=list(segment_ids))
    segments = list(segments)  # only what the arithmetic needs: no geometry to parse
    passes: dict[int, list[tuple[int, float, float]]] = {}
    # The day is all the arithmetic needs; the database gives it (a timestamp with time zone
    # costs 30 µs a row to load in Python, a third of a 10,000-segment recompute).
    rows = rows.annotate(day=TruncDate("measured_at")).values_list(
        "segment_id", "day", "iri", "confidence", "coverage"
    )
    for segment_id, day, iri, confidence, coverage in rows.iterator(chunk_size=5000):
        passes.setdefault(segment_id, []).append((day.toordinal(), iri, confidence * coverage))
    now = timezone.now()
    for segment in segments:
        data = np.array(passes.get(segment.pk, []), dtype=float).reshape(-1, 3)
        result = condition_module.combine(data[:, 0], data[:, 1], data[:, 2], today, segment.wegtype)
        segment.iri, segment.iri_standard_error = result.iri, result.standard_error
        segment.confidence, segment.pass_count, segment.trend = result.confidence, result.passes, result.trend
        segment.klasse, segment.planning_year = result.klasse or "", result.planning_year
        segment.condition_at = now
    _save_fields(
        segments,
        (
            "iri",
            "iri_standard_error",
            "confidence",
            "pass_count",
            "trend",
            "klasse",
            "planning_year",
            "condition_at",
        ),
    )
    return len(segments)


def _save_fields(segments: list[RoadSegment], names: tuple[str, ...]) -> None:
    """Write ``names`` of many segments: one parametrised UPDATE run with executemany. Django's
    bulk_update builds CASE expressions that grow quadratically (400 s for 10,000 segments on
    SQLite); this takes a second. The segments come from a tenant-scoped query."""
    fields = [RoadSegment._meta.get_field(name) for name in names]
    assignments = ", ".join(f"{connection.ops.quote_name(field.column)} = %s" for field in fields)
    table = connection.ops.quote_name(RoadSegment._meta.db_table)
    rows = [
        [field.get_db_prep_save(getattr(segment, field.attname), connection) for field in fields]
        + [segment.pk]
        for segment in segments
    ]
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.executemany(f"UPDATE {table} SET {assignments} WHERE id = %s", rows)  # noqa: S608 - names from the model


# --- ground motion -----------------------------------------------------------------------------


def import_ground_motion(organisation, content: bytes, *, threshold: float = SUBSIDENCE_THRESHOLD) -> dict:
    """Import EGMS points and set each segment's ground motion: the median velocity of the
    points within SUBSIDENCE_RADIUS (None when there are none). Returns counts."""
    try:
        points = readers.read_ground_motion(content)
    except readers.ReadError as error:
        raise WegenError(str(error)) from error
    with transaction.atomic():
        GroundMotionPoint.objects.filter(organisation=organisation).delete()
        GroundMotionPoint.objects.bulk_create(
            [
                GroundMotionPoint(
                    organisation=organisation, point_id=pid, lon=lon, lat=lat, velocity=velocity
                )
                for pid, lon, lat, velocity in points
            ],
            batch_size=5000,
        )
        flagged = _assign_subsidence(organisation, points, threshold)
    return {"punten": len(points), "wegvakken_met_daling": flagged}


def _assign_subsidence(organisation, points, threshold: float) -> int:
    segments = list(RoadSegment.objects.filter(organisation=organisation))
    if not segments or not points:
        return 0
    lon = np.array([p[1] for p in points])
    lat = np.array([p[2] for p in points])
    velocity = np.array([p[3] for p in points])
    x, y = wgs84_to_rd(lon, lat)
    tree = shapely.STRtree(shapely.points(x, y))
    flagged = 0
    for segment in segments:
        line = shapely.LineString(segment.coords_rd)
        near = tree.query(line, predicate="dwithin", distance=SUBSIDENCE_RADIUS)
        segment.subsidence = round(float(np.median(velocity[near])), 2) if near.size else None
        flagged += int(segment.subsidence is not None and segment.subsidence <= -threshold)
    _save_fields(segments, ("subsidence",))
    return flagged


# --- maintenance priority ------------------------------------------------------------------------


def priority_list(organisation, *, threshold: float = SUBSIDENCE_THRESHOLD) -> list[dict]:
    """Segments by maintenance priority, highest first."""
    segments = list(RoadSegment.objects.filter(organisation=organisation).order_by("pk"))
    dangerous: dict[int, int] = {}
    for segment_id in Defect.objects.filter(
        organisation=organisation, kind=Defect.Kind.GAT, severity=DANGEROUS
    ).values_list("segment_id", flat=True):
        dangerous[segment_id] = dangerous.get(segment_id, 0) + 1
    meldingen = _meldingen_per_segment(segments)
    rows = []
    for segment in segments:
        score = condition_module.priority(
            iri=segment.iri,
            road_type=segment.wegtype,
            traffic_class=segment.verkeersklasse,
            subsidence=segment.subsidence,
            meldingen=meldingen.get(segment.pk, 0),
            dangerous_potholes=dangerous.get(segment.pk, 0),
            subsidence_threshold=threshold,
        )
        rows.append(
            {
                "identificatie": segment.identificatie,
                "straatnaam": segment.straatnaam,
                "wegtype": segment.wegtype,
                "verkeersklasse": segment.verkeersklasse,
                "beheerder": segment.beheerder,
                "iri": segment.iri,
                "betrouwbaarheid": segment.confidence,
                "passages": segment.pass_count,
                "trend": segment.trend,
                "klasse": segment.klasse,
                "planjaar": segment.planning_year,
                "bodemdaling": segment.subsidence,
                "bodemdaling_vlag": segment.subsidence is not None and segment.subsidence <= -threshold,
                "meldingen": meldingen.get(segment.pk, 0),
                "gevaarlijke_gaten": dangerous.get(segment.pk, 0),
                "prioriteit": score,
                "geometry": segment.geometry,
            }
        )
    return sorted(rows, key=lambda row: (-row["prioriteit"], row["identificatie"]))


def _meldingen_per_segment(segments: list[RoadSegment]) -> dict[int, int]:
    from raadhuis.zgw.zaken import services as zaken

    if not segments:
        return {}
    coordinates = np.concatenate([np.asarray(s.geometry["coordinates"]) for s in segments])
    pad = 0.001
    found = zaken.zaken_in_area(
        zaaktype_identificatie=MELDING_ZAAKTYPE,
        min_x=coordinates[:, 0].min() - pad,
        min_y=coordinates[:, 1].min() - pad,
        max_x=coordinates[:, 0].max() + pad,
        max_y=coordinates[:, 1].max() + pad,
    )
    if not found:
        return {}
    lines = [shapely.LineString(s.coords_rd) for s in segments]
    tree = shapely.STRtree(lines)
    counts: dict[int, int] = {}
    for zaak in found:
        point = shapely.geometry.shape(zaak.zaakgeometrie).centroid
        x, y = wgs84_to_rd(point.x, point.y)
        for index in tree.query(
            shapely.Point(float(x), float(y)), predicate="dwithin", distance=MELDINGEN_NEAR_SEGMENT
        ):
            counts[segments[int(index)].pk] = counts.get(segments[int(index)].pk, 0) + 1
    return counts


EXPORT_FIELDS = (
    "identificatie",
    "straatnaam",
    "wegtype",
    "verkeersklasse",
    "beheerder",
    "iri",
    "betrouwbaarheid",
    "passages",
    "trend",
    "klasse",
    "planjaar",
    "bodemdaling",
    "bodemdaling_vlag",
    "meldingen",
    "gevaarlijke_gaten",
    "prioriteit",
)


def export_priority_csv(organisation) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=EXPORT_FIELDS, extrasaction="ignore")
    writer.writeheader()
    for row in priority_list(organisation):
        writer.writerow({key: _csv_safe(value) for key, value in row.items()})
    return out.getvalue()


def _csv_safe(value):
    # Spreadsheet formula injection: a cell must not start with = + - @ as text.
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@"):
        return "'" + value
    return "" if value is None else value


def export_priority_geojson(organisation) -> str:
    features = [
        {
            "type": "Feature",
            "geometry": row["geometry"],
            "properties": {key: row[key] for key in EXPORT_FIELDS},
        }
        for row in priority_list(organisation)
    ]
    return json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False)


def conditie_verdeling(organisation) -> dict:
    """Road length (km) per condition class (``onbekend``: not measured yet) and the
    maintenance backlog: km at or past the guideline (richtlijn, achterstand). For inzicht."""
    km = dict.fromkeys((*condition_module.CLASSES, "onbekend"), 0.0)
    segments = RoadSegment.objects.filter(organisation=organisation).values_list("klasse", "length")
    for klasse, length in segments.iterator(chunk_size=5000):
        km[klasse or "onbekend"] = km.get(klasse or "onbekend", 0.0) + length / 1000
    backlog = km[condition_module.RICHTLIJN] + km[condition_module.ACHTERSTAND]
    return {"km_per_klasse": {k: round(v, 3) for k, v in km.items()}, "achterstand_km": round(backlog, 3)}
