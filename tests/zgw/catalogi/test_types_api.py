"""Catalogussen, informatieobjecttypen, besluittypen and the types under a zaaktype."""

import pytest

from raadhuis.platform import tenancy
from raadhuis.platform.models import AuditEntry, OutboxEvent
from raadhuis.zgw.catalogi import selectielijst
from raadhuis.zgw.common.urls import canonical_url
from tests.zgw.catalogi.conftest import (
    besluittype_payload,
    catalogus_url,
    iot_payload,
    resultaattype_payload,
    url,
    zaaktype_payload,
)
from tests.zgw.catalogi.test_zaaktype_api import codes, create, published


@pytest.fixture
def cat_url(catalogus):
    return catalogus_url(catalogus)


@pytest.fixture
def zaaktype(beheer, cat_url):
    return create(beheer, "zaaktypen", zaaktype_payload(cat_url))


# --- Catalogus ----------------------------------------------------------------------------

def test_catalogus_crud_and_filters(beheer, org_a):
    payload = {"domein": "ABCD", "rsin": org_a.rsin, "contactpersoonBeheerNaam": "Beheer",
               "contactpersoonBeheerEmailadres": "beheer@aadorp.example", "naam": "Aadorp"}
    created = create(beheer, "catalogussen", payload)
    assert created["zaaktypen"] == [] and created["naam"] == "Aadorp"
    again = beheer.post(url("catalogussen"), payload, format="json")
    assert again.status_code == 400 and codes(again) == {"unique"}
    assert beheer.patch(created["url"], {"naam": "Catalogus Aadorp"}, format="json").json()["naam"] == \
        "Catalogus Aadorp"
    assert beheer.delete(created["url"]).status_code == 405  # the standard has no DELETE
    assert beheer.get(url("catalogussen"), {"domein": "ABCD"}).json()["count"] == 1
    assert beheer.get(url("catalogussen"), {"domein__in": "XYZ,ABCD"}).json()["count"] == 1
    assert beheer.get(url("catalogussen"), {"rsin__in": "123456782"}).json()["count"] == 0


def test_catalogus_rsin_passes_the_elfproef(beheer):
    response = beheer.post(url("catalogussen"), {"domein": "X", "rsin": "123456789",
                                                 "contactpersoonBeheerNaam": "B"}, format="json")
    assert response.status_code == 400 and response.json()["invalidParams"][0]["name"] == "rsin"


def test_catalogus_lists_its_types(beheer, cat_url, zaaktype):
    iot = create(beheer, "informatieobjecttypen", iot_payload(cat_url), status=200)
    body = beheer.get(cat_url).json()
    assert body["zaaktypen"] == [zaaktype["url"]] and body["informatieobjecttypen"] == [iot["url"]]
    assert body["informatieobjecttypeOmschrijving"] == ["Aanvraagformulier"]


# --- Informatieobjecttype and besluittype -------------------------------------------------

def test_informatieobjecttype_crud_publish_and_ztc_009(beheer, cat_url):
    iot = create(beheer, "informatieobjecttypen", iot_payload(cat_url, trefwoord=["aanvraag"]), status=200)
    assert iot["concept"] is True and iot["zaaktypeIdentificaties"] == []
    patch = beheer.patch(iot["url"], {"informatieobjectcategorie": "Formulier"}, format="json")
    assert patch.status_code == 200
    assert beheer.get(url("informatieobjecttypen")).json()["count"] == 0
    assert beheer.get(url("informatieobjecttypen"), {"status": "concept"}).json()["count"] == 1
    assert beheer.post(iot["url"] + "/publish", format="json").json()["concept"] is False
    change = beheer.patch(iot["url"], {"informatieobjectcategorie": "Anders"}, format="json")
    assert change.status_code == 400 and codes(change) == {"non-concept-object"}
    delete = beheer.delete(iot["url"])
    assert delete.status_code == 400 and codes(delete) == {"non-concept-object"}
    with tenancy.system_scope():
        assert OutboxEvent.objects.filter(kanaal="informatieobjecttypen").count() == 3


def test_informatieobjecttype_versions_do_not_overlap(beheer, cat_url):
    create(beheer, "informatieobjecttypen", iot_payload(cat_url), status=200)
    response = beheer.post(url("informatieobjecttypen"), iot_payload(cat_url, beginGeldigheid="2025-06-01"),
                           format="json")
    assert response.status_code == 400 and codes(response) == {"overlap"}


