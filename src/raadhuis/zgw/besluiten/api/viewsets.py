import uuid as uuidlib

from djangorestframework_camel_case.render import CamelCaseJSONRenderer
from djangorestframework_camel_case.settings import api_settings as camel_settings
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import exceptions, mixins, viewsets
from rest_framework.response import Response

from raadhuis.zgw.besluiten import services
from raadhuis.zgw.besluiten.api import expand
from raadhuis.zgw.besluiten.api.filters import BesluitFilter, BesluitInformatieObjectFilter
from raadhuis.zgw.besluiten.api.serializers import (
    BesluitExpandedSerializer,
    BesluitInformatieObjectExpandedSerializer,
    BesluitInformatieObjectSerializer,
    BesluitSerializer,
)
from raadhuis.zgw.besluiten.models import Besluit, BesluitInformatieObject
from raadhuis.zgw.common import scopes
from raadhuis.zgw.common.audittrail import AuditTrailSerializer
from raadhuis.zgw.common.auth import ClientAuth
from raadhuis.zgw.common.schema import ZGWAutoSchema
from raadhuis.zgw.common.views import ZGWViewMixin

COMPONENT = "brc"
API_VERSION = "1.1.0"
UUID_REGEX = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"

# Parameters the standard documents on each operation (expand: api/expand.py).
EXPAND = OpenApiParameter(
    "expand", str, description="Haal details van gelinkte resources direct op. Als je meerdere resources "
    "tegelijk wilt ophalen kun je deze scheiden met een komma. Voor het ophalen van resources die een laag "
    "dieper genest zijn wordt de punt-notatie gebruikt.")
_LOGRECORD = OpenApiParameter("X-NLX-Logrecord-ID", str, OpenApiParameter.HEADER,
                              description="Identifier of the request, traceable throughout the network")
_TOELICHTING = OpenApiParameter("X-Audit-Toelichting", str, OpenApiParameter.HEADER,
                                description="Toelichting waarom een bepaald verzoek wordt gedaan")
DELETE_HEADERS = [_LOGRECORD, _TOELICHTING]
_CONTENT_TYPE = OpenApiParameter("Content-Type", str, OpenApiParameter.HEADER, required=True,
                                 enum=["application/json"], description="Content type van de verzoekinhoud.")
WRITE_HEADERS = [_CONTENT_TYPE, *DELETE_HEADERS]
_VALIDATIES = (
    "\n- uniciteit van `verantwoorlijkeOrganisatie` + `identificatie`"
    "\n- geldigheid `verantwoorlijkeOrganisatie` RSIN"
    "\n- geldigheid `zaak` URL - de resource moet opgevraagd kunnen worden\n  uit de Zaken API en de vorm "
    "van een ZAAK hebben."
    "\n- `datum` in het verleden of nu"
    "\n- publicatie `besluittype` - `concept` moet `false` zijn"
)
_ONVERANDERLIJK = "\n- het `besluittype` en de `zaak` mogen niet gewijzigd worden"


class BesluitenRenderer(CamelCaseJSONRenderer):
    """camelCase, but ``_expand`` stays ``_expand``, and an embedded zaak or informatieobject
    stays as its own API wrote it (already camelCase, with that API's exceptions)."""

    json_underscoreize = {**camel_settings.JSON_UNDERSCOREIZE, "ignore_keys": ("_expand",),
                          "ignore_fields": ("zaak", "informatieobject")}


class ExpandMixin:
    """list and retrieve with ``expand`` (api/expand.py) on ``expand_resource``."""

    expand_resource = ""

    def list(self, request, *args, **kwargs):
        tree = expand.parse(request.query_params.get("expand", ""), self.expand_resource)
        queryset = self.filter_queryset(self.get_queryset())
        page = self.paginate_queryset(queryset)
        records = list(page if page is not None else queryset)
        datas = self._expanded(records, tree)
        return self.get_paginated_response(datas) if page is not None else Response(datas)

    def retrieve(self, request, *args, **kwargs):
        tree = expand.parse(request.query_params.get("expand", ""), self.expand_resource)
        return Response(self._expanded([self.get_object()], tree)[0])

    def _expanded(self, records, tree: dict):
        datas = [dict(data) for data in self.get_serializer(records, many=True).data]
        expand.apply(records, datas, tree, self.expand_resource, self.request)
        return datas


