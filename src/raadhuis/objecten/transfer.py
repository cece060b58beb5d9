"""Import and export of objects: GeoJSON, CSV and (import) ESRI shapefiles.

Imports read features into rows for :func:`services.bulk_create_objects`, which validates
every row against the object type's schema. CSV and shapefile values are text or loosely
typed, so they are converted to the types the schema asks for (integer, number, boolean).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path

from raadhuis.objecten import services
from raadhuis.objecten.models import ObjectRecord

MAX_IMPORT_BYTES = 512 * 1024 * 1024


class ImportError_(ValueError):
    pass


def _properties(schema: dict) -> dict:
    return schema.get("properties", {}) if isinstance(schema, dict) else {}


def coerce(values: dict, schema: dict) -> dict:
    """Text values converted to the JSON types of the schema's properties; empty ones dropped."""
    properties = _properties(schema)
    result = {}
    for key, value in values.items():
        if key is None or value is None or value == "":
            continue
        kind = properties.get(key, {}).get("type")
        result[key] = _convert(value, kind)
    return result


def _convert(value, kind):
    if not isinstance(value, str):
        return value
    text = value.strip()
    try:
        if kind == "integer":
            return int(text)
        if kind == "number":
            return float(text.replace(",", ".")) if "." in text or "," in text else int(text)
        if kind == "boolean":
            lowered = text.lower()
            if lowered in ("true", "ja", "1", "yes", "waar"):
                return True
            if lowered in ("false", "nee", "0", "no", "onwaar"):
                return False
        if kind in ("object", "array"):
            return json.loads(text)
    except (ValueError, json.JSONDecodeError):
        return text  # left as text: the schema validation reports it with its row number
    return text


def read_geojson(path: Path, schema: dict) -> Iterator[dict]:
    with open(path, encoding="utf-8") as handle:
        try:
            document = json.load(handle)
        except json.JSONDecodeError as error:
            raise ImportError_(f"Geen geldige JSON: {error}") from error
    if not isinstance(document, dict) or document.get("type") != "FeatureCollection":
        raise ImportError_("Een GeoJSON-import is een FeatureCollection.")
    for number, feature in enumerate(document.get("features") or [], start=1):
        if not isinstance(feature, dict) or feature.get("type") != "Feature":
            raise ImportError_(f"Feature {number} is geen GeoJSON Feature.")
        yield {"data": coerce(feature.get("properties") or {}, schema), "geometry": feature.get("geometry")}


def read_csv(path: Path, schema: dict) -> Iterator[dict]:
    """Columns are data keys; ``geometry`` (GeoJSON text) or ``lon``/``lat`` give the place."""
    with open(path, encoding="utf-8-sig", newline="") as handle:
        sample = handle.read(4096)
        handle.seek(0)
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t") if sample else csv.excel
        for row in csv.DictReader(handle, dialect=dialect):
            values = dict(row)
            geometry = None
            if values.get("geometry"):
                try:
                    geometry = json.loads(values.pop("geometry"))
                except json.JSONDecodeError as error:
                    raise ImportError_(f"Kolom geometry bevat geen GeoJSON: {error}") from error
            elif values.get("lon") and values.get("lat"):
                try:
                    geometry = {
                        "type": "Point",
                        "coordinates": [float(values.pop("lon")), float(values.pop("lat"))],
                    }
                except ValueError as error:
                    raise ImportError_(f"lon/lat zijn geen getallen: {error}") from error
            values.pop("lon", None)
            values.pop("lat", None)
            yield {"data": coerce(values, schema), "geometry": geometry}


def read_shapefile(path: Path, schema: dict) -> Iterator[dict]:
    import shapefile  # pyshp

    try:
        reader = shapefile.Reader(str(path))
    except shapefile.ShapefileException as error:
        raise ImportError_(f"Geen leesbaar shapefile: {error}") from error
    with reader:
        for shape_record in reader.iterShapeRecords():
            geometry = shape_record.shape.__geo_interface__ if shape_record.shape.shapeType else None
            data = {k: v for k, v in shape_record.record.as_dict().items()}
            data = {k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in data.items()}
            yield {
                "data": coerce({k: str(v) if isinstance(v, str) else v for k, v in data.items()}, schema),
                "geometry": json.loads(json.dumps(geometry)) if geometry else None,
            }


READERS = {".geojson": read_geojson, ".json": read_geojson, ".csv": read_csv, ".shp": read_shapefile}


def import_file(objecttype, path: Path) -> int:
    path = Path(path)
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        raise ImportError_(f"Onbekend bestandstype {path.suffix}; kies GeoJSON, CSV of een shapefile (.shp).")
    if path.stat().st_size > MAX_IMPORT_BYTES:
        raise ImportError_("Het bestand is te groot voor één import.")
    ref = services.get_objecttype(objecttype)
    if ref is None or ref.version is None:
        raise ImportError_("Onbekend objecttype, of het heeft geen gepubliceerde versie.")
    schema = services.published_schema(ref)
    return services.bulk_create_objects(ref, reader(path, schema))


# --- Export -------------------------------------------------------------------------------


def _current_records(objecttype):
    ref = services.get_objecttype(objecttype)
    if ref is None:
        raise ImportError_("Onbekend objecttype.")
    queryset = ObjectRecord.objects.filter(object_type__uuid=ref.uuid).select_related("object")
    return services.records_at(queryset).order_by("object_id")


def geojson_features(objecttype) -> Iterator[dict]:
    for record in _current_records(objecttype).iterator(chunk_size=2000):
        yield {
            "type": "Feature",
            "id": str(record.object.uuid),
            "geometry": record.geometry,
            "properties": {**record.data, "_index": record.index, "_startAt": record.start_at.isoformat()},
        }


def write_geojson(objecttype, stream) -> int:
    """A FeatureCollection, written feature by feature (constant memory for large types)."""
    count = 0
    stream.write('{"type": "FeatureCollection", "features": [')
    for feature in geojson_features(objecttype):
        stream.write(("," if count else "") + "\n" + json.dumps(feature, ensure_ascii=False))
        count += 1
    stream.write("\n]}\n")
    return count


def write_csv(objecttype, stream) -> int:
    """One row per object: uuid, startAt, geometry (GeoJSON text) and the schema's properties."""
    ref = services.get_objecttype(objecttype)
    keys = list(_properties(services.published_schema(ref)))
    writer = csv.writer(stream)
    writer.writerow(["uuid", "startAt", "geometry", *keys])
    count = 0
    for record in _current_records(objecttype).iterator(chunk_size=2000):
        data = record.data
        writer.writerow(
            [
                record.object.uuid,
                record.start_at.isoformat(),
                json.dumps(record.geometry) if record.geometry else "",
                *[_cell(data.get(k)) for k in keys],
            ]
        )
        count += 1
    return count


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def export_text(objecttype, fmt: str) -> str:
    buffer = io.StringIO()
    (write_geojson if fmt == "geojson" else write_csv)(objecttype, buffer)
    return buffer.getvalue()
