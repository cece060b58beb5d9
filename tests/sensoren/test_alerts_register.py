"""Alert rules that open exactly one zaak; the public sensor register; the objecten link."""

import threading
from datetime import UTC, datetime, timedelta

import pytest
from django.db import connection

from raadhuis.platform import outbox, tenancy
from raadhuis.sensoren import alerts, objects_link
from raadhuis.sensoren import models as m
from raadhuis.zgw.zaken.models import Zaak
from tests.zgw.zaken.factories import CatalogusFactory, StatustypeFactory, ZaaktypeFactory

pytestmark = pytest.mark.django_db
T0 = datetime(2026, 3, 1, 8, tzinfo=UTC)


@pytest.fixture
def zaaktype(aadorp):
    with tenancy.system_scope():
        zaaktype = ZaaktypeFactory(
            catalogus=CatalogusFactory(organisation=aadorp), identificatie="SENSOR", concept=False
        )
        StatustypeFactory(zaaktype=zaaktype, volgnummer=1, omschrijving="Gemeld")
        StatustypeFactory(zaaktype=zaaktype, volgnummer=2, omschrijving="Afgehandeld")
    return zaaktype


def rule(aadorp, stream_id, **values):
    attrs = {"name": "Container vol", "kind": "above", "threshold": 80, "datastream_id": stream_id,
             "zaaktype_identificatie": "SENSOR", **values}
    with tenancy.scope_for([aadorp.pk]):
        created = m.AlertRule(organisation=aadorp, **attrs)
        created.save()
        return created


def observe(sta, stream_id, *values, start=T0, step=timedelta(minutes=10)):
    rows = [[(start + i * step).isoformat(), v] for i, v in enumerate(values)]
    status, links = sta.post(
        "CreateObservations",
        [
            {
                "Datastream": {"@iot.id": stream_id},
                "components": ["phenomenonTime", "result"],
                "dataArray": rows,
            }
        ],
    )
    assert status == 201, links
    with tenancy.system_scope():
        outbox.drain()  # the alerts handler runs after commit, as the worker would


def open_zaken(aadorp):
    with tenancy.scope_for([aadorp.pk]):
        return list(Zaak.objects.filter(einddatum__isnull=True))


def test_threshold_rule_opens_exactly_one_zaak_and_annotates_it_when_normal(sta, aadorp, thing, zaaktype):
    _, stream_id = thing
    alarm = rule(aadorp, stream_id)
    observe(sta, stream_id, 50, 85)
    observe(sta, stream_id, 90, 95, start=T0 + timedelta(hours=1))  # still full: updated, not duplicated
    zaken = open_zaken(aadorp)
    assert len(zaken) == 1
    assert zaken[0].omschrijving == "Sensoralarm: Container vol"
    with tenancy.scope_for([aadorp.pk]):
        case = m.AlertCase.objects.get(rule=alarm)
        assert case.last_value == 95 and case.closed_at is None
    observe(sta, stream_id, 10, start=T0 + timedelta(hours=2))  # emptied
    with tenancy.scope_for([aadorp.pk]):
        case.refresh_from_db()
        assert case.closed_at is not None
        assert "weer normaal" in Zaak.objects.get(uuid=case.zaak_uuid).toelichting
    observe(sta, stream_id, 99, start=T0 + timedelta(hours=3))  # a new episode: a new zaak
    assert len(open_zaken(aadorp)) == 2


def test_duration_rule_waits_until_the_breach_lasted_long_enough(sta, aadorp, thing, zaaktype):
    _, stream_id = thing
    rule(aadorp, stream_id, name="PM2.5 te hoog", threshold=25, duration_minutes=60)
    observe(sta, stream_id, 10, 30, 31, 32)  # above for 20 minutes
    assert open_zaken(aadorp) == []
    observe(sta, stream_id, 33, 34, 35, 36, start=T0 + timedelta(minutes=40))  # above for 70 minutes
    assert len(open_zaken(aadorp)) == 1


