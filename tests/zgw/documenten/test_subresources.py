"""Gebruiksrechten (drc-006), objectinformatieobjecten as mirrors of the Zaken component's
zaakinformatieobjecten and through the API (drc-002 … drc-004), verzendingen."""

from datetime import date

import pytest

from raadhuis.platform import tenancy
from raadhuis.platform.models import AuditEntry
from raadhuis.zgw.documenten.models import ObjectInformatieObject
from raadhuis.zgw.zaken import services_subresources as zaken_sub
from raadhuis.zgw.zaken.models import Zaak
from tests.zgw.catalogi.factories import ZaaktypeFactory, ZaaktypeInformatieobjecttypeFactory
from tests.zgw.documenten.conftest import BASE, canonical, create

pytestmark = pytest.mark.django_db
GR = f"{BASE}/gebruiksrechten"
OIO = f"{BASE}/objectinformatieobjecten"
VZ = f"{BASE}/verzendingen"


def _codes(response) -> set[str]:
    body = response.json()
    return {p["code"] for p in body.get("invalidParams", [])} | {body.get("code")}


def _recht(url: str, **overrides) -> dict:
    return {
        "informatieobject": url,
        "startdatum": "2025-01-01T00:00:00Z",
        "omschrijvingVoorwaarden": "CC-BY",
        **overrides,
    }


def test_drc_006_indicatie_gebruiksrecht_follows_the_rights(api, world):
    url = create(api, world, indicatieGebruiksrecht=False).json()["url"]
    first = api.post(GR, _recht(url), format="json")
    assert first.status_code == 201, first.content
    assert api.get(url).json()["indicatieGebruiksrecht"] is True
    second = api.post(GR, _recht(url, einddatum="2026-01-01T00:00:00Z"), format="json").json()
    assert api.delete(first.json()["url"]).status_code == 204
    assert api.get(url).json()["indicatieGebruiksrecht"] is True
    assert api.delete(second["url"]).status_code == 204
    assert api.get(url).json()["indicatieGebruiksrecht"] is None


def test_gebruiksrechten_crud_filters_and_etag(api, world):
    url = create(api, world).json()["url"]
    recht = api.post(GR, _recht(url), format="json").json()
    assert api.get(GR, {"informatieobject": url}).json() == [api.get(recht["url"]).json()]
    assert api.get(GR, {"startdatum__gte": "2025-01-02T00:00:00Z"}).json() == []
    assert api.get(GR, {"startdatum__lt": "bogus"}).status_code == 400
    changed = api.patch(recht["url"], {"omschrijvingVoorwaarden": "Geen"}, format="json")
    assert changed.status_code == 200 and changed.json()["omschrijvingVoorwaarden"] == "Geen"
    other = create(api, world).json()["url"]
    moved = api.patch(recht["url"], {"informatieobject": other}, format="json")
    assert moved.status_code == 400 and "wijzigen-niet-toegelaten" in _codes(moved)
    assert api.head(recht["url"])["ETag"] == api.get(recht["url"])["ETag"]
    assert (
        api.get(recht["url"], {"expand": "informatieobject"}).json()["_expand"]["informatieobject"]["url"]
        == url
    )


# --- Objectinformatieobjecten ----------------------------------------------------------------


@pytest.fixture
def zaak(world):
    with tenancy.system_scope():
        zaaktype = ZaaktypeFactory(catalogus=world.iot.catalogus, concept=False)
        ZaaktypeInformatieobjecttypeFactory(zaaktype=zaaktype, informatieobjecttype=world.iot.omschrijving)
        organisation = world.organisation
        zaak = Zaak(
            organisation=organisation,
            zaaktype=zaaktype,
            bronorganisatie=organisation.rsin,
            verantwoordelijke_organisatie=organisation.rsin,
            startdatum=date(2025, 1, 6),
            vertrouwelijkheidaanduiding="openbaar",
            identificatie="ZAAK-DRC-1",
        )
        zaak.save()
    return zaak


def _zaak_url(zaak) -> str:
    return f"http://testserver/zaken/api/v1/zaken/{zaak.uuid}"


def test_zaakinformatieobject_is_mirrored_and_unmirrored(api, world, zaak):
    url = create(api, world).json()["url"]
    with tenancy.scope_for([world.organisation.pk]):
        zio = zaken_sub.save_zaakinformatieobject(None, {"zaak": zaak, "informatieobject": url})
    relations = api.get(OIO, {"informatieobject": url}).json()
    assert [(r["object"], r["objectType"]) for r in relations] == [(canonical(_zaak_url(zaak)), "zaak")]
    assert api.get(OIO, {"object": _zaak_url(zaak)}).json() == relations  # any host spelling
    listed = api.get(
        "http://testserver/documenten/api/v1/enkelvoudiginformatieobjecten",
        {"objectinformatieobjecten_object": _zaak_url(zaak), "objectinformatieobjecten_objectType": "zaak"},
    ).json()
    assert listed["count"] == 1
    with tenancy.scope_for([world.organisation.pk]):
        zaken_sub.delete_zaakinformatieobject(zio)
    assert api.get(OIO, {"informatieobject": url}).json() == []


