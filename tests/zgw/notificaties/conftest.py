"""Clients, a receiver and a clock for the Notificaties tests."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from raadhuis.platform import outbox, tenancy
from raadhuis.platform.models import Delivery
from raadhuis.zgw.common import events
from raadhuis.zgw.notificaties import delivery
from tests.zgw.notificaties.receiver import TOKEN, NotificationReceiver

BASE = "/notificaties/api/v1"
CONSUMEREN = [{"component": "nrc", "scopes": ["notificaties.consumeren"]}]
PUBLICEREN = [{"component": "nrc", "scopes": ["notificaties.publiceren"]}]
BEIDE = [{"component": "nrc", "scopes": ["notificaties.consumeren", "notificaties.publiceren"]}]
ZAAKTYPE = "http://localhost:8000/catalogi/api/v1/zaaktypen/0b2b3f5a-4ad9-4b36-9f50-2a3a4c1e7d11"


class Clock:
    def __init__(self) -> None:
        self.now = timezone.now()

    def __call__(self):
        return self.now

    def advance(self, **delta) -> None:
        self.now += timedelta(**delta)


@pytest.fixture(autouse=True)
def notificaties_settings(settings):
    """The receivers of these tests live on 127.0.0.1: allowed here, refused by default."""
    settings.NOTIFICATIES_ALLOWED_CALLBACK_NETWORKS = ["127.0.0.1/32"]
    settings.NOTIFICATIES_ALLOWED_CALLBACK_HOSTS = []
    settings.NOTIFICATIES_ALLOW_PUBLIC_CALLBACKS = True
    settings.NOTIFICATIES_VERIFY_CALLBACK = True
    settings.NOTIFICATIES_REQUIRE_CALLBACK_AUTH = True
    settings.NOTIFICATIES_CONNECT_TIMEOUT = 2.0
    settings.NOTIFICATIES_READ_TIMEOUT = 2.0
    delivery.forget_clients()
    yield settings
    delivery.forget_clients()


@pytest.fixture(autouse=True)
def no_wake(monkeypatch):
    """The tests dispatch by hand (``outbox.drain()``); no background thread races them."""
    monkeypatch.setattr(outbox, "wake_dispatcher", lambda: None)


@pytest.fixture(autouse=True)
def only_notificaties_recipients(monkeypatch):
    """Other modules (werkplek, processen, portal) also follow zaken events; these tests
    count the Notificaties deliveries alone."""
    monkeypatch.setattr(outbox, "_resolvers", {
        prefix: resolver for prefix, resolver in outbox._resolvers.items() if prefix == delivery.PREFIX})


@pytest.fixture
def clock(monkeypatch):
    clock = Clock()
    monkeypatch.setattr(outbox, "_now", clock)
    return clock


@pytest.fixture
def receiver():
    receiver = NotificationReceiver().start()
    yield receiver
    receiver.stop()


@pytest.fixture
def orgs(two_municipalities):
    return two_municipalities


@pytest.fixture
def consumer(zgw_client, orgs):
    return zgw_client(orgs[0], CONSUMEREN)


@pytest.fixture
def publisher(zgw_client, orgs):
    return zgw_client(orgs[0], PUBLICEREN)


def subscribe(client, url: str, kanalen=None, auth: str = TOKEN, status: int = 201) -> dict:
    """POST an abonnement; the response body."""
    body = {"callbackUrl": url, "auth": auth,
            "kanalen": kanalen if kanalen is not None else [{"naam": "zaken"}]}
    response = client.post(f"{BASE}/abonnement", body, format="json")
    assert response.status_code == status, response.content
    return response.json()


def zaak_event(organisation, zaak: str = "z1", *, actie: str = "create", resource: str = "zaak",
               vertrouwelijkheid: str = "openbaar", zaaktype: str = ZAAKTYPE, bron: str | None = None,
               nummer: int | None = None):
    """What every write of the Zaken API does: the audit row and the outbox notification.
    ``nummer`` makes the resourceUrl tell the events of one zaak apart (…/statussen/<nummer>)."""
    url = f"http://localhost:8000/zaken/api/v1/zaken/{zaak}"
    resource_url = url if nummer is None else f"{url}/statussen/{nummer}"
    with tenancy.scope_for([organisation.pk]):
        events.record(
            organisation=organisation, bron="ZRC", kanaal="zaken", actie=actie, resource=resource,
            resource_url=resource_url,
            hoofd_object=url, kenmerken={
                "bronorganisatie": bron or organisation.rsin, "zaaktype": zaaktype,
                "vertrouwelijkheidaanduiding": vertrouwelijkheid})


def abonnement_deliveries(uuid=None):
    deliveries = Delivery.all_tenants.filter(handler__startswith=f"{delivery.PREFIX}:")
    return deliveries.filter(handler=f"{delivery.PREFIX}:{uuid}") if uuid else deliveries


def uuid_of(body: dict) -> str:
    return body["url"].rstrip("/").rsplit("/", 1)[-1]
