from __future__ import annotations

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, viewsets
from rest_framework import status as http
from rest_framework.response import Response

from raadhuis.zgw.zaken import scopes, services
from raadhuis.zgw.zaken.api.filters import ResultaatFilter, StatusFilter
from raadhuis.zgw.zaken.api.schema import DELETE_HEADERS, EXPAND, IF_NONE_MATCH, WRITE_HEADERS
from raadhuis.zgw.zaken.api.serializers import (
    ResultaatExpandedSerializer,
    ResultaatSerializer,
    StatusExpandedSerializer,
    StatusSerializer,
)
from raadhuis.zgw.zaken.api.viewsets.base import ConditionalReadMixin, ZakenViewMixin
from raadhuis.zgw.zaken.models import Resultaat, Status


class InZaakViewMixin(ZakenViewMixin):
    """A resource under a zaak: visible and writable as its zaak is (zrc-006)."""

    def get_queryset(self):
        queryset = super().get_queryset()
        if self.action == "list":
            queryset = queryset.filter(zaak__in=self.visible_zaken().values("pk"))
        return queryset

    def authorisation_subject(self, record):
        return record.zaak.zaaktype.uuid, record.zaak.vertrouwelijkheidaanduiding

    def list(self, request, *args, **kwargs):
        node = self.expand_node()
        queryset = self.filter_queryset(self.get_queryset())
        page = self.paginate_queryset(queryset)
        records = list(page if page is not None else queryset)
        datas = list(self.get_serializer(records, many=True).data)
        self.expanded(records, datas, node)
        return self.get_paginated_response(datas) if page is not None else Response(datas)

    def retrieve(self, request, *args, **kwargs):
        node = self.expand_node()
        record = self.get_object()
        data = self.get_serializer(record).data
        self.expanded([record], [data], node)
        return Response(data)

    def created(self, record) -> Response:
        data = self.get_serializer(self.get_queryset().get(pk=record.pk)).data
        return Response(data, status=http.HTTP_201_CREATED, headers={"Location": data["url"]})


@extend_schema_view(
    list=extend_schema(summary="Alle STATUSsen bij ZAAKen opvragen.", parameters=[EXPAND],
                       responses=StatusExpandedSerializer(many=True)),
    retrieve=extend_schema(summary="Een specifieke STATUS van een ZAAK opvragen.",
                           parameters=[IF_NONE_MATCH, EXPAND], responses=StatusExpandedSerializer),
    create=extend_schema(summary="Maak een STATUS aan voor een ZAAK.", parameters=WRITE_HEADERS),
)
class StatusViewSet(ConditionalReadMixin, InZaakViewMixin, mixins.CreateModelMixin, mixins.ListModelMixin,
                    mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Statussen (zrc-007, zrc-008, zrc-016). The eindstatus closes the zaak; on a closed zaak
    another status reopens it (zaken.heropenen) and the eindstatus again needs
    zaken.geforceerd-bijwerken."""

    queryset = Status.objects.select_related("zaak", "zaak__zaaktype", "statustype").order_by(
        "-datum_status_gezet", "-pk")
    serializer_class = StatusSerializer
    filterset_class = StatusFilter
    schema_resource = "status"
    expand_resource = "status"
    required_scopes = {"list": scopes.LEZEN, "retrieve": scopes.LEZEN, "create": scopes.STATUS_CREATE}

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        zaak = serializer.validated_data["zaak"]
        self.require(scopes.STATUS_CREATE, zaak)
        status = services.set_status(
            serializer.validated_data, request=request,
            force=self.allows(scopes.GEFORCEERD_BIJWERKEN, zaak), reopen=self.allows(scopes.HEROPENEN, zaak))
        return self.created(status)


@extend_schema_view(
    list=extend_schema(summary="Alle RESULTAATen van ZAAKen opvragen.", parameters=[EXPAND],
                       responses=ResultaatExpandedSerializer(many=True)),
    retrieve=extend_schema(summary="Een specifiek RESULTAAT opvragen.", parameters=[IF_NONE_MATCH, EXPAND],
                           responses=ResultaatExpandedSerializer),
    create=extend_schema(summary="Maak een RESULTAAT bij een ZAAK aan.", parameters=WRITE_HEADERS),
    update=extend_schema(summary="Werk een RESULTAAT in zijn geheel bij.", parameters=WRITE_HEADERS),
    partial_update=extend_schema(summary="Werk een RESULTAAT deels bij.", parameters=WRITE_HEADERS),
    destroy=extend_schema(summary="Verwijder een RESULTAAT van een ZAAK.", parameters=DELETE_HEADERS),
)
class ResultaatViewSet(ConditionalReadMixin, InZaakViewMixin, viewsets.ModelViewSet):
    """Resultaten (zrc-020): one per zaak, of a resultaattype of the zaak's zaaktype."""

    queryset = Resultaat.objects.select_related("zaak", "zaak__zaaktype", "resultaattype").order_by("-pk")
    serializer_class = ResultaatSerializer
    filterset_class = ResultaatFilter
    schema_resource = "resultaat"
    expand_resource = "resultaat"
    required_scopes = {
        "list": scopes.LEZEN, "retrieve": scopes.LEZEN, "create": scopes.UPDATE, "update": scopes.UPDATE,
        "partial_update": scopes.UPDATE, "destroy": scopes.UPDATE,
    }

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        zaak = serializer.validated_data["zaak"]
        self.require(scopes.UPDATE, zaak)
        resultaat = services.save_resultaat(None, serializer.validated_data, request=request,
                                            force=self.allows(scopes.GEFORCEERD_BIJWERKEN, zaak))
        return self.created(resultaat)

    def update(self, request, *args, **kwargs):
        partial = kwargs.pop("partial", False)
        resultaat = self.get_object()
        serializer = self.get_serializer(resultaat, data=request.data, partial=partial)
        serializer.is_valid(raise_exception=True)
        if "zaak" in serializer.validated_data:
            self.require(scopes.UPDATE, serializer.validated_data["zaak"])
        resultaat = services.save_resultaat(
            resultaat, serializer.validated_data, request=request, partial=partial,
            force=self.allows(scopes.GEFORCEERD_BIJWERKEN, resultaat.zaak))
        return Response(self.get_serializer(self.get_queryset().get(pk=resultaat.pk)).data)

    def perform_destroy(self, resultaat):
        services.delete_resultaat(resultaat, request=self.request,
                                  force=self.allows(scopes.GEFORCEERD_BIJWERKEN, resultaat.zaak))
