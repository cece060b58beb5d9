"""The list and _zoek build their page from plain rows (api/rows.py, ADR 0022): the JSON is the
serializer's to the byte, for zaken with every optional part filled and for bare ones."""

import json

import pytest
from rest_framework.request import Request
from rest_framework.test import APIRequestFactory

from raadhuis.platform import tenancy
from raadhuis.zgw.zaken.api.serializers import ZaakSerializer
from raadhuis.zgw.zaken.api.viewsets.base import ZakenRenderer
from raadhuis.zgw.zaken.models import Zaak as ZaakModel
from raadhuis.zgw.zaken.models import ZaakInformatieObject, ZaakObject
from tests.zgw.zaken.conftest import ZAKEN, zaak_payload
from tests.zgw.zaken.subresources import DOCUMENT, ROLLEN, close, eigenschap, eigenschap_url, rol_payload
from tests.zgw.zaken.subresources import roltype as make_roltype

OBJECT = "https://objecten.example/api/v2/objects/1b9f4e2c-1f6a-4b1e-9a3e-6c1f2d3e4f5a"
FULL = {
    "identificatie": "ZAAK-VOL-1",
    "toelichting": "Met alles erop en eraan",
    "einddatumGepland": "2026-03-01",
    "uiterlijkeEinddatumAfdoening": "2026-04-01",
    "publicatiedatum": "2026-01-10",
    "communicatiekanaal": "https://referentielijsten.example/communicatiekanalen/1",
    "productenOfDiensten": ["https://pdc.example/producten/2"],
    "vertrouwelijkheidaanduiding": "vertrouwelijk",
    "betalingsindicatie": "gedeeltelijk",
    "laatsteBetaaldatum": "2026-02-01T10:00:00+01:00",
    "zaakgeometrie": {"type": "Point", "coordinates": [4.9, 52.37]},
    "verlenging": {"reden": "Complexe aanvraag", "duur": "P5D"},
    "opschorting": {"indicatie": True, "reden": "Wacht op aanvullende gegevens"},
    "selectielijstklasse": "https://selectielijst.example/api/v1/resultaten/1",
    "kenmerken": [{"kenmerk": "K-1", "bron": "Balie"}, {"kenmerk": "K-2", "bron": "Web"}],
    "archiefnominatie": "vernietigen",
    "archiefactiedatum": "2036-01-01",
    "opdrachtgevendeOrganisatie": "002220647",
    "processobjectaard": "Vergunning",
    "startdatumBewaartermijn": "2026-05-01",
    "processobject": {"datumkenmerk": "einddatum", "identificatie": "V-1", "objecttype": "vergunning",
                      "registratie": "ZRC"},
}


@pytest.fixture
def zaken(api, make_zaak, zaaktype, org_a):
    """A bare zaak, a hoofdzaak with every optional part and related records, two deelzaken
    (one closed, with status and resultaat) and a zaak that points at the others."""
    bare = make_zaak()
    response = api.post(ZAKEN, zaak_payload(zaaktype, org_a, **FULL), format="json")
    assert response.status_code == 201, json.dumps(response.json())
    full = response.json()
    deel = make_zaak(hoofdzaak=full["url"], betalingsindicatie="nvt")
    closed = make_zaak(hoofdzaak=full["url"], zaakgeometrie={
        "type": "Polygon", "coordinates": [[[4.8, 52.3], [4.9, 52.3], [4.9, 52.4], [4.8, 52.3]]]})
    close(api, closed, zaaktype)
    make_zaak(relevanteAndereZaken=[{"url": full["url"], "aardRelatie": "vervolg"},
                                    {"url": bare["url"], "aardRelatie": "bijdrage"}])
    for target in (full, deel):
        assert api.post(ROLLEN, rol_payload(target, make_roltype(zaaktype)), format="json").status_code == 201
    datum = eigenschap(zaaktype)
    response = api.post(f"{full['url']}/zaakeigenschappen", {
        "zaak": full["url"], "eigenschap": eigenschap_url(datum), "waarde": "20260105"}, format="json")
    assert response.status_code == 201, response.json()
    with tenancy.system_scope():
        record = ZaakModel.objects.get(uuid=full["uuid"])
        ZaakObject.objects.create(zaak=record, object_type="pand", object=OBJECT,
                                  relatieomschrijving="Betreft")
        ZaakInformatieObject.objects.create(zaak=record, informatieobject=DOCUMENT, titel="Aanvraag")
    return full


def _serializer_page(response_json) -> bytes:
    """The page as ZaakSerializer and the camelCase renderer write it (the path before rows)."""
    request = Request(APIRequestFactory().get(ZAKEN))
    uuids = [zaak["uuid"] for zaak in response_json["results"]]
    with tenancy.system_scope():
        by_uuid = {str(z.uuid): z for z in ZaakModel.objects.filter(uuid__in=uuids)
                   .select_related("zaaktype", "hoofdzaak")}
        results = ZaakSerializer([by_uuid[uuid] for uuid in uuids], many=True,
                                 context={"request": request}).data
    page = {key: value for key, value in response_json.items() if key != "results"}
    return ZakenRenderer().render({**page, "results": results})


