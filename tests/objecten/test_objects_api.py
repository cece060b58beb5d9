"""The Objects API 2.x: records, history, filters, geometry search, permissions, tenancy, bad input."""

import json
from datetime import date

import pytest

from raadhuis.objecten import services
from raadhuis.platform import tenancy

pytestmark = pytest.mark.django_db

OBJECTS = "/objects/api/v2/objects"
CRS = {"HTTP_CONTENT_CRS": "EPSG:4326"}
POINT = {"type": "Point", "coordinates": [5.12, 52.09]}
AREA = {"type": "Polygon", "coordinates": [[[5.0, 52.0], [5.2, 52.0], [5.2, 52.2], [5.0, 52.2], [5.0, 52.0]]]}


def _body(boom, data, **record):
    return {"type": boom.url, "record": {"typeVersion": 1, "data": data, "startAt": "2024-01-01", **record}}


def _post(api, body, path=OBJECTS, **headers):
    return api.post(path, json.dumps(body), content_type="application/json", **{**CRS, **headers})


@pytest.fixture
def api(objecten_client, aadorp):
    return objecten_client(aadorp, alles=True)


@pytest.fixture
def trees(boom, aadorp):
    """Three trees: two in the area, one outside; with heights 3, 15 and 25."""
    with tenancy.scope_for([aadorp.pk]):
        return [
            services.create_object(
                boom,
                data={"soort": "Eik", "hoogte": 15, "plantjaar": 1990, "afmetingen": {"stam": 40}},
                geometry=POINT,
                start_at=date(2020, 1, 1),
            ),
            services.create_object(
                boom,
                data={"soort": "Beuk", "hoogte": 3, "plantjaar": 2021},
                geometry={"type": "Point", "coordinates": [5.15, 52.15]},
                start_at=date(2021, 1, 1),
            ),
            services.create_object(
                boom,
                data={"soort": "Linde", "hoogte": 25, "plantjaar": 1950},
                geometry={"type": "Point", "coordinates": [6.0, 53.0]},
                start_at=date(2020, 1, 1),
            ),
        ]


def _soorten(response):
    assert response.status_code == 200, response.json()
    return sorted(o["record"]["data"]["soort"] for o in response.json()["results"])


# --- writing and reading ------------------------------------------------------------------


def test_create_then_read_as_the_standard_shows_it(api, boom):
    response = _post(api, _body(boom, {"soort": "Eik", "hoogte": 12}, geometry=POINT))
    assert response.status_code == 201, response.json()
    body = response.json()
    assert response["Content-Crs"] == "EPSG:4326"
    assert body["type"] == f"http://testserver/objecttypes/api/v2/objecttypes/{boom.uuid}"
    assert body["record"] == {
        "index": 1,
        "typeVersion": 1,
        "data": {"soort": "Eik", "hoogte": 12},
        "geometry": POINT,
        "startAt": "2024-01-01",
        "endAt": None,
        "registrationAt": date.today().isoformat(),
        "correctionFor": None,
        "correctedBy": None,
    }
    detail = api.get(f"{OBJECTS}/{body['uuid']}")
    assert detail.status_code == 200 and detail.json() == body


def test_update_makes_a_new_record_and_keeps_history(api, boom):
    uuid = _post(api, _body(boom, {"soort": "Eik"})).json()["uuid"]
    response = api.put(
        f"{OBJECTS}/{uuid}",
        json.dumps(_body(boom, {"soort": "Eik", "hoogte": 9}, startAt="2025-01-01")),
        content_type="application/json",
        **CRS,
    )
    assert response.status_code == 200, response.json()
    assert response.json()["record"]["index"] == 2
    patched = api.patch(
        f"{OBJECTS}/{uuid}",
        json.dumps({"record": {"data": {"conditie": "goed"}, "startAt": "2025-06-01"}}),
        content_type="application/json",
        **CRS,
    )
    assert patched.status_code == 200, patched.json()
    assert patched.json()["record"]["data"] == {"soort": "Eik", "hoogte": 9, "conditie": "goed"}
    history = api.get(f"{OBJECTS}/{uuid}/history").json()["results"]
    assert [(h["index"], h["startAt"], h["endAt"]) for h in history] == [
        (1, "2024-01-01", "2025-01-01"),
        (2, "2025-01-01", "2025-06-01"),
        (3, "2025-06-01", None),
    ]


