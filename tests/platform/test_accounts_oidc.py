"""OIDC login: claims become memberships; a trusted IdP's MFA counts as the second factor.

No network: the token exchange and userinfo calls of mozilla-django-oidc are replaced.
"""

import time

import pytest
from django.contrib.auth import get_user_model
from django.urls import include, path

import raadhuis.urls
from raadhuis.platform.accounts.oidc import EmployeeOIDCBackend
from raadhuis.platform.accounts.verification import OIDC_MFA_SESSION_KEY
from raadhuis.platform.models import Membership
from tests.factories import UserFactory

BACKEND = "raadhuis.platform.accounts.oidc.EmployeeOIDCBackend"


# The OIDC urls are only routed when OIDC_RP_CLIENT_ID is set at start-up; route them here.
urlpatterns = [
    path("accounts/oidc/", include("mozilla_django_oidc.urls")),
    *raadhuis.urls.urlpatterns,
]


@pytest.fixture
def oidc_settings(settings):
    settings.OIDC_ENABLED = True
    settings.OIDC_RP_CLIENT_ID = "raadhuis"
    settings.OIDC_RP_CLIENT_SECRET = "geheim"
    settings.OIDC_OP_AUTHORIZATION_ENDPOINT = "https://idp.example/auth"
    settings.OIDC_OP_TOKEN_ENDPOINT = "https://idp.example/token"
    settings.OIDC_OP_USER_ENDPOINT = "https://idp.example/userinfo"
    settings.OIDC_OP_JWKS_ENDPOINT = "https://idp.example/jwks"
    settings.OIDC_RP_SIGN_ALGO = "RS256"
    settings.OIDC_RP_SCOPES = "openid email profile"
    settings.OIDC_ORGANISATION_CLAIM = "organisation"
    settings.OIDC_ROLES_CLAIM = "roles"
    settings.OIDC_USERNAME_ALGO = "raadhuis.platform.accounts.oidc.generate_username"
    settings.OIDC_TRUST_MFA = True
    settings.LOGIN_REDIRECT_URL_FAILURE = "/account/login/"
    settings.AUTHENTICATION_BACKENDS = [*settings.AUTHENTICATION_BACKENDS, BACKEND]
    return settings


@pytest.fixture
def backend(oidc_settings):
    return EmployeeOIDCBackend()


def claims(organisation="aadorp", roles=("behandelaar",), **extra):
    return {"sub": "abc-123", "email": "J.Jansen@Aadorp.nl", "email_verified": True,
            "given_name": "Jan", "family_name": "Jansen", "organisation": organisation,
            "roles": list(roles) if not isinstance(roles, str) else roles, **extra}


def memberships(user):
    return set(Membership.objects.filter(user=user).values_list("organisation__slug", "role"))


# --- claims to memberships ------------------------------------------------------------------

def test_create_user_gets_memberships_of_the_claimed_organisation(backend, two_municipalities):
    user = backend.create_user(claims(roles=["behandelaar", "kcc"]))
    assert user.username == "j.jansen@aadorp.nl" and (user.first_name, user.last_name) == (
        "Jan", "Jansen")
    assert not user.has_usable_password()
    assert memberships(user) == {("aadorp", "behandelaar"), ("aadorp", "kcc")}


def test_unknown_roles_are_ignored_and_a_single_role_string_works(backend, two_municipalities):
    user = backend.create_user(claims(roles=["behandelaar", "god-mode", "admin"]))
    assert memberships(user) == {("aadorp", "behandelaar")}
    backend.update_user(user, claims(roles="woo_jurist"))
    assert memberships(user) == {("aadorp", "woo_jurist")}


def test_roles_the_claim_drops_are_removed(backend, two_municipalities):
    user = backend.create_user(claims(roles=["behandelaar", "manager"]))
    backend.update_user(user, claims(roles=["manager"]))
    assert memberships(user) == {("aadorp", "manager")}
    backend.update_user(user, claims(roles=[]))
    assert memberships(user) == set()


def test_unknown_organisation_gives_no_memberships(backend, two_municipalities):
    user = backend.create_user(claims(organisation="atlantis"))
    assert memberships(user) == set()
    backend.update_user(user, claims())
    backend.update_user(user, claims(organisation=None))
    assert memberships(user) == set()


def test_moving_to_another_organisation_ends_the_old_memberships(backend, two_municipalities):
    user = backend.create_user(claims())
    backend.update_user(user, claims(organisation="beestad"))
    assert memberships(user) == {("beestad", "behandelaar")}


