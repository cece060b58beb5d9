"""Tenancy, scopes and bad input of the Catalogi API."""

import pytest

from raadhuis.platform import tenancy
from raadhuis.zgw.catalogi.models import Zaaktype
from tests.zgw.catalogi.conftest import (
    catalogus_url,
    resultaattype_payload,
    url,
    zaaktype_payload,
)
from tests.zgw.catalogi.test_zaaktype_api import codes, create


@pytest.fixture
def zaaktype_a(beheer, catalogus):
    zaaktype = create(beheer, "zaaktypen", zaaktype_payload(catalogus_url(catalogus)))
    create(beheer, "statustypen", {"zaaktype": zaaktype["url"], "omschrijving": "Ontvangen", "volgnummer": 1})
    return zaaktype


# --- Tenancy: organisation B sees and changes nothing of A --------------------------------

def test_other_organisation_sees_nothing(beheer_b, catalogus, zaaktype_a):
    for path in ("catalogussen", "zaaktypen", "statustypen"):
        query = {"status": "alles"} if path != "catalogussen" else {}
        assert beheer_b.get(url(path), query).json()["count"] == 0
    assert beheer_b.get(zaaktype_a["url"]).status_code == 404
    assert beheer_b.get(catalogus_url(catalogus)).status_code == 404
    assert beheer_b.head(zaaktype_a["url"]).status_code == 404


def test_other_organisation_changes_nothing(beheer_b, zaaktype_a):
    assert beheer_b.patch(zaaktype_a["url"], {"toelichting": "Gekaapt"}, format="json").status_code == 404
    assert beheer_b.put(zaaktype_a["url"], {}, format="json").status_code == 404
    assert beheer_b.post(zaaktype_a["url"] + "/publish", format="json").status_code == 404
    assert beheer_b.delete(zaaktype_a["url"]).status_code == 404
    with tenancy.system_scope():
        zaaktype = Zaaktype.objects.get(uuid=zaaktype_a["url"].rsplit("/", 1)[-1])
        assert zaaktype.toelichting == "" and zaaktype.concept


def test_references_to_another_organisation_are_bad_urls(beheer_b, catalogus, zaaktype_a):
    response = beheer_b.post(url("zaaktypen"), zaaktype_payload(catalogus_url(catalogus)), format="json")
    assert response.status_code == 400 and codes(response) == {"bad-url"}
    for path, payload in [
        ("statustypen", {"zaaktype": zaaktype_a["url"], "omschrijving": "X", "volgnummer": 5}),
        ("roltypen", {"zaaktype": zaaktype_a["url"], "omschrijving": "X",
                      "omschrijvingGeneriek": "initiator"}),
        ("resultaattypen", resultaattype_payload(zaaktype_a["url"])),
    ]:
        response = beheer_b.post(url(path), payload, format="json")
        assert response.status_code == 400 and codes(response) == {"bad-url"}, path


def test_filtering_on_another_organisations_catalogus_finds_nothing(beheer_b, catalogus, zaaktype_a):
    query = {"catalogus": catalogus_url(catalogus), "status": "alles"}
    assert beheer_b.get(url("zaaktypen"), query).json()["count"] == 0


# --- Scopes -------------------------------------------------------------------------------

def test_reading_needs_a_read_scope(zgw_client, org_a, zaaktype_a):
    nothing = zgw_client(org_a, [{"component": "ztc", "scopes": ["catalogi.schrijven"]}])
    assert nothing.get(url("zaaktypen")).status_code == 403
    assert nothing.get(zaaktype_a["url"]).status_code == 403


def test_writing_needs_catalogi_schrijven(lezer, catalogus, zaaktype_a):
    assert lezer.get(zaaktype_a["url"]).status_code == 200
    response = lezer.post(url("zaaktypen"), zaaktype_payload(catalogus_url(catalogus)), format="json")
    assert response.status_code == 403
    assert lezer.patch(zaaktype_a["url"], {"toelichting": "x"}, format="json").status_code == 403
    assert lezer.delete(zaaktype_a["url"]).status_code == 403
    assert lezer.post(zaaktype_a["url"] + "/publish", format="json").status_code == 403


def test_unauthenticated_is_refused(client, zaaktype_a):
    assert client.get(url("zaaktypen")).status_code in (401, 403)


@pytest.mark.parametrize("component,scope", [("zrc", "zaken.lezen"), ("drc", "documenten.lezen")])
def test_ztc_014_zaken_and_documenten_read_the_catalogue(zgw_client, org_a, zaaktype_a, component, scope):
    autorisatie = {"component": component, "scopes": [scope], "max_vertrouwelijkheidaanduiding": "geheim",
                   "zaaktype" if component == "zrc" else "informatieobjecttype": zaaktype_a["url"]}
    reader = zgw_client(org_a, [autorisatie])
    assert reader.get(zaaktype_a["url"]).status_code == 200
    assert reader.get(url("statustypen"), {"status": "alles"}).json()["count"] == 1
    assert reader.patch(zaaktype_a["url"], {"toelichting": "x"}, format="json").status_code == 403


# --- Bad input ----------------------------------------------------------------------------

def test_malformed_json_is_a_400(beheer):
    response = beheer.generic("POST", url("zaaktypen"), b'{"identificatie": ',
                              content_type="application/json")
    assert response.status_code == 400
    assert response.json()["code"] == "parse_error"


def test_wrong_types_give_invalid_params(beheer, catalogus):
    payload = zaaktype_payload(catalogus_url(catalogus), doorlooptijd="acht weken", verlengingMogelijk="ja",
                               trefwoorden="geen lijst", beginGeldigheid="1 januari",
                               vertrouwelijkheidaanduiding="topgeheim")
    response = beheer.post(url("zaaktypen"), payload, format="json")
    assert response.status_code == 400
    names = {p["name"] for p in response.json()["invalidParams"]}
    assert {"doorlooptijd", "verlengingMogelijk", "trefwoorden", "beginGeldigheid",
            "vertrouwelijkheidaanduiding"} <= names


def test_missing_required_fields(beheer):
    response = beheer.post(url("roltypen"), {}, format="json")
    assert response.status_code == 400
    assert {p["name"] for p in response.json()["invalidParams"]} >= {"zaaktype", "omschrijving",
                                                                      "omschrijvingGeneriek"}


def test_a_url_of_the_wrong_resource_is_refused(beheer, catalogus, zaaktype_a):
    response = beheer.post(url("statustypen"), {"zaaktype": catalogus_url(catalogus), "omschrijving": "X",
                                                "volgnummer": 3}, format="json")
    assert response.status_code == 400 and codes(response) == {"invalid-resource"}


def test_unknown_query_parameter_on_every_list(beheer):
    for path in ("catalogussen", "zaaktypen", "informatieobjecttypen", "besluittypen", "statustypen",
                 "roltypen", "eigenschappen", "resultaattypen", "zaakobjecttypen",
                 "zaaktype-informatieobjecttypen"):
        response = beheer.get(url(path), {"foutje": "1"})
        assert response.status_code == 400, path
        assert response.json()["invalidParams"][0]["code"] == "unknown-parameters"
