"""What every Zaken API view shares: component, version, renderer, visibility, expand, CRS
negotiation (for resources with geometry) and conditional reads with an ETag."""

from __future__ import annotations

import hashlib

from django.db import connection
from django.db.models import Q
from djangorestframework_camel_case.render import CamelCaseJSONRenderer
from djangorestframework_camel_case.settings import api_settings as camel_settings
from rest_framework import exceptions
from rest_framework import status as http
from rest_framework.response import Response

from raadhuis.platform import compiled
from raadhuis.zgw.common.auth import ClientAuth
from raadhuis.zgw.common.views import ZGWViewMixin
from raadhuis.zgw.zaken import scopes
from raadhuis.zgw.zaken.api import expand
from raadhuis.zgw.zaken.api.rows import CamelCased
from raadhuis.zgw.zaken.api.schema import CRS, ZakenAutoSchema
from raadhuis.zgw.zaken.models import Zaak, ZaakCount

__all__ = ["CRS", "COMPONENT", "ConditionalReadMixin", "ZakenAutoSchema", "ZakenRenderer", "ZakenViewMixin"]

COMPONENT = "zrc"


def _exact_names() -> tuple[str, ...]:
    """The names the standard writes with an underscore (``inpA_nummer``), from the
    sub-resources that have them (api/serializers/subresources.py)."""
    try:
        from raadhuis.zgw.zaken.api.serializers.subresources import EXACT_NAMES
    except ImportError:  # no sub-resources in this installation
        return ()
    return tuple(EXACT_NAMES.values())


class ZakenRenderer(CamelCaseJSONRenderer):
    """camelCase, but ``_expand`` stays ``_expand`` (the library would make it ``Expand``) and
    the names the standard writes with an underscore stay as they are (``inpA_nummer`` of a
    rol embedded by ``expand=rollen`` in a zaak)."""

    json_underscoreize = {**camel_settings.JSON_UNDERSCOREIZE, "ignore_keys": ("_expand", *_exact_names())}

    def render(self, data, *args, **kwargs):
        if _camel_cased(data):  # a list page from rows (api/rows.py): keys written in camelCase
            return super(CamelCaseJSONRenderer, self).render(data, *args, **kwargs)
        return super().render(data, *args, **kwargs)


def _camel_cased(data) -> bool:
    """The resources are CamelCased, alone or in a page (whose keys have no underscore)."""
    return isinstance(data, CamelCased) or (isinstance(data, dict) and isinstance(data.get("results"),
                                                                                   CamelCased))


class PreconditionFailed(exceptions.APIException):
    status_code = http.HTTP_412_PRECONDITION_FAILED
    default_detail = "Niet voldaan aan een voorwaarde van het verzoek."
    default_code = "precondition_failed"


class ZakenViewMixin(ZGWViewMixin):
    """``geo``: the resource has geometry, so requests negotiate its CRS (Accept-Crs and
    Content-Crs) and responses name it (Content-Crs)."""

    component = COMPONENT
    api_version = "1.7.0"
    renderer_classes = [ZakenRenderer]
    schema = ZakenAutoSchema()
    lookup_value_regex = "[0-9a-fA-F-]{36}"
    expand_resource = ""
    geo = False

    @property
    def client(self) -> ClientAuth:
        return self.request.auth

    def visibility(self, scope=scopes.LEZEN) -> Q:
        """zrc-006: the client's zaaktypen, up to each one's maximum level (a filter on the
        fields that Zaak and ZaakCount share)."""
        return self.client.visibility(COMPONENT, scope, "zaaktype__uuid", "vertrouwelijkheidaanduiding")

    def visible_zaken(self, scope=scopes.LEZEN):
        return Zaak.objects.filter(self.visibility(scope))

    def visible_count(self) -> int:
        """The number of visible_zaken(), from the maintained counts (ADR 0021): ZaakCount.total
        with its SQL compiled once per client visibility (ADR 0042)."""
        condition = self.visibility()
        found = compiled.sql(("zaken-count", condition),
                             lambda: ZaakCount.objects.filter(condition).values("n"))
        if found is None:
            return 0
        sql, params = found
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT SUM(n) FROM ({sql}) AS counted", params)  # noqa: S608
            return int(cursor.fetchone()[0] or 0)

    def allows(self, scope, zaak, level: str | None = None) -> bool:
        level = level or zaak.vertrouwelijkheidaanduiding
        return self.client.allows(COMPONENT, scope, zaak.zaaktype.uuid, level)

    def require(self, scope, zaak, level: str | None = None) -> None:
        if not self.allows(scope, zaak, level):
            raise exceptions.PermissionDenied(f"De client mist de scope {scope} voor dit zaaktype.")

    def expand_node(self) -> expand.Node | None:
        value = self.request.query_params.get("expand", "")
        if not value:
            return None
        node = expand.parse_expand(value)
        expand.validate(node, self.expand_resource)
        return node

    def expanded(self, records: list, datas: list, node: expand.Node | None) -> None:
        if node is not None and (node.children or node.fields is not None):
            expander = expand.Expander(self.request, self.visible_zaken(), self.get_serializer_context())
            expander.apply(records, datas, self.expand_resource, node)

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)  # authenticated and allowed first: 401, 403
        if self.geo:
            negotiate_crs(request)

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if self.geo and response.status_code < 300:
            response["Content-Crs"] = CRS
        return response


def negotiate_crs(request) -> None:
    """The CRS headers of the standard, checked as Open Zaak checks them: a request with a body
    names its CRS (Content-Crs), every request but a DELETE the CRS it wants back (Accept-Crs).
    A missing header is a 412, another CRS than WGS84 (the only one here, ADR 0004) a 406."""
    method = request.method.upper()
    if method in ("POST", "PUT", "PATCH"):
        _require_crs(request, "Content-Crs")
    if method != "DELETE":
        _require_crs(request, "Accept-Crs")


def _require_crs(request, header: str) -> None:
    value = request.headers.get(header)
    if value is None:
        raise PreconditionFailed(f"'{header}' header ontbreekt.")
    if value != CRS:
        raise exceptions.NotAcceptable(f"CRS '{value}' wordt niet ondersteund; gebruik {CRS}.")


class ConditionalReadMixin:
    """HTTP caching of a read (zrc, HTTP-Caching): the ETag is computed on the JSON of the
    response as sent (so another host name gives another ETag); a GET with that ETag in
    If-None-Match is a 304 without body, and HEAD answers the GET's headers without body."""

    etag_actions = ("retrieve",)

    def finalize_response(self, request, response, *args, **kwargs):
        if getattr(self, "action", None) in self.etag_actions and response.status_code == 200:
            response = self._conditional(request, response)
        return super().finalize_response(request, response, *args, **kwargs)

    def _conditional(self, request, response):
        tag = etag_of(response.data, self.renderer_classes[0]())
        if tag in etags(request.headers.get("If-None-Match", "")):
            return Response(status=http.HTTP_304_NOT_MODIFIED, headers={"ETag": tag})
        if request.method == "HEAD":
            return Response(status=http.HTTP_200_OK, headers={"ETag": tag})
        response["ETag"] = tag
        return response


def etag_of(data, renderer) -> str:
    body = renderer.render(data)
    return f'"{hashlib.md5(body, usedforsecurity=False).hexdigest()}"'


def etags(header: str) -> set[str]:
    """The ETags of an If-None-Match header (weak ones compare as strong: a GET only)."""
    return {tag.strip().removeprefix("W/") for tag in header.split(",") if tag.strip()}