def test_inactive_organisation_gives_no_memberships(backend, two_municipalities):
    two_municipalities[0].is_active = False
    two_municipalities[0].save()
    assert memberships(backend.create_user(claims())) == set()


def test_unverified_email_is_refused(backend):
    assert backend.verify_claims(claims(email_verified=False)) is False
    assert backend.verify_claims(claims())


def test_username_falls_back_to_a_hash_when_a_local_user_has_the_address(backend, db):
    UserFactory(username="j.jansen@aadorp.nl", email="iemand@anders.nl")
    user = backend.create_user(claims())
    assert user.username != "j.jansen@aadorp.nl" and user.email.lower() == "j.jansen@aadorp.nl"


def test_deactivated_user_loses_a_running_oidc_session(backend, db):
    user = backend.create_user(claims())
    assert backend.get_user(user.pk) == user
    get_user_model().objects.filter(pk=user.pk).update(is_active=False)
    assert backend.get_user(user.pk) is None


# --- the callback, end to end ---------------------------------------------------------------

@pytest.fixture
def idp(monkeypatch, oidc_settings):
    """Stand in for the identity provider: every token is valid and carries ``idp.claims``."""

    class FakeIdP:
        claims = claims()

    monkeypatch.setattr(EmployeeOIDCBackend, "get_token",
                        lambda self, payload: {"id_token": "id", "access_token": "at"})
    monkeypatch.setattr(EmployeeOIDCBackend, "verify_token", lambda self, token, **kw: {"n": 1})
    monkeypatch.setattr(EmployeeOIDCBackend, "get_userinfo",
                        lambda self, access, id_token, payload: FakeIdP.claims)
    return FakeIdP


def oidc_login(client):
    session = client.session
    session["oidc_states"] = {"st4te": {"nonce": "n0nce", "code_verifier": None,
                                        "added_on": time.time()}}
    session.save()
    return client.get("/accounts/oidc/callback/", {"code": "c0de", "state": "st4te"})


@pytest.mark.urls(__name__)
def test_oidc_login_with_trusted_mfa_reaches_employee_pages(client, idp, two_municipalities):
    response = oidc_login(client)
    assert response.status_code == 302 and response.url == "/"
    assert client.session[OIDC_MFA_SESSION_KEY] is True
    assert client.get("/").status_code == 200
    user = get_user_model().objects.get(email__iexact="j.jansen@aadorp.nl")
    assert memberships(user) == {("aadorp", "behandelaar")}


@pytest.mark.urls(__name__)
def test_oidc_login_without_trusted_mfa_still_needs_a_local_device(client, idp,
                                                                   two_municipalities,
                                                                   oidc_settings):
    oidc_settings.OIDC_TRUST_MFA = False
    oidc_login(client)
    assert OIDC_MFA_SESSION_KEY not in client.session
    assert client.get("/").url.startswith("/account/two_factor/setup/")


@pytest.mark.urls(__name__)
def test_switching_trust_off_ends_it_for_running_sessions(client, idp, two_municipalities,
                                                          oidc_settings):
    oidc_login(client)
    oidc_settings.OIDC_TRUST_MFA = False
    assert client.get("/").status_code == 302


@pytest.mark.urls(__name__)
def test_a_password_login_in_the_same_session_drops_the_oidc_trust(client, idp,
                                                                   two_municipalities):
    from tests.platform.test_accounts import PASSWORD, password_step

    oidc_login(client)
    user = get_user_model().objects.get(email__iexact="j.jansen@aadorp.nl")
    user.set_password(PASSWORD)
    user.save()
    password_step(client, user.username)  # same user, no device: logged in by password only
    assert client.session["_auth_user_id"] == str(user.pk)
    assert OIDC_MFA_SESSION_KEY not in client.session
    assert client.get("/").url.startswith("/account/two_factor/setup/")


@pytest.mark.urls(__name__)
def test_login_page_offers_oidc_when_it_is_routed(client, db):
    html = client.get("/account/login/?next=/werkplek/").content.decode()
    assert 'href="/accounts/oidc/authenticate/?next=/werkplek/"' in html
    assert "Inloggen via uw organisatie" in html


def test_login_page_has_no_oidc_button_when_oidc_is_off(client, db):
    assert "/accounts/oidc/" not in client.get("/account/login/").content.decode()
