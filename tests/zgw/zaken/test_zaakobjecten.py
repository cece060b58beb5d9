"""Zaakobjecten: every objectType of the OAS, overige, zaakobjecttype of the zaaktype, updates,
zrc-007, filters, tenancy and confidentiality."""

import pytest

from raadhuis.platform import tenancy
from raadhuis.zgw.zaken.constants_subresources import ObjectType
from tests.zgw.zaken.conftest import ALL_ZAKEN_SCOPES, grant
from tests.zgw.zaken.factories import published_zaaktype
from tests.zgw.zaken.subresources import (
    BSN,
    ZAAKOBJECTEN,
    close,
    codes,
    queries_of,
    zaakobjecttype,
    zaakobjecttype_url,
)

ID = "0363100012345678"
BAG = {"identificatie": ID, "wplWoonplaatsNaam": "Aadorp", "gorOpenbareRuimteNaam": "Kerkstraat"}
WOZ = {"wozObjectNummer": "123456789", "aanduidingWozObject": {
    "aoaIdentificatie": ID, "wplWoonplaatsNaam": "Aadorp", "gorOpenbareRuimteNaam": "Kerkstraat",
    "aoaHuisnummer": 1}}
KADASTER = {"kadastraleIdentificatie": "ADP01A1234", "kadastraleAanduiding": "Aadorp A 1234"}
# objectType → (property, identificatie) as the OAS defines them.
IDENTIFICATIES = {
    "adres": ("objectIdentificatie", {**BAG, "huisnummer": 12, "huisletter": "a", "postcode": "1234AB"}),
    "buurt": ("objectIdentificatie", {"buurtCode": "01", "buurtNaam": "Centrum", "gemGemeenteCode": "9999",
                                      "wykWijkCode": "02"}),
    "gemeente": ("objectIdentificatie", {"gemeenteNaam": "Aadorp", "gemeenteCode": "9999"}),
    "gemeentelijke_openbare_ruimte": ("objectIdentificatie", {"identificatie": ID,
                                                              "openbareRuimteNaam": "Plein"}),
    "huishouden": ("objectIdentificatie", {"nummer": "H-1", "isGehuisvestIn": {
        "identificatie": ID, "adresAanduidingGrp": {
            "aoaIdentificatie": ID, "wplWoonplaatsNaam": "Aadorp", "gorOpenbareRuimteNaam": "Kerkstraat",
            "aoaHuisnummer": 3}}}),
    "inrichtingselement": ("objectIdentificatie", {"type": "bak", "identificatie": ID}),
    "kadastrale_onroerende_zaak": ("objectIdentificatie", KADASTER),
    "kunstwerkdeel": ("objectIdentificatie", {"type": "sluis", "identificatie": ID, "naam": "Oude sluis"}),
    "maatschappelijke_activiteit": ("objectIdentificatie", {"kvkNummer": "12345678",
                                                            "handelsnaam": "Bakkerij"}),
    "openbare_ruimte": ("objectIdentificatie", BAG),
    "pand": ("objectIdentificatie", {"identificatie": ID}),
    "spoorbaandeel": ("objectIdentificatie", {"type": "normaalspoor", "identificatie": ID}),
    "terreindeel": ("objectIdentificatie", {"type": "gras", "identificatie": ID}),
    "terrein_gebouwd_object": ("objectIdentificatie", {"identificatie": ID}),
    "waterdeel": ("objectIdentificatie", {"typeWaterdeel": "waterloop", "identificatie": ID}),
    "wegdeel": ("objectIdentificatie", {"type": "rijbaan", "identificatie": ID, "naam": "N201"}),
    "wijk": ("objectIdentificatie", {"wijkCode": "01", "wijkNaam": "Noord", "gemGemeenteCode": "9999"}),
    "woonplaats": ("objectIdentificatie", {"identificatie": "1234", "woonplaatsNaam": "Aadorp"}),
    "woz_deelobject": ("objectIdentificatie", {"nummerWozDeelObject": "000001", "isOnderdeelVan": WOZ}),
    "woz_object": ("objectIdentificatie", WOZ),
    "woz_waarde": ("objectIdentificatie", {"waardepeildatum": "20260101", "isVoor": WOZ}),
    "zakelijk_recht": ("objectIdentificatie", {
        "identificatie": ID, "avgAard": "eigendom", "heeftBetrekkingOp": KADASTER,
        "heeftAlsGerechtigde": {"natuurlijkPersoon": {"inpBsn": BSN, "inpA_nummer": "1234567890"}}}),
    "medewerker": ("betrokkeneIdentificatie", {"identificatie": "m.devries"}),
    "natuurlijk_persoon": ("betrokkeneIdentificatie", {"inpBsn": BSN}),
    "niet_natuurlijk_persoon": ("betrokkeneIdentificatie", {"innNnpId": "123456782"}),
    "organisatorische_eenheid": ("betrokkeneIdentificatie", {"identificatie": "VTH"}),
    "vestiging": ("betrokkeneIdentificatie", {"vestigingsNummer": "000012345678"}),
    "overige": ("objectIdentificatie", {"overigeData": {"boom_soort": "eik", "stamOmtrek": 120}}),
}
URL_ONLY = {"besluit", "enkelvoudig_document", "status"}
OBJECT = "https://objecten.example/api/v2/objects/1b9f4e2c-1f6a-4b1e-9a3e-6c1f2d3e4f5a"


