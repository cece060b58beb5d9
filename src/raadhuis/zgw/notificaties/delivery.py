"""Routing notifications to abonnementen through the platform outbox.

At publish time ``resolve`` names one recipient per matching abonnement (handler
``abonnement:<uuid>``) with the hoofdObject as ordering key, so the outbox delivers each
abonnement's notifications about one hoofdObject strictly in order. ``deliver`` POSTs the
notification to the callback; the outbox retries with backoff and parks, as for any event.
"""

from __future__ import annotations

import logging
import time

from raadhuis.platform import compiled, outbox, tenancy
from raadhuis.zgw.common import scopes
from raadhuis.zgw.notificaties import callbacks, matching
from raadhuis.zgw.notificaties.models import Abonnement, FilterGroup

logger = logging.getLogger(__name__)

PREFIX = "abonnement"
MESSAGE_FIELDS = ("kanaal", "hoofdObject", "resource", "resourceUrl", "actie", "aanmaakdatum")
CLIENT_TTL_SECONDS = 10.0  # how long a client's organisations and scopes are trusted


def handler_name(abonnement) -> str:
    return outbox.resolver_handler(PREFIX, str(abonnement.uuid))


def is_notification(event) -> bool:
    """Only events whose payload is the standard's message on their own kanaal are routed:
    other modules' internal events never reach a subscriber, whatever kanaal it names."""
    payload = event.payload
    return (isinstance(payload, dict) and all(payload.get(name) for name in MESSAGE_FIELDS)
            and payload["kanaal"] == event.kanaal and isinstance(payload.get("kenmerken", {}), dict))


def resolve(event) -> list[outbox.Subscriber]:
    """The abonnementen that receive this event: its kanaal, its filters, its organisation."""
    if not is_notification(event):
        return []
    kanaal, organisation_id = event.kanaal, event.organisation_id
    with tenancy.system_scope():  # who may receive it is decided here, explicitly
        # Read on every event (a new abonnement counts at once); its SQL compiled once per kanaal
        # and organisation: the ORM's compiling cost more than the query (ADR 0042).
        groups = compiled.values(
            ("abonnement-filters", kanaal, organisation_id),
            lambda: FilterGroup.objects.filter(kanaal__naam=kanaal, abonnement__organisaties=organisation_id)
            .values("abonnement__uuid", "filters"))
        matched = [group["abonnement__uuid"] for group in groups
                   if matching.matches(group["filters"], _kenmerken(event))]
    ordering_key = event.payload["hoofdObject"]
    return [outbox.Subscriber(str(uuid), ordering_key) for uuid in dict.fromkeys(matched)]


def _kenmerken(event) -> dict:
    return event.payload.get("kenmerken") or {}


def deliver(event, key: str) -> outbox.Receipt:
    """POST the notification to the abonnement's callback, with its Authorization header."""
    abonnement = _still_wanted(key, event)
    headers = {"Authorization": abonnement.auth, "Idempotency-Key": str(event.uuid)}
    try:
        answer = callbacks.post(abonnement.callback_url, event.payload, headers)
    except callbacks.CallbackError as error:
        raise outbox.DeliveryFailed(f"{error.code}: {error}") from error
    receipt = outbox.Receipt(answer.status, answer.body)
    if not 200 <= answer.status < 300:
        raise outbox.DeliveryFailed(f"De ontvanger antwoordde HTTP {answer.status}.", receipt)
    return receipt


def _still_wanted(key: str, event) -> Abonnement:
    """What held at publish time must still hold: the abonnement exists and takes this
    kanaal with matching filters, and its client may still see the organisation and consume.
    One query on the way to a delivery; more only to say why one is skipped."""
    with tenancy.system_scope():
        groups = list(FilterGroup.objects.filter(abonnement__uuid=key, kanaal__naam=event.kanaal)
                      .select_related("abonnement"))
        if not groups and not Abonnement.objects.filter(uuid=key).exists():
            raise outbox.Skip("Het abonnement bestaat niet meer.")
    if not any(matching.matches(g.filters, _kenmerken(event)) for g in groups):
        raise outbox.Skip("Het abonnement neemt deze notificatie niet meer af.")
    abonnement = groups[0].abonnement
    if abonnement.client_id and event.organisation_id not in client_reach(abonnement.client_id):
        raise outbox.Skip("De client van het abonnement mag de gegevens van deze organisatie "
                          "niet (meer) zien, of heeft de scope notificaties.consumeren niet.")
    return abonnement


# --- What a client may see, cached briefly ------------------------------------------------

_clients: dict[str, tuple[float, frozenset[int]]] = {}


def client_reach(client_id: str) -> frozenset[int]:
    """The organisations whose notifications the client may receive now: none when it no
    longer exists or lacks notificaties.consumeren. Cached for CLIENT_TTL_SECONDS, so a
    revoked client stops receiving within that time without a query per delivery."""
    cached = _clients.get(client_id)
    if cached and cached[0] > time.monotonic():
        return cached[1]
    reach = _load_reach(client_id)
    _clients[client_id] = (time.monotonic() + CLIENT_TTL_SECONDS, reach)
    return reach


def _load_reach(client_id: str) -> frozenset[int]:
    from raadhuis.zgw.autorisaties import services as autorisaties

    _secret, client = autorisaties.client_for(client_id)
    if client is None or not client.has_scope("nrc", scopes.NOTIFICATIES_CONSUMEREN):
        return frozenset()
    return client.organisation_ids


def forget_clients() -> None:
    """Drop the cache (tests; after a change that must take effect at once)."""
    _clients.clear()
