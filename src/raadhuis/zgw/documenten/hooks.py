"""How the Documenten component plugs into the Zaken component (installed in ready()).

The Zaken component asks us to resolve informatieobject URLs (zrc-003, zrc-017) and tells us,
inside its transaction, when a zaakinformatieobject is made or removed: we keep the mirror
objectinformatieobject (zrc-005, "zaakinformatieobject is leidend"). The Besluiten
component can do the same through services.mirror_relation / services.remove_mirror.
"""

from __future__ import annotations

from raadhuis.zgw.common.urls import absolute_url
from raadhuis.zgw.documenten import services
from raadhuis.zgw.documenten.constants import ObjectType


def register() -> None:
    try:
        from raadhuis.zgw.zaken import services_subresources as zaken
    except ImportError:  # the Zaken component is not installed
        return
    zaken.register_informatieobject_resolver(services.resolve)
    zaken.on_relation("informatieobject", linked=_zaak_linked, unlinked=_zaak_unlinked)


def _zaak_url(zio) -> str:
    return absolute_url("zaken:zaak-detail", uuid=zio.zaak.uuid)


def _zaak_linked(zio) -> None:
    services.mirror_relation(zio.informatieobject, _zaak_url(zio), ObjectType.ZAAK)


def _zaak_unlinked(zio) -> None:
    services.remove_mirror(zio.informatieobject, _zaak_url(zio))