class TypeAuthorisedMixin(ZGWViewMixin):
    """Besluiten are authorised per besluittype (no confidentiality level in the BRC)."""

    component = COMPONENT
    api_version = API_VERSION
    renderer_classes = [BesluitenRenderer]
    besluit_field = ""  # the record's besluit: "" for a besluit itself

    def authorisation_subject(self, obj):
        besluit = getattr(obj, self.besluit_field) if self.besluit_field else obj
        return besluit.besluittype.uuid, None

    def get_queryset(self):
        queryset = super().get_queryset()
        auth = getattr(self.request, "auth", None)
        if self.action == "list" and isinstance(auth, ClientAuth):
            prefix = f"{self.besluit_field}__" if self.besluit_field else ""
            queryset = queryset.filter(auth.visibility(COMPONENT, self.required_scope(),
                                                       f"{prefix}besluittype__uuid", None))
        return queryset

    def check_besluittype(self, besluittype) -> None:
        """A new record is of a besluittype the client may create records of."""
        if not self.request.auth.allows(COMPONENT, self.required_scope(), besluittype.uuid):
            raise exceptions.PermissionDenied("Geen autorisatie voor dit besluittype.")


@extend_schema_view(
    list=extend_schema(summary="Alle BESLUITen opvragen.",
                       description="Deze lijst kan gefilterd wordt met query-string parameters.",
                       parameters=[EXPAND], responses=BesluitExpandedSerializer(many=True)),
    retrieve=extend_schema(summary="Een specifiek BESLUIT opvragen.",
                           description="Een specifiek BESLUIT opvragen.", parameters=[EXPAND],
                           responses=BesluitExpandedSerializer),
    create=extend_schema(summary="Maak een BESLUIT aan.", parameters=WRITE_HEADERS,
                         description="Indien geen identificatie gegeven is, dan wordt deze automatisch\n"
                                     "gegenereerd.\n\nEr wordt gevalideerd op:" + _VALIDATIES),
    update=extend_schema(summary="Werk een BESLUIT in zijn geheel bij.", parameters=WRITE_HEADERS,
                         description="Er wordt gevalideerd op:" + _VALIDATIES + _ONVERANDERLIJK),
    partial_update=extend_schema(summary="Werk een BESLUIT deels bij.", parameters=WRITE_HEADERS,
                                 description="Er wordt gevalideerd op:" + _VALIDATIES + _ONVERANDERLIJK),
    destroy=extend_schema(summary="Verwijder een BESLUIT.", parameters=DELETE_HEADERS,
                          description="Verwijder een BESLUIT samen met alle gerelateerde resources binnen "
                                      "deze API.\n\n**De gerelateerde resources zijn**\n"
                                      "- `BESLUITINFORMATIEOBJECT`\n- audit trail regels"),
)
class BesluitViewSet(ExpandMixin, TypeAuthorisedMixin, viewsets.ModelViewSet):
    queryset = Besluit.objects.select_related("besluittype", "zaak").order_by("id")
    serializer_class = BesluitSerializer
    expand_resource = "besluit"
    filterset_class = BesluitFilter
    required_scopes = {
        "list": scopes.BESLUITEN_LEZEN,
        "retrieve": scopes.BESLUITEN_LEZEN,
        "create": scopes.BESLUITEN_AANMAKEN,
        "update": scopes.BESLUITEN_BIJWERKEN,
        "partial_update": scopes.BESLUITEN_BIJWERKEN,
        "destroy": scopes.BESLUITEN_VERWIJDEREN,
    }

    def perform_create(self, serializer):
        data = serializer.validated_data
        self.check_besluittype(data["besluittype"])
        serializer.instance = services.create_besluit(data, request=self.request,
                                                      force=self.forced(data.get("zaak")))

    def perform_update(self, serializer):
        serializer.instance = services.update_besluit(serializer.instance, serializer.validated_data,
                                                      request=self.request, partial=serializer.partial)

    def perform_destroy(self, instance):
        services.delete_besluit(instance, request=self.request, force=self.forced(instance.zaak))

    def forced(self, zaak) -> bool:
        """Whether the client may change the relations of this zaak when it is closed (zrc-007):
        a besluit of a closed zaak is created or deleted only with zaken.geforceerd-bijwerken."""
        return zaak is not None and self.request.auth.allows(
            "zrc", scopes.ZAKEN_GEFORCEERD_BIJWERKEN, zaak.zaaktype.uuid, zaak.vertrouwelijkheidaanduiding)