def test_forced_delete_of_a_published_type(zgw_client, org_a, cat_url, beheer):
    iot = published(beheer, "informatieobjecttypen", iot_payload(cat_url))
    forced = zgw_client(org_a, [{"component": "ztc", "scopes": ["catalogi.geforceerd-verwijderen"]}])
    assert forced.delete(iot["url"]).status_code == 200


def test_besluittype_crud_publish_and_filters(beheer, cat_url):
    iot = published(beheer, "informatieobjecttypen", iot_payload(cat_url))
    besluittype = create(beheer, "besluittypen", besluittype_payload(
        cat_url, informatieobjecttypen=["Aanvraagformulier"], reactietermijn="P6W"))
    assert besluittype["informatieobjecttypen"] == [iot["url"]]
    assert besluittype["informatieobjecttypeOmschrijving"] == ["Aanvraagformulier"]
    bad = beheer.post(url("besluittypen"), besluittype_payload(cat_url, omschrijving="Ander",
                                                                informatieobjecttypen=["Bestaat niet"]),
                      format="json")
    assert bad.status_code == 400 and codes(bad) == {"relations-incorrect-catalogus"}
    beheer.post(besluittype["url"] + "/publish", format="json")
    zaaktype = published(beheer, "zaaktypen", zaaktype_payload(cat_url, besluittypen=["Vergunningsbesluit"]))
    assert beheer.get(url("besluittypen"), {"zaaktypen": zaaktype["url"]}).json()["count"] == 1
    assert beheer.get(url("besluittypen"), {"informatieobjecttypen": iot["url"]}).json()["count"] == 1
    assert beheer.get(url("besluittypen"), {"omschrijving": "Ander"}).json()["count"] == 0


def test_informatieobjecttype_create_is_200_as_documented(beheer, cat_url):
    response = beheer.post(url("informatieobjecttypen"), iot_payload(cat_url), format="json")
    assert response.status_code == 200 and response["Location"] == response.json()["url"]


# --- Types under a zaaktype -----------------------------------------------------------------

def test_statustypen_ordered_with_eindstatus(beheer, zaaktype):
    first = create(beheer, "statustypen", {"zaaktype": zaaktype["url"], "omschrijving": "Ontvangen",
                                           "volgnummer": 1, "checklistitemStatustype": [
                                               {"itemnaam": "Compleet", "vraagstelling": "Is alles er?"}]})
    last = create(beheer, "statustypen", {"zaaktype": zaaktype["url"], "omschrijving": "Afgehandeld",
                                          "volgnummer": 2})
    assert beheer.get(first["url"]).json()["isEindstatus"] is False
    assert beheer.get(last["url"]).json()["isEindstatus"] is True
    listed = beheer.get(url("statustypen"), {"zaaktype": zaaktype["url"], "status": "alles"}).json()
    assert [s["isEindstatus"] for s in listed["results"]] == [False, True]
    duplicate = beheer.post(url("statustypen"), {"zaaktype": zaaktype["url"], "omschrijving": "X",
                                                 "volgnummer": 2}, format="json")
    assert duplicate.status_code == 400 and codes(duplicate) == {"unique"}
    assert first["beginGeldigheid"] == "2025-01-01" and first["catalogus"] == zaaktype["catalogus"]
    assert beheer.get(zaaktype["url"]).json()["statustypen"] == [first["url"], last["url"]]


def test_sub_type_begin_geldigheid_follows_the_zaaktype(beheer, zaaktype):
    response = beheer.post(url("roltypen"), {"zaaktype": zaaktype["url"], "omschrijving": "Aanvrager",
                                             "omschrijvingGeneriek": "initiator",
                                             "beginGeldigheid": "2030-01-01"}, format="json")
    assert response.status_code == 400 and codes(response) == {"invalid-begin-geldigheid"}


def test_roltype_crud_and_filter(beheer, zaaktype):
    roltype = create(beheer, "roltypen", {"zaaktype": zaaktype["url"], "omschrijving": "Aanvrager",
                                          "omschrijvingGeneriek": "initiator"})
    assert roltype["zaaktypeIdentificatie"] == "PARKEREN"
    query = {"status": "alles", "omschrijvingGeneriek": "initiator"}
    assert beheer.get(url("roltypen"), query).json()["count"] == 1
    query["omschrijvingGeneriek"] = "beslisser"
    assert beheer.get(url("roltypen"), query).json()["count"] == 0
    assert beheer.get(url("roltypen"), {"omschrijvingGeneriek": "piraat"}).status_code == 400
    assert beheer.patch(roltype["url"], {"omschrijving": "Verzoeker"}, format="json").status_code == 200
    assert beheer.delete(roltype["url"]).status_code == 204


