from __future__ import annotations

from drf_spectacular.utils import OpenApiResponse, PolymorphicProxySerializer, extend_schema
from rest_framework import status as http
from rest_framework import viewsets
from rest_framework.response import Response

from raadhuis.zgw.zaken import scopes, services
from raadhuis.zgw.zaken.api.schema import CONTENT_TYPE
from raadhuis.zgw.zaken.api.serializers import ReserveringSerializer
from raadhuis.zgw.zaken.api.viewsets.base import ZakenViewMixin

# One object for one zaaknummer, a list for more: what the standard's description says and
# Open Zaak answers (the OAS's schema says a list always; see oas_compare.ALLOWED_DEVIATIONS).
ONE_OR_MORE = PolymorphicProxySerializer(
    component_name="OneOrMultipleZaakIdentificaties",
    serializers=[ReserveringSerializer, ReserveringSerializer(many=True)],
    resource_type_field_name=None, many=False)


class ZaaknummerReserverenViewSet(ZakenViewMixin, viewsets.ViewSet):
    """Reserve zaaknummers: never generated for another zaak, claimed by sending them."""

    serializer_class = ReserveringSerializer
    schema_resource = "zaaknummer_reserveren"
    filter_backends = []
    required_scopes = {"create": scopes.AANMAKEN}
    # The standard documents a 412 here as on the zaak's operations (this one never answers it).
    extra_error_statuses = {"create": {412}}

    @extend_schema(
        operation_id="zaaknummer_reserveren", summary="Reserveer een zaaknummer",
        description="Reserveer een zaaknummer binnen een specifieke bronorganisatie zonder direct een zaak "
                    "aan te maken.\n\nAls `aantal` niet wordt opgegeven of gelijk is aan 1, wordt een enkel "
                    "object teruggegeven. Als `aantal > 1`, wordt een lijst van objecten teruggegeven.",
        request=ReserveringSerializer, parameters=[CONTENT_TYPE],
        responses={201: OpenApiResponse(ONE_OR_MORE)})
    def create(self, request):
        serializer = ReserveringSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        numbers = services.reserve_zaaknummers(**serializer.validated_data)
        body = [{"zaaknummer": number} for number in numbers]
        return Response(body[0] if len(body) == 1 else body, status=http.HTTP_201_CREATED)