@extend_schema_view(
    list=extend_schema(summary="Alle BESLUIT-INFORMATIEOBJECT relaties opvragen.",
                       description="Deze lijst kan gefilterd wordt met query-string parameters.",
                       parameters=[EXPAND], responses=BesluitInformatieObjectExpandedSerializer(many=True)),
    retrieve=extend_schema(summary="Een specifieke BESLUIT-INFORMATIEOBJECT relatie opvragen.",
                           description="Een specifieke BESLUIT-INFORMATIEOBJECT relatie opvragen.",
                           parameters=[EXPAND], responses=BesluitInformatieObjectExpandedSerializer),
    create=extend_schema(
        summary="Maak een BESLUIT-INFORMATIEOBJECT relatie aan.", parameters=WRITE_HEADERS,
        description="Registreer een INFORMATIEOBJECT bij een BESLUIT.\n\n**Er wordt gevalideerd op**\n"
                    "- geldigheid `besluit` URL\n- geldigheid `informatieobject` URL\n"
                    "- de combinatie `informatieobject` en `besluit` moet uniek zijn\n"
                    "- `informatieobject.informatieobjecttype` moet in het ZTC gerelateerd zijn\n"
                    "    aan `besluit.besluittype`\n\n**Opmerkingen**\n"
                    "- De `registratiedatum` wordt door het systeem op 'NU' gezet. De\n"
                    "  `aardRelatie` wordt ook door het systeem gezet."),
    destroy=extend_schema(summary="Verwijder een BESLUIT-INFORMATIEOBJECT relatie.",
                          description="Verwijder een BESLUIT-INFORMATIEOBJECT relatie.",
                          parameters=DELETE_HEADERS),
)
class BesluitInformatieObjectViewSet(ExpandMixin, TypeAuthorisedMixin, mixins.ListModelMixin,
                                     mixins.RetrieveModelMixin, mixins.CreateModelMixin,
                                     mixins.DestroyModelMixin, viewsets.GenericViewSet):
    queryset = BesluitInformatieObject.objects.select_related("besluit__besluittype",
                                                              "besluit__zaak").order_by("id")
    expand_resource = "besluitinformatieobject"
    serializer_class = BesluitInformatieObjectSerializer
    filterset_class = BesluitInformatieObjectFilter
    pagination_class = None  # the standard lists these unpaginated
    besluit_field = "besluit"
    required_scopes = {
        "list": scopes.BESLUITEN_LEZEN,
        "retrieve": scopes.BESLUITEN_LEZEN,
        "create": scopes.BESLUITEN_AANMAKEN,
        "destroy": scopes.BESLUITEN_VERWIJDEREN,
    }

    def perform_create(self, serializer):
        data = serializer.validated_data
        self.check_besluittype(data["besluit"].besluittype)
        serializer.instance = services.create_besluitinformatieobject(
            data["besluit"], data["informatieobject"], request=self.request)

    def perform_destroy(self, instance):
        services.delete_besluitinformatieobject(instance, request=self.request)


class AuditTrailSchema(ZGWAutoSchema):
    """The standard lists no 404 for the trail of a besluit: an unknown one has no lines."""

    def error_statuses(self) -> set[int]:
        statuses = super().error_statuses()
        return statuses - {404} if getattr(self.view, "action", None) == "list" else statuses


_BESLUIT_UUID = OpenApiParameter("besluit_uuid", OpenApiTypes.UUID, OpenApiParameter.PATH,
                                 description="Unieke resource identifier (UUID4)")
_AUDIT_UUID = OpenApiParameter("uuid", OpenApiTypes.UUID, OpenApiParameter.PATH,
                               description="Unieke identificatie van de audit regel.")


@extend_schema_view(
    list=extend_schema(summary="Alle audit trail regels behorend bij het BESLUIT.",
                       description="Alle audit trail regels behorend bij het BESLUIT.",
                       parameters=[_BESLUIT_UUID]),
    retrieve=extend_schema(summary="Een specifieke audit trail regel opvragen.",
                           description="Een specifieke audit trail regel opvragen.",
                           parameters=[_BESLUIT_UUID, _AUDIT_UUID]),
)
class AuditTrailViewSet(TypeAuthorisedMixin, viewsets.GenericViewSet):
    """The audit trail of one besluit, from the platform's audit trail (read only)."""

    serializer_class = AuditTrailSerializer
    pagination_class = None
    filter_backends = []
    schema = AuditTrailSchema()
    schema_resource = "audittrail"
    lookup_value_regex = UUID_REGEX
    required_scopes = {"list": scopes.AUDITTRAILS_LEZEN, "retrieve": scopes.AUDITTRAILS_LEZEN}

    def list(self, request, besluit_uuid=None):
        besluit = self._besluit(besluit_uuid)
        trail = services.audit_trail(besluit) if besluit is not None else []
        return Response(self.get_serializer(trail, many=True).data)

    def retrieve(self, request, besluit_uuid=None, uuid=None):
        besluit = self._besluit(besluit_uuid)
        entry = None if besluit is None else services.audit_trail(besluit).filter(uuid=uuid).first()
        if entry is None:
            raise exceptions.NotFound()
        return Response(self.get_serializer(entry).data)

    def _besluit(self, besluit_uuid) -> Besluit | None:
        """The besluit in the client's organisations; 403 when its besluittype is not granted."""
        try:
            besluit = services.get_besluit(uuidlib.UUID(besluit_uuid))
        except ValueError:  # the path takes any segment there (the besluiten routes' pattern)
            return None
        if besluit is not None:
            self.check_object_permissions(self.request, besluit)
        return besluit
