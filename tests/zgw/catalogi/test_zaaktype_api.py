"""Zaaktypen: CRUD, versions, publish, filters, expand and caching (Catalogi API 1.3.3)."""

import pytest

from raadhuis.platform import tenancy
from raadhuis.platform.models import AuditEntry, OutboxEvent
from tests.zgw.catalogi.conftest import (
    besluittype_payload,
    catalogus_url,
    iot_payload,
    url,
    zaaktype_payload,
)


@pytest.fixture
def cat_url(catalogus):
    return catalogus_url(catalogus)


def create(client, path, payload, status=201):
    response = client.post(url(path), payload, format="json")
    assert response.status_code == status, response.json()
    return response.json()


def published(client, path, payload):
    body = create(client, path, payload, status=200 if path == "informatieobjecttypen" else 201)
    response = client.post(body["url"] + "/publish", format="json")
    assert response.status_code == 200, response.json()
    return response.json()


def codes(response) -> set[str]:
    return {p["code"] for p in response.json().get("invalidParams", [])}


def test_create_read_update_delete_concept(beheer, cat_url):
    zaaktype = create(beheer, "zaaktypen", zaaktype_payload(cat_url))
    assert zaaktype["concept"] is True and zaaktype["doorlooptijd"] == "P8W"
    response = beheer.get(zaaktype["url"])
    assert response.status_code == 200 and response["API-version"] == "1.3.3"
    assert response.json()["catalogus"] == cat_url
    put = beheer.put(zaaktype["url"], zaaktype_payload(cat_url, omschrijving="Parkeren", deelzaaktypen=[]),
                     format="json")
    assert put.status_code == 200, put.json()
    patch = beheer.patch(zaaktype["url"], {"toelichting": "Bewonersvergunning"}, format="json")
    assert patch.status_code == 200 and patch.json()["toelichting"] == "Bewonersvergunning"
    assert beheer.delete(zaaktype["url"]).status_code == 200
    assert beheer.get(zaaktype["url"]).status_code == 404


def test_create_response_has_location(beheer, cat_url):
    response = beheer.post(url("zaaktypen"), zaaktype_payload(cat_url), format="json")
    assert response["Location"] == response.json()["url"]


def test_audit_and_notification_on_kanaal_zaaktypen(beheer, cat_url):
    zaaktype = create(beheer, "zaaktypen", zaaktype_payload(cat_url))
    beheer.post(zaaktype["url"] + "/publish", format="json")
    with tenancy.system_scope():
        trail = list(AuditEntry.objects.filter(bron="ZTC", resource_url=zaaktype["url"]).order_by("id"))
        assert [e.actie for e in trail] == ["create", "publish"]
        assert trail[1].oud["concept"] is True and trail[1].nieuw["concept"] is False
        event = OutboxEvent.objects.filter(kanaal="zaaktypen").last()
        assert event.payload["kenmerken"] == {"catalogus": cat_url}
        assert event.payload["resourceUrl"] == zaaktype["url"]


def test_ztc_001_selectielijst_procestype_must_be_a_procestype(beheer, cat_url):
    bad = zaaktype_payload(cat_url, selectielijstProcestype="https://selectielijst.example/api/v1/resultaten/1")
    response = beheer.post(url("zaaktypen"), bad, format="json")
    assert response.status_code == 400 and codes(response) == {"invalid-resource"}
    good = zaaktype_payload(cat_url, selectielijstProcestype="https://selectielijst.example/api/v1/procestypen/1")
    assert beheer.post(url("zaaktypen"), good, format="json").status_code == 201


def test_verlenging_needs_a_termijn(beheer, cat_url):
    payload = zaaktype_payload(cat_url, verlengingstermijn=None)
    response = beheer.post(url("zaaktypen"), payload, format="json")
    assert response.status_code == 400 and codes(response) == {"verlenging-mismatch"}


def test_ztc_009_published_zaaktype_is_not_changed_or_deleted(beheer, cat_url):
    zaaktype = published(beheer, "zaaktypen", zaaktype_payload(cat_url))
    patch = beheer.patch(zaaktype["url"], {"toelichting": "Anders"}, format="json")
    assert patch.status_code == 400 and codes(patch) == {"non-concept-object"}
    put = beheer.put(zaaktype["url"], zaaktype_payload(cat_url, deelzaaktypen=[]), format="json")
    assert put.status_code == 400 and codes(put) == {"non-concept-object"}
    delete = beheer.delete(zaaktype["url"])
    assert delete.status_code == 400 and codes(delete) == {"non-concept-object"}


