"""Employee login: password, then a TOTP token; two-factor required for every employee page."""

import re

import pytest
from django.contrib.auth.models import AnonymousUser
from django.contrib.sessions.middleware import SessionMiddleware
from django.urls import reverse
from django.utils import timezone
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from raadhuis.platform.accounts.middleware import EmployeeTwoFactorMiddleware
from tests.factories import UserFactory, member

PASSWORD = "correct-horse-battery"
KEY = "00112233445566778899aabbccddeeff00112233"
LOGIN = "/account/login/"
SETUP = "/account/two_factor/setup/"
VERIFY = "/accounts/verify/"
EMPLOYEE_PAGES = ["/", "/admin/", "/werkplek/zaken/"]
# What a strict CSP blocks: script and style elements, style/event attributes, javascript:.
INLINE = re.compile(r"<script|<style|\sstyle=|\son[a-z]+=|javascript:", re.IGNORECASE)


def code(device, steps_ahead=0) -> str:
    """The token the employee's app shows, computed from the device's secret."""
    value = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits,
                 drift=device.drift + steps_ahead)
    return f"{value:0{device.digits}d}"


def password_step(client, username, password=PASSWORD, **extra):
    data = {"login_view-current_step": "auth", "auth-username": username,
            "auth-password": password}
    return client.post(LOGIN, data, **extra)


def token_step(client, token, next_url=""):
    data = {"login_view-current_step": "token", "token-otp_token": token}
    return client.post(f"{LOGIN}?next={next_url}" if next_url else LOGIN, data)


def totp_user(**kwargs):
    user = UserFactory(**kwargs)
    device = TOTPDevice.objects.create(user=user, name="default", key=KEY, confirmed=True)
    return user, device


@pytest.fixture
def staff_with_device(db):
    return totp_user(username="beheerder", is_staff=True)


# --- the login flow -----------------------------------------------------------------------

def test_login_page_is_dutch_in_the_raadhuis_layout_without_inline_code(client, db):
    response = client.get(LOGIN)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Inloggen" in html and "Gebruikersnaam" in html and "Wachtwoord" in html
    assert "utrecht-page-header" in html and "platform/raadhuis.css" in html
    assert "cdnjs" not in html and not INLINE.search(html)
    csp = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp


def test_password_then_real_totp_token_logs_in_verified(client, staff_with_device):
    user, device = staff_with_device
    response = password_step(client, user.username)
    assert response.status_code == 200  # the token step, not logged in yet
    assert "token-otp_token" in response.content.decode()
    assert not INLINE.search(response.content.decode())
    assert "_auth_user_id" not in client.session

    response = token_step(client, code(device), next_url="/admin/")
    assert response.status_code == 302 and response.url == "/admin/"
    assert client.session[DEVICE_ID_SESSION_KEY] == device.persistent_id
    assert client.get("/admin/").status_code == 200
    assert client.get("/").status_code == 200


def test_wrong_token_keeps_the_employee_out(client, staff_with_device):
    user, device = staff_with_device
    password_step(client, user.username)
    wrong = f"{(int(code(device)) + 1) % 10**6:06d}"
    response = token_step(client, wrong)
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    assert client.get("/admin/").status_code == 302


def test_a_used_token_cannot_be_replayed(client, staff_with_device):
    user, device = staff_with_device
    token = code(device)
    password_step(client, user.username)
    assert token_step(client, token).status_code == 302
    client.logout()
    password_step(client, user.username)
    assert token_step(client, token).status_code == 200  # refused: same time step again
    assert "_auth_user_id" not in client.session


def test_first_login_without_device_goes_through_the_qr_setup_wizard(client, db):
    user = UserFactory(username="nieuw")
    response = password_step(client, user.username)
    assert response.status_code == 302
    response = client.get(response.url)
    assert response.status_code == 302 and response.url.startswith(SETUP)

    html = client.get(SETUP).content.decode()
    assert "Tweestapsauthenticatie" in html and not INLINE.search(html)
    assert 'formaction="/accounts/logout/"' in html  # a way out without setting up
    response = client.post(SETUP, {"setup_view-current_step": "welcome"})
    html = response.content.decode()
    qr_url = reverse("two_factor:qr")
    assert f'<img src="{qr_url}"' in html and not INLINE.search(html)
    qr = client.get(qr_url)
    assert qr["Content-Type"].startswith("image/svg+xml") and b"<script" not in qr.content

    secret = client.session["django_two_factor-qr_secret_key"]
    device = TOTPDevice(key=_hex_of_base32(secret))
    response = client.post(SETUP, {"setup_view-current_step": "generator",
                                   "generator-token": code(device)})
    assert response.status_code == 302
    assert TOTPDevice.objects.get(user=user, name="default").confirmed
    assert client.get("/").status_code == 200  # verified by the setup itself


def _hex_of_base32(secret: str) -> str:
    import base64

    return base64.b32decode(secret).hex()


@pytest.mark.parametrize("name", ["profile", "backup_tokens", "setup_complete", "disable"])
def test_two_factor_account_pages_use_the_raadhuis_layout(employee_client, db, name):
    response = employee_client(UserFactory()).get(reverse(f"two_factor:{name}"))
    html = response.content.decode()
    assert response.status_code == 200 and "utrecht-page-header" in html
    assert not INLINE.search(html) and "cdnjs" not in html


