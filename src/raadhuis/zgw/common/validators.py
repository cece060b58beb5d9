from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


def validate_http_url(value: str) -> None:
    """An http(s) URL with a host. Unlike Django's URLValidator, hosts without a top-level
    domain (``zaken-api:8000``, ``testserver``) are fine: ZGW components often live there."""
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc or " " in value:
        raise ValidationError(_("Voer een geldige URL in."), code="invalid")
