from __future__ import annotations

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, viewsets

from raadhuis.zgw.zaken import scopes
from raadhuis.zgw.zaken import services_subresources as services
from raadhuis.zgw.zaken.api.filters_subresources import ZaakVerzoekFilter
from raadhuis.zgw.zaken.api.serializers.zaakverzoeken import ZaakVerzoekSerializer
from raadhuis.zgw.zaken.api.viewsets.subresources import DELETE_HEADERS, WRITE_HEADERS, SubresourceViewMixin
from raadhuis.zgw.zaken.models import ZaakVerzoek


@extend_schema_view(
    list=extend_schema(summary="Alle ZAAK-VERZOEK opvragen.", deprecated=True),
    retrieve=extend_schema(summary="Een specifieke ZAAK-VERZOEK opvragen.", deprecated=True),
    create=extend_schema(summary="Maak een ZAAK-VERZOEK aan.", parameters=WRITE_HEADERS, deprecated=True,
                         description="**Er wordt gevalideerd op:**\n- geldigheid URL naar de VERZOEK"),
    destroy=extend_schema(summary="Verwijder een ZAAK-VERZOEK.", parameters=DELETE_HEADERS, deprecated=True),
)
class ZaakVerzoekViewSet(SubresourceViewMixin, mixins.CreateModelMixin, mixins.ListModelMixin,
                         mixins.RetrieveModelMixin, mixins.DestroyModelMixin, viewsets.GenericViewSet):
    """Verzoeken that concern zaken (zrc-024; deprecated in the standard). The list is not
    paginated (the OAS answers with an array)."""

    queryset = ZaakVerzoek.objects.select_related("zaak", "zaak__zaaktype").order_by("-pk")
    serializer_class = ZaakVerzoekSerializer
    filterset_class = ZaakVerzoekFilter
    pagination_class = None
    schema_resource = "zaakverzoek"
    expand_resource = "zaakverzoek"
    required_scopes = {"list": scopes.LEZEN, "retrieve": scopes.LEZEN, "create": scopes.BIJWERKEN,
                       "destroy": scopes.BIJWERKEN}
    create_record = staticmethod(services.create_zaakverzoek)
    delete_record = staticmethod(services.delete_zaakverzoek)
