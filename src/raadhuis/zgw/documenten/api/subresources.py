"""Gebruiksrechten, objectinformatieobjecten, verzendingen, bestandsdelen and the audit trail.

Each is authorised by its informatieobject's type and level (and, for applicaties with
alleenIsGereedVoorPublicatie, its readiness); every write goes through documenten.services.
"""

from __future__ import annotations

from django.core.files.uploadhandler import TemporaryFileUploadHandler
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import exceptions, mixins, status, viewsets
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response

from raadhuis.zgw.common import scopes
from raadhuis.zgw.common.audittrail import AuditTrailSerializer
from raadhuis.zgw.documenten import services
from raadhuis.zgw.documenten.api.base import (
    CACHED_READ,
    CONTENT_TYPE,
    DELETE_HEADERS,
    EXPAND,
    WRITE_HEADERS,
    DocumentenViewMixin,
)
from raadhuis.zgw.documenten.api.filters import (
    GebruiksrechtenFilter,
    ObjectInformatieObjectFilter,
    VerzendingFilter,
)
from raadhuis.zgw.documenten.api.schema import DocumentenAutoSchema
from raadhuis.zgw.documenten.api.serializers import (
    BestandsDeelRequestSerializer,
    BestandsDeelResponseSerializer,
    GebruiksrechtenExpandedSerializer,
    GebruiksrechtenSerializer,
    ObjectInformatieObjectExpandedSerializer,
    ObjectInformatieObjectSerializer,
    VerzendingExpandedSerializer,
    VerzendingSerializer,
)
from raadhuis.zgw.documenten.models import (
    BestandsDeel,
    Gebruiksrechten,
    InformatieObject,
    ObjectInformatieObject,
    Verzending,
)

LEZEN = scopes.DOCUMENTEN_LEZEN


class SubresourceMixin(DocumentenViewMixin):
    """List, read (with ETag and expand) and write a record that hangs under a document."""

    extra_query_params = ("expand",)
    save = None  # services.save_x(instance, attrs, request=, partial=)
    remove = None  # services.delete_x(record, request=)

    expanded_serializer_class = None

    def get_serializer_class(self):
        if self.action in ("list", "retrieve"):
            return self.expanded_serializer_class
        return super().get_serializer_class()

    def get_queryset(self):
        queryset = super().get_queryset().select_related("document__informatieobjecttype")
        return self.visible(queryset) if self.action == "list" else queryset

    def list(self, request, *args, **kwargs):
        tree = self.expand_tree()
        queryset = self.filter_queryset(self.get_queryset())
        page = self.paginate_queryset(queryset)
        records = list(page if page is not None else queryset)
        datas = self.expanded(records, [dict(d) for d in self.get_serializer(records, many=True).data], tree)
        return self.get_paginated_response(datas) if page is not None else Response(datas)

    def retrieve(self, request, *args, **kwargs):
        tree = self.expand_tree()
        record = self.get_object()
        return self.cached(
            request, self.expanded([record], [dict(self.get_serializer(record).data)], tree)[0]
        )

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        self.require_document(serializer.validated_data["document"])
        record = self.write(None, serializer.validated_data)
        data = self.get_serializer(record).data
        return Response(data, status=status.HTTP_201_CREATED, headers={"Location": data["url"]})

    def destroy(self, request, *args, **kwargs):
        type(self).remove(self.get_object(), request=request)
        return Response(status=status.HTTP_204_NO_CONTENT)

    def write(self, instance, attrs: dict, partial: bool = False):
        return type(self).save(instance, attrs, request=self.request, partial=partial)

    def require_document(self, document: InformatieObject) -> None:
        """The document written about is one the client may write about with this scope."""
        self.require(
            self.required_scope(), document.informatieobjecttype.uuid, document.vertrouwelijkheidaanduiding
        )
        self.check_object_permissions(self.request, document)


class UpdateMixin:
    """PUT and PATCH of a gebruiksrecht or verzending."""

    def update(self, request, *args, partial=False, **kwargs):
        record = self.get_object()
        serializer = self.get_serializer(record, data=request.data, partial=partial)
        serializer.is_valid(raise_exception=True)
        if "document" in serializer.validated_data:
            self.require_document(serializer.validated_data["document"])
        record = self.write(record, serializer.validated_data, partial=partial)
        return Response(self.get_serializer(record).data)

    def partial_update(self, request, *args, **kwargs):
        return self.update(request, *args, partial=True, **kwargs)


