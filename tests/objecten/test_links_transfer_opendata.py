"""Zaakobjecten pointing at objects, import/export, open data and the demo."""

import csv
import io
import json
from datetime import date

import pytest
import shapefile
from django.core.management import CommandError, call_command

from raadhuis.objecten import demo, services
from raadhuis.platform import tenancy
from tests.zgw.zaken.conftest import CRS_HEADERS, zaak_payload
from tests.zgw.zaken.factories import published_zaaktype

pytestmark = pytest.mark.django_db

POINT = {"type": "Point", "coordinates": [5.12, 52.09]}


# --- zaakobjecten ---------------------------------------------------------------------------


def test_cases_of_an_object_and_objects_of_a_case(objecten_client, aadorp, boom):
    with tenancy.system_scope():
        zaaktype = published_zaaktype(aadorp)
    api = objecten_client(aadorp, alles=True)
    with tenancy.scope_for([aadorp.pk]):
        tree = services.create_object(boom, data={"soort": "Eik"}, geometry=POINT)
        other = services.create_object(boom, data={"soort": "Beuk"})
    payload = zaak_payload(zaaktype, aadorp, omschrijving="Boom valt om")
    payload["zaaktype"] = f"http://testserver/catalogi/api/v1/zaaktypen/{zaaktype.uuid}"
    zaak = api.post("/zaken/api/v1/zaken", payload, format="json", **CRS_HEADERS)
    assert zaak.status_code == 201, zaak.json()
    object_url = f"http://testserver/objects/api/v2/objects/{tree.uuid}"
    linked = api.post(
        "/zaken/api/v1/zaakobjecten",
        {
            "zaak": zaak.json()["url"],
            "object": object_url,
            "objectType": "overige",
            "objectTypeOverige": "boom",
            "relatieomschrijving": "Betreft",
        },
        format="json",
        **CRS_HEADERS,
    )
    assert linked.status_code == 201, linked.json()

    with tenancy.scope_for([aadorp.pk]):
        cases = services.cases_of_object(object_url)
        assert [c["omschrijving"] for c in cases] == ["Boom valt om"]
        assert services.cases_of_object(other) == []
        objects = services.objects_of_case(zaak.json()["uuid"])
        assert [o["uuid"] for o in objects] == [str(tree.uuid)]
    with tenancy.scope_for([]):
        assert services.cases_of_object(object_url) == []


# --- import and export --------------------------------------------------------------------


def _call(*args):
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_import_geojson_csv_and_shapefile_then_export(tmp_path, aadorp, boom):
    geojson = tmp_path / "bomen.geojson"
    geojson.write_text(
        json.dumps(
            {
                "type": "FeatureCollection",
                "features": [
                    {"type": "Feature", "geometry": POINT, "properties": {"soort": "Eik", "hoogte": 12}},
                    {"type": "Feature", "geometry": None, "properties": {"soort": "Beuk"}},
                ],
            }
        ),
        encoding="utf-8",
    )
    table = tmp_path / "bomen.csv"
    table.write_text("soort;hoogte;plantjaar;lon;lat\nLinde;7,5;1990;5.13;52.1\n", encoding="utf-8")
    writer = shapefile.Writer(str(tmp_path / "bomen"), shapeType=shapefile.POINT)
    writer.field("soort", "C")
    writer.field("plantjaar", "N")
    writer.point(5.14, 52.11)
    writer.record("Wilg", 2001)
    writer.close()

    assert "2 objecten" in _call(
        "objecten_import", str(geojson), "--organisation", aadorp.slug, "--type", "boom"
    )
    assert "1 objecten" in _call(
        "objecten_import", str(table), "--organisation", aadorp.slug, "--type", "boom"
    )
    assert "1 objecten" in _call(
        "objecten_import",
        str(tmp_path / "bomen.shp"),
        "--organisation",
        aadorp.slug,
        "--type",
        str(boom.uuid),
    )

    exported = json.loads(_call("objecten_export", "--organisation", aadorp.slug, "--type", "boom"))
    by_soort = {f["properties"]["soort"]: f for f in exported["features"]}
    assert set(by_soort) == {"Eik", "Beuk", "Linde", "Wilg"}
    assert by_soort["Linde"]["properties"]["hoogte"] == 7.5
    assert by_soort["Linde"]["geometry"] == {"type": "Point", "coordinates": [5.13, 52.1]}
    assert by_soort["Wilg"]["properties"]["plantjaar"] == 2001
    assert by_soort["Wilg"]["geometry"]["type"] == "Point"

    rows = list(
        csv.DictReader(
            io.StringIO(
                _call("objecten_export", "--organisation", aadorp.slug, "--type", "boom", "--format", "csv")
            )
        )
    )
    assert {r["soort"] for r in rows} == {"Eik", "Beuk", "Linde", "Wilg"}


