from __future__ import annotations

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, viewsets

from raadhuis.zgw.zaken import scopes
from raadhuis.zgw.zaken import services_subresources as services
from raadhuis.zgw.zaken.api.filters_subresources import ZaakContactMomentFilter
from raadhuis.zgw.zaken.api.serializers.zaakcontactmomenten import ZaakContactMomentSerializer
from raadhuis.zgw.zaken.api.viewsets.subresources import DELETE_HEADERS, WRITE_HEADERS, SubresourceViewMixin
from raadhuis.zgw.zaken.models import ZaakContactMoment


@extend_schema_view(
    list=extend_schema(summary="Alle ZAAKCONTACTMOMENTen opvragen."),
    retrieve=extend_schema(summary="Een specifiek ZAAKCONTACTMOMENT opvragen."),
    create=extend_schema(summary="Maak een ZAAKCONTACTMOMENT aan.", parameters=WRITE_HEADERS,
                         description="**Er wordt gevalideerd op:**\n- geldigheid URL naar het CONTACTMOMENT"),
    destroy=extend_schema(summary="Verwijder een ZAAKCONTACTMOMENT.", parameters=DELETE_HEADERS),
)
class ZaakContactMomentViewSet(SubresourceViewMixin, mixins.CreateModelMixin, mixins.ListModelMixin,
                               mixins.RetrieveModelMixin, mixins.DestroyModelMixin, viewsets.GenericViewSet):
    """Contactmomenten about zaken (zrc-025). The list is not paginated (the OAS answers with an
    array)."""

    queryset = ZaakContactMoment.objects.select_related("zaak", "zaak__zaaktype").order_by("-pk")
    serializer_class = ZaakContactMomentSerializer
    filterset_class = ZaakContactMomentFilter
    pagination_class = None
    schema_resource = "zaakcontactmoment"
    expand_resource = "zaakcontactmoment"
    required_scopes = {"list": scopes.LEZEN, "retrieve": scopes.LEZEN, "create": scopes.BIJWERKEN,
                       "destroy": scopes.BIJWERKEN}
    create_record = staticmethod(services.create_zaakcontactmoment)
    delete_record = staticmethod(services.delete_zaakcontactmoment)
