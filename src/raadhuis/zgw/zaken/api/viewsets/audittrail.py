from __future__ import annotations

from django.http import Http404
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import viewsets
from rest_framework.response import Response

from raadhuis.zgw.common import events
from raadhuis.zgw.zaken import scopes
from raadhuis.zgw.zaken.api.serializers import AuditTrailSerializer
from raadhuis.zgw.zaken.api.viewsets.base import ZakenViewMixin
from raadhuis.zgw.zaken.models import Zaak
from raadhuis.zgw.zaken.refs import UrlBuilder


@extend_schema_view(
    list=extend_schema(summary="Alle audit trail regels behorend bij de ZAAK.",
                       description="Alle audit trail regels behorend bij de ZAAK."),
    retrieve=extend_schema(summary="Een specifieke audit trail regel opvragen.",
                           description="Een specifieke audit trail regel opvragen."),
)
class AuditTrailViewSet(ZakenViewMixin, viewsets.ViewSet):
    """The zaak's history from the platform audit trail (hoofdObject = the zaak's URL), for
    clients with audittrails.lezen on the zaak's zaaktype and level.

    The list has no 404 in the standard: the trail of a zaak that does not exist (for this
    client: another organisation's) is empty, as in Open Zaak, which lists the trail by the
    zaak's URL. A zaak of the client's own organisation that it may not read is a 403."""

    serializer_class = AuditTrailSerializer
    schema_resource = "audittrail"
    filter_backends = []
    pagination_class = None
    without_error_statuses = {"list": {404}}
    required_scopes = {"list": scopes.AUDITTRAILS_LEZEN, "retrieve": scopes.AUDITTRAILS_LEZEN}

    def _zaak(self, zaak_uuid) -> Zaak | None:
        zaak = Zaak.objects.select_related("zaaktype").filter(uuid=zaak_uuid).first()
        if zaak is not None:
            self.require(scopes.AUDITTRAILS_LEZEN, zaak)
        return zaak

    def _trail(self, zaak):
        return events.trail(UrlBuilder(self.request).zaak(zaak.uuid))

    def list(self, request, zaak_uuid=None):
        zaak = self._zaak(zaak_uuid)
        entries = self._trail(zaak) if zaak is not None else []
        return Response(AuditTrailSerializer(entries, many=True).data)

    def retrieve(self, request, zaak_uuid=None, uuid=None):
        zaak = self._zaak(zaak_uuid)
        entry = self._trail(zaak).filter(uuid=uuid).first() if zaak is not None else None
        if entry is None:
            raise Http404
        return Response(AuditTrailSerializer(entry).data)