def test_state_at_a_past_date_and_what_was_known_then(api, boom, aadorp, monkeypatch):
    monkeypatch.setattr(services, "today", lambda: date(2024, 3, 1))
    with tenancy.scope_for([aadorp.pk]):
        ref = services.create_object(boom, data={"soort": "Eik", "hoogte": 5}, start_at=date(2024, 1, 1))
        monkeypatch.setattr(services, "today", lambda: date(2024, 9, 1))
        # Registered in September, valid since June: formal and material history differ.
        services.update_object(ref, data={"soort": "Eik", "hoogte": 7}, start_at=date(2024, 6, 1))

    def hoogte(**params):
        results = api.get(OBJECTS, params).json()["results"]
        return [r["record"]["data"]["hoogte"] for r in results]

    assert hoogte(date="2024-02-01") == [5]
    assert hoogte(date="2024-07-01") == [7]
    assert hoogte(date="2023-12-31") == []
    assert hoogte(registrationDate="2024-07-01") == [5]  # in July we did not know yet
    assert hoogte(registrationDate="2024-09-01") == [7]
    both = api.get(OBJECTS, {"date": "2024-07-01", "registrationDate": "2024-07-01"})
    assert both.status_code == 400


def test_a_correction_replaces_the_record_for_every_date(api, boom, aadorp):
    with tenancy.scope_for([aadorp.pk]):
        ref = services.create_object(boom, data={"soort": "Eikk"}, start_at=date(2020, 1, 1))
    response = api.put(
        f"{OBJECTS}/{ref.uuid}",
        json.dumps(_body(boom, {"soort": "Eik"}, startAt="2020-01-01", correctionFor="1")),
        content_type="application/json",
        **CRS,
    )
    assert response.status_code == 200, response.json()
    assert response.json()["record"]["correctionFor"] == "1"
    history = api.get(f"{OBJECTS}/{ref.uuid}/history").json()["results"]
    assert history[0]["correctedBy"] == "2"
    listed = api.get(OBJECTS, {"date": "2021-01-01"}).json()["results"]
    assert [r["record"]["data"]["soort"] for r in listed] == ["Eik"]
    again = api.put(
        f"{OBJECTS}/{ref.uuid}",
        json.dumps(_body(boom, {"soort": "Eik"}, correctionFor="1")),
        content_type="application/json",
        **CRS,
    )
    assert again.status_code == 400


def test_delete_removes_object_and_records(api, boom, trees):
    response = api.delete(f"{OBJECTS}/{trees[0].uuid}")
    assert response.status_code == 204
    assert api.get(f"{OBJECTS}/{trees[0].uuid}").status_code == 404
    assert api.get(OBJECTS).json()["count"] == 2


# --- filters ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"data_attrs": "soort__exact__Eik"}, ["Eik"]),
        ({"data_attrs": "hoogte__exact__15"}, ["Eik"]),
        ({"data_attrs": "hoogte__gt__10"}, ["Eik", "Linde"]),
        ({"data_attrs": "hoogte__gte__15,hoogte__lt__20"}, ["Eik"]),
        ({"data_attrs": "hoogte__lte__3"}, ["Beuk"]),
        ({"data_attrs": "soort__icontains__IN"}, ["Linde"]),
        ({"data_attrs": "afmetingen__stam__exact__40"}, ["Eik"]),
        ({"data_attrs": "soort__in__Eik|Beuk"}, ["Beuk", "Eik"]),
        ({"data_attr": "soort__exact__Linde"}, ["Linde"]),
        ({"data_icontains": "beu"}, ["Beuk"]),
        ({"data_attrs": "soort__gt__Eik"}, ["Linde"]),  # text compared as text, numbers never match
        # Several text conditions are one containment on PostgreSQL: all must still hold.
        ({"data_attrs": "soort__exact__Eik,soort__exact__Beuk"}, []),
        ({"data_attrs": "soort__exact__Eik,soort__exact__Eik"}, ["Eik"]),
        ({"data_attrs": "soort__exact__Eik,afmetingen__stam__exact__40"}, ["Eik"]),
        ({"data_attrs": "soort__exact__Eik,afmetingen__exact__x,afmetingen__stam__exact__40"}, []),
        ({"data_attrs": "soort__exact__Eik,hoogte__gt__10,soort__icontains__ei"}, ["Eik"]),
    ],
)
def test_data_attribute_filters(api, trees, params, expected):
    assert _soorten(api.get(OBJECTS, params)) == expected


def test_filter_by_type_type_version_and_ordering(api, boom, trees):
    assert api.get(OBJECTS, {"type": boom.url}).json()["count"] == 3
    assert api.get(OBJECTS, {"typeVersion": 2}).json()["count"] == 0
    ordered = api.get(OBJECTS, {"ordering": "-record__data__hoogte"}).json()["results"]
    assert [r["record"]["data"]["hoogte"] for r in ordered] == [25, 15, 3]
    page = api.get(OBJECTS, {"pageSize": 2, "ordering": "record__data__hoogte"}).json()
    assert page["count"] == 3 and len(page["results"]) == 2 and page["next"]


