"""Models of the Zaken component: one module per resource (sub-resources add theirs here)."""

from raadhuis.zgw.zaken.models.identificatie import ReservedIdentificatie, ZaakNummerTeller
from raadhuis.zgw.zaken.models.resultaten import Resultaat
from raadhuis.zgw.zaken.models.statussen import Status
from raadhuis.zgw.zaken.models.zaken import InZaak, RelevanteAndereZaak, Zaak, Zaakkenmerk

__all__ = [
    "InZaak",
    "RelevanteAndereZaak",
    "ReservedIdentificatie",
    "Resultaat",
    "Status",
    "Zaak",
    "ZaakNummerTeller",
    "Zaakkenmerk",
]
