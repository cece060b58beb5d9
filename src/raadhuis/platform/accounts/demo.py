"""Known second factors for demo accounts, so a demo can be tried without a phone."""

from binascii import Error as BinasciiError
from binascii import unhexlify

from django.conf import settings
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

# two_factor uses the device named "default" as the user's primary device.
DEVICE_NAME = "default"


def ensure_demo_totp(user, key_hex: str) -> TOTPDevice:
    """Give ``user`` a confirmed TOTP device with the known key ``key_hex`` (idempotent)."""
    if settings.PRODUCTION:
        raise RuntimeError("Demo TOTP keys are never set in production mode.")
    _check_key(key_hex)
    device = TOTPDevice.objects.filter(user=user, name=DEVICE_NAME).first()
    if device is None:
        device = TOTPDevice(user=user, name=DEVICE_NAME)
    if device.key != key_hex or not device.confirmed:
        device.key = key_hex
        device.confirmed = True
        device.last_t = -1  # a new key: tokens of the old one say nothing about reuse
        device.drift = 0
        device.save()
    return device


def current_code(device: TOTPDevice) -> str:
    """The code the user's authenticator app shows now, zero-padded."""
    code = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits,
                drift=device.drift)
    return f"{code:0{device.digits}d}"


def _check_key(key_hex: str) -> None:
    try:
        key = unhexlify(key_hex)
    except (BinasciiError, ValueError) as error:
        raise ValueError("The TOTP key must be hexadecimal.") from error
    if len(key) < 16:  # RFC 4226: a shared secret MUST be at least 128 bits
        raise ValueError("The TOTP key must be at least 16 bytes (32 hex digits).")
