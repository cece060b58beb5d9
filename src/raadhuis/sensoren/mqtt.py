"""MQTT create (SensorThings 1.1, 14.1): Observations published to ``v1.1/Observations`` or
``v1.1/Datastreams(id)/Observations`` are written in batches.

The listener keeps a persistent MQTT 5 session (a fixed client id, ``clean_start=False``, a
session that never expires) and subscribes with QoS 1, and acknowledges each message only
after the batch that holds it was committed (``manual_ack``); a batch is written when it is
full or ``flush_seconds`` after its first message, so latency stays bounded. A crash, restart
or broker outage therefore loses nothing the broker accepted: unacknowledged messages are
delivered again (at least once). A message that can never be stored (malformed JSON, unknown
Datastream) is logged and acknowledged, so it cannot block the queue.
"""

from __future__ import annotations

import json
import logging
import math
import re
import threading
import time
from collections import defaultdict, deque
from dataclasses import dataclass
from datetime import datetime

import paho.mqtt.client as mqtt
from django.db import close_old_connections, connection, transaction
from paho.mqtt.client import PUBACK
from paho.mqtt.packettypes import PacketTypes
from paho.mqtt.properties import Properties
from paho.mqtt.subscribeoptions import SubscribeOptions

from raadhuis.platform import tenancy
from raadhuis.platform.models import Organisation
from raadhuis.sensoren import bulk, publishing
from raadhuis.sensoren import entities as e
from raadhuis.sensoren import models as m
from raadhuis.sensoren.dataarray import extend_streams
from raadhuis.sensoren.errors import BadRequest
from raadhuis.sensoren.values import assign
from raadhuis.sensoren.writes import Writer

logger = logging.getLogger(__name__)
TOPICS = ("v1.1/Observations", "v1.1/+/Observations")
STREAM_TOPIC = re.compile(r"^v1\.1/(Datastreams|MultiDatastreams)\((\d+)\)/Observations$")
OBSERVATION_KEYS = set(e.OBSERVATION.props) | set(e.OBSERVATION.navs)
QUICK_KEYS = frozenset({"phenomenonTime", "result"})
SESSION_NEVER_EXPIRES = 0xFFFFFFFF  # MQTT 5: the session outlives any disconnect


@dataclass
class Message:
    mid: int
    topic: str
    payload: bytes
    client: mqtt.Client | None = None


