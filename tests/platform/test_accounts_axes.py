"""Brute-force protection of the employee login (django-axes behind two_factor's login)."""

import pytest
from axes.models import AccessAttempt
from django.core.management import call_command

from tests.platform.test_accounts import code, password_step, token_step, totp_user

WRONG = "wrong-password-123"


@pytest.fixture
def employee(db, settings):
    assert settings.AXES_FAILURE_LIMIT == 5
    return totp_user(username="jansen")


def fail(client, username, times, **extra):
    return [password_step(client, username, WRONG, **extra) for _ in range(times)]


def test_wrong_passwords_are_recorded_with_the_password_masked(client, employee):
    fail(client, "jansen", 2)
    attempt = AccessAttempt.objects.get(username="jansen")
    assert attempt.failures_since_start == 2 and attempt.ip_address == "127.0.0.1"
    assert WRONG not in attempt.post_data and "auth-password=****" in attempt.post_data


def test_fifth_failure_locks_username_and_address_even_for_the_right_password(client, employee):
    responses = fail(client, "jansen", 5)
    assert [r.status_code for r in responses[:4]] == [200] * 4  # the form, with its error
    assert responses[4].status_code == 429

    response = password_step(client, "jansen")
    assert response.status_code == 429
    assert "Tijdelijk geblokkeerd" in response.content.decode()
    assert "_auth_user_id" not in client.session
    # Attempts during the block count too, so the cool-off starts again from the last one.
    assert AccessAttempt.objects.get(username="jansen").failures_since_start == 6


def test_lockout_is_per_username_and_address(client, employee):
    totp_user(username="devries")
    fail(client, "jansen", 5)
    assert password_step(client, "devries").status_code == 200  # another user, same address
    other_address = password_step(client, "jansen", REMOTE_ADDR="10.1.2.3")
    assert other_address.status_code == 200 and "token-otp_token" in other_address.content.decode()


def test_completed_login_resets_the_counter(client, employee):
    user, device = employee
    fail(client, "jansen", 3)
    password_step(client, "jansen")
    assert token_step(client, code(device)).status_code == 302
    assert not AccessAttempt.objects.filter(username="jansen", failures_since_start__gt=0).exists()
    client.logout()
    fail(client, "jansen", 4)
    assert password_step(client, "jansen").status_code == 200  # 4 new failures: not locked


def test_axes_reset_username_unlocks(client, employee):
    fail(client, "jansen", 5)
    call_command("axes_reset_username", "jansen")
    assert not AccessAttempt.objects.filter(username="jansen").exists()
    assert "token-otp_token" in password_step(client, "jansen").content.decode()
