"""The enkelvoudiginformatieobjecten of the Documenten API 1.7: versions, files, locks, search."""

from __future__ import annotations

from django.conf import settings
from django.http import StreamingHttpResponse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import exceptions, mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from raadhuis.zgw.common import scopes
from raadhuis.zgw.common.urls import absolute_url
from raadhuis.zgw.documenten import files, services
from raadhuis.zgw.documenten.api.base import (
    CACHED_READ,
    CONTENT_TYPE,
    DELETE_HEADERS,
    EXPAND,
    WRITE_HEADERS,
    DocumentenRenderer,
    DocumentenViewMixin,
)
from raadhuis.zgw.documenten.api.filters import EnkelvoudigInformatieObjectFilter
from raadhuis.zgw.documenten.api.renderers import BinaryRenderer
from raadhuis.zgw.documenten.api.serializers import (
    EIOZoekSerializer,
    EnkelvoudigInformatieObjectCreateLockSerializer,
    EnkelvoudigInformatieObjectExpandedSerializer,
    EnkelvoudigInformatieObjectWithLockSerializer,
    LockEnkelvoudigInformatieObjectSerializer,
    PatchedEnkelvoudigInformatieObjectWithLockSerializer,
    UnlockEnkelvoudigInformatieObjectSerializer,
)
from raadhuis.zgw.documenten.models import EnkelvoudigInformatieObject, InformatieObject

VERSIE = OpenApiParameter(
    "versie", int, description="Het (automatische) versienummer van het INFORMATIEOBJECT."
)
REGISTRATIE_OP = OpenApiParameter(
    "registratieOp",
    str,
    description=(
        "Een datumtijd in ISO8601 formaat. De versie van het INFORMATIEOBJECT die qua "
        "`begin_registratie` het kortst hiervoor zit wordt opgehaald."
    ),
)
PAGE = OpenApiParameter("page", int, description="Een pagina binnen de gepagineerde set resultaten.")
SUMMARY = "Een specifiek (ENKELVOUDIG) INFORMATIEOBJECT opvragen."


