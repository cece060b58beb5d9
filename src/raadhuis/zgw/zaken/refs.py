"""URLs of the records the Zaken API points to or is pointed at.

Catalogi resources live at ``/catalogi/api/v1/<collection>/<uuid>`` (the component's fixed
prefix, see zgw.common.oas). They are built and parsed here by that pattern, not through the
Catalogi API's URLconf, so that the Zaken API does not depend on the Catalogi views.

:class:`UrlBuilder` reverses each view once per request and fills in uuids after that: a
page of 100 zaken has about a thousand URLs, and ``reverse`` per URL would dominate.
"""

from __future__ import annotations

import re
import uuid as uuidlib
from urllib.parse import urlsplit

from django.conf import settings
from django.urls import NoReverseMatch, reverse

CATALOGI_PREFIX = "/catalogi/api/v1/"
_UUID = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"
_PLACEHOLDER = "00000000-0000-4000-8000-000000000000"


def catalogi_uuid(url: str, collection: str) -> uuidlib.UUID | None:
    """The uuid in a catalogi URL of the given collection (``zaaktypen``), else None."""
    if not isinstance(url, str):
        return None
    path = urlsplit(url).path.rstrip("/")
    match = re.fullmatch(rf".*{re.escape(CATALOGI_PREFIX)}{collection}/({_UUID})", path)
    return uuidlib.UUID(match.group(1)) if match else None


class UrlBuilder:
    """Absolute URLs for one request (or RAADHUIS_BASE_URL outside a request)."""

    def __init__(self, request=None):
        self.request = request
        self._templates: dict[str, str] = {}
        if request is not None:
            self.base = request.build_absolute_uri("/").rstrip("/")
        else:
            self.base = settings.RAADHUIS_BASE_URL.rstrip("/")

    def resource(self, view_name: str, uuid, **kwargs) -> str:
        """The URL of ``view_name`` for ``uuid`` (plus fixed kwargs such as ``zaak_uuid``)."""
        template = self.template(view_name, **kwargs)
        return "" if template is None else template.format(uuid)

    def template(self, view_name: str, **kwargs) -> str | None:
        """The URL of ``view_name`` with ``{}`` for the uuid; None when it cannot be reversed."""
        key = view_name
        if kwargs:
            key += "|" + "|".join(f"{k}={v}" for k, v in sorted(kwargs.items()))
        template = self._templates.get(key)
        if template is None:
            try:
                path = reverse(view_name, kwargs={"uuid": _PLACEHOLDER, **kwargs})
            except NoReverseMatch:
                return None
            template = self._templates[key] = self.base + path.replace(_PLACEHOLDER, "{}")
        return template

    def catalogi(self, collection: str, uuid) -> str:
        return f"{self.base}{CATALOGI_PREFIX}{collection}/{uuid}"

    def zaak(self, uuid) -> str:
        return self.resource("zaken:zaak-detail", uuid)


def builder_for(context: dict) -> UrlBuilder:
    """The serializer context's UrlBuilder, made once per request."""
    builder = context.get("_url_builder")
    if builder is None:
        builder = context["_url_builder"] = UrlBuilder(context.get("request"))
    return builder