def test_otp_required_page_has_no_javascript_link(client, db):
    from django.template.loader import render_to_string

    html = render_to_string("two_factor/core/otp_required.html")
    assert "Tweestapsauthenticatie vereist" in html and not INLINE.search(html)


# --- two-factor is required for employees ---------------------------------------------------

@pytest.mark.parametrize("path", EMPLOYEE_PAGES)
def test_password_only_session_without_device_is_sent_to_setup(client, db, path):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    response = client.get(path)
    assert response.status_code == 302
    assert response.url.startswith(SETUP) and "next=" in response.url


@pytest.mark.parametrize("path", EMPLOYEE_PAGES)
def test_password_only_session_with_device_is_sent_to_token_check(client, staff_with_device,
                                                                   path):
    client.force_login(staff_with_device[0])
    response = client.get(path)
    assert response.status_code == 302 and response.url.startswith(VERIFY)


def test_verified_session_reaches_admin_and_employee_pages(employee_client, db):
    client = employee_client(UserFactory(is_staff=True))
    assert client.get("/admin/").status_code == 200
    assert client.get("/").status_code == 200


def test_token_check_verifies_a_signed_in_session(client, staff_with_device):
    user, device = staff_with_device
    client.force_login(user)
    response = client.get("/admin/")
    html = client.get(response.url).content.decode()
    assert "Verificatiecode" in html and not INLINE.search(html)
    session_key = client.session.session_key

    wrong = f"{(int(code(device)) + 1) % 10**6:06d}"
    assert client.post(response.url, {"otp_token": wrong}).status_code == 200
    device.refresh_from_db()
    device.throttle_reset()  # a failure delays the next try (tested below); skip the wait
    response = client.post(response.url, {"otp_token": code(device)})
    assert response.status_code == 302 and response.url == "/admin/"
    assert client.session.session_key != session_key  # new rights, new session key
    assert client.get("/admin/").status_code == 200


def test_token_guessing_is_throttled(client, staff_with_device):
    user, device = staff_with_device
    client.force_login(user)
    wrong = f"{(int(code(device)) + 1) % 10**6:06d}"
    client.post(VERIFY, {"otp_token": wrong})
    response = client.post(VERIFY, {"otp_token": code(device)})  # right, but too soon
    assert response.status_code == 200
    assert client.get("/admin/").url.startswith(VERIFY)
    device.refresh_from_db()
    assert device.throttling_failure_count == 1


def test_token_check_refuses_unsafe_next_and_anonymous_users(client, staff_with_device):
    user, device = staff_with_device
    assert client.get(VERIFY).url.startswith(LOGIN)
    client.force_login(user)
    response = client.post(f"{VERIFY}?next=https://evil.example/", {"otp_token": code(device)})
    assert response.url == "/"


def test_anonymous_admin_goes_to_two_factor_login(client, db):
    response = client.get("/admin/", follow=True)
    assert response.redirect_chain[-1][0] == f"{LOGIN}?next=/admin/"


def test_verified_employee_without_admin_rights_gets_403_not_a_login_loop(employee_client, db):
    client = employee_client(UserFactory(is_staff=False))
    response = client.get("/admin/", follow=True)
    assert response.status_code == 403


def test_unverified_session_is_anonymous_on_api_paths(rf, db, settings):
    settings.API_PREFIXES = ("/api/",)
    seen = []
    middleware = EmployeeTwoFactorMiddleware(lambda request: seen.append(request.user) or "ok")
    request = rf.get("/api/zaken/")
    SessionMiddleware(lambda r: None).process_request(request)
    user = UserFactory()
    user.is_verified = lambda: False
    request.user = user
    assert middleware(request) == "ok"
    assert isinstance(seen[0], AnonymousUser)


# --- sessions -------------------------------------------------------------------------------

def test_logout_ends_the_session(employee_client, db):
    client = employee_client(UserFactory(is_staff=True))
    assert client.get("/accounts/logout/").status_code == 405  # a link cannot log out
    response = client.post("/accounts/logout/")
    assert response.status_code == 302 and response.url == "/"
    assert "_auth_user_id" not in client.session
    assert client.get("/admin/").status_code == 302


def test_login_session_lasts_session_cookie_age(client, staff_with_device, settings):
    settings.SESSION_COOKIE_AGE = 3600
    user, device = staff_with_device
    password_step(client, user.username)
    token_step(client, code(device))
    assert client.cookies[settings.SESSION_COOKIE_NAME]["max-age"] == 3600
    assert client.session.get_expiry_age() == 3600


def test_expired_session_is_no_longer_logged_in(employee_client, db):
    from django.contrib.sessions.models import Session

    client = employee_client(UserFactory(is_staff=True))
    Session.objects.filter(session_key=client.session.session_key).update(
        expire_date=timezone.now() - timezone.timedelta(seconds=1)
    )
    response = client.get("/admin/", follow=True)
    assert response.redirect_chain[-1][0].startswith(LOGIN)


def test_employee_with_memberships_sees_home_after_login(client, two_municipalities):
    user = member(two_municipalities[0], username="behandelaar-login")
    device = TOTPDevice.objects.create(user=user, name="default", key=KEY, confirmed=True)
    password_step(client, user.username)
    token_step(client, code(device))
    assert client.get("/").status_code == 200

