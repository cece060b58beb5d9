"""Observations have no database foreign keys (ADR 0028): writes lock the streams and features
they name, deletes lock them first. These tests prove that no Observation is orphaned."""

import threading
from datetime import UTC, datetime

import pytest
from django.db import connection, transaction

from raadhuis.platform import tenancy
from raadhuis.sensoren import bulk, mqtt
from raadhuis.sensoren import models as m
from raadhuis.sensoren.writes import Writer
from tests.sensoren.conftest import THING, client_for

T0 = datetime(2026, 3, 1, 8, tzinfo=UTC)


def rows_for(stream, count):
    return [bulk.ObservationRow(organisation_id=stream.organisation_id, datastream_id=stream.pk,
                                feature_of_interest_id=_feature(stream), phenomenon_time=T0, result_number=i)
            for i in range(count)]


def _feature(stream):
    return Writer(stream.organisation, "/sensorthings/v1.1").feature_for_thing(stream.thing_id).pk


@pytest.mark.django_db
def test_a_write_naming_a_missing_stream_writes_nothing(thing):
    _, stream_id = thing
    with tenancy.system_scope():
        stream = m.Datastream.objects.get(pk=stream_id)
        rows = rows_for(stream, 3)
        rows[1].datastream_id = stream_id + 1000
        with pytest.raises(bulk.BadRequest, match=rf"Datastream\({stream_id + 1000}\) bestaat niet"):
            bulk.insert_observations(rows)
        assert not m.Observation.objects.exists()
        assert mqtt._without_vanished_streams(rows) == [rows[0], rows[2]]  # MQTT: the rest is stored


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL")
def test_a_delete_waits_for_the_write_in_flight_and_takes_its_observations(two_municipalities):
    sta = client_for(two_municipalities[0])
    _, body = sta.post("Things", THING)
    stream_id = sta.get(f"Things({body['@iot.id']})/Datastreams")[1]["value"][0]["@iot.id"]
    locked, deleted = threading.Event(), threading.Event()

    def delete_stream():
        locked.wait(10)
        try:
            with tenancy.system_scope():
                m.Datastream.objects.get(pk=stream_id).delete()  # waits for the write's commit
            deleted.set()
        finally:
            connection.close()

    deleter = threading.Thread(target=delete_stream)
    deleter.start()
    with tenancy.system_scope(), transaction.atomic():
        stream = m.Datastream.objects.get(pk=stream_id)
        bulk.insert_observations(rows_for(stream, 5))
        locked.set()
        assert not deleted.wait(1)  # the delete is blocked by the write's lock
    deleter.join(10)
    assert deleted.is_set()
    with tenancy.system_scope():
        assert not m.Observation.objects.filter(datastream_id=stream_id).exists()  # nothing orphaned