def test_drc_008_a_deleted_zaak_no_longer_holds_its_documents(api, world, zaak):
    from raadhuis.zgw.zaken import services as zaken

    url = create(api, world).json()["url"]
    with tenancy.scope_for([world.organisation.pk]):
        zaken_sub.save_zaakinformatieobject(None, {"zaak": zaak, "informatieobject": url})
    assert api.delete(url).status_code == 400  # the zaak still holds it
    with tenancy.scope_for([world.organisation.pk]):
        zaken.delete_zaak(zaak)  # zrc-023: its zaakinformatieobjecten, and their mirrors here
        assert not ObjectInformatieObject.objects.exists()
        destroyed = AuditEntry.objects.filter(resource="objectinformatieobject", actie="destroy")
        assert destroyed.count() == 1 and destroyed.get().oud["object"] == canonical(_zaak_url(zaak))
    assert api.get(OIO, {"informatieobject": url}).json() == []
    assert api.delete(url).status_code == 204


def test_zaken_resolves_our_documents(api, world, zaak):
    url = create(api, world).json()["url"]
    with tenancy.scope_for([world.organisation.pk]):
        document = zaken_sub.resolve_informatieobject(url)
        assert document.informatieobjecttype == world.iot
        assert zaken_sub.resolve_informatieobject(url[:-4] + "0000") is None


def test_drc_002_object_must_exist(api, world, zaak):
    url = create(api, world).json()["url"]
    missing = api.post(
        OIO,
        {"informatieobject": url, "object": _zaak_url(zaak)[:-4] + "0000", "objectType": "zaak"},
        format="json",
    )
    assert missing.status_code == 400 and "bad-url" in _codes(missing)
    elsewhere = api.post(
        OIO,
        {"informatieobject": url, "object": "https://example.org/zaken/1", "objectType": "zaak"},
        format="json",
    )
    assert elsewhere.status_code == 400
    wrong_type = api.post(
        OIO, {"informatieobject": url, "object": _zaak_url(zaak), "objectType": "besluit"}, format="json"
    )
    assert wrong_type.status_code == 400


def test_drc_003_object_and_informatieobject_once(api, world, zaak):
    url = create(api, world).json()["url"]
    with tenancy.scope_for([world.organisation.pk]):
        zaken_sub.save_zaakinformatieobject(None, {"zaak": zaak, "informatieobject": url})
    again = api.post(
        OIO, {"informatieobject": url, "object": _zaak_url(zaak), "objectType": "zaak"}, format="json"
    )
    assert again.status_code == 400 and "unique" in _codes(again)


def test_drc_004_relation_must_exist_in_the_source(api, world, zaak):
    url = create(api, world).json()["url"]
    response = api.post(
        OIO, {"informatieobject": url, "object": _zaak_url(zaak), "objectType": "zaak"}, format="json"
    )
    assert response.status_code == 400 and "inconsistent-relation" in _codes(response)


def test_drc_011_object_of_a_relation_cannot_be_expanded(api, world, zaak):
    url = create(api, world).json()["url"]
    with tenancy.scope_for([world.organisation.pk]):
        zaken_sub.save_zaakinformatieobject(None, {"zaak": zaak, "informatieobject": url})
    assert api.get(OIO, {"expand": "object"}).status_code == 406
    assert api.get(OIO, {"expand": "informatieobject"}).json()[0]["_expand"]["informatieobject"]["url"] == url


# --- Verzendingen ----------------------------------------------------------------------------


def _verzending(url: str, **overrides) -> dict:
    return {
        "informatieobject": url,
        "betrokkene": "https://klanten.example/api/v1/klanten/1",
        "aardRelatie": "geadresseerde",
        "contactPersoon": "https://klanten.example/api/v1/personen/2",
        "emailadres": "inwoner@example.nl",
        **overrides,
    }


def test_verzending_goes_to_exactly_one_address(api, world):
    url = create(api, world).json()["url"]
    created = api.post(VZ, _verzending(url), format="json")
    assert created.status_code == 201, created.content
    both = api.post(VZ, _verzending(url, mijnOverheid=True), format="json")
    assert both.status_code == 400 and "invalid-address" in _codes(both)
    none = api.post(VZ, _verzending(url, emailadres=None), format="json")
    assert none.status_code == 400
    adres = {"huisnummer": 12, "naamOpenbareRuimte": "Markt", "woonplaatsnaam": "Aadorp"}
    postal = api.post(
        VZ, _verzending(url, emailadres=None, binnenlandsCorrespondentieadres=adres), format="json"
    )
    assert postal.status_code == 201, postal.content
    assert postal.json()["binnenlandsCorrespondentieadres"]["naamOpenbareRuimte"] == "Markt"
    buitenland = {"adresBuitenland1": "1 Rue", "landPostadres": "https://landen.example/6030"}
    abroad = api.post(
        VZ, _verzending(url, emailadres=None, buitenlandsCorrespondentieadres=buitenland), format="json"
    )
    assert abroad.status_code == 201, abroad.content
    assert abroad.json()["buitenlandsCorrespondentieadres"]["adresBuitenland1"] == "1 Rue"
    assert api.get(VZ, {"aardRelatie": "geadresseerde"}).json()["count"] == 3
    assert api.get(VZ, {"informatieobject": url}).json()["count"] == 3
    patched = api.patch(created.json()["url"], {"toelichting": "Per mail"}, format="json")
    assert patched.status_code == 200 and patched.json()["toelichting"] == "Per mail"
    assert api.delete(created.json()["url"]).status_code == 204
