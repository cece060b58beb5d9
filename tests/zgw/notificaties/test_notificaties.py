"""POST /notificaties: external sources publish; validated against the kanaal; routed like ours."""

from __future__ import annotations

import pytest

from raadhuis.platform import outbox
from raadhuis.platform.models import OutboxEvent
from tests.zgw.notificaties.conftest import BASE, BEIDE, CONSUMEREN, PUBLICEREN, ZAAKTYPE, subscribe

HOOFDOBJECT = "https://zaaksysteem.example/api/v1/zaken/123"


def message(**overrides) -> dict:
    return {
        "kanaal": "zaken", "hoofdObject": HOOFDOBJECT, "resource": "status",
        "resourceUrl": "https://zaaksysteem.example/api/v1/statussen/9", "actie": "create",
        "aanmaakdatum": "2026-03-01T10:00:00+01:00",
        "kenmerken": {"bronorganisatie": "123456782", "zaaktype": ZAAKTYPE,
                      "vertrouwelijkheidaanduiding": "openbaar"},
        **overrides,
    }


def publish(client, body: dict):
    return client.post(f"{BASE}/notificaties", body, format="json")


def codes(response) -> list[tuple[str, str]]:
    assert response.status_code == 400, response.content
    return [(p["name"], p["code"]) for p in response.json()["invalidParams"]]


def test_published_notification_is_routed_unchanged(publisher, consumer, receiver, orgs):
    subscribe(consumer, receiver.url)
    response = publisher.post(f"{BASE}/notificaties", message(), format="json")
    assert response.status_code == 200 and response["API-version"] == "1.0.1"
    assert response.json() == message()
    event = OutboxEvent.all_tenants.get(kanaal="zaken")
    assert event.organisation == orgs[0] and event.payload == message()
    assert len(outbox.drain().delivered) == 1
    assert receiver.accepted() == [message()]


def test_message_kanaal(publisher):
    assert codes(publisher.post(f"{BASE}/notificaties", message(kanaal="onbekend"), format="json")) == [
        ("kanaal", "message_kanaal")]


@pytest.mark.parametrize("kenmerken", [
    {"bronorganisatie": "1", "kleur": "rood"},  # neither some nor all-and-more of the kanaal's
])
def test_kenmerken_inconsistent(publisher, kenmerken):
    response = publisher.post(f"{BASE}/notificaties", message(kenmerken=kenmerken), format="json")
    assert codes(response) == [("kenmerken", "kenmerken_inconsistent")]
    assert not OutboxEvent.all_tenants.filter(kanaal="zaken").exists()


@pytest.mark.parametrize("kenmerken", [
    {}, {"bronorganisatie": "1"},  # some of the kanaal's kenmerken
    {"bronorganisatie": "1", "zaaktype": "x", "vertrouwelijkheidaanduiding": "geheim", "extra": "y"},
])
def test_consistent_kenmerken_as_the_reference_allows(publisher, kenmerken):
    assert publish(publisher, message(kenmerken=kenmerken)).status_code == 200


def test_kenmerken_keep_their_spelling(publisher, consumer, receiver, orgs):
    subscribe(consumer, receiver.url, [{"naam": "besluiten",
                                        "filters": {"verantwoordelijkeOrganisatie": "123456782"}}])
    besluit = message(kanaal="besluiten", resource="besluit",
                      kenmerken={"verantwoordelijkeOrganisatie": "123456782", "besluittype": ZAAKTYPE})
    response = publisher.post(f"{BASE}/notificaties", besluit, format="json")
    assert response.json()["kenmerken"] == besluit["kenmerken"]
    outbox.drain()
    assert receiver.accepted() == [besluit]


@pytest.mark.parametrize(("field", "value", "code"), [
    ("hoofdObject", "geen url", "invalid"), ("resource", "", "blank"),
    ("aanmaakdatum", "gisteren", "invalid"),
    ("kenmerken", {"bronorganisatie": ""}, "blank"), ("actie", None, "null"),
])
def test_field_validation(publisher, field, value, code):
    response = publisher.post(f"{BASE}/notificaties", message(**{field: value}), format="json")
    assert any(name.startswith(field) and c == code for name, c in codes(response))


def test_publishing_needs_publiceren(zgw_client, orgs):
    consumer = zgw_client(orgs[0], CONSUMEREN)
    assert consumer.post(f"{BASE}/notificaties", message(), format="json").status_code == 403


def test_a_client_of_several_organisations_names_which(zgw_client, orgs, receiver):
    a, b = orgs
    regional = zgw_client(a, BEIDE)
    regional.applicatie.extra_organisaties.add(b)
    response = regional.post(f"{BASE}/notificaties", message(kenmerken={}), format="json")
    assert codes(response) == [("kenmerken", "organisatie-onbekend")]
    kenmerken = {**message()["kenmerken"], "bronorganisatie": b.rsin}
    assert publish(regional, message(kenmerken=kenmerken)).status_code == 200
    assert OutboxEvent.all_tenants.get(kanaal="zaken").organisation == b


def test_published_on_a_kanaal_of_an_external_source(publisher, consumer, receiver):
    assert publisher.post(f"{BASE}/kanaal", {"naam": "meldingen", "filters": ["wijk"]},
                          format="json").status_code == 201
    subscribe(consumer, receiver.url, [{"naam": "meldingen", "filters": {"wijk": "Noord"}}])
    for wijk in ("Zuid", "Noord"):
        body = message(kanaal="meldingen", resource="melding", kenmerken={"wijk": wijk})
        assert publisher.post(f"{BASE}/notificaties", body, format="json").status_code == 200
    outbox.drain()
    assert [m["kenmerken"]["wijk"] for m in receiver.accepted()] == ["Noord"]


def test_the_publisher_does_not_need_to_consume(zgw_client, orgs):
    assert publish(zgw_client(orgs[0], PUBLICEREN), message()).status_code == 200