@pytest.fixture
def zaak(make_zaak):
    return make_zaak()


def _payload(zaak, object_type="pand", **overrides):
    payload = {"zaak": zaak["url"], "objectType": object_type, "relatieomschrijving": "Betreft"}
    if object_type in IDENTIFICATIES:
        name, identificatie = IDENTIFICATIES[object_type]
        payload[name] = identificatie
    else:
        payload["object"] = OBJECT
    if object_type == "overige":
        payload["objectTypeOverige"] = "boom"
    return {**payload, **overrides}


def _create(api, zaak, object_type="pand", **overrides):
    return api.post(ZAAKOBJECTEN, _payload(zaak, object_type, **overrides), format="json")


def test_every_object_type_of_the_oas_is_covered():
    assert set(IDENTIFICATIES) | URL_ONLY == set(ObjectType.values)


@pytest.mark.parametrize("object_type", sorted(ObjectType.values))
def test_create_every_object_type(api, zaak, object_type):
    response = _create(api, zaak, object_type)
    assert response.status_code == 201, response.json()
    body = response.json()
    if object_type in IDENTIFICATIES:
        name, identificatie = IDENTIFICATIES[object_type]
        assert _contains(body[name], identificatie)
    else:
        assert body["object"] == OBJECT
    assert api.get(body["url"]).json() == body


def _contains(shown, expected) -> bool:
    if isinstance(expected, dict):
        return isinstance(shown, dict) and all(_contains(shown.get(k), v) for k, v in expected.items())
    return shown == expected


def test_overige_data_is_kept_exactly(api, zaak):
    body = _create(api, zaak, "overige").json()
    assert body["objectIdentificatie"]["overigeData"] == {"boom_soort": "eik", "stamOmtrek": 120}
    assert body["objectTypeOverige"] == "boom"


def test_overige_needs_object_type_overige(api, zaak):
    response = _create(api, zaak, "overige", objectTypeOverige="")
    assert response.status_code == 400 and "missing-object-type-overige" in codes(response)


def test_object_type_overige_definitie_needs_an_object_url(api, zaak):
    definitie = {"url": "https://objecttypen.example/api/v2/objecttypes/1", "schema": ".jsonSchema",
                 "objectData": ".record.data"}
    refused = _create(api, zaak, "overige", objectTypeOverigeDefinitie=definitie)
    assert refused.status_code == 400 and "required" in codes(refused)
    response = _create(api, zaak, "overige", objectTypeOverigeDefinitie=definitie, object=OBJECT)
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["objectTypeOverigeDefinitie"] == definitie and "objectIdentificatie" not in body


