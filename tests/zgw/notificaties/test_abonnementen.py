"""Abonnementen: CRUD, validation by rule code, and the callback check when one is made."""

from __future__ import annotations

import pytest

from raadhuis.platform.models import AuditEntry
from raadhuis.zgw.notificaties.models import Abonnement
from tests.zgw.notificaties.conftest import BASE, PUBLICEREN, subscribe, uuid_of
from tests.zgw.notificaties.receiver import TOKEN


def codes(response) -> list[tuple[str, str]]:
    assert response.status_code == 400, response.content
    return [(p["name"], p["code"]) for p in response.json()["invalidParams"]]


def test_create_checks_the_callback_then_stores_it(consumer, receiver, orgs):
    kanalen = [{"naam": "zaken", "filters": {"bronorganisatie": orgs[0].rsin, "zaaktype": "*"}},
               {"naam": "besluiten"}]
    body = subscribe(consumer, receiver.url, kanalen)
    assert body == {"url": body["url"], "callbackUrl": receiver.url,
                    "kanalen": [kanalen[0], {"naam": "besluiten", "filters": {}}]}
    # The reference's two checks: a test notification with the auth header, one without.
    with_auth, without = receiver.requests
    assert with_auth.body["kanaal"] == "test" and with_auth.headers["Authorization"] == TOKEN
    assert with_auth.status == 204 and without.status == 401 and "Authorization" not in without.headers
    abonnement = Abonnement.all_tenants.get(uuid=uuid_of(body))
    assert abonnement.auth == TOKEN and abonnement.organisation == orgs[0]
    assert abonnement.client_id == consumer.applicatie.credentials.get().client_id
    assert list(abonnement.organisaties.all()) == [orgs[0]]
    entry = AuditEntry.all_tenants.get(resource="abonnement", actie="create")
    assert entry.bron == "NRC" and TOKEN not in str(entry.nieuw)


def test_read_list_update_and_delete(consumer, receiver):
    body = subscribe(consumer, receiver.url)
    assert consumer.get(body["url"]).json() == body
    listed = consumer.get(f"{BASE}/abonnement")
    assert listed.status_code == 200 and listed.json() == [body]  # a plain array, as the standard

    replaced = consumer.put(body["url"], {"callbackUrl": receiver.url, "auth": TOKEN,
                                          "kanalen": [{"naam": "documenten"}]}, format="json")
    assert replaced.status_code == 200
    assert replaced.json()["kanalen"] == [{"naam": "documenten", "filters": {}}]
    patched = consumer.patch(body["url"], {"kanalen": [{"naam": "zaken", "filters": {"zaaktype": "*"}}]},
                             format="json")
    assert patched.status_code == 200 and patched.json()["kanalen"][0]["filters"] == {"zaaktype": "*"}

    assert consumer.delete(body["url"]).status_code == 204
    assert consumer.get(body["url"]).status_code == 404
    assert set(AuditEntry.all_tenants.filter(resource="abonnement").values_list("actie", flat=True)) == {
        "create", "update", "destroy"}


def test_callback_is_checked_again_only_when_it_changes(consumer, receiver):
    body = subscribe(consumer, receiver.url)
    checks = len(receiver.requests)
    consumer.patch(body["url"], {"kanalen": [{"naam": "besluiten"}]}, format="json")
    assert len(receiver.requests) == checks
    receiver.stop()
    response = consumer.patch(body["url"], {"auth": "Bearer ander"}, format="json")
    assert codes(response) == [("callbackUrl", "invalid-callback-url")]


def test_kanaal_naam(consumer, receiver):
    response = consumer.post(f"{BASE}/abonnement", {"callbackUrl": receiver.url, "auth": TOKEN,
                             "kanalen": [{"naam": "zaken"}, {"naam": "bestaat-niet"}]}, format="json")
    assert codes(response) == [("kanalen.1.naam", "kanaal_naam")]


def test_inconsistent_abonnement_filters(consumer, receiver):
    response = consumer.post(f"{BASE}/abonnement", {"callbackUrl": receiver.url, "auth": TOKEN,
                             "kanalen": [{"naam": "zaken", "filters": {"zaaktype": "*", "kleur": "rood"}}]},
                             format="json")
    assert codes(response) == [("kanalen.0.filters", "inconsistent-abonnement-filters")]
    response = consumer.post(f"{BASE}/abonnement", {"callbackUrl": receiver.url, "auth": TOKEN,
                             "kanalen": [{"naam": "autorisaties", "filters": {"x": "y"}}]}, format="json")
    assert codes(response) == [("kanalen.0.filters", "inconsistent-abonnement-filters")]