class Ingest:
    """The listener. Messages are acknowledged only after their commit, so the number of
    unacknowledged messages the broker may send at once bounds throughput: the listener speaks
    MQTT 5 and declares a receive maximum of ``window`` (MQTT 3.1.1 has no such field, and
    Mosquitto's default there is 20). With a ``group`` (or ``connections`` > 1, which uses the
    client id as group) the sessions subscribe to the shared subscription ``$share/<group>/…``:
    the broker gives each message to one session of the group, so several processes (ADR 0040)
    or sessions share the work. A session drops the subscription of the other mode, so that
    switching between one and several processes does not leave a second copy of every message
    queued for it."""

    def __init__(self, options: dict, *, client_id: str = "raadhuis-sensoren-ingest", base: str = "",
                 batch_size: int = 5000, flush_seconds: float = 0.2, connections: int = 1,
                 window: int = 20_000, group: str | None = None, retiring: bool = False):
        self.options, self.base = options, base or "/sensorthings/v1.1"
        self.batch_size, self.flush_seconds = batch_size, flush_seconds
        self.window = min(window, 65_535)  # the protocol's limit
        self.stored = 0
        self._buffer: deque[Message] = deque()
        self._subscribed = threading.Semaphore(0)
        group = group or (client_id if connections > 1 else None)
        topics = TOPICS if group is None else shared_topics(group)
        self._topics = [(topic, SubscribeOptions(qos=1)) for topic in topics]
        self._other_mode = list(shared_topics(client_id) if group is None else TOPICS)
        self.retiring = retiring  # unsubscribe everything; store what the session still holds
        self._last_arrival = time.monotonic()
        self.clients = [self._client(client_id if connections == 1 else f"{client_id}-{n}")
                        for n in range(connections)]
        self.client = self.clients[0]

    def _client(self, client_id: str) -> mqtt.Client:
        client = IngestClient(mqtt.CallbackAPIVersion.VERSION2, client_id=client_id, protocol=mqtt.MQTTv5,
                              manual_ack=True)
        client.receive = lambda mid, topic, payload: self._receive(Message(mid, topic, payload, client))
        client.max_inflight_messages_set(1000)
        if self.options.get("username"):
            client.username_pw_set(self.options["username"], self.options.get("password"))
        client.on_connect = self._on_connect
        client.on_message = self._on_message
        client.on_subscribe = lambda *args: self._subscribed.release()
        if self.retiring:
            client.on_unsubscribe = lambda *args: self._subscribed.release()
        return client

    def _on_connect(self, client, userdata, flags, reason_code, properties):
        if reason_code.is_failure:
            return
        if self.retiring:  # no new messages; those queued for the session still arrive
            client.unsubscribe([topic for topic, _ in self._topics] + self._other_mode)
            return
        client.subscribe(self._topics)
        client.unsubscribe(self._other_mode)  # harmless when the session never had it

    def _on_message(self, client, userdata, message):
        self._receive(Message(message.mid, message.topic, message.payload, client))

    def _receive(self, message: Message) -> None:
        # deque.append is thread-safe: the network threads add, the flushing thread takes.
        self._buffer.append(message)
        self._last_arrival = time.monotonic()

    def start(self, timeout: float = 10) -> None:
        properties = Properties(PacketTypes.CONNECT)
        properties.ReceiveMaximum = self.window
        properties.SessionExpiryInterval = SESSION_NEVER_EXPIRES  # persistent: kept while we are away
        for client in self.clients:
            client.connect(self.options["host"], self.options["port"], keepalive=30, clean_start=False,
                           properties=properties)
            client.loop_start()
        for _ in self.clients:
            if not self._subscribed.acquire(timeout=timeout):
                raise ConnectionError("MQTT: geen abonnement binnen de tijd.")

    def stop(self) -> None:
        for client in self.clients:
            client.disconnect()
            client.loop_stop()

    def run(self, stop: threading.Event) -> None:
        while not stop.is_set():
            if len(self._buffer) < self.batch_size:
                stop.wait(self.flush_seconds)  # gather a batch: latency ≤ flush_seconds + commit
            self.flush()

    def flush(self) -> int:
        """Store what has arrived; acknowledge it after the commit. Returns messages handled."""
        batch = [self._buffer.popleft() for _ in range(min(self.batch_size, len(self._buffer)))]
        if not batch:
            return 0
        if not connection.in_atomic_block:  # a long-running listener: drop stale connections
            close_old_connections()
        store(batch, self.base)
        acknowledgements = defaultdict(list)  # after the commit: a crash before it means redelivery
        for message in batch:
            acknowledgements[message.client].append(message.mid)
        for client, mids in acknowledgements.items():
            client.ack_many(mids)
        self.stored += len(batch)
        return len(batch)

    def retire(self, quiet_seconds: float = 2.0) -> int:
        """For a ``retiring`` listener after ``start``: store and acknowledge what the broker had
        queued for the session until nothing arrived for ``quiet_seconds``, then end the session
        (MQTT 5: session expiry 0 on DISCONNECT). Returns the messages handled."""
        while self._buffer or time.monotonic() - self._last_arrival < quiet_seconds:
            if not self.flush():
                time.sleep(0.05)
        properties = Properties(PacketTypes.DISCONNECT)
        properties.SessionExpiryInterval = 0
        for client in self.clients:
            client.disconnect(properties=properties)
            client.loop_stop()
        return self.stored

    def drain(self, expected: int, timeout: float = 30) -> int:
        """Flush until ``expected`` messages were handled (tests, benchmarks)."""
        deadline = time.monotonic() + timeout
        while self.stored < expected and time.monotonic() < deadline:
            if not self.flush():
                time.sleep(0.02)
        return self.stored