def test_eigenschap_with_specificatie(beheer, zaaktype):
    eigenschap = create(beheer, "eigenschappen", {
        "zaaktype": zaaktype["url"], "naam": "kenteken", "definitie": "Kenteken van de auto",
        "specificatie": {"formaat": "tekst", "lengte": "8", "kardinaliteit": "1",
                         "waardenverzameling": []}})
    assert eigenschap["specificatie"]["formaat"] == "tekst"
    status = create(beheer, "statustypen", {"zaaktype": zaaktype["url"], "omschrijving": "Ontvangen",
                                            "volgnummer": 1, "eigenschappen": [eigenschap["url"]]})
    assert beheer.get(eigenschap["url"]).json()["statustype"] == status["url"]


@pytest.mark.parametrize("formaat,lengte,ok", [("datum", "8", True), ("datum", "10", False),
                                              ("datum_tijd", "14", True), ("datum_tijd", "8", False),
                                              ("getal", "8,2", True), ("getal", "acht", False)])
def test_ztc_015_datum_lengths(beheer, zaaktype, formaat, lengte, ok):
    response = beheer.post(url("eigenschappen"), {
        "zaaktype": zaaktype["url"], "naam": "datum", "definitie": "Een datum",
        "specificatie": {"formaat": formaat, "lengte": lengte, "kardinaliteit": "1"}}, format="json")
    assert response.status_code == (201 if ok else 400), response.json()
    if not ok:
        assert codes(response) == {"invalid-length"}


def test_resultaattype_crud_with_archiving(beheer, zaaktype):
    resultaattype = create(beheer, "resultaattypen", resultaattype_payload(zaaktype["url"]))
    assert resultaattype["brondatumArchiefprocedure"]["afleidingswijze"] == "afgehandeld"
    assert resultaattype["archiefactietermijn"] == "P5Y"
    put = beheer.put(resultaattype["url"], resultaattype_payload(zaaktype["url"], omschrijving="Geweigerd"),
                     format="json")
    assert put.status_code == 200 and put.json()["omschrijving"] == "Geweigerd"
    assert beheer.delete(resultaattype["url"]).status_code == 204


def test_ztc_002_resultaattype_references_point_to_their_resources(beheer, zaaktype):
    response = beheer.post(url("resultaattypen"), resultaattype_payload(
        zaaktype["url"], selectielijstklasse="https://selectielijst.example/api/v1/procestypen/1"),
        format="json")
    assert response.status_code == 400 and codes(response) == {"invalid-resource"}
    response = beheer.post(url("resultaattypen"), resultaattype_payload(
        zaaktype["url"], resultaattypeomschrijving="https://elders.example/iets/1"), format="json")
    assert response.status_code == 400 and codes(response) == {"invalid-resource"}


def _brondatum(beheer, zaaktype, **procedure):
    return beheer.post(url("resultaattypen"), resultaattype_payload(
        zaaktype["url"], brondatumArchiefprocedure=procedure), format="json")


def test_ztc_004_datumkenmerk(beheer, zaaktype):
    missing = _brondatum(beheer, zaaktype, afleidingswijze="eigenschap")
    assert missing.status_code == 400
    assert missing.json()["invalidParams"][0]["name"] == "brondatumArchiefprocedure.datumkenmerk"
    assert codes(missing) == {"required"}
    extra = _brondatum(beheer, zaaktype, afleidingswijze="afgehandeld", datumkenmerk="x")
    assert codes(extra) == {"must-be-empty"}
    ok = _brondatum(beheer, zaaktype, afleidingswijze="eigenschap", datumkenmerk="vervaldatum")
    assert ok.status_code == 201


def test_ztc_005_einddatum_bekend(beheer, zaaktype):
    response = _brondatum(beheer, zaaktype, afleidingswijze="termijn", procestermijn="P5Y",
                          einddatumBekend=True)
    assert response.status_code == 400 and codes(response) == {"must-be-empty"}


def test_ztc_006_objecttype(beheer, zaaktype):
    response = _brondatum(beheer, zaaktype, afleidingswijze="zaakobject", datumkenmerk="einddatum")
    assert codes(response) == {"required"}
    ok = _brondatum(beheer, zaaktype, afleidingswijze="zaakobject", datumkenmerk="einddatum",
                    objecttype="pand")
    assert ok.status_code == 201


def test_ztc_007_registratie(beheer, zaaktype):
    response = _brondatum(beheer, zaaktype, afleidingswijze="ander_datumkenmerk", datumkenmerk="d",
                          objecttype="pand")
    assert codes(response) == {"required"}
    extra = _brondatum(beheer, zaaktype, afleidingswijze="hoofdzaak", registratie="BAG")
    assert codes(extra) == {"must-be-empty"}


