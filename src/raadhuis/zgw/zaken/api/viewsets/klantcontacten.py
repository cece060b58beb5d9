from __future__ import annotations

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, viewsets

from raadhuis.zgw.zaken import scopes
from raadhuis.zgw.zaken import services_subresources as services
from raadhuis.zgw.zaken.api.filters_subresources import KlantContactFilter
from raadhuis.zgw.zaken.api.serializers.klantcontacten import KlantContactSerializer
from raadhuis.zgw.zaken.api.viewsets.subresources import WRITE_HEADERS, SubresourceViewMixin
from raadhuis.zgw.zaken.models import KlantContact

DEPRECATED = "\n\n**DEPRECATED**: gebruik de contactmomenten API in plaats van deze endpoint."


@extend_schema_view(
    list=extend_schema(summary="Alle KLANTCONTACTen opvragen. ", description="Alle KLANTCONTACTen opvragen."
                       + DEPRECATED, deprecated=True),
    retrieve=extend_schema(summary="Een specifieke KLANTCONTACT opvragen.",
                           description="Een specifieke KLANTCONTACT opvragen." + DEPRECATED, deprecated=True),
    create=extend_schema(summary="Maak een KLANTCONTACT bij een ZAAK aan.", parameters=WRITE_HEADERS,
                         description="Indien geen identificatie gegeven is, dan wordt deze automatisch "
                                     "gegenereerd." + DEPRECATED, deprecated=True),
)
class KlantContactViewSet(SubresourceViewMixin, mixins.CreateModelMixin, mixins.ListModelMixin,
                          mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Klantcontacten (deprecated in the standard, kept for the clients that still use them)."""

    queryset = KlantContact.objects.select_related("zaak", "zaak__zaaktype").order_by("-pk")
    serializer_class = KlantContactSerializer
    filterset_class = KlantContactFilter
    schema_resource = "klantcontact"
    expand_resource = "klantcontact"
    required_scopes = {"list": scopes.LEZEN, "retrieve": scopes.LEZEN, "create": scopes.UPDATE}
    create_record = staticmethod(services.create_klantcontact)
