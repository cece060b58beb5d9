"""Listing, filtering, ordering, paging, expand and _zoek, with constant query counts."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from raadhuis.platform import tenancy
from tests.zgw.zaken.conftest import BASE, ZAKEN, grant
from tests.zgw.zaken.factories import published_zaaktype

ZOEK = f"{ZAKEN}/_zoek"


def _identificaties(response):
    assert response.status_code == 200, response.json()
    return [z["identificatie"] for z in response.json()["results"]]


def test_filters(api, make_zaak):
    a = make_zaak(identificatie="A", startdatum="2026-01-01", archiefnominatie="vernietigen")
    make_zaak(identificatie="B", startdatum="2026-02-01", einddatumGepland="2026-05-01")
    make_zaak(identificatie="C", startdatum="2026-03-01", vertrouwelijkheidaanduiding="geheim")
    assert _identificaties(api.get(ZAKEN, {"identificatie": "A"})) == ["A"]
    assert set(_identificaties(api.get(ZAKEN, {"startdatum__gte": "2026-02-01"}))) == {"B", "C"}
    assert set(_identificaties(api.get(ZAKEN, {"startdatum__lt": "2026-02-01"}))) == {"A"}
    assert _identificaties(api.get(ZAKEN, {"einddatumGepland__gt": "2026-04-01"})) == ["B"]
    assert _identificaties(api.get(ZAKEN, {"archiefnominatie": "vernietigen"})) == ["A"]
    assert set(_identificaties(api.get(ZAKEN, {"archiefnominatie__in": "vernietigen,blijvend_bewaren"}))) == {
        "A"
    }
    assert set(_identificaties(api.get(ZAKEN, {"maximaleVertrouwelijkheidaanduiding": "intern"}))) == {
        "A",
        "B",
    }
    assert len(_identificaties(api.get(ZAKEN, {"einddatum__isnull": "true"}))) == 3
    assert _identificaties(api.get(ZAKEN, {"zaaktype": a["zaaktype"], "identificatie": "A"})) == ["A"]
    assert _identificaties(
        api.get(ZAKEN, {"bronorganisatie__in": a["bronorganisatie"], "identificatie": "B"})
    ) == ["B"]
    assert _identificaties(api.get(ZAKEN, {"rol__betrokkeneType": "natuurlijk_persoon"})) == []


@pytest.mark.parametrize(
    "params",
    [
        {"startdatum": "gisteren"},
        {"onbekend": "1"},
        {"ordering": "omschrijving"},
        {"archiefnominatie": "weggooien"},
        {"zaaktype": "geen-url"},
        {"einddatum__isnull": "misschien"},
        {"rol__betrokkeneType": "persoon"},
        {"rol__omschrijvingGeneriek": "baas"},
    ],
)
def test_bad_query_parameters_are_400(api, make_zaak, params):
    make_zaak()
    response = api.get(ZAKEN, params)
    assert response.status_code == 400, (params, response.json())


@pytest.mark.parametrize("expand,status", [
    ("onbekend", 404),  # zrc-027: not an attribute of the zaak
    ("a.b.c.d.e.f.g", 404),  # zrc-027
    ("communicatiekanaal", 400),  # zrc-025: information from another source
])
def test_zrc_025_027_expand_errors(api, make_zaak, expand, status):
    make_zaak()
    response = api.get(ZAKEN, {"expand": expand})
    assert response.status_code == status, response.json()
    assert response.json()["status"] == status


def test_ordering_and_pagination(api, make_zaak, monkeypatch):
    for day in ("2026-01-03", "2026-01-01", "2026-01-02"):
        make_zaak(identificatie=day, startdatum=day)
    assert _identificaties(api.get(ZAKEN, {"ordering": "startdatum"})) == [
        "2026-01-01",
        "2026-01-02",
        "2026-01-03",
    ]
    assert _identificaties(api.get(ZAKEN, {"ordering": "-startdatum"})) == [
        "2026-01-03",
        "2026-01-02",
        "2026-01-01",
    ]
    assert _identificaties(api.get(ZAKEN, {"ordering": "-identificatie,startdatum"}))[0] == "2026-01-03"
    from raadhuis.platform.api import pagination

    monkeypatch.setattr(pagination.PageNumberPagination, "page_size", 2)
    first = api.get(ZAKEN, {"ordering": "startdatum"}).json()
    assert first["count"] == 3 and len(first["results"]) == 2 and first["next"]
    second = api.get(first["next"]).json()
    assert [z["identificatie"] for z in second["results"]] == ["2026-01-03"] and second["previous"]
    assert api.get(ZAKEN, {"page": 9}).status_code == 404


def _count_queries(client, params=None):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(ZAKEN, params or {})
    assert response.status_code == 200
    return len(queries)


def test_list_runs_a_constant_number_of_queries(zgw_client, org_a, zaaktype, api, make_zaak):
    make_zaak(kenmerken=[{"kenmerk": "k", "bron": "b"}])
    one_page_of_one = _count_queries(api)
    hoofd = make_zaak()
    for _ in range(19):
        make_zaak(hoofdzaak=hoofd["url"], kenmerken=[{"kenmerk": "k", "bron": "b"}])
    assert _count_queries(api) == one_page_of_one
    with tenancy.system_scope():
        others = [published_zaaktype(org_a) for _ in range(19)]
    many_grants = zgw_client(org_a, [grant(zaaktype)] + [grant(z) for z in others])
    one_grant = zgw_client(org_a, [grant(zaaktype)])
    assert _count_queries(many_grants) == _count_queries(one_grant) == one_page_of_one
    assert one_page_of_one <= 6


def test_expand(api, make_zaak, zaaktype):
    hoofd = make_zaak()
    deel = make_zaak(hoofdzaak=hoofd["url"])
    make_zaak(relevanteAndereZaken=[{"url": hoofd["url"], "aardRelatie": "onderwerp"}], identificatie="REL")
    api.post(
        f"{BASE}/statussen",
        {
            "zaak": deel["url"],
            "statustype": f"http://testserver/catalogi/api/v1/statustypen/{zaaktype.begin.uuid}",
            "datumStatusGezet": "2026-02-01T10:00:00Z",
        },
        format="json",
    )
    body = api.get(deel["url"], {"expand": "zaaktype,hoofdzaak.deelzaken,status.statustype,resultaat"}).json()
    expanded = body["_expand"]
    assert expanded["zaaktype"]["url"] == deel["zaaktype"]
    assert expanded["hoofdzaak"]["url"] == hoofd["url"]
    assert [d["url"] for d in expanded["hoofdzaak"]["_expand"]["deelzaken"]] == [deel["url"]]
    assert expanded["status"]["_expand"]["statustype"]["url"].endswith(str(zaaktype.begin.uuid))
    assert expanded["resultaat"] == {}
    listed = api.get(ZAKEN, {"expand": "relevanteAndereZaken", "identificatie": "REL"}).json()["results"]
    assert [z["url"] for z in listed[0]["_expand"]["relevanteAndereZaken"]] == [hoofd["url"]]
    assert api.get(hoofd["url"], {"expand": "deelzaken.status"}).json()["_expand"]["deelzaken"][0]["_expand"]


def test_zrc_026_expand_to_any_depth(api, make_zaak, zaaktype):
    """zrc-026: an expansion nests as deep as asked, through zaken and into the Catalogi API."""
    hoofd = make_zaak(identificatie="HOOFD")
    deel = make_zaak(hoofdzaak=hoofd["url"], identificatie="DEEL")
    api.post(f"{BASE}/statussen", {
        "zaak": hoofd["url"], "datumStatusGezet": "2026-02-01T10:00:00Z",
        "statustype": f"http://testserver/catalogi/api/v1/statustypen/{zaaktype.begin.uuid}"}, format="json")
    path = "deelzaken.hoofdzaak.status.statustype"
    body = api.get(deel["url"], {"expand": f"hoofdzaak.{path},hoofdzaak.zaaktype.statustypen"}).json()
    hoofd_expanded = body["_expand"]["hoofdzaak"]
    level_2 = hoofd_expanded["_expand"]["deelzaken"][0]
    assert level_2["identificatie"] == "DEEL"
    level_3 = level_2["_expand"]["hoofdzaak"]
    assert level_3["identificatie"] == "HOOFD"
    statustype = level_3["_expand"]["status"]["_expand"]["statustype"]
    assert statustype["omschrijving"] == "Ontvangen"  # depth 5
    statustypen = hoofd_expanded["_expand"]["zaaktype"]["_expand"]["statustypen"]
    assert {s["omschrijving"] for s in statustypen} == {"Ontvangen", "Afgehandeld"}


def test_expand_query_count_does_not_grow_with_the_page(api, make_zaak):
    hoofd = make_zaak()
    make_zaak(hoofdzaak=hoofd["url"])
    params = {"expand": "zaaktype,hoofdzaak,deelzaken,status,resultaat"}
    small = _count_queries(api, params)
    for _ in range(10):
        make_zaak(hoofdzaak=hoofd["url"])
    assert _count_queries(api, params) == small


SQUARE = {
    "type": "Polygon",
    "coordinates": [[[5.0, 52.0], [5.2, 52.0], [5.2, 52.2], [5.0, 52.2], [5.0, 52.0]]],
}
TRIANGLE = {"type": "Polygon", "coordinates": [[[5.0, 52.0], [5.2, 52.0], [5.0, 52.2], [5.0, 52.0]]]}


def test_zoek_geometry_within(api, make_zaak):
    make_zaak(identificatie="IN", zaakgeometrie={"type": "Point", "coordinates": [5.05, 52.05]})
    make_zaak(
        identificatie="IN-BBOX-NOT-TRIANGLE", zaakgeometrie={"type": "Point", "coordinates": [5.18, 52.18]}
    )
    make_zaak(identificatie="OUT", zaakgeometrie={"type": "Point", "coordinates": [6.0, 53.0]})
    make_zaak(identificatie="NONE")
    square = api.post(ZOEK, {"zaakgeometrie": {"within": SQUARE}}, format="json")
    assert set(_identificaties(square)) == {"IN", "IN-BBOX-NOT-TRIANGLE"}
    triangle = api.post(ZOEK, {"zaakgeometrie": {"within": TRIANGLE}}, format="json")
    assert _identificaties(triangle) == ["IN"]
    bad = api.post(
        ZOEK, {"zaakgeometrie": {"within": {"type": "Point", "coordinates": [1, 1]}}}, format="json"
    )
    assert bad.status_code == 400


def test_zoek_filters_uuid_in_and_fields(api, make_zaak, zaaktype):
    a = make_zaak(identificatie="A")
    make_zaak(identificatie="B")
    by_uuid = api.post(ZOEK, {"uuid__in": [a["uuid"]]}, format="json")
    assert _identificaties(by_uuid) == ["A"]
    filtered = api.post(
        ZOEK,
        {"identificatie": "B", "zaaktype__in": [a["zaaktype"]], "ordering": "-startdatum"},
        format="json",
    )
    assert _identificaties(filtered) == ["B"]
    fields = api.post(
        ZOEK,
        {"uuid__in": [a["uuid"]], "fields": ["url", "identificatie", {"zaaktype": ["omschrijving"]}]},
        format="json",
    )
    result = fields.json()["results"][0]
    assert set(result) == {"url", "identificatie", "_expand"}
    assert set(result["_expand"]["zaaktype"]) == {"omschrijving"}
    both = api.post(ZOEK, {"fields": ["url"], "expand": "zaaktype"}, format="json")
    assert both.status_code == 400
    for body in ({"onbekend": 1}, {"uuid__in": ["geen-uuid"]}, {"startdatum": {"x": 1}}, [1], "tekst"):
        assert api.post(ZOEK, body, format="json").status_code == 400, body
    assert api.generic("POST", ZOEK, "{kapot", content_type="application/json").status_code == 400


def test_zoek_takes_the_list_parameters_as_the_standard_names_them(api, make_zaak):
    """ZaakZoek: the list's parameters in the body, with lists for the __in ones, booleans for
    __isnull and one ordering; the query's expand (the body's is deprecated)."""
    make_zaak(identificatie="A", startdatum="2026-01-01", archiefnominatie="vernietigen")
    make_zaak(identificatie="B", startdatum="2026-02-01")
    body = {"archiefnominatie__in": ["vernietigen", "blijvend_bewaren"], "einddatum__isnull": True,
            "startdatum__lt": "2026-03-01", "ordering": "-startdatum", "zaakgeometrie": {}}
    assert _identificaties(api.post(ZOEK, body, format="json")) == ["A"]
    newest_first = api.post(ZOEK, {"ordering": "-startdatum", "rol__betrokkeneType": "vestiging"},
                            format="json")
    assert _identificaties(newest_first) == []
    both = api.post(f"{ZOEK}?expand=zaaktype", {"identificatie": "B"}, format="json")
    assert _identificaties(both) == ["B"] and both.json()["results"][0]["_expand"]["zaaktype"]["url"]
    for bad in ({"einddatum__isnull": "misschien"}, {"archiefstatus__in": "gearchiveerd"},
                {"rol__omschrijvingGeneriek": "baas"}, {"ordering": ["-startdatum"]},
                {"zaaktype__in": "geen lijst"}):
        assert api.post(ZOEK, bad, format="json").status_code == 400, bad
