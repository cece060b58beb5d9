"""Keep the queue rows in step with changes made outside the werkplek (API clients, portal,
processen): the ``zaken`` events that change what a queue shows (the zaak, its status,
resultaat, rollen, documents) get a delivery to the werkplek, which refreshes the zaak's
row after commit. Other events (notes, eigenschappen, …) get none: a resolver picks them."""

from __future__ import annotations

import uuid

from raadhuis.platform import outbox
from raadhuis.werkplek import services
from raadhuis.zgw.zaken import services as zaken

PREFIX = "werkplek"
RESOURCES = {"zaak", "status", "resultaat", "rol", "zaakinformatieobject"}


def zaak_uuid_of(url: str) -> uuid.UUID | None:
    try:
        return uuid.UUID(url.rstrip("/").rsplit("/", 1)[-1])
    except (ValueError, AttributeError):
        return None


def interested(event) -> list[outbox.Subscriber]:
    payload = event.payload or {}
    if event.kanaal != zaken.KANAAL or payload.get("resource") not in RESOURCES:
        return []
    return [outbox.Subscriber("werkvoorraad")]


def on_zaak_event(event, key: str = "") -> None:
    zaak_uuid = zaak_uuid_of(event.payload.get("hoofdObject", ""))
    if zaak_uuid is None:
        return
    zaak = zaken.get_zaak(zaak_uuid)
    if zaak is None:
        services.forget(zaak_uuid)
    else:
        services.refresh(zaak)


outbox.register_resolver(PREFIX, interested, on_zaak_event)
