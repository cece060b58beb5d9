"""What every Zaken API view shares: component, version, renderer, visibility, expand, CRS."""

from __future__ import annotations

from djangorestframework_camel_case.render import CamelCaseJSONRenderer
from djangorestframework_camel_case.settings import api_settings as camel_settings
from rest_framework import exceptions

from raadhuis.zgw.common.auth import ClientAuth
from raadhuis.zgw.common.schema import ZGWAutoSchema
from raadhuis.zgw.common.views import ZGWViewMixin
from raadhuis.zgw.zaken import scopes
from raadhuis.zgw.zaken.api import expand
from raadhuis.zgw.zaken.models import Zaak

COMPONENT = "zrc"
CRS = "EPSG:4326"


class ZakenRenderer(CamelCaseJSONRenderer):
    """camelCase, but ``_expand`` stays ``_expand`` (the library would make it ``Expand``)."""

    json_underscoreize = {**camel_settings.JSON_UNDERSCOREIZE, "ignore_keys": ("_expand",)}


class ZakenAutoSchema(ZGWAutoSchema):
    """The Zaken API 1.7 names its operations after DRF's actions (zaak_retrieve, zaak_destroy)."""

    def get_operation_id(self) -> str:
        resource = getattr(self.view, "schema_resource", "") or self._model_name()
        action = getattr(self.view, "action", None)
        return f"{resource}_{action}" if resource and action else super().get_operation_id()


class ZakenViewMixin(ZGWViewMixin):
    component = COMPONENT
    api_version = "1.7.0"
    renderer_classes = [ZakenRenderer]
    schema = ZakenAutoSchema()
    lookup_value_regex = "[0-9a-fA-F-]{36}"
    expand_resource = ""

    @property
    def client(self) -> ClientAuth:
        return self.request.auth

    def visible_zaken(self, scope=scopes.LEZEN):
        """zrc-006: the zaken of the client's zaaktypen, up to each one's maximum level."""
        return Zaak.objects.filter(self.client.visibility(
            COMPONENT, scope, "zaaktype__uuid", "vertrouwelijkheidaanduiding"))

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
        super().initial(request, *args, **kwargs)
        _check_crs(request)

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if self.expand_resource == "zaak" and response.status_code < 300:
            response["Content-Crs"] = CRS
        return response


def _check_crs(request) -> None:
    """Only WGS84 exists here (ADR 0004). A missing header means WGS84, the GeoJSON default."""
    accept = request.headers.get("Accept-Crs")
    if accept and accept != CRS:
        raise exceptions.NotAcceptable(f"CRS {accept} wordt niet ondersteund; gebruik {CRS}.")
    content = request.headers.get("Content-Crs")
    if content and content != CRS and request.method in ("POST", "PUT", "PATCH"):
        raise exceptions.UnsupportedMediaType(
            content, f"CRS {content} wordt niet ondersteund; gebruik {CRS}.")