def test_the_list_is_the_serializers_output_to_the_byte(api, zaken):
    response = api.get(ZAKEN)
    assert response.status_code == 200
    data = response.json()
    assert data["count"] == 5
    full = next(zaak for zaak in data["results"] if zaak["uuid"] == zaken["uuid"])
    for part in ("rollen", "eigenschappen", "zaakobjecten", "zaakinformatieobjecten", "deelzaken",
                 "kenmerken", "verlenging", "processobject", "zaakgeometrie", "laatsteBetaaldatum"):
        assert full[part], part
    expected = _serializer_page(data)
    for ours, theirs in zip(data["results"], json.loads(expected)["results"], strict=True):
        assert ours == theirs
    assert response.content == expected


def test_zoek_and_a_filtered_list_are_the_same_rows(api, zaken):
    listed = api.get(ZAKEN, {"identificatie": "ZAAK-VOL-1"})
    assert [zaak["uuid"] for zaak in listed.json()["results"]] == [zaken["uuid"]]
    assert listed.content == _serializer_page(listed.json())
    searched = api.post(f"{ZAKEN}/_zoek", {"identificatie": "ZAAK-VOL-1"}, format="json")
    assert searched.status_code == 200 and searched.content == listed.content


def test_expand_keeps_the_serializer_path(api, zaken):
    data = api.get(ZAKEN, {"expand": "hoofdzaak"}).json()
    deelzaak = next(zaak for zaak in data["results"] if zaak["hoofdzaak"] == zaken["url"])
    assert deelzaak["_expand"]["hoofdzaak"]["uuid"] == zaken["uuid"]


def test_a_created_zaak_is_shown_and_audited_as_the_serializer_shows_it(api, make_zaak, zaaktype, org_a):
    """POST /zaken answers and audits the new zaak from memory (rows.represent_created): the
    body equals a fresh read's, and the trail's nieuw equals the serializer's snake_case data."""
    other = make_zaak()
    hoofdzaak = make_zaak()
    full = {**FULL, "identificatie": "ZAAK-NIEUW-1", "hoofdzaak": hoofdzaak["url"],
            "relevanteAndereZaken": [{"url": other["url"], "aardRelatie": "vervolg"}],
            "zaakgeometrie": {"type": "Polygon",
                              "coordinates": [[[4.8, 52.3], [4.9, 52.3], [4.9, 52.4], [4.8, 52.3]]]}}
    for body in (zaak_payload(zaaktype, org_a), zaak_payload(zaaktype, org_a, **full)):
        created = api.post(ZAKEN, body, format="json")
        assert created.status_code == 201, created.json()
        shown = created.json()
        assert shown == api.get(shown["url"]).json()
        with tenancy.system_scope():
            zaak = ZaakModel.objects.select_related("zaaktype", "hoofdzaak").get(uuid=shown["uuid"])
            request = Request(APIRequestFactory().get(ZAKEN))
            expected = dict(ZaakSerializer(zaak, context={"request": request}).data)
        entry = api.get(f"{shown['url']}/audittrail").json()[0]
        assert entry["actie"] == "create" and entry["wijzigingen"] == {"oud": None, "nieuw": shown}
        assert _stored_nieuw(shown["url"]) == json.loads(json.dumps(expected))
    assert shown["kenmerken"] == FULL["kenmerken"] and shown["hoofdzaak"] == hoofdzaak["url"]
    assert shown["relevanteAndereZaken"] == full["relevanteAndereZaken"]


def _stored_nieuw(url: str) -> dict:
    from raadhuis.platform.models import AuditEntry

    with tenancy.system_scope():
        return AuditEntry.objects.get(resource_url__endswith=url.split("/zaken/", 1)[1], actie="create").nieuw


def test_a_zaak_created_by_a_service_caller_with_text_values_is_shown_as_read_back(org_a, zaaktype):
    """Other modules call create_zaak with text for dates and times: the body shown from memory
    is still the one a read gives."""
    from raadhuis.zgw.zaken import services

    with tenancy.scope_for([org_a.pk]):
        zaak = services.create_zaak({
            "zaaktype": zaaktype, "bronorganisatie": org_a.rsin, "verantwoordelijke_organisatie": org_a.rsin,
            "startdatum": "2026-01-05",
            "einddatum_gepland": "2026-03-01"})
        fresh = ZaakModel.objects.select_related("zaaktype", "hoofdzaak").get(pk=zaak.pk)
        assert zaak.as_shown == services.snapshot(fresh)
    assert zaak.as_shown["startdatum"] == "2026-01-05"
