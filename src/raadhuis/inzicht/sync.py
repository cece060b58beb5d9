"""Follow the zaken: every event of kanaal ``zaken`` queues its zaak for the refresh of its
facts and cells, and wakes the background refresh. The handler itself only writes one row,
so a burst of events costs the dispatcher little; the refresh then handles them in batches."""

from __future__ import annotations

import uuid

from raadhuis.inzicht import kubus
from raadhuis.platform import outbox
from raadhuis.zgw.zaken import services as zaken

HANDLER = "inzicht.zaken"


def zaak_uuid_of(url: str) -> uuid.UUID | None:
    try:
        return uuid.UUID(str(url).rstrip("/").rsplit("/", 1)[-1])
    except (ValueError, AttributeError):
        return None


def on_zaak_event(event) -> None:
    zaak_uuid = zaak_uuid_of((event.payload or {}).get("hoofdObject", ""))
    if zaak_uuid is None:
        return
    kubus.mark(event.organisation_id, [zaak_uuid])
    from raadhuis.inzicht.tasks import schedule_refresh

    schedule_refresh()


outbox.register_handler(HANDLER, on_zaak_event, kanalen=[zaken.KANAAL])
