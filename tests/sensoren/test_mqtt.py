"""Conformance classes: create-observations-via-mqtt and receive-updates-via-mqtt, against the
real Mosquitto on 127.0.0.1:1883 (skipped when it is not running)."""

import json
import socket
import threading
import uuid

import paho.mqtt.client as mqtt
import pytest
from django.test import override_settings

from raadhuis.platform import tenancy
from raadhuis.platform.models import OutboxEvent
from raadhuis.sensoren import bulk, publishing
from raadhuis.sensoren import models as m
from raadhuis.sensoren.mqtt import Ingest

pytestmark = pytest.mark.django_db
BROKER = {"host": "127.0.0.1", "port": 1883, "username": None, "password": None}


def broker_up() -> bool:
    try:
        socket.create_connection(("127.0.0.1", 1883), timeout=0.5).close()
        return True
    except OSError:
        return False


requires_broker = pytest.mark.skipif(not broker_up(), reason="no MQTT broker on 127.0.0.1:1883")


@pytest.fixture
def client_id():
    """A unique persistent-session id, wiped after the test."""
    name = f"raadhuis-test-{uuid.uuid4().hex[:10]}"
    yield name
    wipe = mqtt.Client(mqtt.CallbackAPIVersion.VERSION2, client_id=name, clean_session=True)
    wipe.connect("127.0.0.1", 1883)
    wipe.disconnect()


def publish(messages: list[tuple[str, object]]) -> None:
    from paho.mqtt import publish as mqtt_publish

    mqtt_publish.multiple(
        [{"topic": t, "payload": p if isinstance(p, str) else json.dumps(p), "qos": 1} for t, p in messages],
        hostname="127.0.0.1",
        port=1883,
    )


def observations(stream_id) -> list:
    with tenancy.system_scope():
        return sorted(
            m.Observation.objects.filter(datastream_id=stream_id).values_list("result_number", flat=True)
        )


@requires_broker
def test_req_create_observations_via_mqtt_both_topics(thing, client_id):
    _, stream_id = thing
    ingest = Ingest(BROKER, client_id=client_id)
    ingest.start()
    try:
        publish(
            [
                (
                    f"v1.1/Datastreams({stream_id})/Observations",
                    {"result": 1, "phenomenonTime": "2026-01-01T00:00:00Z"},
                ),
                ("v1.1/Observations", {"result": 2, "Datastream": {"@iot.id": stream_id}}),
                ("v1.1/Observations", "{geen json"),  # logged and acknowledged, never blocks the queue
                (f"v1.1/Datastreams({stream_id})/Observations", {"result": 3, "kleur": "rood"}),
                # The server's own publication of a stored Observation (same topic): not a create.
                (f"v1.1/Datastreams({stream_id})/Observations", {"@iot.id": 1, "result": 4}),
                ("v1.1/FeaturesOfInterest(1)/Observations", {"result": 5}),
            ]
        )
        assert ingest.drain(6) == 6
    finally:
        ingest.stop()
    assert observations(stream_id) == [1.0, 2.0]


@requires_broker
def test_req_create_observations_via_mqtt_restart_loses_nothing(thing, client_id, monkeypatch):
    """QoS 1 with a persistent session: messages published while the listener is down, and
    messages whose batch failed before commit (never acknowledged), are delivered again."""
    _, stream_id = thing
    first = Ingest(BROKER, client_id=client_id)
    first.start()  # registers the persistent session and its subscriptions
    first.stop()
    topic = f"v1.1/Datastreams({stream_id})/Observations"
    publish([(topic, {"result": i}) for i in range(5)])  # the listener is down: the broker keeps them

    crashing = Ingest(BROKER, client_id=client_id)

    def fail(rows):
        raise RuntimeError("database weg")

    monkeypatch.setattr(bulk, "insert_observations", fail)
    crashing.start()
    with pytest.raises(RuntimeError):
        crashing.drain(5, timeout=5)
    crashing.stop()  # crashed before the commit: nothing acknowledged
    monkeypatch.undo()
    assert observations(stream_id) == []

    restarted = Ingest(BROKER, client_id=client_id)
    restarted.start()
    try:
        restarted.drain(5, timeout=15)
    finally:
        restarted.stop()
    assert observations(stream_id) == [0.0, 1.0, 2.0, 3.0, 4.0]


