"""Outbox handlers: start a zaak's process when the zaak is created, run service tasks."""

from __future__ import annotations

from raadhuis.platform import outbox
from raadhuis.platform import services as platform
from raadhuis.platform.models import Delivery
from raadhuis.processen import services
from raadhuis.werkplek.sync import zaak_uuid_of
from raadhuis.zgw.zaken import services as zaken

START_PREFIX = "processen"


def created(event) -> list[outbox.Subscriber]:
    """Only a new zaak gets a delivery to the process starter."""
    payload = event.payload or {}
    if event.kanaal != zaken.KANAAL or payload.get("resource") != "zaak" or payload.get("actie") != "create":
        return []
    return [outbox.Subscriber("start")]


def on_zaak_created(event, key: str = "") -> None:
    payload = event.payload
    zaak_uuid = zaak_uuid_of(payload.get("hoofdObject", ""))
    zaak = zaken.get_zaak(zaak_uuid) if zaak_uuid else None
    if zaak is not None:
        services.start(zaak, eigenschappen(zaak))


def eigenschappen(zaak) -> dict:
    """The zaak's eigenschappen (naam → waarde) as the process's starting data."""
    return {
        e.eigenschap.naam: e.waarde
        for e in zaak.zaakeigenschappen.select_related("eigenschap")
        if e.eigenschap.naam.isidentifier()
    }


def on_step(event) -> None:
    """Run one service task. A failure is retried by the outbox with backoff; the attempt
    that reaches PROCESSEN_MAX_POGINGEN parks the step on the instance instead."""
    payload = event.payload
    attempts = (
        Delivery.objects.filter(event=event, handler=services.STEP_HANDLER)
        .values_list("attempts", flat=True)
        .first()
        or 1
    )
    try:
        services.run_step(payload["instantie"], payload["taak"])
    except Exception as error:
        if attempts >= services.max_attempts():
            services.park(payload["instantie"], payload["taak"], error)
            return
        raise


outbox.register_resolver(START_PREFIX, created, on_zaak_created)
platform.register_event_handler(services.STEP_HANDLER, on_step, kanalen=[services.KANAAL])