class IngestClient(mqtt.Client):
    """paho's client with three shortcuts on the ingest's hot path, where paho spent ~85 µs of
    Python per message (ADR 0040): socket reads of 64 KiB served to paho's 1-byte reads (three
    system calls and a select per message became one per 64 KiB), QoS 1 PUBLISH packets of MQTT 5
    decoded without building their properties (the ingest reads none) into ``receive(mid, topic,
    payload)``, and the acknowledgements of a batch written as one packet run instead of one
    packet and one wake-up each. Everything else (connect, subscribe, keepalive, reconnect, QoS 0
    and 2) is paho's own."""

    receive = None  # (mid, topic, payload) → None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._received = bytearray()  # read from the socket, not yet handed to paho

    def reconnect(self):
        self._received.clear()  # bytes of a previous connection mean nothing on a new one
        return super().reconnect()

    def _sock_recv(self, bufsize: int) -> bytes:
        if not self._received:
            data = super()._sock_recv(65536)  # BlockingIOError when nothing is there
            if not data:
                return data  # the connection closed
            self._received += data
        chunk = bytes(self._received[:bufsize])
        del self._received[:bufsize]  # CPython drops a bytearray's head without copying the rest
        return chunk

    def loop_read(self, max_packets: int = 1):
        """paho reads one packet per select(); the rest of a 64 KiB read is here already."""
        rc = super().loop_read(max_packets)
        while rc == mqtt.MQTT_ERR_SUCCESS and self._received and self._sock is not None:
            rc = super().loop_read(1)
        return rc

    def _handle_publish(self):
        command, packet = self._in_packet["command"], self._in_packet["packet"]
        if (command & 0x06) >> 1 != 1 or self._protocol != mqtt.MQTTv5 or self.receive is None:
            return super()._handle_publish()
        end = 2 + int.from_bytes(packet[0:2], "big")
        topic = bytes(packet[2:end]).decode("utf-8", errors="replace")
        mid = int.from_bytes(packet[end:end + 2], "big")
        position, length, shift = end + 2, 0, 0
        while True:  # the properties' length, a variable byte integer; the properties are skipped
            byte = packet[position]
            position += 1
            length |= (byte & 0x7F) << shift
            shift += 7
            if byte < 0x80:
                break
        self.receive(mid, topic, bytes(packet[position + length:]))
        return mqtt.MQTT_ERR_SUCCESS

    def ack_many(self, mids: list[int]) -> None:
        """PUBACKs (MQTT 5, success: 0x40, length 2, packet id) of many messages in one write."""
        if not mids:
            return
        self._packet_queue(PUBACK, b"".join(b"\x40\x02" + mid.to_bytes(2, "big") for mid in mids), 0, 0)


def store(batch: list[Message], base: str) -> int:
    """Write the valid Observations of the batch in one transaction; return how many."""
    with tenancy.system_scope(), transaction.atomic():
        cache = _Cache(base)
        rows = []
        for message in batch:
            if not cache.creates(message.topic):
                continue
            try:
                row = cache.observation(message)
                if row is not None:
                    rows.append(row)
            except (BadRequest, ValueError, UnicodeDecodeError) as error:
                logger.warning("MQTT-bericht op %s overgeslagen: %s", message.topic,
                               getattr(error, "message", error))
        rows = _without_vanished_streams(rows)
        bulk.insert_observations(rows)
        observed = extend_streams(rows)
        per_organisation = defaultdict(list)
        for row in rows:
            per_organisation[row.organisation_id].append(row.pk)
        for organisation_id, ids in per_organisation.items():
            writer = Writer(cache.organisation(organisation_id), base)
            writer.created_observations = ids
            writer.observed = {key: n for key, n in observed.items()
                               if cache.stream(key[0], key[1]).organisation_id == organisation_id}
            publishing.publish_changes(writer)
    return len(rows)


def _without_vanished_streams(rows: list) -> list:
    """Drop (and log) the rows whose stream or feature was deleted while the batch was read."""
    missing = bulk.lock_references(rows)
    if not missing:
        return rows
    logger.warning("MQTT-berichten overgeslagen: %s bestaan niet meer.",
                   ", ".join(f"{name}({pk})" for name, pk in missing))
    gone = set(missing)
    return [row for row in rows
            if not any((name, getattr(row, column)) in gone for column, _model, name in bulk.REFERENCES)]


def shared_topics(group: str) -> tuple[str, ...]:
    return tuple(f"$share/{group}/{topic}" for topic in TOPICS)


def is_create_topic(topic: str) -> bool:
    """v1.1/FeaturesOfInterest(1)/Observations and the like only receive, never create."""
    return topic == "v1.1/Observations" or STREAM_TOPIC.match(topic) is not None