def _crud(resource: str, omschrijving: str, *, update: bool = True, delete_headers=True) -> dict:
    views = {
        "list": extend_schema(
            summary=f"Alle {omschrijving} opvragen.",
            parameters=[EXPAND],
            description="Deze lijst kan gefilterd wordt met query-string parameters.",
        ),
        "retrieve": extend_schema(summary=f"Een specifieke {omschrijving} opvragen.", parameters=CACHED_READ),
        "create": extend_schema(
            summary=f"Maak een {omschrijving} aan.",
            parameters=WRITE_HEADERS if delete_headers else [CONTENT_TYPE],
        ),
        "destroy": extend_schema(
            summary=f"Verwijder een {omschrijving}.", parameters=DELETE_HEADERS if delete_headers else []
        ),
    }
    if update:
        headers = WRITE_HEADERS if delete_headers else [CONTENT_TYPE]
        views["update"] = extend_schema(
            summary=f"Werk een {omschrijving} in zijn geheel bij.", parameters=headers
        )
        views["partial_update"] = extend_schema(
            summary=f"Werk een {omschrijving} deels bij.", parameters=headers
        )
    return views


@extend_schema_view(**_crud("gebruiksrechten", "GEBRUIKSRECHT"))
class GebruiksrechtenViewSet(UpdateMixin, SubresourceMixin, viewsets.ModelViewSet):
    """drc-006: the document's indicatieGebruiksrecht follows its gebruiksrechten."""

    queryset = Gebruiksrechten.objects.order_by("id")
    serializer_class = GebruiksrechtenSerializer
    expanded_serializer_class = GebruiksrechtenExpandedSerializer
    filterset_class = GebruiksrechtenFilter
    pagination_class = None
    schema_resource = "gebruiksrechten"
    expand_resource = "gebruiksrechten"
    save = staticmethod(services.save_gebruiksrechten)
    remove = staticmethod(services.delete_gebruiksrechten)
    required_scopes = {
        "list": LEZEN,
        "retrieve": LEZEN,
        "create": scopes.DOCUMENTEN_AANMAKEN,
        "update": scopes.DOCUMENTEN_BIJWERKEN,
        "partial_update": scopes.DOCUMENTEN_BIJWERKEN,
        "destroy": scopes.DOCUMENTEN_VERWIJDEREN,
    }


