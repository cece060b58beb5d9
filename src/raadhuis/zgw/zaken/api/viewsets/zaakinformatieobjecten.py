from __future__ import annotations

import functools

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import viewsets

from raadhuis.zgw.zaken import scopes
from raadhuis.zgw.zaken import services_subresources as services
from raadhuis.zgw.zaken.api.filters_subresources import ZaakInformatieObjectFilter
from raadhuis.zgw.zaken.api.serializers.zaakinformatieobjecten import (
    ZaakInformatieObjectExpandedSerializer,
    ZaakInformatieObjectSerializer,
)
from raadhuis.zgw.zaken.api.viewsets.subresources import (
    DELETE_HEADERS,
    EXPAND,
    IF_NONE_MATCH,
    WRITE_HEADERS,
    SubresourceViewMixin,
    UpdateMixin,
)
from raadhuis.zgw.zaken.models import ZaakInformatieObject

CREATE = scopes.AANMAKEN | scopes.BIJWERKEN | scopes.GEFORCEERD_BIJWERKEN
DESTROY = scopes.BIJWERKEN | scopes.GEFORCEERD_BIJWERKEN | scopes.VERWIJDEREN


# Reads answer with the standard's <Resource>Expanded (with _expand when asked for).
LISTED, READ = ZaakInformatieObjectExpandedSerializer(many=True), ZaakInformatieObjectExpandedSerializer


@extend_schema_view(
    list=extend_schema(responses=LISTED, summary="Alle ZAAK-INFORMATIEOBJECT relaties opvragen ",
                       description="Deze lijst kan gefilterd wordt met query-string parameters.",
                       parameters=[EXPAND]),
    retrieve=extend_schema(responses=READ, summary="Een specifieke ZAAK-INFORMATIEOBJECT relatie opvragen.",
                           parameters=[IF_NONE_MATCH, EXPAND]),
    create=extend_schema(summary="Maak een ZAAK-INFORMATIEOBJECT relatie aan.", parameters=WRITE_HEADERS),
    update=extend_schema(summary="Werk een ZAAK-INFORMATIEOBJECT relatie in zijn geheel bij.",
                         parameters=WRITE_HEADERS),
    partial_update=extend_schema(summary="Werk een ZAAK-INFORMATIEOBJECT relatie deels bij.",
                                 parameters=WRITE_HEADERS),
    destroy=extend_schema(summary="Verwijder een ZAAK-INFORMATIEOBJECT relatie.", parameters=DELETE_HEADERS),
)
class ZaakInformatieObjectViewSet(UpdateMixin, SubresourceViewMixin, viewsets.ModelViewSet):
    """Documents of zaken (zrc-003, zrc-004, zrc-005, zrc-017). The list is not paginated
    (the OAS answers with an array)."""

    queryset = ZaakInformatieObject.objects.select_related("zaak", "zaak__zaaktype", "status").order_by("-pk")
    serializer_class = ZaakInformatieObjectSerializer
    filterset_class = ZaakInformatieObjectFilter
    pagination_class = None
    schema_resource = "zaakinformatieobject"
    expand_resource = "zaakinformatieobject"
    etag_actions = ("retrieve",)
    required_scopes = {"list": scopes.LEZEN, "retrieve": scopes.LEZEN, "create": CREATE,
                       "update": scopes.UPDATE, "partial_update": scopes.UPDATE, "destroy": DESTROY}
    create_record = staticmethod(functools.partial(services.save_zaakinformatieobject, None))
    update_record = staticmethod(services.save_zaakinformatieobject)
    delete_record = staticmethod(services.delete_zaakinformatieobject)