def test_fields_selects_parts_of_the_response(api, trees):
    results = api.get(
        OBJECTS, {"fields": "uuid,record__data__soort", "data_attrs": "soort__exact__Eik"}
    ).json()
    assert results["results"] == [{"uuid": str(trees[0].uuid), "record": {"data": {"soort": "Eik"}}}]


def test_search_within_a_polygon(api, trees):
    response = _post(api, {"geometry": {"within": AREA}}, f"{OBJECTS}/search")
    assert _soorten(response) == ["Beuk", "Eik"]
    combined = _post(api, {"geometry": {"within": AREA}, "data_attrs": "hoogte__gt__10"}, f"{OBJECTS}/search")
    assert _soorten(combined) == ["Eik"]
    no_geo = _post(api, {"data_attrs": "hoogte__gt__20"}, f"{OBJECTS}/search")
    assert _soorten(no_geo) == ["Linde"]


def test_search_within_tests_lines_and_points_exactly(api, boom, aadorp):
    """Candidates come by bounding box; a line whose box lies inside the triangle's box but
    which itself lies outside the triangle is not found."""
    places = {
        "binnen-lijn": {"type": "LineString", "coordinates": [[5.15, 52.01], [5.19, 52.05]]},
        "buiten-lijn": {"type": "LineString", "coordinates": [[5.01, 52.10], [5.05, 52.15]]},
        "binnen-punt": {"type": "Point", "coordinates": [5.10, 52.05]},
        "buiten-punt": {"type": "Point", "coordinates": [5.05, 52.15]},
    }
    with tenancy.scope_for([aadorp.pk]):
        for soort, geometry in places.items():
            services.create_object(boom, data={"soort": soort}, geometry=geometry)
    triangle = {"type": "Polygon", "coordinates": [[[5.0, 52.0], [5.2, 52.0], [5.2, 52.2], [5.0, 52.0]]]}
    response = _post(api, {"geometry": {"within": triangle}}, f"{OBJECTS}/search")
    assert _soorten(response) == ["binnen-lijn", "binnen-punt"]


# --- permissions and tenancy --------------------------------------------------------------


def test_without_permission_a_type_is_invisible_and_closed(objecten_client, aadorp, trees):
    api = objecten_client(aadorp)
    assert api.get(OBJECTS).json()["count"] == 0
    assert api.get(f"{OBJECTS}/{trees[0].uuid}").status_code == 403


def test_read_only_permission_cannot_write(objecten_client, aadorp, boom, trees):
    api = objecten_client(aadorp, permissions={boom: ("read_only", None)})
    assert api.get(OBJECTS).json()["count"] == 3
    assert _post(api, _body(boom, {"soort": "Eik"})).status_code == 403
    assert api.delete(f"{OBJECTS}/{trees[0].uuid}").status_code == 403


def test_read_and_write_permission_can_write(objecten_client, aadorp, boom):
    api = objecten_client(aadorp, permissions={boom: ("read_and_write", None)})
    assert _post(api, _body(boom, {"soort": "Eik"})).status_code == 201


def test_restricted_fields_are_left_out(objecten_client, aadorp, boom, trees):
    api = objecten_client(aadorp, permissions={boom: ("read_only", ["soort"])})
    detail = api.get(f"{OBJECTS}/{trees[0].uuid}").json()
    assert detail["record"]["data"] == {"soort": "Eik"}
    history = api.get(f"{OBJECTS}/{trees[0].uuid}/history").json()["results"]
    assert history[0]["data"] == {"soort": "Eik"}


def test_other_municipality_sees_nothing(objecten_client, beestad, boom, trees):
    api = objecten_client(beestad, alles=True)
    assert api.get(OBJECTS).json()["count"] == 0
    assert api.get(f"{OBJECTS}/{trees[0].uuid}").status_code == 404
    assert _post(api, _body(boom, {"soort": "Eik"})).status_code == 400  # not their object type
    assert api.delete(f"{OBJECTS}/{trees[0].uuid}").status_code == 404


def test_without_a_token_nothing(client, trees):
    assert client.get(OBJECTS).status_code in (401, 403)


# --- bad input ----------------------------------------------------------------------------


def _error(response, status, name=None):
    assert response.status_code == status, response.content
    body = response.json()
    assert {"type", "code", "title", "status"} <= set(body)
    if name:
        # the project's error handler camelizes names: data_attrs is reported as dataAttrs
        camel = name.split("_")[0] + "".join(w.title() for w in name.split("_")[1:])
        assert {name, camel} & {p["name"] for p in body["invalidParams"]}, body
    return body