@extend_schema_view(
    **_crud("objectinformatieobject", "OBJECT-INFORMATIEOBJECT relatie", update=False, delete_headers=False)
)
class ObjectInformatieObjectViewSet(
    SubresourceMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    """Mirrors of zaak- and besluitinformatieobjecten: made by those components through
    services.mirror_relation, or through this API by a Zaken/Besluiten API elsewhere
    (drc-002 … drc-004)."""

    queryset = ObjectInformatieObject.objects.order_by("id")
    serializer_class = ObjectInformatieObjectSerializer
    expanded_serializer_class = ObjectInformatieObjectExpandedSerializer
    filterset_class = ObjectInformatieObjectFilter
    pagination_class = None
    schema_resource = "objectinformatieobject"
    expand_resource = "objectinformatieobject"
    remove = staticmethod(services.delete_relation)
    required_scopes = {
        "list": LEZEN,
        "retrieve": LEZEN,
        "create": scopes.DOCUMENTEN_AANMAKEN,
        "destroy": scopes.DOCUMENTEN_VERWIJDEREN,
    }

    def write(self, instance, attrs: dict, partial: bool = False):
        return services.create_relation(attrs, request=self.request)


@extend_schema_view(**_crud("verzending", "VERZENDING", delete_headers=False))
class VerzendingViewSet(UpdateMixin, SubresourceMixin, viewsets.ModelViewSet):
    queryset = Verzending.objects.order_by("id")
    serializer_class = VerzendingSerializer
    expanded_serializer_class = VerzendingExpandedSerializer
    filterset_class = VerzendingFilter
    schema_resource = "verzending"
    expand_resource = "verzending"
    save = staticmethod(services.save_verzending)
    remove = staticmethod(services.delete_verzending)
    required_scopes = {
        "list": LEZEN,
        "retrieve": LEZEN,
        "create": scopes.DOCUMENTEN_AANMAKEN,
        "update": scopes.DOCUMENTEN_BIJWERKEN,
        "partial_update": scopes.DOCUMENTEN_BIJWERKEN,
        "destroy": scopes.DOCUMENTEN_VERWIJDEREN,
    }


@extend_schema_view(
    update=extend_schema(
        summary="Werk een BESTANDSDEEL in zijn geheel bij.",
        description="based on DRF mixin but without partial_update",
        request={
            "multipart/form-data": BestandsDeelRequestSerializer,
            "application/x-www-form-urlencoded": BestandsDeelRequestSerializer,
        },
        responses={200: BestandsDeelResponseSerializer},
        parameters=[
            OpenApiParameter(
                "Content-Type",
                str,
                OpenApiParameter.HEADER,
                required=True,
                enum=["application/x-www-form-urlencoded", "multipart/form-data"],
                description="Content type van de verzoekinhoud.",
            )
        ],
    )
)
class BestandsDeelViewSet(DocumentenViewMixin, viewsets.GenericViewSet):
    """PUT one part of a file being uploaded in parts, with the document's lock (drc-009)."""

    queryset = BestandsDeel.objects.select_related("document__informatieobjecttype")
    serializer_class = BestandsDeelRequestSerializer
    parser_classes = [MultiPartParser, FormParser]
    schema_resource = "bestandsdeel"
    filter_backends = []
    required_scopes = {"update": scopes.DOCUMENTEN_BIJWERKEN}

    def update(self, request, uuid=None):
        # Before the body is read: parts go to a temporary file in large chunks.
        request._request.upload_handlers = [PartUploadHandler(request._request)]
        part = self.get_object()
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        part = services.upload_part(
            part, serializer.validated_data["lock"], serializer.validated_data["inhoud"], request=request
        )
        return Response(BestandsDeelResponseSerializer(part, context=self.get_serializer_context()).data)


class PartUploadHandler(TemporaryFileUploadHandler):
    """Django's temporary-file handler, in 1 MiB chunks instead of 64 KiB: a part of 100 MiB
    is parsed several times faster, and never held in memory."""

    chunk_size = 1024 * 1024


class AuditTrailSchema(DocumentenAutoSchema):
    """The standard lists no 404 for the trail's list: an unknown document has no lines."""

    def error_statuses(self) -> set[int]:
        statuses = super().error_statuses()
        return statuses - {404} if getattr(self.view, "action", None) == "list" else statuses


_EIO_UUID = OpenApiParameter(
    "enkelvoudiginformatieobject_uuid",
    str,
    OpenApiParameter.PATH,
    description="Unieke resource identifier (UUID4)",
)
_AUDIT_UUID = OpenApiParameter(
    "uuid", OpenApiTypes.UUID, OpenApiParameter.PATH, description="Unieke identificatie van de audit regel."
)


@extend_schema_view(
    list=extend_schema(
        summary="Alle audit trail regels behorend bij het INFORMATIEOBJECT.",
        description="Alle audit trail regels behorend bij het INFORMATIEOBJECT.",
        parameters=[_EIO_UUID],
    ),
    retrieve=extend_schema(
        summary="Een specifieke audit trail regel opvragen.",
        description="Een specifieke audit trail regel opvragen.",
        parameters=[_EIO_UUID, _AUDIT_UUID],
    ),
)
class AuditTrailViewSet(DocumentenViewMixin, viewsets.GenericViewSet):
    """The document's history, for clients with audittrails.lezen on its type and level."""

    serializer_class = AuditTrailSerializer
    pagination_class = None
    filter_backends = []
    schema = AuditTrailSchema()
    schema_resource = "audittrail"
    required_scopes = {"list": scopes.AUDITTRAILS_LEZEN, "retrieve": scopes.AUDITTRAILS_LEZEN}

    def list(self, request, enkelvoudiginformatieobject_uuid=None):
        document = self._document(enkelvoudiginformatieobject_uuid)
        trail = services.audit_trail(document) if document is not None else []
        return Response(self.get_serializer(trail, many=True).data)

    def retrieve(self, request, enkelvoudiginformatieobject_uuid=None, uuid=None):
        document = self._document(enkelvoudiginformatieobject_uuid)
        entry = None if document is None else services.audit_trail(document).filter(uuid=uuid).first()
        if entry is None:
            raise exceptions.NotFound()
        return Response(self.get_serializer(entry).data)

    def _document(self, document_uuid) -> InformatieObject | None:
        document = (
            InformatieObject.objects.select_related("informatieobjecttype").filter(uuid=document_uuid).first()
        )
        if document is not None:
            self.check_object_permissions(self.request, document)
        return document