def test_a_bad_row_stops_the_import_and_keeps_nothing(tmp_path, aadorp, boom):
    table = tmp_path / "bomen.csv"
    table.write_text("soort,hoogte\nEik,5\nBeuk,-3\n", encoding="utf-8")
    with pytest.raises(CommandError, match="rij 2"):
        _call("objecten_import", str(table), "--organisation", aadorp.slug, "--type", "boom")
    with tenancy.scope_for([aadorp.pk]):
        assert services.find_objects(boom) == []
    (tmp_path / "x.xlsx").write_bytes(b"PK")
    with pytest.raises(CommandError, match="Onbekend bestandstype"):
        _call("objecten_import", str(tmp_path / "x.xlsx"), "--organisation", aadorp.slug, "--type", "boom")


# --- open data ----------------------------------------------------------------------------


def test_only_published_types_are_open_data(client, aadorp, boom):
    with tenancy.scope_for([aadorp.pk]):
        services.create_object(boom, data={"soort": "Eik", "eigenaar": "gemeente"}, geometry=POINT)
    assert client.get(f"/objects/open/{boom.uuid}.geojson").status_code == 404
    assert client.get("/objects/open/").json()["results"] == []
    with tenancy.scope_for([aadorp.pk]):
        services.update_objecttype(boom, {"is_public": True})
    listing = client.get("/objects/open/").json()["results"]
    assert [t["name"] for t in listing] == ["boom"]
    response = client.get(f"/objects/open/{boom.uuid}.geojson")
    assert response.status_code == 200 and response["Content-Type"] == "application/geo+json"
    collection = json.loads(b"".join(response.streaming_content))
    assert collection["features"][0]["properties"]["soort"] == "Eik"
    as_csv = b"".join(client.get(f"/objects/open/{boom.uuid}.csv").streaming_content).decode()
    assert as_csv.splitlines()[0].startswith("uuid,startAt,geometry,soort")
    assert client.get(f"/objects/open/{boom.uuid}.xml").status_code == 404


# --- demo ---------------------------------------------------------------------------------


def test_demo_types_and_objects_are_idempotent(aadorp, beestad, monkeypatch):
    monkeypatch.setitem(demo.TYPES["boom"], "count", 40)
    for name in ("lichtmast", "afvalcontainer", "speeltoestel", "wegvak", "parkeerzone"):
        monkeypatch.setitem(demo.TYPES[name], "count", 5)
    with tenancy.system_scope():
        demo.load(aadorp, beestad)
        demo.load(aadorp, beestad)
    with tenancy.scope_for([aadorp.pk]):
        names = {t.name for t in services.list_objecttypes()}
        assert names == {"boom", "lichtmast", "afvalcontainer", "speeltoestel", "wegvak", "parkeerzone"}
        bomen = services.find_objects(services.get_objecttype(_uuid("boom")), limit=1000)
        assert len(bomen) == 40
        assert all(
            demo.BOUNDS[0] <= b["record"]["geometry"]["coordinates"][0] <= demo.BOUNDS[2] for b in bomen
        )
        assert services.find_objects(services.get_objecttype(_uuid("wegvak")), at=date.today(), limit=10)


def _uuid(name):
    return next(t.uuid for t in services.list_objecttypes() if t.name == name)
