"""The viewsets of the zaak's sub-resources, for api/urls.py."""

from raadhuis.zgw.zaken.api.viewsets.klantcontacten import KlantContactViewSet
from raadhuis.zgw.zaken.api.viewsets.rollen import RolViewSet
from raadhuis.zgw.zaken.api.viewsets.zaakbesluiten import ZaakBesluitViewSet
from raadhuis.zgw.zaken.api.viewsets.zaakcontactmomenten import ZaakContactMomentViewSet
from raadhuis.zgw.zaken.api.viewsets.zaakeigenschappen import ZaakEigenschapViewSet
from raadhuis.zgw.zaken.api.viewsets.zaakinformatieobjecten import ZaakInformatieObjectViewSet
from raadhuis.zgw.zaken.api.viewsets.zaaknotities import ZaakNotitieViewSet
from raadhuis.zgw.zaken.api.viewsets.zaakobjecten import ZaakObjectViewSet
from raadhuis.zgw.zaken.api.viewsets.zaakverzoeken import ZaakVerzoekViewSet

__all__ = [
    "KlantContactViewSet", "RolViewSet", "ZaakBesluitViewSet", "ZaakContactMomentViewSet",
    "ZaakEigenschapViewSet", "ZaakInformatieObjectViewSet", "ZaakNotitieViewSet", "ZaakObjectViewSet",
    "ZaakVerzoekViewSet",
]

# The schema hook that keeps the standard's inpA_nummer / subAdresBuitenland_1 names.
SCHEMA_HOOK = "raadhuis.zgw.zaken.api.schema_subresources.exact_names"
