"""Models of the Zaken component: one module per resource (sub-resources add theirs here)."""

from raadhuis.zgw.zaken.models.counts import ZaakCount
from raadhuis.zgw.zaken.models.identificatie import ReservedIdentificatie, ZaakNummerTeller
from raadhuis.zgw.zaken.models.klantcontacten import KlantContact
from raadhuis.zgw.zaken.models.resultaten import Resultaat
from raadhuis.zgw.zaken.models.rollen import Rol
from raadhuis.zgw.zaken.models.statussen import Status
from raadhuis.zgw.zaken.models.zaakbesluiten import ZaakBesluit
from raadhuis.zgw.zaken.models.zaakcontactmomenten import ZaakContactMoment
from raadhuis.zgw.zaken.models.zaakeigenschappen import ZaakEigenschap
from raadhuis.zgw.zaken.models.zaakinformatieobjecten import ZaakInformatieObject
from raadhuis.zgw.zaken.models.zaaknotities import ZaakNotitie
from raadhuis.zgw.zaken.models.zaakobjecten import ZaakObject
from raadhuis.zgw.zaken.models.zaakverzoeken import ZaakVerzoek
from raadhuis.zgw.zaken.models.zaken import InZaak, RelevanteAndereZaak, Zaak, Zaakkenmerk

__all__ = [
    "InZaak",
    "RelevanteAndereZaak",
    "ReservedIdentificatie",
    "Resultaat",
    "Status",
    "Zaak",
    "ZaakCount",
    "ZaakNummerTeller",
    "Zaakkenmerk",
]
__all__ += [
    "KlantContact",
    "Rol",
    "ZaakBesluit",
    "ZaakContactMoment",
    "ZaakEigenschap",
    "ZaakInformatieObject",
    "ZaakNotitie",
    "ZaakObject",
    "ZaakVerzoek",
]
