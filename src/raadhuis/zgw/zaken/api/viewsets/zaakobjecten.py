from __future__ import annotations

import functools

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import viewsets

from raadhuis.zgw.zaken import scopes
from raadhuis.zgw.zaken import services_subresources as services
from raadhuis.zgw.zaken.api.filters_subresources import ZaakObjectFilter
from raadhuis.zgw.zaken.api.serializers.zaakobjecten import ZaakObjectExpandedSerializer, ZaakObjectSerializer
from raadhuis.zgw.zaken.api.viewsets.subresources import (
    CONTENT_TYPE,
    EXPAND,
    IF_NONE_MATCH,
    WRITE_HEADERS,
    SubresourceViewMixin,
    UpdateMixin,
)
from raadhuis.zgw.zaken.models import ZaakObject

CREATE = scopes.AANMAKEN | scopes.BIJWERKEN | scopes.GEFORCEERD_BIJWERKEN
DESTROY = scopes.BIJWERKEN | scopes.GEFORCEERD_BIJWERKEN | scopes.VERWIJDEREN


# Reads answer with the standard's <Resource>Expanded (with _expand when asked for).
LISTED, READ = ZaakObjectExpandedSerializer(many=True), ZaakObjectExpandedSerializer


@extend_schema_view(
    list=extend_schema(responses=LISTED, summary="Alle ZAAKOBJECTen opvragen.",
                       description="Deze lijst kan gefilterd wordt met query-string parameters.",
                       parameters=[EXPAND]),
    retrieve=extend_schema(responses=READ, summary="Een specifiek ZAAKOBJECT opvragen.",
                           parameters=[IF_NONE_MATCH, EXPAND]),
    create=extend_schema(summary="Maak een ZAAKOBJECT aan.", parameters=WRITE_HEADERS),
    update=extend_schema(summary="Werk een ZAAKOBJECT zijn geheel bij.", parameters=[CONTENT_TYPE]),
    partial_update=extend_schema(summary="Werk een ZAAKOBJECT deels bij.", parameters=[CONTENT_TYPE]),
    destroy=extend_schema(summary="Verwijder een ZAAKOBJECT."),
)
class ZaakObjectViewSet(UpdateMixin, SubresourceViewMixin, viewsets.ModelViewSet):
    """Zaakobjecten: what a zaak is about. The zaakobjecttype, when given, belongs to the
    zaak's zaaktype."""

    queryset = ZaakObject.objects.select_related("zaak", "zaak__zaaktype", "zaakobjecttype").order_by("-pk")
    serializer_class = ZaakObjectSerializer
    filterset_class = ZaakObjectFilter
    schema_resource = "zaakobject"
    expand_resource = "zaakobject"
    etag_actions = ("retrieve",)
    required_scopes = {"list": scopes.LEZEN, "retrieve": scopes.LEZEN, "create": CREATE,
                       "update": scopes.UPDATE, "partial_update": scopes.UPDATE, "destroy": DESTROY}
    create_record = staticmethod(functools.partial(services.save_zaakobject, None))
    update_record = staticmethod(services.save_zaakobject)
    delete_record = staticmethod(services.delete_zaakobject)
