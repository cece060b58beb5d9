"""Demo loader, simulator and commands."""

import pytest
from django.core.management import CommandError, call_command

from raadhuis.platform import tenancy
from raadhuis.sensoren import demo
from raadhuis.sensoren import models as m

pytestmark = pytest.mark.django_db


def test_demo_things_are_idempotent_and_simulator_writes_realistic_values(aadorp, settings):
    settings.MQTT_URL = ""
    aadorp.slug = "voorbeeldstad"
    with tenancy.system_scope():
        aadorp.save()
    with tenancy.scope_for([aadorp.pk]):
        demo.demo_things(aadorp)
        demo.demo_things(aadorp)
        assert m.Thing.objects.count() == 12 and m.Datastream.objects.count() == 12
    call_command("simulate-sensors", rounds=2, interval=0)
    with tenancy.system_scope():
        values = {kind: list(m.Observation.objects.filter(datastream__thing__properties__soort=kind)
                             .values_list("result_number", flat=True)) for kind in demo.KINDS}
    assert all(len(v) == 6 for v in values.values())
    assert all(0 < v < 200 for v in values["luchtkwaliteit"])
    assert all(30 < v < 90 for v in values["geluid"])
    assert all(0 <= v <= 100 for v in values["parkeren"] + values["afvalcontainer"])


def test_mqtt_ingest_refuses_without_broker_setting(settings):
    settings.MQTT_URL = ""
    with pytest.raises(CommandError, match="MQTT_URL"):
        call_command("mqtt-ingest")


def test_maintenance_command_runs(db, capsys):
    call_command("sensor-maintenance")
    assert "uuraggregaten" in capsys.readouterr().out


def test_mqtt_ingest_needs_at_least_one_process(settings):
    settings.MQTT_URL = "mqtt://127.0.0.1:1883"
    with pytest.raises(CommandError, match="--processes"):
        call_command("mqtt-ingest", processes=0)