@requires_broker
@override_settings(MQTT_URL="mqtt://127.0.0.1:1883")
def test_req_receive_updates_via_mqtt_entity_collection_and_property_topics(sta, thing):
    thing_id, stream_id = thing
    received: list[tuple[str, dict]] = []
    ready = threading.Event()
    listener = mqtt.Client(mqtt.CallbackAPIVersion.VERSION2)
    listener.on_message = lambda c, u, msg: received.append((msg.topic, json.loads(msg.payload)))
    listener.on_subscribe = lambda *args: ready.set()
    listener.connect("127.0.0.1", 1883)
    listener.subscribe(
        [
            (f"v1.1/Datastreams({stream_id})/Observations", 1),
            (f"v1.1/Things({thing_id})/name", 1),
            ("v1.1/Things", 1),
        ]
    )
    listener.loop_start()
    assert ready.wait(5)
    try:
        sta.post(f"Datastreams({stream_id})/Observations", {"result": 7})
        sta.send("patch", f"Things({thing_id})", {"name": "Hernoemd"})
        with tenancy.system_scope():
            events = list(OutboxEvent.objects.filter(kanaal="sensoren").order_by("pk"))
        for event in events[-2:]:
            publishing.publish_to_broker(event)
        for _ in range(50):
            if len(received) >= 3:
                break
            threading.Event().wait(0.1)
    finally:
        listener.loop_stop()
        listener.disconnect()
    topics = dict(received)
    assert topics[f"v1.1/Datastreams({stream_id})/Observations"]["result"] == 7
    assert topics[f"v1.1/Things({thing_id})/name"] == {"name": "Hernoemd"}
    assert topics["v1.1/Things"]["name"] == "Hernoemd"


@requires_broker
def test_req_create_observations_via_mqtt_with_several_sessions_on_a_shared_subscription(thing, client_id):
    _, stream_id = thing
    ingest = Ingest(BROKER, client_id=client_id, connections=3)
    ingest.start()
    try:
        publish([(f"v1.1/Datastreams({stream_id})/Observations", {"result": i}) for i in range(30)])
        assert ingest.drain(30) == 30
    finally:
        ingest.stop()
        for client in ingest.clients:
            wipe = mqtt.Client(mqtt.CallbackAPIVersion.VERSION2, client_id=client._client_id.decode(),
                               clean_session=True)
            wipe.connect("127.0.0.1", 1883)
            wipe.disconnect()
    assert observations(stream_id) == [float(i) for i in range(30)]


@requires_broker
def test_req_create_observations_via_mqtt_window_beyond_twenty_unacknowledged(thing, client_id):
    """MQTT 5 receive maximum: the broker sends more than Mosquitto's MQTT 3.1.1 default of 20
    unacknowledged messages, so one session can fill a whole batch before its commit."""
    _, stream_id = thing
    ingest = Ingest(BROKER, client_id=client_id, window=200, batch_size=500)
    ingest.start()
    try:
        publish([(f"v1.1/Datastreams({stream_id})/Observations", {"result": i}) for i in range(60)])
        for _ in range(100):  # nothing acknowledged yet: all 60 must still arrive
            if len(ingest._buffer) == 60:
                break
            threading.Event().wait(0.05)
        assert len(ingest._buffer) == 60
        assert ingest.flush() == 60  # one batch, one transaction
    finally:
        ingest.stop()
    assert observations(stream_id) == [float(i) for i in range(60)]


