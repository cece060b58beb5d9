from djangorestframework_camel_case.parser import CamelCaseJSONParser
from djangorestframework_camel_case.render import CamelCaseJSONRenderer
from djangorestframework_camel_case.settings import api_settings
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, viewsets
from rest_framework.response import Response

from raadhuis.zgw.common import scopes
from raadhuis.zgw.common.schema import SCHEME, ZGWAutoSchema
from raadhuis.zgw.common.views import ZGWViewMixin
from raadhuis.zgw.notificaties import services
from raadhuis.zgw.notificaties.api.filters import KanaalFilter
from raadhuis.zgw.notificaties.api.serializers import (
    AbonnementSerializer,
    KanaalSerializer,
    MessageSerializer,
)
from raadhuis.zgw.notificaties.models import Abonnement, Kanaal

# Kenmerk names are data, not field names: "verantwoordelijkeOrganisatie" must stay as sent.
_KEEP_KEYS = {**api_settings.JSON_UNDERSCOREIZE, "ignore_fields": ("filters", "kenmerken")}


class KenmerkenParser(CamelCaseJSONParser):
    json_underscoreize = _KEEP_KEYS


class KenmerkenRenderer(CamelCaseJSONRenderer):
    json_underscoreize = _KEEP_KEYS


class NRCAutoSchema(ZGWAutoSchema):
    """Alternative scopes as the standard writes them: one string, in its order per resource."""

    def get_auth(self):
        auths = super().get_auth()
        label = getattr(self.view, "scope_labels", {}).get(getattr(self.view, "action", None))
        return [{SCHEME: [label]} if SCHEME in auth else auth for auth in auths] if label else auths


class NRCViewMixin(ZGWViewMixin):
    renderer_classes = [KenmerkenRenderer]
    parser_classes = [KenmerkenParser]
    schema = NRCAutoSchema()
    component = "nrc"
    api_version = "1.0.1"
    pagination_class = None  # the standard's lists are plain arrays
    scope_labels: dict[str, str] = {}


READ = scopes.NOTIFICATIES_CONSUMEREN | scopes.NOTIFICATIES_PUBLICEREN


@extend_schema_view(
    list=extend_schema(description="Alle KANAALen opvragen."),
    retrieve=extend_schema(description="Een specifiek KANAAL opvragen."),
    create=extend_schema(description="Maak een KANAAL aan."),
)
class KanaalViewSet(NRCViewMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin,
                    mixins.CreateModelMixin, viewsets.GenericViewSet):
    """Kanalen are global: every client sees them all (they describe sources, not data)."""

    queryset = Kanaal.objects.order_by("naam")
    serializer_class = KanaalSerializer
    filterset_class = KanaalFilter
    required_scopes = {"list": READ, "retrieve": READ, "create": scopes.NOTIFICATIES_PUBLICEREN}
    scope_labels = dict.fromkeys(("list", "retrieve"), "(notificaties.publiceren | notificaties.consumeren)")


@extend_schema_view(
    list=extend_schema(description="Alle ABONNEMENTen opvragen."),
    retrieve=extend_schema(description="Een specifiek ABONNEMENT opvragen."),
    create=extend_schema(description="Maak een ABONNEMENT aan."),
    update=extend_schema(description="Werk een ABONNEMENT in zijn geheel bij."),
    partial_update=extend_schema(description="Werk een ABONNEMENT deels bij."),
    destroy=extend_schema(description="Verwijder een ABONNEMENT."),
)
class AbonnementViewSet(NRCViewMixin, viewsets.ModelViewSet):
    """Abonnementen of the client's organisations (tenant scope)."""

    queryset = Abonnement.objects.prefetch_related("kanalen__kanaal").order_by("created_at", "id")
    serializer_class = AbonnementSerializer
    required_scopes = {
        "list": READ, "retrieve": READ,
        "create": scopes.NOTIFICATIES_CONSUMEREN, "update": scopes.NOTIFICATIES_CONSUMEREN,
        "partial_update": scopes.NOTIFICATIES_CONSUMEREN, "destroy": scopes.NOTIFICATIES_CONSUMEREN,
    }
    scope_labels = dict.fromkeys(("list", "retrieve"), "(notificaties.consumeren | notificaties.publiceren)")

    def perform_destroy(self, instance):
        services.delete_abonnement(instance, request=self.request)


class MessageSchema(NRCAutoSchema):
    """The standard documents only the 200 of publishing; errors follow the usual format."""

    def error_statuses(self) -> set[int]:
        return set()


class NotificatieViewSet(NRCViewMixin, viewsets.GenericViewSet):
    serializer_class = MessageSerializer
    schema = MessageSchema()
    schema_resource = "notificaties"
    required_scopes = {"create": scopes.NOTIFICATIES_PUBLICEREN}

    @extend_schema(description="Publiceer een notificatie.", responses={200: MessageSerializer})
    def create(self, request):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        message = serializer.message()
        services.publish_notificatie(message)
        return Response(message)