@extend_schema_view(
    list=extend_schema(
        summary="Alle (ENKELVOUDIGe) INFORMATIEOBJECTen opvragen.",
        parameters=[EXPAND],
        description="Deze lijst kan gefilterd wordt met query-string parameters. De objecten "
        "bevatten metadata over de documenten en de downloadlink (`inhoud`) naar de "
        "binary data. Alleen de laatste versie van elk (ENKELVOUDIG) "
        "INFORMATIEOBJECT wordt getoond.",
    ),
    retrieve=extend_schema(summary=SUMMARY, parameters=[*CACHED_READ, VERSIE, REGISTRATIE_OP]),
    create=extend_schema(
        summary="Maak een (ENKELVOUDIG) INFORMATIEOBJECT aan.",
        parameters=WRITE_HEADERS,
        request=EnkelvoudigInformatieObjectCreateLockSerializer,
        responses={201: EnkelvoudigInformatieObjectCreateLockSerializer},
    ),
    update=extend_schema(
        summary="Werk een (ENKELVOUDIG) INFORMATIEOBJECT in zijn geheel bij.",
        parameters=WRITE_HEADERS,
        request=EnkelvoudigInformatieObjectWithLockSerializer,
        responses={200: EnkelvoudigInformatieObjectWithLockSerializer},
    ),
    partial_update=extend_schema(
        summary="Werk een (ENKELVOUDIG) INFORMATIEOBJECT deels bij.",
        parameters=WRITE_HEADERS,
        request=PatchedEnkelvoudigInformatieObjectWithLockSerializer,
        responses={200: EnkelvoudigInformatieObjectWithLockSerializer},
    ),
    destroy=extend_schema(summary="Verwijder een (ENKELVOUDIG) INFORMATIEOBJECT.", parameters=DELETE_HEADERS),
)
class EnkelvoudigInformatieObjectViewSet(DocumentenViewMixin, mixins.ListModelMixin, viewsets.GenericViewSet):
    """drc-001 … drc-010. Reads show the latest version unless ``versie``/``registratieOp`` ask
    for another; every write goes through ``documenten.services``."""

    queryset = (
        EnkelvoudigInformatieObject.objects.select_related("document", "informatieobjecttype")
        .prefetch_related("document__bestandsdelen")
        .order_by("-document_id")
    )
    serializer_class = EnkelvoudigInformatieObjectExpandedSerializer
    filterset_class = EnkelvoudigInformatieObjectFilter
    document_prefix = ""
    schema_resource = "enkelvoudiginformatieobject"
    expand_resource = "enkelvoudiginformatieobject"
    extra_query_params = ("expand",)
    required_scopes = {
        "list": scopes.DOCUMENTEN_LEZEN,
        "retrieve": scopes.DOCUMENTEN_LEZEN,
        "create": scopes.DOCUMENTEN_AANMAKEN,
        "update": scopes.DOCUMENTEN_BIJWERKEN | scopes.DOCUMENTEN_GEFORCEERD_BIJWERKEN,
        "partial_update": scopes.DOCUMENTEN_BIJWERKEN | scopes.DOCUMENTEN_GEFORCEERD_BIJWERKEN,
        "destroy": scopes.DOCUMENTEN_VERWIJDEREN,
        "download": scopes.DOCUMENTEN_LEZEN,
        "lock": scopes.DOCUMENTEN_LOCK,
        "unlock": scopes.DOCUMENTEN_LOCK | scopes.DOCUMENTEN_GEFORCEERD_UNLOCK,
        "_zoek": scopes.DOCUMENTEN_LEZEN,
    }

    def get_queryset(self):
        queryset = (
            services.latest_versions()
            .select_related("document", "informatieobjecttype")
            .prefetch_related("document__bestandsdelen")
            .order_by("-document_id")
        )
        return self.visible(queryset) if self.action in ("list", "_zoek") else queryset

    def get_serializer_class(self):
        if self.action == "create":
            return EnkelvoudigInformatieObjectCreateLockSerializer
        if self.action in ("update", "partial_update"):
            return EnkelvoudigInformatieObjectWithLockSerializer
        return super().get_serializer_class()

    # --- Reading ---------------------------------------------------------------------------

    def list(self, request, *args, **kwargs):
        tree = self.expand_tree()
        queryset = self.filter_queryset(self.get_queryset())
        page = self.paginate_queryset(queryset)
        datas = [dict(d) for d in self.get_serializer(page, many=True).data]
        return self.get_paginated_response(self.expanded(page, datas, tree))

    def retrieve(self, request, uuid=None):
        _only(request, {"versie", "registratieOp", "expand"})
        tree = self.expand_tree()
        version = self.version(request)
        data = dict(self.get_serializer(version).data)
        return self.cached(request, self.expanded([version], [data], tree)[0])

    def document(self) -> InformatieObject:
        """The informatieobject of the path, in the client's organisations, authorised."""
        document = (
            InformatieObject.objects.select_related("informatieobjecttype")
            .filter(uuid=self.kwargs["uuid"])
            .first()
        )
        if document is None:
            raise exceptions.NotFound()
        self.check_object_permissions(self.request, document)
        return document

    def version(self, request) -> EnkelvoudigInformatieObject:
        """The version asked for with ``versie`` or ``registratieOp`` (default: the latest)."""
        document = self.document()
        versie, moment = _version_params(request)
        version = services.version_of(document, versie, moment)
        if version is None:
            raise exceptions.NotFound("Deze versie van het informatieobject bestaat niet.")
        self.check_object_permissions(request, version)
        return version

    @extend_schema(
        summary="Download de binaire data van het (ENKELVOUDIG) INFORMATIEOBJECT.",
        parameters=[VERSIE, REGISTRATIE_OP],
        responses={(200, "application/octet-stream"): OpenApiResponse(OpenApiTypes.BINARY)},
    )
    @action(detail=True, methods=["get"], renderer_classes=[BinaryRenderer, DocumentenRenderer])
    def download(self, request, uuid=None):
        """Streamed from storage after the stored checksum is verified: a damaged file is an
        error (500, code checksum-mismatch, logged), never served as if it were the document."""
        _only(request, {"versie", "registratieOp"})
        version = self.version(request)
        if not version.bestand:
            raise exceptions.NotFound("Dit informatieobject heeft (nog) geen inhoud.")
        if version.sha256:
            files.verify(version.bestand, version.sha256, version.bestandsomvang)
        response = StreamingHttpResponse(files.read(version.bestand), content_type="application/octet-stream")
        if version.bestandsomvang is not None:
            response["Content-Length"] = str(version.bestandsomvang)
        response["Content-Disposition"] = _attachment(version.bestandsnaam)
        return response

    @extend_schema(
        summary="Zoek EnkelvoudigInformatieObjecten",
        request=EIOZoekSerializer,
        parameters=[CONTENT_TYPE, PAGE],
        responses={200: EnkelvoudigInformatieObjectExpandedSerializer(many=True)},
        description="Zoeken/filteren gaat normaal via de `list` operatie, deze is echter niet "
        "geschikt voor zoekopdrachten met UUIDs.",
    )
    @action(detail=False, methods=["post"], url_path="_zoek", url_name="zoek", filter_backends=[])
    def _zoek(self, request):
        search = EIOZoekSerializer(data=request.data)
        search.is_valid(raise_exception=True)
        _only(request, {"page"})
        attrs = search.validated_data
        tree = self.expand_tree(attrs.get("expand", ""))
        queryset = self.get_queryset().filter(document__uuid__in=attrs["uuid__in"])
        for name in ("identificatie", "bronorganisatie"):
            if attrs.get(name):
                queryset = queryset.filter(**{name: attrs[name]})
        page = self.paginate_queryset(queryset)
        datas = [
            dict(d)
            for d in EnkelvoudigInformatieObjectExpandedSerializer(
                page, many=True, context=self.get_serializer_context()
            ).data
        ]
        return self.get_paginated_response(self.expanded(page, datas, tree))

    # --- Writing ---------------------------------------------------------------------------

    def create(self, request, *args, **kwargs):
        _small_body(request)
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        attrs = serializer.validated_data
        iot = attrs["informatieobjecttype"]
        self.require(
            scopes.DOCUMENTEN_AANMAKEN,
            iot.uuid,
            attrs.get("vertrouwelijkheidaanduiding") or iot.vertrouwelijkheidaanduiding,
        )
        version = services.create_document(attrs, request=request)
        data = EnkelvoudigInformatieObjectCreateLockSerializer(
            version, context=self.get_serializer_context()
        ).data
        location = absolute_url(
            "documenten:enkelvoudiginformatieobject-detail", request, uuid=version.document.uuid
        )
        return Response(data, status=status.HTTP_201_CREATED, headers={"Location": location})

    def update(self, request, *args, partial=False, **kwargs):
        document = self.document()
        _small_body(request)
        current = services.latest_version(document)
        serializer = self.get_serializer(current, data=request.data, partial=partial)
        serializer.is_valid(raise_exception=True)
        attrs = serializer.validated_data
        iot = attrs.get("informatieobjecttype") or current.informatieobjecttype
        self.require(
            self.required_scope(),
            iot.uuid,
            attrs.get("vertrouwelijkheidaanduiding") or current.vertrouwelijkheidaanduiding,
        )
        version = services.update_document(current, attrs, request=request, partial=partial)
        return Response(
            EnkelvoudigInformatieObjectWithLockSerializer(version, context=self.get_serializer_context()).data
        )

    def partial_update(self, request, *args, **kwargs):
        return self.update(request, *args, partial=True, **kwargs)

    def destroy(self, request, uuid=None):
        services.delete_document(self.document(), request=request)
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(
        summary="Vergrendel een (ENKELVOUDIG) INFORMATIEOBJECT.",
        request=None,
        parameters=[CONTENT_TYPE],
        responses={200: LockEnkelvoudigInformatieObjectSerializer},
        description="Voert een 'checkout' uit waardoor het (ENKELVOUDIG) INFORMATIEOBJECT"
        "vergrendeld wordt met een `lock` waarde. Alleen met deze waarde kan het"
        "(ENKELVOUDIG) INFORMATIEOBJECT bijgewerkt (`PUT`, `PATCH`) en weer"
        "ontgrendeld worden.",
    )
    @action(detail=True, methods=["post"])
    def lock(self, request, uuid=None):
        lock = services.lock_document(self.document(), request=request)
        return Response({"lock": lock})

    @extend_schema(
        summary="Ontgrendel een (ENKELVOUDIG) INFORMATIEOBJECT.",
        request=UnlockEnkelvoudigInformatieObjectSerializer,
        parameters=[CONTENT_TYPE],
        responses={204: None},
        description="Heft de 'checkout' op waardoor het (ENKELVOUDIG) INFORMATIEOBJECTontgrendeld wordt.",
    )
    @action(detail=True, methods=["post"])
    def unlock(self, request, uuid=None):
        document = self.document()
        body = UnlockEnkelvoudigInformatieObjectSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        force = self.client.allows(
            "drc",
            scopes.DOCUMENTEN_GEFORCEERD_UNLOCK,
            document.informatieobjecttype.uuid,
            document.vertrouwelijkheidaanduiding,
        )
        services.unlock_document(
            document, body.validated_data.get("lock") or None, force=force, request=request
        )
        return Response(status=status.HTTP_204_NO_CONTENT)


