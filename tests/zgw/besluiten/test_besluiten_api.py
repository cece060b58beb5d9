"""The besluiten resource: CRUD, rules brc-001, brc-002, brc-006, brc-007, filters, events."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from raadhuis.platform.models import AuditEntry, OutboxEvent
from raadhuis.zgw.besluiten import services
from raadhuis.zgw.besluiten.models import Besluit
from raadhuis.zgw.zaken.models import ZaakBesluit
from tests.zgw.besluiten.conftest import (
    BASE,
    DATUM,
    besluittype_url,
    canonical,
    codes,
    make_zaak,
    zaak_url,
    zaaktype_url,
)
from tests.zgw.catalogi.factories import BesluittypeFactory, ZaaktypeFactory

OTHER_RSIN = "002220647"  # a valid RSIN of no organisation in the tests


def test_create_read_update_delete(client_a, world_a, create):
    created = client_a.post(f"{BASE}/besluiten", world_a.payload(toelichting="Vergund"), format="json",
                            HTTP_X_AUDIT_TOELICHTING="Aanvraag compleet")
    assert created.status_code == 201, created.json()
    body = created.json()
    assert created["Location"] == body["url"] and created["API-version"] == "1.1.0"
    assert body["identificatie"] == "BESLUIT-2025-0000000001"
    assert body["besluittype"] == besluittype_url(world_a.besluittype)
    assert "zaak" not in body and "vervalreden" not in body  # no empty uri or enum values

    assert client_a.get(body["url"]).json() == body
    patched = client_a.patch(body["url"], {"vervalreden": "tijdelijk", "vervaldatum": "2026-01-01"},
                             format="json")
    assert patched.status_code == 200, patched.json()
    assert patched.json()["vervalredenWeergave"] == "Besluit met tijdelijke werking"
    put = client_a.put(body["url"], world_a.payload(bestuursorgaan="College van B&W", vervalreden=""),
                       format="json")
    assert put.status_code == 200, put.json()
    assert put.json()["bestuursorgaan"] == "College van B&W" and "vervalreden" not in put.json()
    assert put.json()["identificatie"] == body["identificatie"]  # left out of a PUT: kept

    assert client_a.delete(body["url"]).status_code == 204
    assert client_a.get(body["url"]).status_code == 404


def test_list_is_paginated_and_ordered(client_a, create):
    urls = [create()["url"] for _ in range(3)]
    response = client_a.get(f"{BASE}/besluiten")
    assert response.status_code == 200
    assert response.json()["count"] == 3
    assert [b["url"] for b in response.json()["results"]] == urls


def test_changes_are_audited_and_notified_with_kenmerken(client_a, world_a, create):
    body = create()
    client_a.patch(body["url"], {"toelichting": "Herzien"}, format="json", HTTP_X_AUDIT_TOELICHTING="Typfout")
    url = canonical(body["url"])
    trail = list(AuditEntry.objects.filter(hoofd_object=url).order_by("id"))
    assert [(e.bron, e.actie) for e in trail] == [("BRC", "create"), ("BRC", "partial_update")]
    assert trail[1].oud["toelichting"] == "" and trail[1].nieuw["toelichting"] == "Herzien"
    assert trail[1].toelichting == "Typfout"
    event = OutboxEvent.objects.filter(kanaal="besluiten").last()
    assert event.payload["hoofdObject"] == body["url"] and event.payload["actie"] == "partial_update"
    assert event.payload["resource"] == "besluit"
    assert event.payload["kenmerken"] == {"verantwoordelijkeOrganisatie": world_a.organisation.rsin,
                                          "besluittype": besluittype_url(world_a.besluittype)}


def test_datum_in_the_future_is_refused(client_a, world_a):
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    response = client_a.post(f"{BASE}/besluiten", world_a.payload(datum=tomorrow), format="json")
    assert response.status_code == 400 and codes(response) == ["future_not_allowed"]


def test_invalid_rsin_is_refused(client_a, world_a):
    response = client_a.post(f"{BASE}/besluiten", world_a.payload(verantwoordelijkeOrganisatie="123456789"),
                             format="json")
    assert response.status_code == 400
    assert response.json()["invalidParams"][0]["name"] == "verantwoordelijkeOrganisatie"


# --- brc-001 ------------------------------------------------------------------------------

def test_brc_001_besluittype_must_exist(client_a, world_a, world_b):
    unknown = besluittype_url(world_a.besluittype).replace(str(world_a.besluittype.uuid),
                                                           "0b2b3f5a-4ad9-4b36-9f50-2a3a4c1e7d11")
    for url, code in [(unknown, "bad-url"), (besluittype_url(world_b.besluittype), "bad-url"),
                      ("http://testserver/catalogi/api/v1/zaaktypen/x", "invalid-resource"),
                      ("geen url", "bad-url")]:
        response = client_a.post(f"{BASE}/besluiten", world_a.payload(besluittype=url), format="json")
        assert response.status_code == 400, url
        assert codes(response) == [code], url


def test_brc_001_besluittype_must_be_published(zgw_client, world_a):
    concept = BesluittypeFactory(catalogus=world_a.besluittype.catalogus, concept=True)
    client = zgw_client(world_a.organisation, world_a.autorisaties(besluittype=concept))
    response = client.post(f"{BASE}/besluiten", world_a.payload(besluittype=besluittype_url(concept)),
                           format="json")
    assert response.status_code == 400 and codes(response) == ["not-published"]


def test_brc_001_besluittype_cannot_be_changed(client_a, world_a, create):
    other = BesluittypeFactory(catalogus=world_a.besluittype.catalogus, concept=False)
    url = create()["url"]
    response = client_a.patch(url, {"besluittype": besluittype_url(other)}, format="json")
    assert response.status_code == 400 and codes(response) == ["wijzigen-niet-toegelaten"]
    same = client_a.patch(url, {"besluittype": besluittype_url(world_a.besluittype)}, format="json")
    assert same.status_code == 200


# --- brc-002 ------------------------------------------------------------------------------

def test_brc_002_identificatie_unique_per_verantwoordelijke_organisatie(client_a, world_a, create):
    create(identificatie="B-1")
    again = client_a.post(f"{BASE}/besluiten", world_a.payload(identificatie="B-1"), format="json")
    assert again.status_code == 400 and codes(again) == ["identificatie-niet-uniek"]
    # Another verantwoordelijke organisatie (a besluit of a province, say) may use the number.
    create(identificatie="B-1", verantwoordelijkeOrganisatie=OTHER_RSIN)


def test_brc_002_uniqueness_spans_organisations(create, world_a, client_b, world_b):
    """An RSIN names one organisation across the installation: B cannot register A's number
    for A's RSIN, even though it cannot see A's besluit."""
    create(identificatie="B-7")
    response = client_b.post(f"{BASE}/besluiten", world_b.payload(
        identificatie="B-7", verantwoordelijkeOrganisatie=world_a.organisation.rsin), format="json")
    assert response.status_code == 400 and codes(response) == ["identificatie-niet-uniek"]


def test_brc_002_identificatie_and_organisatie_cannot_be_changed(client_a, create):
    url = create()["url"]
    for field, value in [("identificatie", "ANDERS"), ("verantwoordelijkeOrganisatie", OTHER_RSIN)]:
        response = client_a.patch(url, {field: value}, format="json")
        assert response.status_code == 400 and codes(response) == ["wijzigen-niet-toegelaten"], field


def test_brc_002_generated_identificatie_skips_numbers_clients_chose(create):
    create(identificatie="BESLUIT-2025-0000000002")
    assert create()["identificatie"] == "BESLUIT-2025-0000000001"
    assert create()["identificatie"] == "BESLUIT-2025-0000000003"
    assert create(datum="2024-12-31")["identificatie"] == "BESLUIT-2024-0000000001"


# --- brc-006 and the zaak of a besluit ----------------------------------------------------

def _zaakbesluiten(zaak) -> list[str]:
    return list(ZaakBesluit.objects.filter(zaak=zaak).values_list("besluit", flat=True))


def test_brc_006_zaakbesluit_follows_the_besluit(client_a, world_a, create):
    body = create(zaak=zaak_url(world_a.zaak))
    assert body["zaak"] == zaak_url(world_a.zaak)
    assert _zaakbesluiten(world_a.zaak) == [body["url"]]
    assert client_a.delete(body["url"]).status_code == 204
    assert _zaakbesluiten(world_a.zaak) == []


def test_brc_006_zaak_cannot_be_changed_through_the_api(client_a, world_a, create):
    other = make_zaak(world_a.zaaktype)
    with_zaak = create(zaak=zaak_url(world_a.zaak))["url"]
    without = create()["url"]
    for url, value in [(with_zaak, zaak_url(other)), (with_zaak, ""), (without, zaak_url(other))]:
        response = client_a.patch(url, {"zaak": value}, format="json")
        assert response.status_code == 400 and codes(response) == ["wijzigen-niet-toegelaten"]
    assert _zaakbesluiten(world_a.zaak) == [with_zaak] and _zaakbesluiten(other) == []


def test_brc_006_service_moves_the_zaakbesluit(world_a, create):
    """Other doors (a correction in the werkplek) may move a besluit: the link moves along."""
    other = make_zaak(world_a.zaaktype)
    url = create(zaak=zaak_url(world_a.zaak))["url"]
    besluit = Besluit.objects.get()
    services.update_besluit(besluit, {"zaak": other})
    assert _zaakbesluiten(world_a.zaak) == [] and len(_zaakbesluiten(other)) == 1
    services.update_besluit(besluit, {"zaak": None})
    assert _zaakbesluiten(other) == []
    assert not ZaakBesluit.objects.filter(besluit__endswith=url.rsplit("/", 1)[-1]).exists()


def test_brc_006_closed_zaak_needs_geforceerd_bijwerken(zgw_client, world_a):
    closed = make_zaak(world_a.zaaktype, einddatum=timezone.localdate())
    payload = world_a.payload(zaak=zaak_url(closed))
    plain = zgw_client(world_a.organisation, world_a.autorisaties())
    assert plain.post(f"{BASE}/besluiten", payload, format="json").status_code == 403
    assert not Besluit.objects.exists()  # nothing half-done
    forced = zgw_client(world_a.organisation, world_a.autorisaties(
        zaken=("zaken.lezen", "zaken.geforceerd-bijwerken")))
    body = forced.post(f"{BASE}/besluiten", payload, format="json").json()
    assert _zaakbesluiten(closed) == [body["url"]]
    assert plain.delete(body["url"]).status_code == 403
    assert forced.delete(body["url"]).status_code == 204


def test_brc_007_besluittype_must_belong_to_the_zaaktype(client_a, world_a):
    zaaktype = ZaaktypeFactory(catalogus=world_a.besluittype.catalogus, concept=False,
                               besluittype_omschrijving=["Iets anders"])
    zaak = make_zaak(zaaktype)
    client_a.applicatie.autorisaties.create(
        component="zrc", scopes=["zaken.lezen"], zaaktype=zaaktype_url(zaaktype),
        max_vertrouwelijkheidaanduiding="openbaar")
    response = client_a.post(f"{BASE}/besluiten", world_a.payload(zaak=zaak_url(zaak)), format="json")
    assert response.status_code == 400 and codes(response) == ["zaaktype-mismatch"]


def test_zaak_the_client_may_not_see_is_a_bad_url(zgw_client, world_a, world_b):
    blind = zgw_client(world_a.organisation, world_a.autorisaties(zaken=()))
    for zaak in (world_a.zaak, world_b.zaak):
        response = blind.post(f"{BASE}/besluiten", world_a.payload(zaak=zaak_url(zaak)), format="json")
        assert response.status_code == 400 and codes(response) == ["bad-url"]
    secret = make_zaak(world_a.zaaktype)
    secret.vertrouwelijkheidaanduiding = "geheim"
    secret.save()
    limited = zgw_client(world_a.organisation, world_a.autorisaties(zaken=()) + [{
        "component": "zrc", "scopes": ["zaken.lezen"], "max_vertrouwelijkheidaanduiding": "openbaar",
        "zaaktype": zaaktype_url(world_a.zaaktype)}])
    response = limited.post(f"{BASE}/besluiten", world_a.payload(zaak=zaak_url(secret)), format="json")
    assert codes(response) == ["bad-url"]
    assert limited.post(f"{BASE}/besluiten", world_a.payload(zaak=zaak_url(world_a.zaak)),
                        format="json").status_code == 201


def test_empty_zaak_means_no_zaak(create):
    assert "zaak" not in create(zaak="")


# --- Filters --------------------------------------------------------------------------------

def test_filters(client_a, world_a, create):
    other_type = BesluittypeFactory(catalogus=world_a.besluittype.catalogus, concept=False)
    client_a.applicatie.autorisaties.create(component="brc", scopes=["besluiten.lezen", "besluiten.aanmaken"],
                                            besluittype=besluittype_url(other_type))
    first = create(identificatie="F-1", zaak=zaak_url(world_a.zaak))
    second = create(identificatie="F-2", besluittype=besluittype_url(other_type),
                    verantwoordelijkeOrganisatie=OTHER_RSIN)

    def found(**params):
        response = client_a.get(f"{BASE}/besluiten", params)
        assert response.status_code == 200, response.json()
        return [b["identificatie"] for b in response.json()["results"]]

    assert found(identificatie="F-1") == ["F-1"]
    assert found(verantwoordelijkeOrganisatie=OTHER_RSIN) == ["F-2"]
    assert found(besluittype=besluittype_url(other_type)) == ["F-2"]
    assert found(besluittype=besluittype_url(world_a.besluittype)) == ["F-1"]
    assert found(zaak=zaak_url(world_a.zaak)) == ["F-1"]
    assert found(zaak=first["url"]) == []  # a URL, but not of a zaak
    assert found(zaak="http://testserver/zaken/api/v1/zaken/0b2b3f5a-4ad9-4b36-9f50-2a3a4c1e7d11") == []
    assert second and found() == ["F-1", "F-2"]


@pytest.mark.parametrize("params", [{"onbekend": "x"}, {"zaak": "geen url"}, {"besluittype": "ftp://x/y"}])
def test_bad_filters_are_400(client_a, params):
    response = client_a.get(f"{BASE}/besluiten", params)
    assert response.status_code == 400
    assert response.json()["invalidParams"][0]["name"] == next(iter(params))


@pytest.mark.parametrize("body", [
    [], "tekst", {"datum": "morgen"}, {"besluittype": 42}, {"besluittype": ["a"]}, {"zaak": {"url": "x"}},
    {"identificatie": "x" * 51}, {"vervalreden": "verlopen"}, {"verantwoordelijkeOrganisatie": None},
    {"datum": None}, {"toelichting": ["a"]}, {"zaak": 3}, {"ingangsdatum": "2025-02-30"},
])
def test_bad_input_is_400_never_500(client_a, world_a, body):
    payload = body if not isinstance(body, dict) else world_a.payload(**body)
    response = client_a.post(f"{BASE}/besluiten", payload, format="json")
    assert response.status_code == 400, response.content
    assert response["Content-Type"] == "application/problem+json"


def test_malformed_json_and_unknown_uuids(client_a):
    response = client_a.generic("POST", f"{BASE}/besluiten", "{niet json", content_type="application/json")
    assert response.status_code == 400
    assert client_a.get(f"{BASE}/besluiten/geen-uuid").status_code == 404
    assert client_a.get(f"{BASE}/besluiten/0b2b3f5a-4ad9-4b36-9f50-2a3a4c1e7d11").status_code == 404


def test_datum_kept_as_given(create):
    assert create()["datum"] == DATUM


def test_lists_run_a_constant_number_of_queries(client_a, world_a, create):
    def queries(path: str) -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client_a.get(path).status_code == 200
        return len(captured)

    def add_besluit():
        url = create(zaak=zaak_url(world_a.zaak))["url"]
        relation = {"besluit": url, "informatieobject": world_a.document()}
        client_a.post(f"{BASE}/besluitinformatieobjecten", relation, format="json")

    add_besluit()
    few = queries(f"{BASE}/besluiten"), queries(f"{BASE}/besluitinformatieobjecten")
    for _ in range(4):
        add_besluit()
    assert (queries(f"{BASE}/besluiten"), queries(f"{BASE}/besluitinformatieobjecten")) == few
