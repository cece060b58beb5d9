from __future__ import annotations

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, viewsets

from raadhuis.zgw.zaken import scopes
from raadhuis.zgw.zaken import services_subresources as services
from raadhuis.zgw.zaken.api.filters_subresources import RolFilter
from raadhuis.zgw.zaken.api.serializers.rollen import RolExpandedSerializer, RolSerializer
from raadhuis.zgw.zaken.api.viewsets.subresources import (
    DELETE_HEADERS,
    EXPAND,
    IF_NONE_MATCH,
    WRITE_HEADERS,
    SubresourceViewMixin,
)
from raadhuis.zgw.zaken.models import Rol

# Reads answer with the standard's <Resource>Expanded (with _expand when asked for).
LISTED, READ = RolExpandedSerializer(many=True), RolExpandedSerializer


@extend_schema_view(
    list=extend_schema(responses=LISTED, summary="Alle ROLlen bij ZAAKen opvragen.",
                       description="Deze lijst kan gefilterd wordt met query-string parameters.",
                       parameters=[EXPAND]),
    retrieve=extend_schema(responses=READ, summary="Een specifieke ROL bij een ZAAK opvragen.",
                           parameters=[IF_NONE_MATCH, EXPAND]),
    create=extend_schema(summary="Maak een ROL aan bij een ZAAK.", parameters=WRITE_HEADERS),
    destroy=extend_schema(summary="Verwijder een ROL van een ZAAK.", parameters=DELETE_HEADERS),
)
class RolViewSet(SubresourceViewMixin, mixins.CreateModelMixin, mixins.ListModelMixin,
                 mixins.RetrieveModelMixin, mixins.DestroyModelMixin, viewsets.GenericViewSet):
    """Rollen: betrokkenen in their role at a zaak (zrc-019: the roltype is one of the zaak's
    zaaktype). A rol is created or removed, never changed."""

    queryset = Rol.objects.select_related("zaak", "zaak__zaaktype", "roltype").order_by("-pk")
    serializer_class = RolSerializer
    filterset_class = RolFilter
    schema_resource = "rol"
    expand_resource = "rol"
    etag_actions = ("retrieve",)
    required_scopes = {"list": scopes.LEZEN, "retrieve": scopes.LEZEN, "create": scopes.UPDATE,
                       "destroy": scopes.UPDATE}
    create_record = staticmethod(services.create_rol)
    delete_record = staticmethod(services.delete_rol)