@pytest.mark.parametrize(
    "geometry",
    [
        {"type": "Point", "coordinates": [5.1]},
        {"type": "Polygon", "coordinates": [[[5, 52], [5.1, 52]]]},
        {"type": "Circle", "coordinates": [5, 52]},
        {"type": "Point", "coordinates": [512000, 6800000]},
        {"type": "Point"},
        "POINT(5 52)",
    ],
)
def test_malformed_geojson_is_a_clear_400(api, boom, geometry):
    _error(_post(api, _body(boom, {"soort": "Eik"}, geometry=geometry)), 400, "geometry")


def test_data_against_the_schema(api, boom):
    body = _error(_post(api, _body(boom, {"hoogte": "hoog"})), 400, "data")
    assert "soort" in body["invalidParams"][0]["reason"] or "hoog" in body["invalidParams"][0]["reason"]
    _error(_post(api, _body(boom, {"soort": "Eik", "conditie": "prima"})), 400, "data")
    _error(_post(api, _body(boom, {"soort": "Eik"}, typeVersion=7)), 400, "typeVersion")


def test_bad_requests(api, boom, trees):
    _error(api.post(OBJECTS, "{not json", content_type="application/json", **CRS), 400)
    _error(api.post(OBJECTS, "soort=Eik", content_type="text/plain", **CRS), 415)
    _error(api.get(OBJECTS, {"data_attrs": "hoogte__between__1"}), 400, "data_attrs")
    _error(api.get(OBJECTS, {"data_attrs": "hoogte"}), 400, "data_attrs")
    _error(api.get(OBJECTS, {"data_attrs": "ho'ogte__exact__1"}), 400, "data_attrs")
    _error(api.get(OBJECTS, {"onbekend": "1"}), 400, "onbekend")
    _error(api.get(OBJECTS, {"date": "gisteren"}), 400, "date")
    _error(api.get(OBJECTS, {"ordering": "geheim"}), 400, "ordering")
    _error(api.get(OBJECTS, {"type": "https://elders.example/objecttypes/1"}), 400, "type")
    _error(
        _post(api, {"geometry": {"within": {"type": "Point", "coordinates": [5, 52]}}}, f"{OBJECTS}/search"),
        400,
    )
    _error(_post(api, [1, 2], f"{OBJECTS}/search"), 400)
    _error(_post(api, _body(boom, {"soort": "Eik"}), HTTP_CONTENT_CRS="EPSG:28992"), 400)
    assert api.get(OBJECTS, HTTP_ACCEPT_CRS="EPSG:28992").status_code == 406
    assert api.get(f"{OBJECTS}/not-a-uuid").status_code == 404


def test_huge_payloads_are_refused(api, boom):
    huge = {"soort": "Eik", "eigenaar": "x" * (1024 * 1024 + 10)}
    _error(_post(api, _body(boom, huge)), 400, "data")
    ring = [[5 + i * 1e-6, 52] for i in range(100_001)] + [[5, 52]]
    _error(
        _post(api, _body(boom, {"soort": "Eik"}, geometry={"type": "LineString", "coordinates": ring})),
        400,
        "geometry",
    )


def test_permissions_endpoint_lists_what_the_client_may_do(objecten_client, aadorp, boom):
    api = objecten_client(aadorp, permissions={boom: ("read_only", ["soort"])})
    results = api.get("/objects/api/v2/permissions").json()["results"]
    assert results == [
        {
            "type": f"http://testserver/objecttypes/api/v2/objecttypes/{boom.uuid}",
            "mode": "read_only",
            "use_fields": True,
            "fields": {"1": ["soort"]},
        }
    ]
    assert objecten_client(aadorp).get("/objects/api/v2/permissions").json()["count"] == 0


def test_search_near_a_point(api, boom, aadorp, trees):
    with tenancy.scope_for([aadorp.pk]):
        services.create_object(boom, data={"soort": "Wilg"}, geometry={
            "type": "LineString", "coordinates": [[5.1190, 52.0905], [5.1230, 52.0905]]})
    near = {"point": [5.12, 52.09], "distance": 100}
    assert _soorten(_post(api, {"geometry": {"near": near}}, f"{OBJECTS}/search")) == ["Eik", "Wilg"]
    near["distance"] = 10
    assert _soorten(_post(api, {"geometry": {"near": near}}, f"{OBJECTS}/search")) == ["Eik"]
    _error(_post(api, {"geometry": {"near": {"point": [5.12], "distance": 10}}}, f"{OBJECTS}/search"), 400)
    _error(_post(api, {"geometry": {"near": near, "within": AREA}}, f"{OBJECTS}/search"), 400)
