"""Reading uploads: road networks (GeoJSON or zipped shapefile, RD New or WGS84), vehicle
traces (CSV or Parquet) and InSAR ground motion (EGMS CSV). Formats are recognised by
content, not by file name; every problem is a :class:`ReadError` with a Dutch message."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from dataclasses import dataclass
from datetime import datetime

import numpy as np
import shapefile
import shapely
from pyproj import Transformer

from raadhuis.wegen.analysis.trace import Trace, rd_to_wgs84, wgs84_to_rd

MAX_UPLOAD = 200 * 1024 * 1024  # bytes
MAX_ROWS = 2_000_000  # ≈ 5.5 hours of 100 Hz
RD_BOUNDS = (-7000.0, 289000.0, 300000.0, 629000.0)
_LAEA_TO_WGS84 = Transformer.from_crs("EPSG:3035", "EPSG:4326", always_xy=True)

ALIASES = {
    "identificatie": ("WVK_ID", "wvk_id", "identificatie", "lokaalID", "lokaalid", "id", "gml_id"),
    "straatnaam": ("STT_NAAM", "stt_naam", "straatnaam", "openbareRuimteNaam", "naam"),
    "wegtype": ("WEGTYPE", "wegtype", "crow_wegtype"),
    "verkeersklasse": ("VERKEERSKL", "verkeersklasse"),
    "beheerder": ("WEGBEHNAAM", "wegbehnaam", "beheerder", "bronhouder"),
}


class ReadError(ValueError):
    pass


@dataclass
class SegmentRecord:
    identificatie: str
    straatnaam: str
    wegtype: int
    verkeersklasse: int
    beheerder: str
    coords_rd: np.ndarray  # (n, 2)


# --- road network -------------------------------------------------------------------------


def read_network(content: bytes) -> list[SegmentRecord]:
    _check_size(content)
    if content[:2] == b"PK":
        return _read_shapefile_zip(content)
    try:
        data = json.loads(content)
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ReadError("Het bestand is geen GeoJSON en geen gezipt shapefile.") from error
    if (
        not isinstance(data, dict)
        or data.get("type") != "FeatureCollection"
        or not isinstance(data.get("features"), list)
    ):
        raise ReadError("GeoJSON moet een FeatureCollection met features zijn.")
    rd = _declares_rd(data) or _looks_rd(data["features"])
    records = []
    for number, feature in enumerate(data["features"], start=1):
        try:
            geometry = shapely.geometry.shape(feature["geometry"])
            properties = feature.get("properties") or {}
        except (KeyError, TypeError, ValueError, AttributeError, shapely.errors.GEOSException) as error:
            raise ReadError(f"Feature {number} heeft geen geldige geometrie.") from error
        records.append(_record(number, properties, geometry, rd))
    return _unique(records)


def _declares_rd(data: dict) -> bool:
    name = str(((data.get("crs") or {}).get("properties") or {}).get("name", ""))
    return "28992" in name


def _looks_rd(features: list) -> bool:
    for feature in features[:20]:
        try:
            x, y = shapely.get_coordinates(shapely.geometry.shape(feature["geometry"]))[0]
        except (KeyError, TypeError, ValueError, IndexError, AttributeError, shapely.errors.GEOSException):
            continue
        return abs(x) > 180 or abs(y) > 90
    return False


def _read_shapefile_zip(content: bytes) -> list[SegmentRecord]:
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
        names = {name.lower().rsplit(".", 1)[-1]: name for name in archive.namelist() if "." in name}
        if "shp" not in names or "dbf" not in names:
            raise ReadError("Het zipbestand bevat geen .shp en .dbf.")
        prj = archive.read(names["prj"]).decode("latin-1") if "prj" in names else ""
        reader = shapefile.Reader(
            shp=io.BytesIO(archive.read(names["shp"])), dbf=io.BytesIO(archive.read(names["dbf"]))
        )
        rd = "Amersfoort" in prj or "28992" in prj or not prj
        records = []
        for number, shape_record in enumerate(reader.iterShapeRecords(), start=1):
            geometry = shapely.geometry.shape(shape_record.shape.__geo_interface__)
            records.append(_record(number, shape_record.record.as_dict(), geometry, rd))
    except (zipfile.BadZipFile, shapefile.ShapefileException, KeyError, ValueError, AttributeError) as error:
        if isinstance(error, ReadError):
            raise
        raise ReadError(f"Het shapefile kan niet worden gelezen: {error}") from error
    return _unique(records)


def _record(number: int, properties: dict, geometry, rd: bool) -> SegmentRecord:
    line = _centreline(geometry)
    if line is None:
        raise ReadError(f"Feature {number}: alleen lijnen (wegvakken) en vlakken (wegdelen) worden gelezen.")
    coords = shapely.get_coordinates(line)
    if not rd:
        x, y = wgs84_to_rd(coords[:, 0], coords[:, 1])
        coords = np.column_stack([x, y])
    x0, y0, x1, y1 = RD_BOUNDS
    if not ((coords[:, 0] >= x0) & (coords[:, 0] <= x1) & (coords[:, 1] >= y0) & (coords[:, 1] <= y1)).all():
        raise ReadError(f"Feature {number} ligt niet in Nederland (RD New).")
    identificatie = str(_value(properties, "identificatie") or number)[:64]
    return SegmentRecord(
        identificatie=identificatie,
        straatnaam=str(_value(properties, "straatnaam") or "")[:200],
        wegtype=_small_int(_value(properties, "wegtype"), 7, 1, 7, number, "wegtype"),
        verkeersklasse=_small_int(_value(properties, "verkeersklasse"), 2, 1, 5, number, "verkeersklasse"),
        beheerder=str(_value(properties, "beheerder") or "")[:200],
        coords_rd=coords,
    )


def _centreline(geometry):
    """A line to match against. BGT wegdelen are surfaces: their long axis (of the minimum
    rotated rectangle) stands in for the centreline — good for straight parts, rough on bends."""
    if geometry.geom_type == "LineString" and geometry.length > 0:
        return geometry
    if geometry.geom_type == "MultiLineString":
        merged = shapely.line_merge(geometry)
        return merged if merged.geom_type == "LineString" else max(merged.geoms, key=lambda g: g.length)
    if geometry.geom_type in ("Polygon", "MultiPolygon") and geometry.area > 0:
        box = np.asarray(geometry.minimum_rotated_rectangle.exterior.coords)[:4]
        sides = [(box[k], box[(k + 1) % 4]) for k in range(4)]
        short = sorted(sides, key=lambda side: np.hypot(*(side[1] - side[0])))[:2]
        return shapely.LineString([(short[0][0] + short[0][1]) / 2, (short[1][0] + short[1][1]) / 2])
    return None


def _value(properties: dict, field: str):
    for alias in ALIASES[field]:
        value = properties.get(alias)
        if value not in (None, ""):
            return value
    return None


def _small_int(value, default: int, low: int, high: int, number: int, field: str) -> int:
    if value is None:
        return default
    try:
        number_value = int(value)
    except (TypeError, ValueError) as error:
        raise ReadError(f"Feature {number}: {field} moet een getal zijn.") from error
    if not low <= number_value <= high:
        raise ReadError(f"Feature {number}: {field} moet tussen {low} en {high} liggen.")
    return number_value


def _unique(records: list[SegmentRecord]) -> list[SegmentRecord]:
    if not records:
        raise ReadError("Het bestand bevat geen wegvakken.")
    seen = set()
    for record in records:
        if record.identificatie in seen:
            raise ReadError(f"Wegvak {record.identificatie} komt dubbel voor.")
        seen.add(record.identificatie)
    return records


def geojson_line(coords_rd: np.ndarray) -> dict:
    lon, lat = rd_to_wgs84(coords_rd[:, 0], coords_rd[:, 1])
    return {
        "type": "LineString",
        "coordinates": [[round(float(a), 7), round(float(b), 7)] for a, b in zip(lon, lat, strict=True)],
    }


# --- traces ------------------------------------------------------------------------------

TRACE_COLUMNS = ("t", "lat", "lon", "speed", "ax", "ay", "az")


def read_trace(content: bytes, vehicle_type: str) -> tuple[Trace, datetime | None]:
    """A trace from CSV or Parquet with columns t, lat, lon, speed, ax, ay, az. A row carries a
    GPS fix (lat, lon, speed), an accelerometer sample (ax, ay, az) or both; ``t`` is seconds
    or an ISO 8601 time. Returns the trace and its start time when ``t`` was absolute."""
    _check_size(content)
    columns = _parquet_columns(content) if content[:4] == b"PAR1" else _csv_columns(content)
    return trace_from_columns(columns, vehicle_type)


def trace_from_columns(columns: dict[str, list], vehicle_type: str) -> tuple[Trace, datetime | None]:
    """The trace of the upload columns (also the form a SensorThings stream is put in, so that
    a streamed drive is analysed exactly as the same drive uploaded)."""
    missing = [name for name in TRACE_COLUMNS if name not in columns]
    if missing:
        raise ReadError(f"Kolommen ontbreken: {', '.join(missing)}.")
    t, started = _times(columns["t"])
    values = {name: _floats(columns[name], name) for name in TRACE_COLUMNS[1:]}
    gps = np.isfinite(values["lat"]) & np.isfinite(values["lon"])
    acc = np.isfinite(values["ax"]) & np.isfinite(values["ay"]) & np.isfinite(values["az"])
    if not gps.any() or not acc.any():
        raise ReadError("De rit bevat geen GPS-punten of geen versnellingsmetingen.")
    speed = values["speed"][gps]
    if not np.isfinite(speed).all():
        raise ReadError("Elk GPS-punt heeft een snelheid (m/s) nodig.")
    trace = Trace(
        t[gps],
        values["lon"][gps],
        values["lat"][gps],
        speed,
        t[acc],
        np.column_stack([values["ax"][acc], values["ay"][acc], values["az"][acc]]),
        vehicle_type,
    )
    return trace, started


def _csv_columns(content: bytes) -> dict[str, list]:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ReadError("Het bestand is geen CSV (UTF-8) en geen Parquet.") from error
    reader = csv.reader(io.StringIO(text))
    header = next(reader, None)
    if not header:
        raise ReadError("Het CSV-bestand is leeg.")
    header = [name.strip().lower() for name in header]
    rows = []
    for number, row in enumerate(reader, start=2):
        if len(rows) >= MAX_ROWS:
            raise ReadError(f"Te veel regels (maximaal {MAX_ROWS}).")
        if len(row) != len(header):
            raise ReadError(f"Regel {number} heeft {len(row)} velden in plaats van {len(header)}.")
        rows.append(row)
    return {name: [row[k] for row in rows] for k, name in enumerate(header)}


def _parquet_columns(content: bytes) -> dict[str, list]:
    try:
        import pyarrow.parquet as pq

        table = pq.read_table(io.BytesIO(content))
    except ImportError as error:  # pragma: no cover - pyarrow is a dependency
        raise ReadError("Parquet wordt op deze installatie niet ondersteund; lever CSV aan.") from error
    except Exception as error:  # noqa: BLE001 - pyarrow raises many types for corrupt files
        raise ReadError(f"Het Parquet-bestand kan niet worden gelezen: {error}") from error
    if table.num_rows > MAX_ROWS:
        raise ReadError(f"Te veel regels (maximaal {MAX_ROWS}).")
    return {name.lower(): table.column(name).to_pylist() for name in table.column_names}


def _times(values: list) -> tuple[np.ndarray, datetime | None]:
    try:
        return _floats(values, "t", allow_empty=False), None
    except ReadError:
        pass
    try:
        moments = [v if isinstance(v, datetime) else datetime.fromisoformat(str(v)) for v in values]
    except ValueError as error:
        raise ReadError("Kolom t moet seconden of ISO 8601-tijden bevatten.") from error
    if any(moment.tzinfo is None for moment in moments):
        raise ReadError("ISO 8601-tijden in kolom t moeten een tijdzone hebben.")
    start = min(moments)
    return np.array([(moment - start).total_seconds() for moment in moments]), start


def _floats(values: list, name: str, allow_empty: bool = True) -> np.ndarray:
    out = np.empty(len(values))
    for k, value in enumerate(values):
        if value is None or value == "":
            if not allow_empty:
                raise ReadError(f"Kolom {name} mag niet leeg zijn.")
            out[k] = np.nan
            continue
        try:
            out[k] = float(value)
        except (TypeError, ValueError) as error:
            raise ReadError(f"Kolom {name}, regel {k + 2}: {value!r} is geen getal.") from error
    if not np.isfinite(out[~np.isnan(out)]).all():
        raise ReadError(f"Kolom {name} bevat oneindige waarden.")
    return out


def _check_size(content: bytes) -> None:
    if not content:
        raise ReadError("Het bestand is leeg.")
    if len(content) > MAX_UPLOAD:
        raise ReadError(f"Het bestand is groter dan {MAX_UPLOAD // (1024 * 1024)} MB.")


# --- ground motion -------------------------------------------------------------------------


def read_ground_motion(content: bytes) -> list[tuple[str, float, float, float]]:
    """EGMS CSV: ``pid`` and ``mean_velocity`` (mm/year) with either ``latitude``/``longitude``
    (L2 products) or ``easting``/``northing`` in ETRS89-LAEA, EPSG:3035 (L3 products)."""
    columns = _csv_columns(_checked(content))
    if "mean_velocity" not in columns:
        raise ReadError("Kolom mean_velocity (mm/jaar) ontbreekt; is dit een EGMS-bestand?")
    velocity = _floats(columns["mean_velocity"], "mean_velocity", allow_empty=False)
    if "latitude" in columns and "longitude" in columns:
        lon = _floats(columns["longitude"], "longitude", allow_empty=False)
        lat = _floats(columns["latitude"], "latitude", allow_empty=False)
    elif "easting" in columns and "northing" in columns:
        lon, lat = _LAEA_TO_WGS84.transform(
            _floats(columns["easting"], "easting", allow_empty=False),
            _floats(columns["northing"], "northing", allow_empty=False),
        )
    else:
        raise ReadError("Coördinaten ontbreken: latitude/longitude of easting/northing (EPSG:3035).")
    ids = columns.get("pid") or [str(k) for k in range(velocity.size)]
    return [
        (str(ids[k])[:64], float(lon[k]), float(lat[k]), float(velocity[k])) for k in range(velocity.size)
    ]


def _checked(content: bytes) -> bytes:
    _check_size(content)
    return content


def trace_to_csv(trace: Trace) -> bytes:
    """The CSV upload format for a trace (used by the demo and the simulator tools)."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(TRACE_COLUMNS)
    for k in range(trace.gps_t.size):
        writer.writerow(
            [
                f"{trace.gps_t[k]:.3f}",
                f"{trace.lat[k]:.7f}",
                f"{trace.lon[k]:.7f}",
                f"{trace.speed[k]:.2f}",
                "",
                "",
                "",
            ]
        )
    for k in range(trace.acc_t.size):
        ax, ay, az = trace.acc[k]
        writer.writerow([f"{trace.acc_t[k]:.3f}", "", "", "", f"{ax:.4f}", f"{ay:.4f}", f"{az:.4f}"])
    return out.getvalue().encode()