def test_silent_rule(sta, aadorp, thing, zaaktype):
    _, stream_id = thing
    rule(aadorp, stream_id, name="Stil", kind="silent", threshold=None, duration_minutes=24 * 60)
    observe(sta, stream_id, 10)
    with tenancy.system_scope():
        assert alerts.check_silence(now=T0 + timedelta(hours=2)) == 0
        assert alerts.check_silence(now=T0 + timedelta(hours=25)) == 1
        assert alerts.check_silence(now=T0 + timedelta(hours=26)) == 1  # the same case, updated
    assert len(open_zaken(aadorp)) == 1


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="concurrent writers need PostgreSQL")
def test_concurrent_evaluation_opens_one_zaak(two_municipalities, zaaktype):
    aadorp = two_municipalities[0]
    from tests.sensoren.conftest import THING, client_for

    sta = client_for(aadorp)
    _, body = sta.post("Things", THING)
    stream_id = sta.get(f"Things({body['@iot.id']})/Datastreams")[1]["value"][0]["@iot.id"]
    alarm = rule(aadorp, stream_id)
    sta.post(f"Datastreams({stream_id})/Observations", {"result": 99})
    with tenancy.system_scope():
        stream = m.Datastream.objects.get(pk=stream_id)
    barrier = threading.Barrier(4)

    def evaluate():
        barrier.wait()
        try:
            with tenancy.system_scope():
                alerts.evaluate(alarm, stream)
        finally:
            connection.close()

    threads = [threading.Thread(target=evaluate) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(open_zaken(aadorp)) == 1


def test_register_page_json_and_csv_are_public(anonymous, thing, client):
    response = client.get("/sensoren/register/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Container Markt 1" in page and "Team Afval" in page and "<caption>" in page
    data = client.get("/sensoren/register.json").json()["sensoren"]
    assert data[0]["naam"] == "Container Markt 1"
    assert data[0]["meet"] == "Vulgraad" and data[0]["persoonsgegevens"] is False
    assert data[0]["lengtegraad"] == 5.12
    csv_text = client.get("/sensoren/register.csv").content.decode()
    assert csv_text.splitlines()[0].startswith("id,naam,organisatie,eigenaar")
    assert ",nee," in csv_text


def test_thing_is_registered_as_object_in_objecten(sta, aadorp, thing):
    thing_id, _ = thing
    objects_link.register_thing_object(thing_id)
    objects_link.register_thing_object(thing_id)  # idempotent: an update, not a second object
    from raadhuis.objecten import services as objecten

    with tenancy.scope_for([aadorp.pk]):
        link = m.ThingObject.objects.get(thing_id=thing_id)
        found = objecten.get_object(link.object_uuid)
    assert found["record"]["data"]["sensorthingsId"] == thing_id
    assert found["record"]["data"]["eigenaar"] == "Team Afval"


def test_downsampling_keeps_hourly_aggregates_and_retention_removes_old_raw(sta, thing, settings):
    _, stream_id = thing
    old = datetime(2024, 1, 1, 10, tzinfo=UTC)
    observe(sta, stream_id, 10, 20, 30, start=old, step=timedelta(minutes=15))
    observe(sta, stream_id, 40, start=datetime(2026, 2, 1, tzinfo=UTC))
    settings.SENSOR_RAW_RETENTION_MONTHS = 12
    from raadhuis.sensoren import retention

    with tenancy.system_scope():
        assert retention.purge_raw(now=datetime(2026, 2, 2, tzinfo=UTC)) == 3
        hourly = m.HourlyAggregate.objects.get(datastream_id=stream_id, hour=old)
        assert (hourly.count, hourly.minimum, hourly.maximum, hourly.mean) == (3, 10, 30, 20)
        assert list(m.Observation.objects.values_list("result_number", flat=True)) == [40]