@requires_broker
def test_req_create_observations_via_mqtt_crash_between_batches_loses_and_repeats_nothing(
        thing, client_id, monkeypatch):
    """Batches of 10: the first is committed and acknowledged, the second fails before its
    commit; after a restart the broker delivers exactly the unacknowledged rest."""
    _, stream_id = thing
    topic = f"v1.1/Datastreams({stream_id})/Observations"
    crashing = Ingest(BROKER, client_id=client_id, batch_size=10)
    crashing.start()
    publish([(topic, {"result": i}) for i in range(25)])
    real_insert, calls = bulk.insert_observations, []

    def second_batch_fails(rows):
        calls.append(len(rows))
        if len(calls) == 2:
            raise RuntimeError("database weg")
        return real_insert(rows)

    monkeypatch.setattr(bulk, "insert_observations", second_batch_fails)
    with pytest.raises(RuntimeError):
        crashing.drain(25, timeout=10)
    crashing.stop()
    monkeypatch.undo()
    assert observations(stream_id) == [float(i) for i in range(10)]  # the first batch only

    restarted = Ingest(BROKER, client_id=client_id, batch_size=10)
    restarted.start()
    try:
        assert restarted.drain(15, timeout=15) == 15
    finally:
        restarted.stop()
    assert observations(stream_id) == [float(i) for i in range(25)]  # each exactly once


@requires_broker
def test_req_create_observations_via_mqtt_skips_a_stream_deleted_meanwhile(sta, thing, client_id):
    """A Datastream deleted while its messages wait in a batch: those are logged and acknowledged,
    the rest of the batch is stored."""
    thing_id, stream_id = thing
    status, other = sta.post("Datastreams", {
        "name": "Tweede", "description": "-", "observationType": "OM_Measurement",
        "unitOfMeasurement": {"symbol": "%"}, "Thing": {"@iot.id": thing_id},
        "Sensor": {"name": "S", "description": "-", "encodingType": "text/html", "metadata": "-"},
        "ObservedProperty": {"name": "P", "definition": "p", "description": "-"}})
    assert status == 201, other
    ingest = Ingest(BROKER, client_id=client_id)
    ingest.start()
    try:
        publish([(f"v1.1/Datastreams({stream_id})/Observations", {"result": 1}),
                 (f"v1.1/Datastreams({other['@iot.id']})/Observations", {"result": 2})])
        for _ in range(100):
            if len(ingest._buffer) == 2:
                break
            threading.Event().wait(0.05)
        assert sta.send("delete", f"Datastreams({other['@iot.id']})")[0] == 200
        assert ingest.flush() == 2
    finally:
        ingest.stop()
    assert observations(stream_id) == [1.0]
    with tenancy.system_scope():
        assert not m.Observation.objects.filter(datastream_id=other["@iot.id"]).exists()


@requires_broker
def test_req_create_observations_via_mqtt_shared_subscription_processes_lose_and_repeat_nothing(
        thing, client_id, monkeypatch):
    """Two listeners of one group (as ``mqtt-ingest --processes 2`` runs them, ADR 0040): the
    broker gives each message to one of them; one crashes before its commit, the other goes
    on, and after its restart the crashed one's unacknowledged messages arrive again: every
    observation is stored exactly once."""
    _, stream_id = thing
    topic = f"v1.1/Datastreams({stream_id})/Observations"
    group = client_id
    second_id = f"{client_id}-p1"
    crashing = Ingest(BROKER, client_id=client_id, group=group, batch_size=1000)
    other = Ingest(BROKER, client_id=second_id, group=group, batch_size=1000)
    crashing.start()
    other.start()
    try:
        publish([(topic, {"result": i}) for i in range(40)])
        for _ in range(200):
            if len(crashing._buffer) + len(other._buffer) == 40:
                break
            threading.Event().wait(0.05)
        assert len(crashing._buffer) > 0 and len(other._buffer) > 0  # the work is shared
        assert len(crashing._buffer) + len(other._buffer) == 40  # each message to one listener
        lost_with_crash = len(crashing._buffer)

        def fail(rows):
            raise RuntimeError("database weg")

        monkeypatch.setattr(bulk, "insert_observations", fail)
        with pytest.raises(RuntimeError):
            crashing.flush()
        monkeypatch.undo()
        crashing.stop()  # crashed before its commit: nothing of its share acknowledged
        assert other.flush() == 40 - lost_with_crash
        assert len(observations(stream_id)) == 40 - lost_with_crash

        restarted = Ingest(BROKER, client_id=client_id, group=group, batch_size=1000)
        restarted.start()
        try:
            assert restarted.drain(lost_with_crash, timeout=15) == lost_with_crash
        finally:
            restarted.stop()
    finally:
        other.stop()
        wipe = mqtt.Client(mqtt.CallbackAPIVersion.VERSION2, client_id=second_id, clean_session=True)
        wipe.connect("127.0.0.1", 1883)
        wipe.disconnect()
    assert observations(stream_id) == [float(i) for i in range(40)]  # each exactly once