def test_ztc_008_procestermijn(beheer, zaaktype):
    assert codes(_brondatum(beheer, zaaktype, afleidingswijze="termijn")) == {"required"}
    assert codes(_brondatum(beheer, zaaktype, afleidingswijze="hoofdzaak", procestermijn="P1Y")) == \
        {"must-be-empty"}
    assert _brondatum(beheer, zaaktype, afleidingswijze="termijn", procestermijn="P10Y").status_code == 201


@pytest.fixture
def local_selectielijst(tmp_path, monkeypatch):
    path = tmp_path / "selectielijst.json"
    monkeypatch.setattr(selectielijst, "DATA_FILE", path)
    selectielijst.store([
        {"url": "https://selectielijst.example/api/v1/resultaten/nihil", "procesType": "p",
         "procestermijn": "nihil", "waardering": "vernietigen", "bewaartermijn": "P1Y"},
        {"url": "https://selectielijst.example/api/v1/resultaten/bestaan", "procesType": "p",
         "procestermijn": "ingeschatte_bestaansduur_procesobject", "waardering": "blijvend_bewaren",
         "bewaartermijn": None},
    ], path)
    yield
    selectielijst._table.cache_clear()


def test_ztc_003_afleidingswijze_by_procestermijn(beheer, zaaktype, local_selectielijst):
    nihil = "https://selectielijst.example/api/v1/resultaten/nihil"
    wrong = beheer.post(url("resultaattypen"), resultaattype_payload(
        zaaktype["url"], selectielijstklasse=nihil, brondatumArchiefprocedure={
            "afleidingswijze": "termijn", "procestermijn": "P1Y"}), format="json")
    assert wrong.status_code == 400 and codes(wrong) == {"invalid-afleidingswijze-for-procestermijn"}
    derived = create(beheer, "resultaattypen", resultaattype_payload(
        zaaktype["url"], selectielijstklasse=nihil, archiefnominatie="", archiefactietermijn=None))
    assert derived["archiefnominatie"] == "vernietigen" and derived["archiefactietermijn"] == "P1Y"
    bestaan = beheer.post(url("resultaattypen"), resultaattype_payload(
        zaaktype["url"], selectielijstklasse="https://selectielijst.example/api/v1/resultaten/bestaan"),
        format="json")
    assert codes(bestaan) == {"invalid-afleidingswijze-for-procestermijn"}


def test_resultaattype_besluittypen_by_name(beheer, cat_url, zaaktype):
    besluittype = published(beheer, "besluittypen", besluittype_payload(cat_url))
    resultaattype = create(beheer, "resultaattypen", resultaattype_payload(
        zaaktype["url"], besluittypen=["Vergunningsbesluit"]))
    assert resultaattype["besluittypen"] == [besluittype["url"]]
    patched = beheer.patch(resultaattype["url"], {"besluittypen": [besluittype["url"]]}, format="json")
    assert patched.status_code == 200 and patched.json()["besluittypeOmschrijving"] == ["Vergunningsbesluit"]


def test_zaakobjecttype_crud_and_ztc_013(beheer, zgw_client, org_a, cat_url, zaaktype):
    payload = {"zaaktype": zaaktype["url"], "catalogus": cat_url, "anderObjecttype": False,
               "objecttype": "https://objecttypen.example/api/v2/objecttypes/boom",
               "relatieOmschrijving": "Boom"}
    zaakobjecttype = create(beheer, "zaakobjecttypen", payload)
    assert zaakobjecttype["resultaattypen"] == [] and zaakobjecttype["statustypen"] == []
    other = create(beheer, "catalogussen", {"domein": "ANDER", "rsin": org_a.rsin,
                                            "contactpersoonBeheerNaam": "B"})
    wrong = beheer.post(url("zaakobjecttypen"), {**payload, "catalogus": other["url"]}, format="json")
    assert wrong.status_code == 400 and codes(wrong) == {"relations-incorrect-catalogus"}
    listing = beheer.get(url("zaakobjecttypen"), {"anderObjecttype": "false", "relatieOmschrijving": "Boom"})
    assert listing.json()["count"] == 1
    assert beheer.get(url("zaakobjecttypen"), {"anderObjecttype": "misschien"}).status_code == 400


