"""Viewsets of the Zaken API; sub-resources add their modules beside these."""

from raadhuis.zgw.zaken.api.viewsets.audittrail import AuditTrailViewSet
from raadhuis.zgw.zaken.api.viewsets.reserveren import ZaaknummerReserverenViewSet
from raadhuis.zgw.zaken.api.viewsets.statussen import ResultaatViewSet, StatusViewSet
from raadhuis.zgw.zaken.api.viewsets.zaken import ZaakViewSet

__all__ = [
    "AuditTrailViewSet", "ResultaatViewSet", "StatusViewSet", "ZaakViewSet", "ZaaknummerReserverenViewSet",
]
