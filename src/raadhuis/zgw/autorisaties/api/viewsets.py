from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import exceptions, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from raadhuis.zgw.autorisaties import services
from raadhuis.zgw.autorisaties.api.filters import ApplicatieFilter
from raadhuis.zgw.autorisaties.api.serializers import ApplicatieSerializer
from raadhuis.zgw.autorisaties.models import Applicatie
from raadhuis.zgw.common import scopes
from raadhuis.zgw.common.views import ZGWViewMixin

_EMBEDDED = (
    "De autorisaties zijn gedefinieerd op een specifieke component, bijvoorbeeld het ZRC, en "
    "geven aan welke scopes van toepassing zijn voor dit component. De waarde van de `component` "
    "bepaalt ook welke verdere informatie ingesloten is, zoals `zaaktype` en "
    "`maxVertrouwelijkheidaanduiding` voor het ZRC."
)
_EXCLUSIVE = (
    "Indien `heeftAlleAutorisaties` gezet is, dan moet je `autorisaties` leeg (of weg) laten. "
    "Indien je `autorisaties` meegeeft, dan moet `heeftAlleAutorisaties` de waarde `false` "
    "hebben of weggelaten worden."
)


@extend_schema_view(
    list=extend_schema(
        summary="Geef een collectie van applicaties, met ingesloten autorisaties.",
        description=_EMBEDDED + "\n\nDe collectie kan doorzocht worden met de `clientIds` query parameter.",
        # The standard documents the comma-separated list as one string.
        parameters=[OpenApiParameter("clientIds", str,
                                     description="Multiple values may be separated by commas.")],
    ),
    retrieve=extend_schema(summary="Vraag een applicatie op, met ingesloten autorisaties.",
                           description=_EMBEDDED),
    create=extend_schema(summary="Registreer een applicatie met een bepaalde set van autorisaties.",
                         description=_EXCLUSIVE + "\n\nNa het aanmaken wordt een notificatie verstuurd."),
    update=extend_schema(summary="Werk de applicatie bij.",
                         description=_EXCLUSIVE + "\n\nNa het bijwerken wordt een notificatie verstuurd."),
    partial_update=extend_schema(
        summary="Werk (een deel van) de applicatie bij.",
        description="Indien `autorisaties` meegegeven is, dan worden de bestaande `autorisaties` "
                    "vervangen met de nieuwe set van `autorisaties`.\n\n" + _EXCLUSIVE
                    + "\n\nNa het bijwerken wordt een notificatie verstuurd."),
    destroy=extend_schema(summary="Verwijder een applicatie met de bijhorende autorisaties.",
                          description="Na het verwijderen wordt een notificatie verstuurd."),
)
class ApplicatieViewSet(ZGWViewMixin, viewsets.ModelViewSet):
    """Applicaties (API clients) with their autorisaties."""

    queryset = Applicatie.objects.prefetch_related("credentials", "autorisaties").order_by("id")
    serializer_class = ApplicatieSerializer
    filterset_class = ApplicatieFilter
    component = "ac"
    api_version = "1.1.0"
    # consumer: 404 for an unknown clientId; 400 when clientId is missing (the standard
    # makes it required but lists no 400: see ALLOWED_DEVIATIONS in zgw.common.oas_compare).
    extra_error_statuses = {"consumer": {400, 404}}
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
        summary="Vraag een applicatie op, op basis van clientId",
        description="Gegeven een `clientId`, via de query string, zoek de bijbehorende applicatie op. "
                    "Het antwoord bevat de applicatie met ingesloten autorisaties.",
        parameters=[OpenApiParameter(
            "clientId", str, required=True,
            description="Geef het client ID op waarvoor je de applicatie wil opvragen.")],
        # One applicatie, as the reference implementation answers (the OAS says an array).
        responses=ApplicatieSerializer,
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
