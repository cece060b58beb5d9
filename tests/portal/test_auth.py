"""Resident login: the simulator (never in production), the OIDC broker, and the separation
from employees."""

from __future__ import annotations

from unittest import mock

import pytest

from raadhuis.portal import oidc
from raadhuis.portal.auth import SESSION_KEY

BASE = "/portaal/voorbeeldstad"


def test_simulator_logs_in_with_bsn_and_level(client, gemeente, persoon):
    response = client.post(
        f"{BASE}/inloggen/simulator/",
        {
            "kind": "digid",
            "identifier": persoon.burgerservicenummer,
            "level": "substantieel",
            "next": f"{BASE}/berichten/",
        },
    )
    assert response.status_code == 302 and response["Location"] == f"{BASE}/berichten/"
    assert client.session[SESSION_KEY]["bsn"] == persoon.burgerservicenummer
    assert client.session[SESSION_KEY]["level"] == "substantieel"
    page = client.get(f"{BASE}/mijn-zaken/").content.decode()
    assert "DigiD-simulator" in page  # the clearly marked banner


def test_simulator_logs_in_a_business_with_kvk(client, gemeente):
    response = client.post(
        f"{BASE}/inloggen/simulator/", {"kind": "eherkenning", "identifier": "12345678", "level": "midden"}
    )
    assert response.status_code == 302
    assert client.session[SESSION_KEY]["kvk"] == "12345678" and client.session[SESSION_KEY]["bsn"] == ""


@pytest.mark.parametrize(
    "identifier, kind",
    [
        ("123456789", "digid"),
        ("12345", "digid"),
        ("abcdefghi", "digid"),
        ("1234567", "eherkenning"),
        ("", "digid"),
    ],
)
def test_simulator_refuses_bad_numbers_in_dutch(client, gemeente, identifier, kind):
    response = client.post(
        f"{BASE}/inloggen/simulator/", {"kind": kind, "identifier": identifier, "level": "midden"}
    )
    assert response.status_code == 400
    assert SESSION_KEY not in client.session
    assert "utrecht-form-field-error-message" in response.content.decode()


def test_simulator_next_cannot_leave_the_portal(client, gemeente, persoon):
    response = client.post(
        f"{BASE}/inloggen/simulator/",
        {
            "kind": "digid",
            "identifier": persoon.burgerservicenummer,
            "level": "midden",
            "next": "https://evil.example/",
        },
    )
    assert response["Location"] == f"{BASE}/mijn-zaken/"


def test_simulator_is_refused_in_production_mode(client, gemeente, settings, persoon):
    settings.PRODUCTION = True
    assert client.get(f"{BASE}/inloggen/simulator/").status_code == 404
    response = client.post(
        f"{BASE}/inloggen/simulator/",
        {"kind": "digid", "identifier": persoon.burgerservicenummer, "level": "midden"},
    )
    assert response.status_code == 404 and SESSION_KEY not in client.session
    assert "simulator" not in client.get(f"{BASE}/inloggen/").content.decode().lower()


def test_test_payment_page_is_refused_in_production_mode(client, gemeente, settings):
    settings.PRODUCTION = True
    from raadhuis.portal.payments import TestProvider

    with pytest.raises(Exception, match="production"):
        TestProvider().start(mock.Mock(reference="x"), org="voorbeeldstad", return_url="/")


def test_pages_behind_login_send_to_the_login(client, gemeente):
    response = client.get(f"{BASE}/mijn-zaken/")
    assert response.status_code == 302 and response["Location"].startswith(f"{BASE}/inloggen/?next=")


def test_a_resident_is_no_employee(resident):
    """No Django user is logged in: the employee screens and the two-factor flow never see a
    resident, and the admin sends them to the employee login."""
    assert "_auth_user_id" not in resident.session
    response = resident.get("/admin/")
    assert response.status_code == 302 and "/portaal/" not in response["Location"]
    assert resident.get(f"{BASE}/mijn-zaken/").status_code == 200


def test_logout_ends_the_resident_session(resident):
    resident.post(f"{BASE}/uitloggen/")
    assert SESSION_KEY not in resident.session
    assert resident.get(f"{BASE}/mijn-zaken/").status_code == 302


@pytest.fixture
def broker(settings):
    settings.PORTAL_OIDC_CLIENT_ID = "portaal"
    settings.PORTAL_OIDC_CLIENT_SECRET = "geheim"
    settings.PORTAL_OIDC_AUTHORIZATION_ENDPOINT = "https://broker.example/authorize"
    settings.PORTAL_OIDC_TOKEN_ENDPOINT = "https://broker.example/token"
    settings.PORTAL_OIDC_JWKS_ENDPOINT = "https://broker.example/jwks"


def _login_via_broker(client, claims, method="digid"):
    response = client.get(f"{BASE}/inloggen/{method}/?next={BASE}/berichten/")
    assert response.status_code == 302 and response["Location"].startswith(
        "https://broker.example/authorize?"
    )
    state = client.session[oidc.SESSION_KEY]["state"]
    with (
        mock.patch.object(oidc.BrokerBackend, "get_token", return_value={"id_token": "jwt"}) as token,
        mock.patch.object(oidc.BrokerBackend, "verify_token", return_value=claims) as verify,
    ):
        response = client.get(f"{BASE}/inloggen-terug/", {"state": state, "code": "abc"})
    return response, token, verify


def test_broker_login_with_digid(client, gemeente, broker, persoon):
    response, token, verify = _login_via_broker(
        client, {"bsn": persoon.burgerservicenummer, "acr": "substantieel"}
    )
    assert response.status_code == 302 and response["Location"] == f"{BASE}/berichten/"
    assert client.session[SESSION_KEY] | {"since": ""} == {
        "bsn": persoon.burgerservicenummer,
        "kvk": "",
        "level": "substantieel",
        "method": "oidc",
        "name": "",
        "since": "",
    }
    assert token.call_args.args[0]["code"] == "abc"
    assert verify.call_args.kwargs["nonce"]  # the nonce of our own request is checked


def test_broker_login_with_eherkenning(client, gemeente, broker):
    response, _, _ = _login_via_broker(client, {"kvk": "12345678", "acr": "eh3"}, method="eherkenning")
    assert response.status_code == 302 and client.session[SESSION_KEY]["kvk"] == "12345678"


def test_broker_callback_with_a_foreign_state_is_refused(client, gemeente, broker):
    client.get(f"{BASE}/inloggen/digid/")
    response = client.get(f"{BASE}/inloggen-terug/", {"state": "forged", "code": "abc"})
    assert response.status_code == 400 and SESSION_KEY not in client.session


def test_broker_claims_without_a_valid_bsn_are_refused(client, gemeente, broker):
    response, _, _ = _login_via_broker(client, {"bsn": "12<script>", "acr": "midden"})
    assert response.status_code == 400 and SESSION_KEY not in client.session


def test_broker_is_off_without_configuration(client, gemeente):
    assert client.get(f"{BASE}/inloggen/digid/").status_code == 404