@pytest.mark.parametrize("problem", ["down", "500", "302"])
def test_invalid_callback_url(consumer, receiver, problem):
    if problem == "down":
        receiver.stop()
    else:
        receiver.status = int(problem)
        receiver.token = None  # every request gets `status`
        receiver._answer = lambda body, headers: int(problem)
    response = consumer.post(f"{BASE}/abonnement", {"callbackUrl": receiver.url, "auth": TOKEN,
                             "kanalen": [{"naam": "zaken"}]}, format="json")
    assert codes(response) == [("callbackUrl", "invalid-callback-url")]
    assert not Abonnement.all_tenants.exists()


def test_no_auth_on_callback_url(consumer, receiver, settings):
    receiver._answer = lambda body, headers: 204  # accepts anyone: not secured
    response = consumer.post(f"{BASE}/abonnement", {"callbackUrl": receiver.url, "auth": TOKEN,
                             "kanalen": [{"naam": "zaken"}]}, format="json")
    assert codes(response) == [("callbackUrl", "no-auth-on-callback-url")]
    settings.NOTIFICATIES_REQUIRE_CALLBACK_AUTH = False
    subscribe(consumer, receiver.url)


def test_checks_can_be_switched_off_but_not_the_address_guard(consumer, receiver, settings):
    settings.NOTIFICATIES_VERIFY_CALLBACK = False
    receiver.stop()
    subscribe(consumer, receiver.url)  # not called
    settings.NOTIFICATIES_ALLOWED_CALLBACK_NETWORKS = []
    response = consumer.post(f"{BASE}/abonnement", {"callbackUrl": receiver.url, "auth": TOKEN,
                             "kanalen": [{"naam": "zaken"}]}, format="json")
    assert codes(response) == [("callbackUrl", "callback-url-not-allowed")]


@pytest.mark.parametrize(("body", "name", "code"), [
    ({"auth": TOKEN, "kanalen": []}, "callbackUrl", "required"),
    ({"callbackUrl": "geen-url", "auth": TOKEN, "kanalen": []}, "callbackUrl", "invalid"),
    ({"callbackUrl": "ftp://ontvanger.example/x", "auth": TOKEN, "kanalen": []}, "callbackUrl", "invalid"),
    ({"callbackUrl": "https://ontvanger.example/x", "kanalen": []}, "auth", "required"),
    ({"callbackUrl": "https://ontvanger.example/x", "auth": TOKEN}, "kanalen", "required"),
    ({"callbackUrl": "https://ontvanger.example/x", "auth": TOKEN, "kanalen": [{"filters": {}}]},
     "kanalen.0.naam", "required"),
    ({"callbackUrl": "https://ontvanger.example/x", "auth": TOKEN,
      "kanalen": [{"naam": "zaken", "filters": {"zaaktype": ""}}]}, "kanalen.0.filters.zaaktype", "blank"),
])
def test_field_validation(consumer, body, name, code):
    assert (name, code) in codes(consumer.post(f"{BASE}/abonnement", body, format="json"))


def test_filter_keys_keep_their_spelling(zgw_client, orgs, receiver):
    client = zgw_client(orgs[0], [{"component": "nrc", "scopes": ["notificaties.consumeren"]}])
    body = subscribe(client, receiver.url, [{"naam": "besluiten",
                                            "filters": {"verantwoordelijkeOrganisatie": orgs[0].rsin}}])
    assert body["kanalen"][0]["filters"] == {"verantwoordelijkeOrganisatie": orgs[0].rsin}


def test_scopes(zgw_client, orgs, consumer, receiver):
    publisher = zgw_client(orgs[0], PUBLICEREN)
    body = subscribe(consumer, receiver.url)
    assert publisher.get(f"{BASE}/abonnement").status_code == 200
    assert publisher.get(body["url"]).status_code == 200
    assert publisher.post(f"{BASE}/abonnement", {}, format="json").status_code == 403
    assert publisher.patch(body["url"], {}, format="json").status_code == 403
    assert publisher.delete(body["url"]).status_code == 403