def test_object_or_identificatie_is_required(api, zaak):
    response = api.post(ZAAKOBJECTEN, {"zaak": zaak["url"], "objectType": "pand"}, format="json")
    assert response.status_code == 400 and "invalid-zaakobject" in codes(response)


@pytest.mark.parametrize("object_type,identificatie", [
    ("adres", {"identificatie": ID}),  # huisnummer and names missing
    ("pand", {"identificatie": "x" * 101}),
    ("inrichtingselement", {"type": "bank", "identificatie": ID}),
    ("terrein_gebouwd_object", {"identificatie": ID, "adresAanduidingGrp": {
        "wplWoonplaatsNaam": "A", "gorOpenbareRuimteNaam": "B", "aoaHuisnummer": 1}}),  # no identificatie
    ("natuurlijk_persoon", {"inpBsn": "123456789"}),
])
def test_identificatie_is_validated_per_type(api, zaak, object_type, identificatie):
    name = IDENTIFICATIES[object_type][0]
    response = _create(api, zaak, object_type, **{name: identificatie})
    assert response.status_code == 400, response.json()


def test_zaakobjecttype_belongs_to_the_zaaktype(api, zaak, zaaktype, org_a):
    own = _create(api, zaak, zaakobjecttype=zaakobjecttype_url(zaakobjecttype(zaaktype)))
    assert own.status_code == 201, own.json()
    with tenancy.system_scope():
        other = published_zaaktype(org_a)
    response = _create(api, zaak, zaakobjecttype=zaakobjecttype_url(zaakobjecttype(other)))
    assert response.status_code == 400 and "zaaktype-mismatch" in codes(response)


def test_update_and_partial_update(api, zaak, make_zaak):
    url = _create(api, zaak).json()["url"]
    put = api.put(url, _payload(zaak, "adres", relatieomschrijving="Adres van de aanvraag"), format="json")
    assert put.status_code == 200, put.json()
    assert put.json()["objectType"] == "adres" and put.json()["objectIdentificatie"]["huisnummer"] == 12
    patch = api.patch(url, {"relatieomschrijving": "Gewijzigd"}, format="json")
    assert patch.status_code == 200, patch.json()
    assert patch.json()["relatieomschrijving"] == "Gewijzigd" and patch.json()["objectType"] == "adres"
    partial_group = api.patch(url, {"objectIdentificatie": {"identificatie": ID}}, format="json")
    assert partial_group.status_code == 400  # a gegevensgroep is validated whole, also in a PATCH
    moved = api.patch(url, {"zaak": make_zaak()["url"]}, format="json")
    assert moved.status_code == 400 and "wijzigen-niet-toegelaten" in codes(moved)


def test_delete(api, zaak):
    url = _create(api, zaak).json()["url"]
    assert api.get(zaak["url"]).json()["zaakobjecten"] == [url]
    assert api.delete(url).status_code == 204
    assert api.get(url).status_code == 404


def test_zrc_007_closed_zaak_needs_geforceerd_bijwerken(api, zgw_client, org_a, zaak, zaaktype):
    url = _create(api, zaak).json()["url"]
    close(api, zaak, zaaktype)
    plain = zgw_client(org_a, [grant(zaaktype)])
    assert _create(plain, zaak).status_code == 403
    assert plain.patch(url, {"relatieomschrijving": "x"}, format="json").status_code == 403
    assert plain.delete(url).status_code == 403
    assert api.patch(url, {"relatieomschrijving": "correctie"}, format="json").status_code == 200