def _small_body(request) -> None:
    """A JSON body is parsed in memory: base64 ``inhoud`` is for files up to one part's size;
    larger files go in bestandsdelen (streamed). Refused before the body is read."""
    limit = settings.DOCUMENTEN_UPLOAD_CHUNK_SIZE * 4 // 3 + 64 * 1024
    if int(request.META.get("CONTENT_LENGTH") or 0) > limit:
        raise exceptions.ValidationError({"inhoud": [exceptions.ErrorDetail(
            f"Bestanden groter dan {settings.DOCUMENTEN_UPLOAD_CHUNK_SIZE} bytes worden in bestandsdelen "
            "geüpload: geef bestandsomvang op en laat inhoud leeg.", code="use-bestandsdelen")]})


def _only(request, allowed: set[str]) -> None:
    """Query parameters the OAS does not give this operation are refused (as on lists)."""
    unknown = sorted(set(request.query_params) - allowed)
    if unknown:
        raise exceptions.ValidationError(
            {
                name: [exceptions.ErrorDetail("Onbekende query parameter.", code="unknown-parameters")]
                for name in unknown
            }
        )


def _version_params(request) -> tuple[int | None, object]:
    """``versie`` and ``registratieOp``. A value that names no version (not a number, not a
    date-time) is answered like a version that does not exist: 404, the status the OAS gives."""
    versie, moment = request.query_params.get("versie"), request.query_params.get("registratieOp")
    number = when = None
    if versie is not None:
        if not versie.isdigit():
            raise exceptions.NotFound("versie moet een geheel getal zijn.")
        number = int(versie)
    if moment is not None:
        try:
            when = parse_datetime(moment)
        except ValueError:
            when = None
        if when is None:
            raise exceptions.NotFound("registratieOp moet een datumtijd in ISO 8601-formaat zijn.")
        if timezone.is_naive(when):
            when = timezone.make_aware(when)
    return number, when


def _attachment(name: str) -> str:
    from urllib.parse import quote

    safe = (name or "document").replace('"', "").replace("\r", "").replace("\n", "")
    return f"attachment; filename*=UTF-8''{quote(safe)}"