def test_common_messages_take_the_quick_way_and_store_what_the_general_way_stores(thing):
    """A number at an instant on a Datastream's topic skips the general checks (ADR 0040); the
    row is the one the general path makes, and anything unusual still goes the general way."""
    from raadhuis.sensoren import mqtt as ingest_module

    _, stream_id = thing
    topic = f"v1.1/Datastreams({stream_id})/Observations"
    payloads = [
        {"phenomenonTime": "2026-01-01T10:00:00+01:00", "result": 2.5},  # quick
        {"phenomenonTime": "2026-01-01T10:00:00+01:00", "result": 2.5, "parameters": {}},  # general
        {"phenomenonTime": "2026-01-01T09:00:00", "result": 7},  # no zone: general, UTC
        {"phenomenonTime": "2026-01-01T09:00:00Z/2026-01-01T10:00:00Z", "result": 1},  # interval: general
        {"phenomenonTime": "gisteren", "result": 1},  # refused (logged, acknowledged)
    ]
    messages = [ingest_module.Message(n, topic, json.dumps(p).encode()) for n, p in enumerate(payloads)]
    assert ingest_module.store(messages, "/sensorthings/v1.1") == 4
    with tenancy.system_scope():
        rows = list(m.Observation.objects.filter(datastream_id=stream_id).order_by("pk").values_list(
            "phenomenon_time", "phenomenon_time_end", "result_number", "feature_of_interest_id",
            "parameters"))
    quick, general = rows[0], rows[1]
    assert quick[:4] == general[:4] and quick[4] is None and general[4] == {}
    assert quick[0].isoformat() == "2026-01-01T09:00:00+00:00"
    assert rows[2][0].isoformat() == "2026-01-01T09:00:00+00:00" and rows[2][2] == 7.0
    assert rows[3][1] is not None


@requires_broker
def test_req_create_observations_via_mqtt_retiring_a_slot_strands_nothing(thing, client_id):
    """Fewer processes than before (``--retire-slots``, ADR 0040): while both listeners of a group
    are down the broker splits the messages between their sessions; retiring the second one
    stores its share and ends its session, after which every message goes to the first."""
    _, stream_id = thing
    topic = f"v1.1/Datastreams({stream_id})/Observations"
    second_id = f"{client_id}-p1"
    for name in (client_id, second_id):  # both sessions and subscriptions exist, then go down
        listener = Ingest(BROKER, client_id=name, group=client_id)
        listener.start()
        listener.stop()
    publish([(topic, {"result": i}) for i in range(20)])

    retiring = Ingest(BROKER, client_id=second_id, group=client_id, retiring=True)
    retiring.start()
    share = retiring.retire(quiet_seconds=1.0)
    assert 0 < share < 20  # it held a share, now stored

    first = Ingest(BROKER, client_id=client_id, group=client_id)
    first.start()
    try:
        publish([(topic, {"result": i}) for i in range(20, 30)])  # the second slot gets none of these
        assert first.drain(30 - share, timeout=15) == 30 - share
    finally:
        first.stop()
    assert observations(stream_id) == [float(i) for i in range(30)]
    probe = mqtt.Client(mqtt.CallbackAPIVersion.VERSION2, client_id=second_id, protocol=mqtt.MQTTv5)
    present = []
    probe.on_connect = lambda client, data, flags, reason, properties: present.append(flags.session_present)
    probe.connect("127.0.0.1", 1883, clean_start=False)
    probe.loop_start()
    for _ in range(50):
        if present:
            break
        threading.Event().wait(0.05)
    probe.disconnect()
    probe.loop_stop()
    assert present == [False]  # the retired session is gone
