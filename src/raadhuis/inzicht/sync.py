"""Follow the zaken: the events of kanaal ``zaken`` that change a fact (the zaak, its status,
resultaat and besluiten) queue their zaak for the refresh of its facts and cells, and wake
the background refresh. The delivery itself writes one row, so a burst of events costs the
dispatcher little; the refresh then handles the queued zaken in batches (ADR 0023)."""

from __future__ import annotations

from raadhuis.inzicht import kubus
from raadhuis.platform import outbox
from raadhuis.zgw.common.urls import resolve_path
from raadhuis.zgw.zaken import services as zaken

PREFIX = "inzicht"
RESOURCES = {"zaak", "status", "resultaat", "zaakbesluit"}


def zaak_uuid_of(url: str) -> str | None:
    """The uuid of the zaak a hoofdObject URL names (by its path, whatever the host)."""
    match = resolve_path(url) if isinstance(url, str) else None
    if match is None or match.url_name != "zaak-detail":
        return None
    return match.kwargs.get("uuid")


def interested(event) -> list[outbox.Subscriber]:
    payload = event.payload or {}
    if event.kanaal != zaken.KANAAL or payload.get("resource") not in RESOURCES:
        return []
    return [outbox.Subscriber("kengetallen")]


def on_zaak_event(event, key: str = "") -> None:
    zaak_uuid = zaak_uuid_of((event.payload or {}).get("hoofdObject", ""))
    if zaak_uuid is None:
        return
    kubus.mark(event.organisation_id, [zaak_uuid])
    from raadhuis.inzicht.tasks import schedule_refresh

    schedule_refresh()


outbox.register_resolver(PREFIX, interested, on_zaak_event)
