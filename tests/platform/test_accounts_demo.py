"""Known TOTP keys for demo accounts, and the demo_otp command (never in production)."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from raadhuis.platform.accounts.demo import ensure_demo_totp
from tests.factories import UserFactory
from tests.platform.test_accounts import code, password_step, token_step

KEY = "3132333435363738393031323334353637383930"
OTHER_KEY = "ffeeddccbbaa99887766554433221100ffeeddcc"


@pytest.fixture
def demo_user(db):
    return UserFactory(username="demo-behandelaar")


def demo_otp(username) -> str:
    out = StringIO()
    call_command("demo_otp", username, stdout=out)
    return out.getvalue().strip()


def test_ensure_demo_totp_creates_a_confirmed_default_device(demo_user):
    device = ensure_demo_totp(demo_user, KEY)
    assert (device.name, device.key, device.confirmed) == ("default", KEY, True)
    expected = totp(bytes.fromhex(KEY), step=30, t0=0, digits=6)
    assert device.verify_token(f"{expected:06d}")


def test_ensure_demo_totp_is_idempotent_and_replaces_another_key(demo_user):
    first = ensure_demo_totp(demo_user, KEY)
    assert ensure_demo_totp(demo_user, KEY).pk == first.pk
    TOTPDevice.objects.filter(pk=first.pk).update(key=OTHER_KEY, confirmed=False)
    device = ensure_demo_totp(demo_user, KEY)
    assert device.pk == first.pk and (device.key, device.confirmed) == (KEY, True)
    assert TOTPDevice.objects.filter(user=demo_user).count() == 1


@pytest.mark.parametrize("bad_key", ["not-hex", "abc", "0011"])
def test_ensure_demo_totp_refuses_a_malformed_or_short_key(demo_user, bad_key):
    with pytest.raises(ValueError):
        ensure_demo_totp(demo_user, bad_key)


def test_ensure_demo_totp_refuses_in_production(demo_user, settings):
    settings.PRODUCTION = True
    with pytest.raises(RuntimeError):
        ensure_demo_totp(demo_user, KEY)
    assert not TOTPDevice.objects.exists()


def test_demo_otp_prints_the_current_code_which_logs_in(client, demo_user):
    device = ensure_demo_totp(demo_user, KEY)
    printed = demo_otp("demo-behandelaar")
    assert len(printed) == 6 and printed.isdigit()
    assert printed in {code(device), code(device, steps_ahead=1)}  # a step may pass meanwhile
    password_step(client, "demo-behandelaar")
    assert token_step(client, printed).status_code == 302


def test_demo_otp_refuses_in_production(demo_user, settings):
    ensure_demo_totp(demo_user, KEY)
    settings.PRODUCTION = True
    with pytest.raises(CommandError, match="production"):
        demo_otp("demo-behandelaar")


def test_demo_otp_explains_unknown_user_and_missing_device(demo_user):
    with pytest.raises(CommandError, match="No user"):
        demo_otp("niemand")
    with pytest.raises(CommandError, match="no confirmed TOTP device"):
        demo_otp("demo-behandelaar")
