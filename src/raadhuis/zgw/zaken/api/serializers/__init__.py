"""Serializers of the Zaken API; sub-resources add their modules beside these."""

from raadhuis.zgw.common.audittrail import AuditTrailSerializer
from raadhuis.zgw.zaken.api.serializers.statussen import (
    ResultaatExpandedSerializer,
    ResultaatSerializer,
    StatusExpandedSerializer,
    StatusSerializer,
)
from raadhuis.zgw.zaken.api.serializers.zaken import ZaakExpandedSerializer, ZaakSerializer
from raadhuis.zgw.zaken.api.serializers.zoek import ReserveringSerializer, ZaakZoekSerializer

SERIALIZERS: dict = {}
# The schema of a resource with its ``_expand`` (``<Resource>Expanded`` in the standard), by
# expand resource name ("zaak"); a resource without one is shown by its SERIALIZERS entry.
EXPANDED: dict = {}


def register(model, serializer) -> None:
    """The serializer that shows records of ``model`` (audit snapshots, expand)."""
    SERIALIZERS[model] = serializer


def register_expanded(resource: str, serializer) -> None:
    """The response serializer of ``resource`` with its ``_expand`` field (fields.ExpandField),
    which the ``_expand`` schemas of other resources refer to."""
    EXPANDED[resource] = serializer


def expanded_serializer(resource: str):
    if resource in EXPANDED:
        return EXPANDED[resource]
    from raadhuis.zgw.zaken.api.serializers.subresources import _register_all

    _register_all()
    return next(s for model, s in SERIALIZERS.items() if model._meta.model_name == resource)


def serializer_for(instance):
    return SERIALIZERS[type(instance)]


def _register_own() -> None:
    from raadhuis.zgw.zaken.models import Resultaat, Status, Zaak

    register(Zaak, ZaakSerializer)
    register(Status, StatusSerializer)
    register(Resultaat, ResultaatSerializer)
    register_expanded("zaak", ZaakExpandedSerializer)
    register_expanded("status", StatusExpandedSerializer)
    register_expanded("resultaat", ResultaatExpandedSerializer)


_register_own()

__all__ = [
    "AuditTrailSerializer", "ReserveringSerializer", "ResultaatExpandedSerializer", "ResultaatSerializer",
    "StatusExpandedSerializer", "StatusSerializer", "ZaakExpandedSerializer", "ZaakSerializer",
    "ZaakZoekSerializer", "expanded_serializer", "register", "register_expanded", "serializer_for",
]
