from __future__ import annotations

from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import viewsets

from raadhuis.zgw.zaken import scopes
from raadhuis.zgw.zaken import services_subresources as services
from raadhuis.zgw.zaken.api.serializers.zaakeigenschappen import (
    ZaakEigenschapExpandedSerializer,
    ZaakEigenschapSerializer,
)
from raadhuis.zgw.zaken.api.viewsets.subresources import (
    CONTENT_TYPE,
    IF_NONE_MATCH,
    WRITE_HEADERS,
    NestedInZaakMixin,
    UpdateMixin,
)
from raadhuis.zgw.zaken.models import ZaakEigenschap

X_WARNING = "X-Warning"
WARNING_HEADER = OpenApiParameter(
    X_WARNING, str, OpenApiParameter.HEADER, response=[201],
    description="Waarschuwing dat de zaakeigenschap niet voldoet aan de specificatie zoals gedefinieerd in "
                "de Catalogi API. De zaakeigenschap is wel opgeslagen, maar er kunnen problemen ontstaan bij "
                "het gebruik ervan.")


# Reads answer with the standard's <Resource>Expanded (with _expand when asked for).
LISTED, READ = ZaakEigenschapExpandedSerializer(many=True), ZaakEigenschapExpandedSerializer


@extend_schema_view(
    list=extend_schema(responses=LISTED, summary="Alle ZAAKEIGENSCHAPpen opvragen. ",
                       description="Alle ZAAKEIGENSCHAPpen opvragen."),
    retrieve=extend_schema(responses=READ, summary="Een specifieke ZAAKEIGENSCHAP opvragen.",
                           parameters=[IF_NONE_MATCH]),
    create=extend_schema(summary="Maak een ZAAKEIGENSCHAP aan.", parameters=[*WRITE_HEADERS, WARNING_HEADER],
                         description=(
        "Maak een ZAAKEIGENSCHAP aan.\n\n**Er wordt gevalideerd op:**\n- geldigheid `eigenschap` URL\n"
        "- de `eigenschap` moet bij het `ZAAK.zaaktype` horen\n\nAls de `waarde` niet voldoet aan de "
        "specificatie zoals gedefinieerd in de Catalogi API, dan wordt de zaakeigenschap wel opgeslagen, "
        "maar krijg je een waarschuwing terug in de `X-Warning` header van de response.")),
    update=extend_schema(summary="Werk een ZAAKEIGENSCHAP in zijn geheel bij.", parameters=[CONTENT_TYPE]),
    partial_update=extend_schema(summary="Werk een ZAAKEIGENSCHAP deels bij.", parameters=[CONTENT_TYPE]),
    destroy=extend_schema(summary="Verwijder een ZAAKEIGENSCHAP."),
)
class ZaakEigenschapViewSet(UpdateMixin, NestedInZaakMixin, viewsets.ModelViewSet):
    """Eigenschappen of a zaak, under /zaken/{zaak_uuid}/zaakeigenschappen (zrc-018). A waarde
    that does not fit its specificatie is stored, with an X-Warning header (Zaken API 1.7)."""

    queryset = ZaakEigenschap.objects.select_related("zaak", "zaak__zaaktype", "eigenschap").order_by("pk")
    serializer_class = ZaakEigenschapSerializer
    filter_backends = []
    schema_resource = "zaakeigenschap"
    expand_resource = "zaakeigenschap"
    etag_actions = ("retrieve",)
    required_scopes = {"list": scopes.LEZEN, "retrieve": scopes.LEZEN, "create": scopes.UPDATE,
                       "update": scopes.UPDATE, "partial_update": scopes.UPDATE, "destroy": scopes.UPDATE}
    delete_record = staticmethod(services.delete_zaakeigenschap)

    def create_record(self, attrs, **kwargs):
        record, self._warning = services.save_zaakeigenschap(None, attrs, **kwargs)
        return record

    def update_record(self, record, attrs, **kwargs):
        record, self._warning = services.save_zaakeigenschap(record, attrs, **kwargs)
        return record

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if getattr(self, "_warning", ""):
            # Header values are latin-1: the warning is plain Dutch, non-latin characters dropped.
            response[X_WARNING] = self._warning.encode("latin-1", "replace").decode("latin-1")
        return response

