"""Callbacks may only reach allowed addresses: checked when an abonnement is made and again
at every delivery, connecting to the address that was checked (no DNS rebinding)."""

from __future__ import annotations

import ipaddress
import socket

import pytest

from raadhuis.platform import outbox
from raadhuis.zgw.notificaties import callbacks
from tests.zgw.notificaties.conftest import BASE, abonnement_deliveries, subscribe, zaak_event
from tests.zgw.notificaties.receiver import TOKEN

PUBLIC = "93.184.216.34"


@pytest.fixture
def dns(monkeypatch):
    """``dns["name.test"] = ["1.2.3.4"]``: answers for made-up names; others resolve for real."""
    answers: dict[str, list[str]] = {}
    real = socket.getaddrinfo

    def getaddrinfo(host, port, *args, **kwargs):
        if host in answers:
            return [(socket.AF_INET6 if ":" in a else socket.AF_INET, socket.SOCK_STREAM, 6, "",
                     (a, port)) for a in answers[host]]
        return real(host, port, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    return answers


@pytest.mark.parametrize(("address", "allowed"), [
    (PUBLIC, True), ("2606:2800:220:1:248:1893:25c8:1946", True),
    ("127.0.0.1", False), ("::1", False), ("10.1.2.3", False), ("172.16.0.1", False),
    ("192.168.1.1", False), ("169.254.169.254", False), ("fe80::1", False), ("fc00::1", False),
    ("100.64.0.1", False), ("0.0.0.0", False), ("224.0.0.1", False), ("::ffff:127.0.0.1", False),
    ("::ffff:10.0.0.1", False), ("192.0.2.1", False), ("255.255.255.255", False),
])
def test_only_public_addresses_by_default(settings, address, allowed):
    settings.NOTIFICATIES_ALLOWED_CALLBACK_NETWORKS = []
    assert callbacks.address_allowed(ipaddress.ip_address(address)) is allowed


def test_configured_networks_allow_internal_addresses_and_public_can_be_switched_off(settings):
    settings.NOTIFICATIES_ALLOWED_CALLBACK_NETWORKS = ["10.20.0.0/16", "::1/128"]
    assert callbacks.address_allowed(ipaddress.ip_address("10.20.3.4"))
    assert callbacks.address_allowed(ipaddress.ip_address("::1"))
    assert not callbacks.address_allowed(ipaddress.ip_address("10.21.0.1"))
    settings.NOTIFICATIES_ALLOW_PUBLIC_CALLBACKS = False
    assert not callbacks.address_allowed(ipaddress.ip_address(PUBLIC))
    assert callbacks.address_allowed(ipaddress.ip_address("10.20.3.4"))


def test_host_list(settings, dns):
    settings.NOTIFICATIES_ALLOWED_CALLBACK_HOSTS = ["zaaksysteem.example", ".gemeente.example"]
    for name in ("zaaksysteem.example", "a.gemeente.example", "gemeente.example", "ander.example"):
        dns[name] = [PUBLIC]
    for host in ("zaaksysteem.example", "a.gemeente.example", "gemeente.example"):
        assert callbacks.check(f"https://{host}/cb").address == PUBLIC
    with pytest.raises(callbacks.CallbackError) as refused:
        callbacks.check("https://ander.example/cb")
    assert refused.value.code == callbacks.NOT_ALLOWED


@pytest.mark.parametrize("url", [
    "http://127.0.0.1:8000/cb", "http://localhost/cb", "http://[::1]/cb",
    "http://169.254.169.254/latest/meta-data", "http://2130706433/cb", "http://0x7f.1/cb",
    "http://10.0.0.1/cb", "http://[::ffff:127.0.0.1]/cb",
    "http://metadata.test/cb", "http://half.test/cb",
])
def test_internal_targets_are_refused_on_create(consumer, receiver, settings, dns, url):
    settings.NOTIFICATIES_ALLOWED_CALLBACK_NETWORKS = []
    dns["metadata.test"] = ["169.254.169.254"]
    dns["half.test"] = [PUBLIC, "10.0.0.5"]  # every address must be allowed
    response = consumer.post(f"{BASE}/abonnement", {"callbackUrl": url, "auth": TOKEN,
                             "kanalen": [{"naam": "zaken"}]}, format="json")
    assert response.status_code == 400
    [problem] = response.json()["invalidParams"]
    assert (problem["name"], problem["code"]) == ("callbackUrl", "callback-url-not-allowed")
    assert receiver.requests == []


def test_dns_rebinding_after_create_is_refused_at_delivery(consumer, receiver, settings, dns, orgs):
    settings.NOTIFICATIES_ALLOWED_CALLBACK_NETWORKS = []
    settings.NOTIFICATIES_VERIFY_CALLBACK = False
    dns["rebind.test"] = [PUBLIC]
    subscribe(consumer, f"http://rebind.test:{receiver.port}/cb")
    dns["rebind.test"] = ["127.0.0.1"]  # the attacker's DNS now points inside
    zaak_event(orgs[0])
    assert outbox.drain().failed
    assert "callback-url-not-allowed" in abonnement_deliveries().get().last_error
    assert receiver.requests == []


def test_the_call_goes_to_the_checked_address_with_the_name_as_host(
    consumer, receiver, dns, orgs, monkeypatch
):
    dns["ontvanger.test"] = ["127.0.0.1"]
    subscribe(consumer, f"http://ontvanger.test:{receiver.port}/cb")
    original = callbacks._resolve

    def resolve_then_rebind(host, port):
        addresses = original(host, port)
        dns[host] = ["10.66.66.66"]  # any later lookup of the name would go elsewhere
        return addresses

    monkeypatch.setattr(callbacks, "_resolve", resolve_then_rebind)
    callbacks._pools.clear()
    zaak_event(orgs[0])
    assert outbox.drain().delivered
    assert receiver.notifications()[0].headers["Host"] == f"ontvanger.test:{receiver.port}"


def test_redirects_are_not_followed(consumer, receiver, orgs):
    subscribe(consumer, receiver.url)
    receiver._answer = lambda body, headers: 302
    zaak_event(orgs[0])
    assert outbox.drain().failed
    delivery = abonnement_deliveries().get()
    assert delivery.last_status == 302 and len(receiver.notifications()) == 1


def test_unresolvable_host_is_an_invalid_callback(consumer, receiver):
    response = consumer.post(f"{BASE}/abonnement", {"callbackUrl": "https://bestaat-niet.invalid/cb",
                             "auth": TOKEN, "kanalen": [{"naam": "zaken"}]}, format="json")
    assert [(p["name"], p["code"]) for p in response.json()["invalidParams"]] == [
        ("callbackUrl", "invalid-callback-url")]
