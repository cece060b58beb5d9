from __future__ import annotations

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, viewsets

from raadhuis.zgw.zaken import scopes
from raadhuis.zgw.zaken import services_subresources as services
from raadhuis.zgw.zaken.api.serializers.zaakbesluiten import (
    ZaakBesluitExpandedSerializer,
    ZaakBesluitSerializer,
)
from raadhuis.zgw.zaken.api.viewsets.subresources import (
    DELETE_HEADERS,
    EXPAND,
    WRITE_HEADERS,
    NestedInZaakMixin,
)
from raadhuis.zgw.zaken.models import ZaakBesluit

NOT_FOR_CONSUMERS = (
    "**LET OP: Dit endpoint hoor je als consumer niet zelf aan te spreken.**\n\n"
    "De Besluiten API gebruikt dit endpoint om relaties te synchroniseren, daarom is dit endpoint in "
    "de Zaken API geimplementeerd.\n\n**Er wordt gevalideerd op:**\n- geldigheid URL naar de ZAAK")


# Reads answer with the standard's <Resource>Expanded (with _expand when asked for).
LISTED, READ = ZaakBesluitExpandedSerializer(many=True), ZaakBesluitExpandedSerializer


@extend_schema_view(
    list=extend_schema(responses=LISTED, summary="Alle ZAAKBESLUITen opvragen.", parameters=[EXPAND]),
    retrieve=extend_schema(responses=READ, summary="Een specifiek ZAAKBESLUIT opvragen.",
                           parameters=[EXPAND]),
    create=extend_schema(summary="Maak een ZAAKBESLUIT aan.", parameters=WRITE_HEADERS,
                         description=NOT_FOR_CONSUMERS),
    destroy=extend_schema(summary="Verwijder een ZAAKBESLUIT.", parameters=DELETE_HEADERS,
                          description=NOT_FOR_CONSUMERS),
)
class ZaakBesluitViewSet(NestedInZaakMixin, mixins.CreateModelMixin, mixins.ListModelMixin,
                         mixins.RetrieveModelMixin, mixins.DestroyModelMixin, viewsets.GenericViewSet):
    """Besluiten taken in a zaak, under /zaken/{zaak_uuid}/besluiten. The Besluiten component
    keeps them in step (services_subresources.link_besluit); creating one again returns it."""

    queryset = ZaakBesluit.objects.select_related("zaak", "zaak__zaaktype").order_by("pk")
    serializer_class = ZaakBesluitSerializer
    filter_backends = []
    schema_resource = "zaakbesluit"
    expand_resource = "zaakbesluit"
    required_scopes = {"list": scopes.LEZEN, "retrieve": scopes.LEZEN, "create": scopes.BIJWERKEN,
                       "destroy": scopes.BIJWERKEN}
    delete_record = staticmethod(services.delete_zaakbesluit)

    def create_record(self, attrs, **kwargs):
        return services.link_besluit(attrs["zaak"], attrs["besluit"], **kwargs)