class _Cache:
    """Streams, features and organisations looked up once per batch."""

    def __init__(self, base: str):
        self.base = base
        self.streams: dict = {}
        self.features: dict = {}
        self.organisations: dict = {}
        self.topics: dict = {}  # topic → (create?, stream kind, stream id)

    def creates(self, topic: str) -> bool:
        if topic not in self.topics:
            match = STREAM_TOPIC.match(topic)
            self.topics[topic] = (is_create_topic(topic), *(match.groups() if match else (None, None)))
        return self.topics[topic][0]

    def organisation(self, pk: int):
        if pk not in self.organisations:
            self.organisations[pk] = Organisation.objects.get(pk=pk)
        return self.organisations[pk]

    def stream(self, kind: str, pk) -> object:
        key = (kind, str(pk))
        if key not in self.streams:
            model = m.Datastream if kind == "Datastream" else m.MultiDatastream
            found = model.objects.filter(pk=int(pk)).first() if str(pk).isdigit() else None
            if found is None:
                raise BadRequest(f"{kind}({pk}) bestaat niet.")
            self.streams[key] = found
        return self.streams[key]

    def observation(self, message: Message) -> bulk.ObservationRow | None:
        data = json.loads(message.payload)
        if not isinstance(data, dict):
            raise BadRequest("Een Observation moet een JSON-object zijn.")
        if "@iot.id" in data or "@iot.selfLink" in data:
            # SensorThings uses the same topics to create (clients publish) and to receive
            # updates (the server publishes stored entities, with their @iot.id); MQTT 3.1.1
            # delivers the server's own publications to this listener too: not a create.
            return None
        quick = self._quick(message.topic, data)
        if quick is not None:
            return quick
        unknown = set(data) - OBSERVATION_KEYS
        if unknown:
            raise BadRequest(f"Onbekende eigenschappen {sorted(unknown)}.")
        match = STREAM_TOPIC.match(message.topic)
        if match:
            kind, pk = match.group(1)[:-1], match.group(2)
        else:
            kind = "Datastream" if "Datastream" in data else "MultiDatastream"
            pk = (data.get(kind) or {}).get("@iot.id") if isinstance(data.get(kind), dict) else None
            if pk is None:
                raise BadRequest("Noem de Datastream met {\"Datastream\": {\"@iot.id\": ...}}.")
        stream = self.stream(kind, pk)
        row = bulk.ObservationRow(organisation_id=stream.organisation_id)
        if kind == "Datastream":
            row.datastream_id = stream.pk
        else:
            row.multi_datastream_id = stream.pk
        if "result" not in data:
            raise BadRequest("result ontbreekt.")
        for name, prop in e.OBSERVATION.props.items():
            if name in data:
                assign(row, prop, data[name])
        if row.phenomenon_time is None:
            from django.utils import timezone

            row.phenomenon_time = timezone.now()
        row.feature_of_interest_id = self.feature(stream, data.get("FeatureOfInterest"))
        return row

    def _quick(self, topic: str, data: dict) -> bulk.ObservationRow | None:
        """The common message — a number at an instant on a Datastream's topic — without the
        general checks (~12 → ~5 µs); anything else (None) goes the general way."""
        kind, pk = self.topics[topic][1:]
        result, when = data.get("result"), data.get("phenomenonTime")
        if kind != "Datastreams" or not data.keys() <= QUICK_KEYS or type(result) not in (int, float) or type(
                when) is not str:
            return None
        try:
            time = datetime.fromisoformat(when)
            number = float(result)
        except (ValueError, OverflowError):
            return None
        if time.tzinfo is None or not math.isfinite(number):
            return None
        stream = self.stream("Datastream", pk)
        return bulk.ObservationRow(organisation_id=stream.organisation_id, datastream_id=stream.pk,
                                   phenomenon_time=time, result_number=number,
                                   feature_of_interest_id=self.feature(stream, None))

    def feature(self, stream, given) -> int:
        if isinstance(given, dict) and "@iot.id" in given:
            key = ("id", given["@iot.id"])
            if key not in self.features:
                found = m.FeatureOfInterest.objects.filter(pk=int(given["@iot.id"]),
                                                           organisation_id=stream.organisation_id).first()
                if found is None:
                    raise BadRequest(f"FeatureOfInterest({given['@iot.id']}) bestaat niet.")
                self.features[key] = found.pk
            return self.features[key]
        if given is not None:
            raise BadRequest("FeatureOfInterest via MQTT alleen als {\"@iot.id\": ...}.")
        key = ("thing", stream.thing_id)
        if key not in self.features:
            writer = Writer(self.organisation(stream.organisation_id), self.base)
            self.features[key] = writer.feature_for_thing(stream.thing_id).pk
        return self.features[key]