def test_ztc_009_einde_geldigheid_of_a_published_zaaktype_may_be_set(beheer, cat_url):
    zaaktype = published(beheer, "zaaktypen", zaaktype_payload(cat_url))
    response = beheer.patch(zaaktype["url"], {"eindeGeldigheid": "2025-12-31"}, format="json")
    assert response.status_code == 200, response.json()
    assert response.json()["eindeGeldigheid"] == "2025-12-31"


def test_ztc_009_correctie_with_geforceerd_schrijven(geforceerd, cat_url):
    zaaktype = published(geforceerd, "zaaktypen", zaaktype_payload(cat_url))
    response = geforceerd.patch(zaaktype["url"], {"toelichting": "Correctie"}, format="json")
    assert response.status_code == 200 and response.json()["toelichting"] == "Correctie"


def test_ztc_016_versions_do_not_overlap(beheer, cat_url):
    first = published(beheer, "zaaktypen", zaaktype_payload(cat_url))
    overlapping = beheer.post(url("zaaktypen"), zaaktype_payload(cat_url, beginGeldigheid="2026-01-01"),
                              format="json")
    assert overlapping.status_code == 400 and codes(overlapping) == {"overlap"}
    assert beheer.patch(first["url"], {"eindeGeldigheid": "2025-12-31"}, format="json").status_code == 200
    second = create(beheer, "zaaktypen", zaaktype_payload(cat_url, beginGeldigheid="2026-01-01",
                                                           versiedatum="2026-01-01"))
    assert beheer.post(second["url"] + "/publish", format="json").status_code == 200
    reopened = beheer.patch(first["url"], {"eindeGeldigheid": None}, format="json")
    assert reopened.status_code == 400 and codes(reopened) == {"overlap"}
    versions = beheer.get(url("zaaktypen"), {"identificatie": "PARKEREN"}).json()
    assert versions["count"] == 2


def test_ztc_012_publish_needs_published_besluittypen_and_informatieobjecttypen(beheer, cat_url):
    create(beheer, "besluittypen", besluittype_payload(cat_url))
    zaaktype = create(beheer, "zaaktypen", zaaktype_payload(cat_url, besluittypen=["Vergunningsbesluit"]))
    response = beheer.post(zaaktype["url"] + "/publish", format="json")
    assert response.status_code == 400 and codes(response) == {"concept-relation"}
    besluittype = beheer.get(url("besluittypen"), {"status": "concept"}).json()["results"][0]
    assert beheer.post(besluittype["url"] + "/publish", format="json").status_code == 200
    assert beheer.post(zaaktype["url"] + "/publish", format="json").status_code == 200


def test_ztc_013_besluittypen_and_deelzaaktypen_in_the_same_catalogus(beheer, cat_url):
    response = beheer.post(url("zaaktypen"), zaaktype_payload(cat_url, besluittypen=["Onbekend"]),
                           format="json")
    assert response.status_code == 400 and codes(response) == {"relations-incorrect-catalogus"}
    response = beheer.post(url("zaaktypen"), zaaktype_payload(cat_url, deelzaaktypen=["ELDERS"]),
                           format="json")
    assert response.status_code == 400 and codes(response) == {"relations-incorrect-catalogus"}


def test_references_by_name_read_as_urls_of_valid_published_versions(beheer, cat_url):
    besluittype = published(beheer, "besluittypen", besluittype_payload(cat_url))
    iot = published(beheer, "informatieobjecttypen", iot_payload(cat_url))
    zaaktype = create(beheer, "zaaktypen", zaaktype_payload(cat_url, besluittypen=["Vergunningsbesluit"]))
    create(beheer, "zaaktype-informatieobjecttypen", {
        "zaaktype": zaaktype["url"], "informatieobjecttype": "Aanvraagformulier", "volgnummer": 1,
        "richting": "inkomend"})
    body = beheer.get(zaaktype["url"]).json()
    assert body["besluittypen"] == [besluittype["url"]]
    assert body["besluittypeOmschrijving"] == ["Vergunningsbesluit"]
    assert body["informatieobjecttypen"] == [iot["url"]]
    before = beheer.get(zaaktype["url"], {"datumGeldigheid": "2024-06-01"}).json()
    assert before["besluittypen"] == [] and before["informatieobjecttypen"] == []
    beheer.post(zaaktype["url"] + "/publish", format="json")
    assert beheer.get(besluittype["url"]).json()["zaaktypen"] == [zaaktype["url"]]
    assert beheer.get(iot["url"]).json()["zaaktypeIdentificaties"] == ["PARKEREN"]


