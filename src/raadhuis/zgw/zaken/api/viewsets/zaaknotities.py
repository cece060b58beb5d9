from __future__ import annotations

import functools

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import viewsets

from raadhuis.platform.api.pagination import PageNumberPagination
from raadhuis.zgw.zaken import scopes
from raadhuis.zgw.zaken import services_subresources as services
from raadhuis.zgw.zaken.api.filters_subresources import ZaakNotitieFilter
from raadhuis.zgw.zaken.api.serializers.zaaknotities import ZaakNotitieSerializer
from raadhuis.zgw.zaken.api.viewsets.subresources import CONTENT_TYPE, SubresourceViewMixin, UpdateMixin
from raadhuis.zgw.zaken.models import ZaakNotitie

EXPERIMENTEEL = "**EXPERIMENTEEL** "
ONLY_CONCEPT = "\n\n **WARNING**: Notitie can only be modified when status is `concept`"


class NotitiePagination(PageNumberPagination):
    """The OAS gives zaaknotities a ``pageSize`` (default 100, at most 500)."""

    page_size = 100
    page_size_query_param = "pageSize"
    max_page_size = 500


@extend_schema_view(
    list=extend_schema(summary="Alle ZAAKNOTITIEs opvragen.",
                       description=EXPERIMENTEEL + "Alle ZAAKNOTITIEs opvragen."),
    retrieve=extend_schema(summary="Een specifieke ZAAKNOTITIE opvragen.",
                           description=EXPERIMENTEEL + "Een specifieke ZAAKNOTITIE opvragen."),
    create=extend_schema(summary="Maak een ZAAKNOTITIE aan.", parameters=[CONTENT_TYPE],
                         description=EXPERIMENTEEL + "Maak een ZAAKNOTITIE aan."),
    update=extend_schema(summary="Werk een ZAAKNOTITIE in zijn geheel bij.", parameters=[CONTENT_TYPE],
                         description=EXPERIMENTEEL + "Werk een ZAAKNOTITIE in zijn geheel bij."
                                     + ONLY_CONCEPT),
    partial_update=extend_schema(summary="Werk een ZAAKNOTITIE deels bij.", parameters=[CONTENT_TYPE],
                                 description=EXPERIMENTEEL + "Werk een ZAAKNOTITIE deels bij."
                                             + ONLY_CONCEPT),
    destroy=extend_schema(summary="Verwijder een ZAAKNOTITIE.",
                          description=EXPERIMENTEEL + "Verwijder een ZAAKNOTITIE."),
)
class ZaakNotitieViewSet(UpdateMixin, SubresourceViewMixin, viewsets.ModelViewSet):
    """Notes on zaken (new in Zaken API 1.7, experimental there). Only a concept note changes."""

    queryset = ZaakNotitie.objects.select_related("zaak", "zaak__zaaktype").order_by("-pk")
    serializer_class = ZaakNotitieSerializer
    filterset_class = ZaakNotitieFilter
    pagination_class = NotitiePagination
    extra_query_params = ("pageSize",)
    schema_resource = "zaaknotitie"
    operation_verbs = {"retrieve": "read", "destroy": "delete"}
    required_scopes = {"list": scopes.LEZEN, "retrieve": scopes.LEZEN, "create": scopes.BIJWERKEN,
                       "update": scopes.BIJWERKEN, "partial_update": scopes.BIJWERKEN,
                       "destroy": scopes.BIJWERKEN}
    create_record = staticmethod(functools.partial(services.save_zaaknotitie, None))
    update_record = staticmethod(services.save_zaaknotitie)
    delete_record = staticmethod(services.delete_zaaknotitie)
