from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import status as http
from rest_framework import viewsets
from rest_framework.response import Response

from raadhuis.zgw.zaken import scopes, services
from raadhuis.zgw.zaken.api.serializers import ReserveringSerializer
from raadhuis.zgw.zaken.api.viewsets.base import ZakenViewMixin


class ZaaknummerReserverenViewSet(ZakenViewMixin, viewsets.ViewSet):
    """Reserve zaaknummers: never generated for another zaak, claimed by sending them."""

    serializer_class = ReserveringSerializer
    schema_resource = "zaaknummer_reserveren"
    filter_backends = []
    required_scopes = {"create": scopes.AANMAKEN}

    @extend_schema(operation_id="zaaknummer_reserveren", summary="Reserveer een zaaknummer",
                   request=ReserveringSerializer, responses={201: ReserveringSerializer(many=True)})
    def create(self, request):
        serializer = ReserveringSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        numbers = services.reserve_zaaknummers(**serializer.validated_data)
        body = [{"zaaknummer": number} for number in numbers]
        return Response(body[0] if len(body) == 1 else body, status=http.HTTP_201_CREATED)
