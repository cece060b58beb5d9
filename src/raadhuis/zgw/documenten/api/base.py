"""What every Documenten API view shares: component, version, visibility, ETag, expand."""

from __future__ import annotations

import hashlib
import json

from django.core.serializers.json import DjangoJSONEncoder
from djangorestframework_camel_case.render import CamelCaseJSONRenderer
from djangorestframework_camel_case.settings import api_settings as camel_settings
from drf_spectacular.utils import OpenApiParameter
from rest_framework import exceptions
from rest_framework import status as http
from rest_framework.response import Response

from raadhuis.zgw.common.auth import ClientAuth
from raadhuis.zgw.common.views import ZGWViewMixin
from raadhuis.zgw.documenten.api import expand
from raadhuis.zgw.documenten.api.schema import DocumentenAutoSchema

COMPONENT = "drc"
API_VERSION = "1.7.0"
UUID_REGEX = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"

EXPAND = OpenApiParameter(
    "expand",
    str,
    description=(
        "Haal details van gelinkte resources direct op. Als je meerdere resources tegelijk wilt ophalen "
        "kun je deze scheiden met een komma. Voor het ophalen van resources die een laag dieper genest "
        "zijn wordt de punt-notatie gebruikt."
    ),
)
LOGRECORD = OpenApiParameter(
    "X-NLX-Logrecord-ID",
    str,
    OpenApiParameter.HEADER,
    description="Identifier of the request, traceable throughout the network",
)
TOELICHTING = OpenApiParameter(
    "X-Audit-Toelichting",
    str,
    OpenApiParameter.HEADER,
    description="Toelichting waarom een bepaald verzoek wordt gedaan",
)
CONTENT_TYPE = OpenApiParameter(
    "Content-Type",
    str,
    OpenApiParameter.HEADER,
    required=True,
    enum=["application/json"],
    description="Content type van de verzoekinhoud.",
)
IF_NONE_MATCH = OpenApiParameter(
    "If-None-Match",
    str,
    OpenApiParameter.HEADER,
    description="Voer een voorwaardelijk verzoek uit. Deze header moet één of meerdere ETag-waardes "
    "bevatten van resources die de consumer gecached heeft. Indien de waarde van de ETag van "
    "de huidige resource voorkomt in deze set, dan antwoordt de provider met een lege HTTP 304 "
    "request.",
)
ETAG = OpenApiParameter(
    "ETag",
    str,
    OpenApiParameter.HEADER,
    response=[200],
    description="De ETag berekend op de response body JSON. Indien twee resources exact dezelfde ETag "
    "hebben, dan zijn deze resources identiek aan elkaar. Je kan de ETag gebruiken om caching "
    "te implementeren.",
)
WRITE_HEADERS = [CONTENT_TYPE, LOGRECORD, TOELICHTING]
DELETE_HEADERS = [LOGRECORD, TOELICHTING]
CACHED_READ = [IF_NONE_MATCH, ETAG, EXPAND]


class DocumentenRenderer(CamelCaseJSONRenderer):
    """camelCase, but ``_expand`` stays ``_expand`` (the library would make it ``Expand``)."""

    json_underscoreize = {**camel_settings.JSON_UNDERSCOREIZE, "ignore_keys": ("_expand",)}


def etag_of(data) -> str:
    """The ETag of a JSON body: its URLs make it differ per host, as the standard wants."""
    body = json.dumps(data, sort_keys=True, cls=DjangoJSONEncoder).encode("utf-8")
    return f'"{hashlib.md5(body, usedforsecurity=False).hexdigest()}"'


def _etags(header: str) -> set[str]:
    return {tag.strip() for tag in header.split(",") if tag.strip()}


class DocumentenViewMixin(ZGWViewMixin):
    """Documents are authorised per informatieobjecttype up to a confidentiality level; an
    applicatie with ``alleenIsGereedVoorPublicatie`` sees only documents ready for publication.

    ``document_prefix`` is the path from the view's records to the fields authorised by: ""
    for versions (they have the fields themselves), ``document__`` for the sub-resources.
    """

    component = COMPONENT
    api_version = API_VERSION
    renderer_classes = [DocumentenRenderer]
    schema = DocumentenAutoSchema()
    lookup_value_regex = UUID_REGEX
    document_prefix = "document__"
    expand_resource = ""

    @property
    def client(self) -> ClientAuth:
        return self.request.auth

    def visible(self, queryset, scope=None):
        """The records whose document the client may see with ``scope`` (default: the action's)."""
        prefix = self.document_prefix
        queryset = queryset.filter(
            self.client.visibility(
                COMPONENT,
                scope or self.required_scope(),
                f"{prefix}informatieobjecttype__uuid",
                f"{prefix}vertrouwelijkheidaanduiding",
            )
        )
        if only_ready_for_publication(self.client):
            queryset = queryset.filter(**{f"{prefix}is_gereed_voor_publicatie": True})
        return queryset

    def authorisation_subject(self, obj):
        # A version carries its own type and level (an older one may differ from the latest);
        # every other record is authorised by its document's current ones.
        subject = obj if hasattr(obj, "versie") else getattr(obj, "document", obj)
        return subject.informatieobjecttype.uuid, subject.vertrouwelijkheidaanduiding

    def check_object_permissions(self, request, obj):
        super().check_object_permissions(request, obj)
        document = getattr(obj, "document", obj)
        if only_ready_for_publication(self.client) and not document.is_gereed_voor_publicatie:
            raise exceptions.PermissionDenied(
                "Deze applicatie ziet alleen documenten die gereed zijn voor publicatie."
            )

    def require(self, scope, iot_uuid, level: str) -> None:
        """A record of this type and level may be written by the client with ``scope``."""
        if not self.client.allows(COMPONENT, scope, iot_uuid, level):
            raise exceptions.PermissionDenied(
                "Geen autorisatie voor dit informatieobjecttype of deze vertrouwelijkheidaanduiding."
            )

    def expand_tree(self, value: str | None = None) -> dict:
        if value is None:
            value = self.request.query_params.get("expand", "")
        return expand.parse(value, self.expand_resource)

    def expanded(self, records: list, datas: list, tree: dict) -> list:
        expand.apply(datas, records, tree, self.expand_resource, self.get_serializer_context())
        return datas

    def cached(self, request, data) -> Response:
        """GET with ETag, HEAD without body, 304 for a matching If-None-Match."""
        tag = etag_of(data)
        if tag in _etags(request.headers.get("If-None-Match", "")):
            return Response(status=http.HTTP_304_NOT_MODIFIED, headers={"ETag": tag})
        if request.method == "HEAD":
            return Response(status=http.HTTP_200_OK, headers={"ETag": tag})
        return Response(data, headers={"ETag": tag})


def only_ready_for_publication(client) -> bool:
    """Applicatie.alleenIsGereedVoorPublicatie of the client (cached on the request's client)."""
    if not isinstance(client, ClientAuth):
        return False
    flag = getattr(client, "alleen_is_gereed_voor_publicatie", None)
    if flag is None:
        # The common ClientAuth does not carry the flag (yet): look it up once per request.
        from raadhuis.zgw.autorisaties.models import Applicatie

        flag = bool(
            Applicatie.objects.filter(uuid=client.applicatie_uuid)
            .values_list("alleen_is_gereed_voor_publicatie", flat=True)
            .first()
        )
        client.alleen_is_gereed_voor_publicatie = flag
    return flag
