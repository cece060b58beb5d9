from django.utils.decorators import method_decorator
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from raadhuis.zgw.autorisaties import services
from raadhuis.zgw.autorisaties.api.filters import ApplicatieFilter
from raadhuis.zgw.autorisaties.api.serializers import ApplicatieSerializer
from raadhuis.zgw.autorisaties.models import Applicatie
from raadhuis.zgw.common import scopes
from raadhuis.zgw.common.views import ZGWViewMixin


@method_decorator(name="list", decorator=extend_schema(operation_id="applicatie_list"))
class ApplicatieViewSet(ZGWViewMixin, viewsets.ModelViewSet):
    """Applicaties (API clients) with their autorisaties."""

    queryset = Applicatie.objects.prefetch_related("credentials", "autorisaties").order_by("id")
    serializer_class = ApplicatieSerializer
    filterset_class = ApplicatieFilter
    component = "ac"
    api_version = "1.1.0"
    extra_query_params = ("clientId",)
    required_scopes = {
        "list": scopes.AUTORISATIES_LEZEN,
        "retrieve": scopes.AUTORISATIES_LEZEN,
        "consumer": scopes.AUTORISATIES_LEZEN,
        "create": scopes.AUTORISATIES_BIJWERKEN,
        "update": scopes.AUTORISATIES_BIJWERKEN,
        "partial_update": scopes.AUTORISATIES_BIJWERKEN,
        "destroy": scopes.AUTORISATIES_BIJWERKEN,
    }

    @extend_schema(
        operation_id="applicatie_consumer",
        parameters=[OpenApiParameter("clientId", str, required=True)],
        responses=ApplicatieSerializer(many=True),
    )
    @action(detail=False, methods=["get"], filter_backends=[], pagination_class=None)
    def consumer(self, request):
        client_id = request.query_params.get("clientId")
        if not client_id:
            raise exceptions.ValidationError({"clientId": ["Dit veld is vereist."]})
        applicatie = self.get_queryset().filter(credentials__client_id=client_id).first()
        if applicatie is None:
            raise exceptions.NotFound("Geen applicatie met deze clientId.")
        return Response(self.get_serializer(applicatie).data)

    def perform_destroy(self, instance):
        services.delete_applicatie(instance, request=self.request)
