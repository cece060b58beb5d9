import time

import pytest

from raadhuis.platform import tenancy
from raadhuis.platform.models import AuditEntry, OutboxEvent
from raadhuis.zgw.autorisaties.models import Applicatie
from tests.zgw.conftest import make_token, secret_of

BASE = "/autorisaties/api/v1/applicaties"
BEHEER = [{"component": "ac", "scopes": ["autorisaties.lezen", "autorisaties.bijwerken"]}]
ZAAKTYPE = "http://testserver/catalogi/api/v1/zaaktypen/0b2b3f5a-4ad9-4b36-9f50-2a3a4c1e7d11"


@pytest.fixture
def beheer(zgw_client, two_municipalities):
    return zgw_client(two_municipalities[0], BEHEER)


def _payload(**overrides):
    return {
        "clientIds": ["zaaksysteem"],
        "label": "Zaaksysteem",
        "heeftAlleAutorisaties": False,
        "autorisaties": [{
            "component": "zrc", "scopes": ["zaken.lezen", "zaken.aanmaken"],
            "zaaktype": ZAAKTYPE, "maxVertrouwelijkheidaanduiding": "zaakvertrouwelijk",
        }],
        **overrides,
    }


def test_create_read_and_consumer_lookup(beheer):
    response = beheer.post(BASE, _payload(), format="json")
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["clientIds"] == ["zaaksysteem"]
    assert body["autorisaties"][0]["componentWeergave"] == "Zaken API"
    assert response["API-version"] == "1.1.0"
    detail = beheer.get(body["url"])
    assert detail.status_code == 200 and detail.json()["label"] == "Zaaksysteem"
    consumer = beheer.get(f"{BASE}/consumer", {"clientId": "zaaksysteem"})
    assert consumer.status_code == 200 and consumer.json()["url"] == body["url"]


def test_change_is_audited_and_notified(beheer):
    url = beheer.post(BASE, _payload(), format="json").json()["url"]
    beheer.patch(url, {"label": "Nieuw label"}, format="json")
    with tenancy.system_scope():
        trail = list(AuditEntry.objects.filter(bron="AC", resource_url=url).order_by("id"))
        assert [e.actie for e in trail] == ["create", "update"]
        assert trail[1].oud["label"] == "Zaaksysteem" and trail[1].nieuw["label"] == "Nieuw label"
        assert trail[1].gebruikers_id == "tester"
        event = OutboxEvent.objects.filter(kanaal="autorisaties").last()
        assert event.payload["resourceUrl"] == url and event.payload["actie"] == "update"


def test_ac_001_client_id_is_unique_across_organisations(zgw_client, two_municipalities, beheer):
    other = zgw_client(two_municipalities[1], BEHEER)
    assert other.post(BASE, _payload(), format="json").status_code == 201
    response = beheer.post(BASE, _payload(), format="json")
    assert response.status_code == 400
    assert response.json()["invalidParams"][0]["code"] == "clientId-exists"


def test_ac_002_all_or_explicit_autorisaties(beheer):
    both = beheer.post(BASE, _payload(heeftAlleAutorisaties=True), format="json")
    assert both.status_code == 400
    assert both.json()["invalidParams"][0]["code"] == "ambiguous-authorizations-specified"
    neither = beheer.post(BASE, _payload(autorisaties=[]), format="json")
    assert neither.json()["invalidParams"][0]["code"] == "missing-authorizations"
    assert beheer.post(BASE, _payload(heeftAlleAutorisaties=True, autorisaties=[]),
                       format="json").status_code == 201


@pytest.mark.parametrize("component,scope,missing", [
    ("zrc", "zaken.lezen", {"zaaktype", "maxVertrouwelijkheidaanduiding"}),
    ("drc", "documenten.lezen", {"informatieobjecttype", "maxVertrouwelijkheidaanduiding"}),
    ("brc", "besluiten.lezen", {"besluittype"}),
])
def test_ac_003_required_fields_per_component(beheer, component, scope, missing):
    payload = _payload(autorisaties=[{"component": component, "scopes": [scope]}])
    response = beheer.post(BASE, payload, format="json")
    assert response.status_code == 400
    names = {p["name"].split(".")[-1] for p in response.json()["invalidParams"]}
    assert names == missing


def test_unknown_scope_is_refused(beheer):
    payload = _payload(autorisaties=[{"component": "ztc", "scopes": ["catalogi.alles"]}])
    assert beheer.post(BASE, payload, format="json").status_code == 400


def test_without_token_401_without_scope_403(client, zgw_client, two_municipalities):
    assert client.get(BASE).status_code == 401
    reader = zgw_client(two_municipalities[0], [{"component": "ac", "scopes": ["autorisaties.lezen"]}])
    assert reader.get(BASE).status_code == 200
    assert reader.post(BASE, _payload(), format="json").status_code == 403
    assert reader.post(BASE, _payload(), format="json").json()["code"] == "permission_denied"


def test_bad_tokens_are_refused(client, beheer):
    applicatie = beheer.applicatie
    client_id = applicatie.credentials.get().client_id
    for token in [
        "not-a-jwt",
        make_token(client_id, "wrong-secret-of-the-same-length-as-a-real-one"),
        make_token(client_id, secret_of(client_id), iat=int(time.time()) - 10_000),
        make_token("unknown-client", "a-secret-that-no-registered-client-has-at-all"),
    ]:
        response = client.get(BASE, HTTP_AUTHORIZATION=f"Bearer {token}")
        assert response.status_code in (401, 403), token
        assert response.json()["status"] == response.status_code


def test_tenancy_clients_see_only_their_organisations_applicaties(zgw_client, two_municipalities):
    a, b = two_municipalities
    client_a = zgw_client(a, BEHEER)
    client_b = zgw_client(b, BEHEER)
    url_b = client_b.post(BASE, _payload(clientIds=["van-b"]), format="json").json()["url"]
    listed = {item["url"] for item in client_a.get(BASE).json()["results"]}
    assert url_b not in listed
    assert client_a.get(url_b).status_code == 404
    assert client_a.patch(url_b, {"label": "gekaapt"}, format="json").status_code == 404
    assert client_a.delete(url_b).status_code == 404
    assert client_a.get(f"{BASE}/consumer", {"clientId": "van-b"}).status_code == 404
    with tenancy.system_scope():
        assert Applicatie.objects.get(credentials__client_id="van-b").label == "Zaaksysteem"


def test_unknown_query_parameter_is_400(beheer):
    response = beheer.get(BASE, {"foo": "bar"})
    assert response.status_code == 400
    assert response.json()["invalidParams"][0]["name"] == "foo"


def test_malformed_json_is_400_not_500(beheer):
    response = beheer.generic("POST", BASE, "{not json", content_type="application/json")
    assert response.status_code == 400
    assert response.json()["code"] == "parse_error"
    wrong_types = beheer.post(BASE, _payload(clientIds="zaaksysteem", label=12), format="json")
    assert wrong_types.status_code == 400


def test_delete_removes_applicatie_and_is_audited(beheer):
    url = beheer.post(BASE, _payload(), format="json").json()["url"]
    assert beheer.delete(url).status_code == 204
    assert beheer.get(url).status_code == 404
    with tenancy.system_scope():
        assert AuditEntry.objects.filter(resource_url=url, actie="destroy").exists()