def test_filters(api, make_zaak, zaak):
    pand = _create(api, zaak).json()
    besluit = _create(api, zaak, "besluit").json()
    elders = _create(api, make_zaak(), "status").json()

    def found(**params):
        response = api.get(ZAAKOBJECTEN, params)
        assert response.status_code == 200, response.json()
        return {r["url"] for r in response.json()["results"]}

    assert found(zaak=zaak["url"]) == {pand["url"], besluit["url"]}
    assert found(object=OBJECT) == {besluit["url"], elders["url"]}
    assert found(objectType="pand") == {pand["url"]}
    assert api.get(ZAAKOBJECTEN, {"objectType": "kasteel"}).status_code == 400


@pytest.mark.parametrize("body", [
    [], {"objectType": "kasteel"}, {"objectType": "adres", "objectIdentificatie": [1]},
    {"objectType": "overige", "objectIdentificatie": {"overigeData": "tekst"}},
    {"objectType": "pand", "zaak": "https://elders.example/zaken/1", "object": "geen url"},
])
def test_bad_input_is_a_400(api, body):
    assert api.post(ZAAKOBJECTEN, body, format="json").status_code == 400


def test_etag(api, zaak):
    url = _create(api, zaak).json()["url"]
    etag = api.get(url)["ETag"]
    assert api.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 304
    assert api.head(url)["ETag"] == etag


def test_expand_zaak(api, zaak):
    url = _create(api, zaak).json()["url"]
    assert api.get(url, {"expand": "zaak"}).json()["_expand"]["zaak"]["url"] == zaak["url"]
    assert api.get(zaak["url"], {"expand": "zaakobjecten"}).json()["_expand"]["zaakobjecten"][0]["url"] == url


def test_expand_zaakobjecttype_as_the_catalogi_api_shows_it(api, zaak, zaaktype):
    typed = _create(api, zaak, zaakobjecttype=zaakobjecttype_url(zaakobjecttype(zaaktype))).json()
    untyped = _create(api, zaak, "adres").json()
    embedded = api.get(typed["url"], {"expand": "zaakobjecttype"}).json()["_expand"]["zaakobjecttype"]
    assert embedded["url"] == typed["zaakobjecttype"] and embedded["zaaktype"] == zaak["zaaktype"]
    assert api.get(untyped["url"], {"expand": "zaakobjecttype"}).json()["_expand"]["zaakobjecttype"] == {}
    nested = api.get(zaak["url"], {"expand": "zaakobjecten.zaakobjecttype"}).json()["_expand"]["zaakobjecten"]
    by_url = {item["url"]: item["_expand"]["zaakobjecttype"] for item in nested}
    assert by_url[typed["url"]]["url"] == typed["zaakobjecttype"] and by_url[untyped["url"]] == {}


def test_another_organisation_cannot_see_touch_or_attach(api, api_b, zaak):
    url = _create(api, zaak).json()["url"]
    assert api_b.get(url).status_code == 404
    assert api_b.get(ZAAKOBJECTEN).json()["count"] == 0
    assert api_b.patch(url, {"relatieomschrijving": "x"}, format="json").status_code == 404
    assert api_b.delete(url).status_code == 404
    attach = _create(api_b, zaak)
    assert attach.status_code == 400 and "bad-url" in codes(attach)


def test_zaakobjecten_of_a_confidential_zaak_are_invisible(api, zgw_client, org_a, make_zaak, zaaktype):
    url = _create(api, make_zaak(vertrouwelijkheidaanduiding="vertrouwelijk")).json()["url"]
    openbaar = zgw_client(org_a, [grant(zaaktype, ALL_ZAKEN_SCOPES, maximum="openbaar")])
    assert openbaar.get(ZAAKOBJECTEN).json()["count"] == 0
    assert openbaar.get(url).status_code == 403


def test_list_runs_a_constant_number_of_queries(api, make_zaak, zaak):
    _create(api, zaak, "adres")
    one = queries_of(api, ZAAKOBJECTEN)
    for object_type in ("pand", "natuurlijk_persoon", "overige", "besluit"):
        _create(api, make_zaak(), object_type)
    assert queries_of(api, ZAAKOBJECTEN) == one
