"""Serializers of the Zaken API; sub-resources add their modules beside these."""

from raadhuis.zgw.zaken.api.serializers.audittrail import AuditTrailSerializer
from raadhuis.zgw.zaken.api.serializers.statussen import ResultaatSerializer, StatusSerializer
from raadhuis.zgw.zaken.api.serializers.zaken import ZaakSerializer
from raadhuis.zgw.zaken.api.serializers.zoek import ReserveringSerializer, ZaakZoekSerializer

SERIALIZERS: dict = {}


def register(model, serializer) -> None:
    """The serializer that shows records of ``model`` (audit snapshots, expand)."""
    SERIALIZERS[model] = serializer


def serializer_for(instance):
    return SERIALIZERS[type(instance)]


def _register_own() -> None:
    from raadhuis.zgw.zaken.models import Resultaat, Status, Zaak

    register(Zaak, ZaakSerializer)
    register(Status, StatusSerializer)
    register(Resultaat, ResultaatSerializer)


_register_own()

__all__ = [
    "AuditTrailSerializer", "ReserveringSerializer", "ResultaatSerializer", "StatusSerializer",
    "ZaakSerializer", "ZaakZoekSerializer", "register", "serializer_for",
]