def test_gerelateerde_zaaktypen_by_identificatie(beheer, cat_url):
    other = published(beheer, "zaaktypen", zaaktype_payload(cat_url, identificatie="BEZWAAR"))
    zaaktype = create(beheer, "zaaktypen", zaaktype_payload(cat_url, gerelateerdeZaaktypen=[
        {"zaaktype": "BEZWAAR", "aardRelatie": "vervolg", "toelichting": "Na een besluit"}]))
    relatie = zaaktype["gerelateerdeZaaktypen"][0]
    assert relatie == {"zaaktype": other["url"], "zaaktypeIdentificatie": "BEZWAAR",
                       "aardRelatie": "vervolg", "toelichting": "Na een besluit"}


def test_list_filters(beheer, cat_url):
    create(beheer, "zaaktypen", zaaktype_payload(cat_url, identificatie="CONCEPT"))
    published(beheer, "zaaktypen", zaaktype_payload(cat_url, trefwoorden=["parkeren", "auto"]))
    listing = lambda **q: beheer.get(url("zaaktypen"), q).json()  # noqa: E731
    assert [z["identificatie"] for z in listing()["results"]] == ["PARKEREN"]  # default: definitief
    assert listing(status="concept")["count"] == 1 and listing(status="alles")["count"] == 2
    assert listing(trefwoorden="parkeren,auto")["count"] == 1
    assert listing(trefwoorden="parkeren,fiets")["count"] == 0
    assert listing(catalogus=cat_url, status="alles")["count"] == 2
    assert listing(catalogus=url("catalogussen/00000000-0000-0000-0000-000000000000"))["count"] == 0
    assert listing(datumGeldigheid="2024-12-31")["count"] == 0
    assert listing(datumGeldigheid="2025-01-01")["count"] == 1


@pytest.mark.parametrize("query", [{"onbekend": "1"}, {"status": "misschien"}, {"datumGeldigheid": "morgen"},
                                   {"catalogus": "geen-url"}])
def test_bad_query_parameters_are_a_400(beheer, query):
    response = beheer.get(url("zaaktypen"), query)
    assert response.status_code == 400
    assert response.json()["invalidParams"]


def test_expand(beheer, cat_url):
    zaaktype = create(beheer, "zaaktypen", zaaktype_payload(cat_url))
    create(beheer, "statustypen", {"zaaktype": zaaktype["url"], "omschrijving": "Ontvangen", "volgnummer": 1})
    body = beheer.get(zaaktype["url"], {"expand": "catalogus,statustypen.zaaktype"}).json()
    assert body["_expand"]["catalogus"]["url"] == cat_url
    status = body["_expand"]["statustypen"][0]
    assert status["omschrijving"] == "Ontvangen" and status["_expand"]["zaaktype"]["url"] == zaaktype["url"]
    assert "_expand" not in beheer.get(zaaktype["url"]).json()
    assert beheer.get(zaaktype["url"], {"expand": "onzin"}).status_code == 400


def test_etag_head_and_if_none_match(beheer, cat_url):
    zaaktype = create(beheer, "zaaktypen", zaaktype_payload(cat_url))
    response = beheer.get(zaaktype["url"])
    etag = response["ETag"]
    head = beheer.head(zaaktype["url"])
    assert head.status_code == 200 and head["ETag"] == etag and not head.content
    assert beheer.get(zaaktype["url"], HTTP_IF_NONE_MATCH=etag).status_code == 304
    assert beheer.get(zaaktype["url"], HTTP_IF_NONE_MATCH='"anders"').status_code == 200
    beheer.patch(zaaktype["url"], {"toelichting": "Nieuw"}, format="json")
    assert beheer.get(zaaktype["url"])["ETag"] != etag


def test_pagination(beheer, cat_url):
    for n in range(3):
        create(beheer, "zaaktypen", zaaktype_payload(cat_url, identificatie=f"ZT-{n}"))
    body = beheer.get(url("zaaktypen"), {"status": "alles"}).json()
    assert set(body) == {"count", "next", "previous", "results"} and body["count"] == 3
    assert beheer.get(url("zaaktypen"), {"page": 5}).status_code == 404