def test_zaaktype_informatieobjecttype_and_ztc_013(beheer, cat_url, zaaktype):
    iot = create(beheer, "informatieobjecttypen", iot_payload(cat_url), status=200)
    ziot = create(beheer, "zaaktype-informatieobjecttypen", {
        "zaaktype": zaaktype["url"], "informatieobjecttype": "Aanvraagformulier", "volgnummer": 1,
        "richting": "inkomend"})
    assert ziot["informatieobjecttype"] == iot["url"]  # the latest version, while no version is published
    missing = beheer.post(url("zaaktype-informatieobjecttypen"), {
        "zaaktype": zaaktype["url"], "informatieobjecttype": "Onbekend", "volgnummer": 2,
        "richting": "inkomend"}, format="json")
    assert missing.status_code == 400 and codes(missing) == {"relations-incorrect-catalogus"}
    query = {"status": "alles", "informatieobjecttype": "Aanvraagformulier", "richting": "inkomend"}
    assert beheer.get(url("zaaktype-informatieobjecttypen"), query).json()["count"] == 1
    by_url = {"status": "alles", "informatieobjecttype": iot["url"]}
    assert beheer.get(url("zaaktype-informatieobjecttypen"), by_url).json()["count"] == 1


@pytest.mark.parametrize("path,payload", [
    ("statustypen", lambda z: {"zaaktype": z, "omschrijving": "Nieuw", "volgnummer": 9}),
    ("roltypen", lambda z: {"zaaktype": z, "omschrijving": "Nieuw", "omschrijvingGeneriek": "adviseur"}),
    ("resultaattypen", lambda z: resultaattype_payload(z)),
])
def test_ztc_010_types_of_a_published_zaaktype_are_frozen(beheer, cat_url, path, payload):
    zaaktype = create(beheer, "zaaktypen", zaaktype_payload(cat_url))
    existing = create(beheer, "roltypen", {"zaaktype": zaaktype["url"], "omschrijving": "Aanvrager",
                                           "omschrijvingGeneriek": "initiator"})
    beheer.post(zaaktype["url"] + "/publish", format="json")
    response = beheer.post(url(path), payload(zaaktype["url"]), format="json")
    assert response.status_code == 400 and codes(response) == {"non-concept-zaaktype"}
    change = beheer.patch(existing["url"], {"omschrijving": "Anders"}, format="json")
    assert change.status_code == 400 and codes(change) == {"non-concept-zaaktype"}
    delete = beheer.delete(existing["url"])
    assert delete.status_code == 400 and codes(delete) == {"non-concept-zaaktype"}


def test_ztc_010_correctie_adds_a_statustype_with_geforceerd_schrijven(geforceerd, cat_url):
    zaaktype = published(geforceerd, "zaaktypen", zaaktype_payload(cat_url))
    response = geforceerd.post(url("statustypen"), {"zaaktype": zaaktype["url"], "omschrijving": "Extra",
                                                    "volgnummer": 9}, format="json")
    assert response.status_code == 201


def test_sub_type_changes_are_audited_without_notification(beheer, zaaktype):
    statustype = create(beheer, "statustypen", {"zaaktype": zaaktype["url"], "omschrijving": "Ontvangen",
                                                "volgnummer": 1})
    with tenancy.system_scope():
        entry = AuditEntry.objects.get(resource_url=statustype["url"])
        assert entry.actie == "create" and entry.hoofd_object == canonical_url(zaaktype["url"])
        assert not OutboxEvent.objects.filter(payload__resourceUrl=statustype["url"]).exists()


def test_ztc_011a_no_new_relation_to_a_published_zaaktype(beheer, cat_url, zaaktype):
    gepubliceerd = published(beheer, "zaaktypen", zaaktype_payload(cat_url, identificatie="ANDER"))
    roltype = create(beheer, "roltypen", {"zaaktype": zaaktype["url"], "omschrijving": "Aanvrager",
                                          "omschrijvingGeneriek": "initiator"})
    moved = beheer.patch(roltype["url"], {"zaaktype": gepubliceerd["url"]}, format="json")
    assert moved.status_code == 400 and codes(moved) == {"non-concept-zaaktype"}


def test_ztc_013_statustype_and_eigenschap_of_one_zaaktype(beheer, cat_url, zaaktype):
    ander = create(beheer, "zaaktypen", zaaktype_payload(cat_url, identificatie="ANDER"))
    statustype = create(beheer, "statustypen", {"zaaktype": ander["url"], "omschrijving": "Ontvangen",
                                                "volgnummer": 1})
    response = beheer.post(url("eigenschappen"), {
        "zaaktype": zaaktype["url"], "naam": "x", "definitie": "x", "statustype": statustype["url"],
        "specificatie": {"formaat": "tekst", "lengte": "5", "kardinaliteit": "1"}}, format="json")
    assert response.status_code == 400 and codes(response) == {"relations-incorrect-zaaktype"}
