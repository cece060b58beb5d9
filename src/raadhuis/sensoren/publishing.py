"""Changes of SensorThings entities → one outbox event per request → MQTT publications and
alert checks after commit (SensorThings 1.1, 14.2 receive updates via MQTT).

The event carries only (entity, id, action, changed properties); the handler reads the
entities when it runs and publishes each to its entity topic (``v1.1/Things(1)``), its
collection topics (``v1.1/Things``, ``v1.1/Datastreams(1)/Observations``) and, on update, its
property topics (``v1.1/Things(1)/name``), with QoS 1.
"""

from __future__ import annotations

import json
import logging
from urllib.parse import urlsplit

from django.conf import settings

from raadhuis.platform import services as platform
from raadhuis.platform import tenancy
from raadhuis.platform.outbox import DeliveryFailed

logger = logging.getLogger(__name__)
KANAAL = "sensoren"
TOPIC_VERSION = "v1.1"
CHUNK = 2000


def publish_changes(writer) -> None:
    """Store one event with what this request changed (inside its transaction)."""
    if not writer.changes and not writer.created_observations:
        return
    payload = {"base": writer.base,
               "changes": [[c.entity, c.pk, c.action, list(c.fields)] for c in writer.changes]}
    if writer.created_observations:
        payload["observations"] = writer.created_observations  # created in bulk: ids only
    if writer.observed:
        payload["observed"] = [[kind, pk, count] for (kind, pk), count in writer.observed.items()]
    platform.publish_event(organisation=writer.organisation, kanaal=KANAAL, payload=payload)


def changes_of(payload: dict):
    """(entity, id, action, fields) of every change of an event, bulk-created Observations too."""
    yield from payload["changes"]
    for pk in payload.get("observations", ()):
        yield "Observation", pk, "create", []


def mqtt_endpoints() -> list[str]:
    return [settings.MQTT_URL] if settings.MQTT_URL else []


def mqtt_options(url: str = "") -> dict:
    """host, port, username, password of ``url`` (default MQTT_URL)."""
    parts = urlsplit(url or settings.MQTT_URL)
    return {"host": parts.hostname or "127.0.0.1", "port": parts.port or 1883,
            "username": parts.username, "password": parts.password}


def messages_of(payload: dict) -> list[tuple[str, str]]:
    """(topic, JSON) for every created or updated entity of an event."""
    from raadhuis.sensoren import entities as e
    from raadhuis.sensoren.odata import parse_options
    from raadhuis.sensoren.reading import Reader

    reader = Reader(payload["base"])
    wanted: dict[str, dict[int, list]] = {}
    for entity_name, pk, action, fields in changes_of(payload):
        if action != "delete":
            wanted.setdefault(entity_name, {})[pk] = fields if action == "update" else []
    messages = []
    for entity_name, items in wanted.items():
        entity = e.ENTITIES[entity_name]
        ids = list(items)
        for start in range(0, len(ids), CHUNK):
            rows = list(entity.model.all_tenants.filter(pk__in=ids[start:start + CHUNK]).order_by("pk"))
            for row, body in zip(rows, reader.represent_many(entity, rows, parse_options({})), strict=True):
                messages.extend(_topics(entity, row, body, items[row.pk]))
    return messages


def _topics(entity, row, body: dict, changed: list) -> list[tuple[str, str]]:
    text = json.dumps(body)
    own = f"{TOPIC_VERSION}/{entity.set_name}({row.pk})"
    topics = [f"{TOPIC_VERSION}/{entity.set_name}", own]
    for nav in entity.navs.values():
        if nav.many:
            continue
        parent_id = getattr(row, f"{nav.lookup}_id", None)
        if parent_id is not None:
            from raadhuis.sensoren import entities as e

            parent = e.ENTITIES[nav.target]
            back = next((n for n in parent.navs.values() if n.reverse == nav.lookup and n.many), None)
            if back is not None:
                topics.append(f"{TOPIC_VERSION}/{parent.set_name}({parent_id})/{back.name}")
    messages = [(topic, text) for topic in topics]
    for name in changed:
        if name in entity.props:
            messages.append((f"{own}/{name}", json.dumps({name: body.get(name)})))
    return messages


def publish_to_broker(event) -> None:
    """Outbox handler: publish the event's entities; a broker outage is retried by the outbox."""
    from paho.mqtt import publish as mqtt_publish

    with tenancy.system_scope():
        messages = messages_of(event.payload)
    if not messages:
        return
    options = mqtt_options()
    auth = {"username": options["username"], "password": options["password"]} if options["username"] else None
    try:
        for start in range(0, len(messages), CHUNK):
            mqtt_publish.multiple(
                [{"topic": t, "payload": p, "qos": 1} for t, p in messages[start:start + CHUNK]],
                hostname=options["host"], port=options["port"], auth=auth,
                client_id="", keepalive=30,
            )
    except OSError as error:
        raise DeliveryFailed(f"MQTT-broker niet bereikbaar: {error}") from error


def check_alerts(event) -> None:
    """Outbox handler: evaluate the alert rules of the datastreams that got observations."""
    from raadhuis.sensoren import alerts

    with tenancy.system_scope():
        if "observed" in event.payload:  # a bulk write names its streams
            alerts.evaluate_streams([pk for kind, pk, _ in event.payload["observed"] if kind == "Datastream"])
            return
        observation_ids = [pk for entity, pk, action, _ in changes_of(event.payload)
                           if entity == "Observation" and action == "create"]
        if observation_ids:
            alerts.evaluate_for_observations(observation_ids)


if settings.MQTT_URL:
    platform.register_event_handler("sensoren.mqtt", publish_to_broker, kanalen=[KANAAL])
platform.register_event_handler("sensoren.alerts", check_alerts, kanalen=[KANAAL])


def _register_objects(event) -> None:
    from raadhuis.sensoren import objects_link

    objects_link.on_change(event)


platform.register_event_handler("sensoren.objecten", _register_objects, kanalen=[KANAAL])
