"""Reading road networks, traces and ground motion: formats by content, clear errors."""

import io
import json
import zipfile

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
import shapefile

from raadhuis.wegen import readers
from tests.wegen.conftest import drive

RD_LINE = [[155000.0, 463000.0], [155100.0, 463000.0]]


def feature(coords, **properties):
    return {
        "type": "Feature",
        "geometry": {"type": "LineString", "coordinates": coords},
        "properties": properties,
    }


def collection(*features, crs=None):
    data = {"type": "FeatureCollection", "features": list(features)}
    if crs:
        data["crs"] = {"type": "name", "properties": {"name": crs}}
    return json.dumps(data).encode()


def test_nwb_geojson_in_rd_new():
    content = collection(
        feature(RD_LINE, WVK_ID=600123, STT_NAAM="Dorpsstraat", WEGTYPE=5, WEGBEHNAAM="Aadorp"),
        crs="urn:ogc:def:crs:EPSG::28992",
    )
    [record] = readers.read_network(content)
    assert record.identificatie == "600123"
    assert (record.straatnaam, record.wegtype, record.beheerder) == ("Dorpsstraat", 5, "Aadorp")
    assert np.allclose(record.coords_rd, RD_LINE)
    line = readers.geojson_line(record.coords_rd)
    lon, lat = line["coordinates"][0]
    assert 5.3 < lon < 5.5 and 52.1 < lat < 52.2  # Amersfoort


def test_wgs84_geojson_is_converted_to_rd():
    content = collection(feature([[5.387, 52.155], [5.388, 52.155]], identificatie="a"))
    [record] = readers.read_network(content)
    assert 154000 < record.coords_rd[0, 0] < 156000
    assert 462000 < record.coords_rd[0, 1] < 464000
    assert record.wegtype == 7  # default: residential street


def test_zipped_shapefile():
    shp, shx, dbf = io.BytesIO(), io.BytesIO(), io.BytesIO()
    with shapefile.Writer(shp=shp, shx=shx, dbf=dbf, shapeType=shapefile.POLYLINE) as writer:
        writer.field("WVK_ID", "N", 10)
        writer.field("STT_NAAM", "C", 50)
        writer.line([RD_LINE])
        writer.record(42, "Kerkstraat")
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("wegvakken.shp", shp.getvalue())
        z.writestr("wegvakken.shx", shx.getvalue())
        z.writestr("wegvakken.dbf", dbf.getvalue())
    [record] = readers.read_network(archive.getvalue())
    assert (record.identificatie, record.straatnaam) == ("42", "Kerkstraat")


def test_bgt_wegdeel_polygon_gets_its_long_axis():
    polygon = {
        "type": "Polygon",
        "coordinates": [
            [[155000, 463000], [155080, 463000], [155080, 463006], [155000, 463006], [155000, 463000]]
        ],
    }
    content = json.dumps(
        {
            "type": "FeatureCollection",
            "features": [{"type": "Feature", "geometry": polygon, "properties": {"lokaalID": "G0000.1"}}],
        }
    ).encode()
    [record] = readers.read_network(content)
    length = np.hypot(*np.diff(record.coords_rd, axis=0)[0])
    assert length == pytest.approx(80, abs=0.1)


@pytest.mark.parametrize(
    "content, message",
    [
        (b"", "leeg"),
        (b"{not json", "geen GeoJSON"),
        (b'{"type": "Feature"}', "FeatureCollection"),
        (collection(), "geen wegvakken"),
        (collection(feature(RD_LINE, WVK_ID=1), feature(RD_LINE, WVK_ID=1)), "dubbel"),
        (collection(feature(RD_LINE, WVK_ID=1, WEGTYPE=9)), "tussen 1 en 7"),
        (collection(feature(RD_LINE, WVK_ID=1, WEGTYPE="hoofdweg")), "getal"),
        (collection(feature([[4000000, 3000000], [4000100, 3000000]], WVK_ID=1)), "Nederland"),
        (
            json.dumps(
                {
                    "type": "FeatureCollection",
                    "features": [{"geometry": {"type": "Point", "coordinates": [5, 52]}}],
                }
            ).encode(),
            "alleen lijnen",
        ),
        (b"PK\x03\x04broken", "shapefile"),
    ],
)
def test_bad_network_files(content, message):
    with pytest.raises(readers.ReadError, match=message):
        readers.read_network(content)


def test_trace_csv_round_trip():
    trace, _ = drive(41, length=300)
    back, started = readers.read_trace(readers.trace_to_csv(trace), "vuilniswagen")
    assert started is None
    assert back.acc.shape == trace.acc.shape
    assert np.allclose(back.acc, trace.acc, atol=1e-4)
    assert np.allclose(back.lat, trace.lat, atol=1e-7)


def test_trace_parquet_with_iso_times():
    table = pa.table(
        {
            "t": ["2026-03-01T08:00:00+01:00", "2026-03-01T08:00:00.010+01:00", "2026-03-01T08:00:01+01:00"],
            "lat": [52.1, None, 52.1001],
            "lon": [5.3, None, 5.3001],
            "speed": [5.0, None, 5.0],
            "ax": [0.1, 0.2, None],
            "ay": [0.0, 0.0, None],
            "az": [9.8, 9.81, None],
        }
    )
    buffer = io.BytesIO()
    pq.write_table(table, buffer)
    trace, started = readers.read_trace(buffer.getvalue(), "bus")
    assert started.isoformat() == "2026-03-01T08:00:00+01:00"
    assert np.allclose(trace.gps_t, [0, 1])
    assert np.allclose(trace.acc_t, [0, 0.01])


@pytest.mark.parametrize(
    "content, message",
    [
        (b"t,lat,lon\n1,2,3\n", "ontbreken"),
        (b"t,lat,lon,speed,ax,ay,az\n1,52,5,abc,,,\n", "geen getal"),
        (b"t,lat,lon,speed,ax,ay,az\n1,52,5\n", "velden"),
        (b"t,lat,lon,speed,ax,ay,az\n1,52,5,3,,,\n", "geen versnellingsmetingen"),
        (b"t,lat,lon,speed,ax,ay,az\ngisteren,52,5,3,1,1,1\n", "ISO 8601"),
        (b"\xff\xfe\x00garbage", "geen CSV"),
        (b"PAR1 not really parquet", "Parquet"),
    ],
)
def test_bad_trace_files(content, message):
    with pytest.raises(readers.ReadError, match=message):
        readers.read_trace(content, "vuilniswagen")


def test_egms_csv_both_coordinate_kinds():
    l2 = b"pid,latitude,longitude,mean_velocity\np1,52.15,5.38,-4.2\n"
    l3 = b"pid,easting,northing,mean_velocity\np2,3967000,3227000,1.0\n"
    [(pid, lon, lat, velocity)] = readers.read_ground_motion(l2)
    assert (pid, velocity) == ("p1", -4.2)
    [(_, lon, lat, _)] = readers.read_ground_motion(l3)
    assert 3 < lon < 8 and 50 < lat < 54
    with pytest.raises(readers.ReadError, match="mean_velocity"):
        readers.read_ground_motion(b"pid,latitude,longitude\n1,2,3\n")
