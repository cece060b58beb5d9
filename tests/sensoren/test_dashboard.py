"""The werkplek sensor dashboard: latest values, alert cases with their zaak, a chart per
datastream; only the employee's own organisations."""

import uuid
from datetime import UTC, datetime, timedelta

import pytest
from django.urls import reverse

from raadhuis.platform import tenancy
from raadhuis.sensoren import models as m
from tests.sensoren.conftest import THING

pytestmark = pytest.mark.django_db
T0 = datetime(2026, 3, 1, 8, tzinfo=UTC)


def observe(sta, stream_id, values, start=T0):
    rows = [[(start + timedelta(minutes=20 * i)).isoformat(), v] for i, v in enumerate(values)]
    status, body = sta.post("CreateObservations", [{"Datastream": {"@iot.id": stream_id},
                                                    "components": ["phenomenonTime", "result"],
                                                    "dataArray": rows}])
    assert status == 201, body


@pytest.fixture
def alarm(aadorp, thing):
    thing_id, stream_id = thing
    with tenancy.scope_for([aadorp.pk]):
        rule = m.AlertRule(organisation=aadorp, name="Container vol", kind="above", threshold=80,
                           datastream_id=stream_id, zaaktype_identificatie="SENSOR")
        rule.save()
        case = m.AlertCase(organisation=aadorp, rule=rule, thing_id=thing_id, zaak_uuid=uuid.uuid4(),
                           last_value=93)
        case.save()
    return case


def test_dashboard_shows_latest_values_open_alerts_and_the_map_data(sta, thing, alarm, behandelaar_a,
                                                                     employee_client):
    _, stream_id = thing
    observe(sta, stream_id, [40, 61.5])
    _, other = sta.post("Datastreams", {
        "name": "Temperatuur", "description": "-", "observationType": "OM_Measurement",
        "unitOfMeasurement": {"symbol": "°C"}, "Thing": {"@iot.id": thing[0]},
        "Sensor": {"name": "T", "description": "-", "encodingType": "text/html", "metadata": "-"},
        "ObservedProperty": {"name": "Temperatuur", "definition": "t", "description": "-"}})
    observe(sta, other["@iot.id"], [0])  # a zero is a value, not an empty cell
    page = employee_client(behandelaar_a).get(reverse("sensoren:dashboard"))
    assert page.status_code == 200
    html = page.content.decode()
    assert THING["name"] in html and "61.5" in html  # the latest value, not an older one
    assert "Container vol" in html and reverse("werkplek:zaak", args=[alarm.zaak_uuid]) in html
    points = page.context["points"]
    assert points[0]["naam"] == THING["name"] and "61.5" in points[0]["meet"]
    assert page.context["things"][0]["alarm"] is True
    assert "0,0 °C" in html  # Dutch number format
    assert reverse("sensoren:dashboard") in html  # linked from the werkplek navigation


def test_dashboard_shows_only_the_employees_organisations(sta, thing, alarm, behandelaar_b, employee_client):
    client = employee_client(behandelaar_b)
    page = client.get(reverse("sensoren:dashboard"))
    assert page.status_code == 200
    assert THING["name"] not in page.content.decode() and not page.context["open_cases"]
    _, stream_id = thing
    assert client.get(reverse("sensoren:dashboard-datastream", args=[stream_id])).status_code == 404


def test_dashboard_needs_a_login(client, db):
    page = client.get(reverse("sensoren:dashboard"))
    assert page.status_code == 302


def test_datastream_chart_is_drawn_from_hourly_values(sta, thing, behandelaar_a, employee_client):
    _, stream_id = thing
    start = datetime.now(UTC).replace(minute=0, second=0, microsecond=0) - timedelta(hours=3)
    observe(sta, stream_id, [10, 20, 30, 40, 50, 60, 70], start=start)  # 20 minutes apart: 3 hours
    page = employee_client(behandelaar_a).get(reverse("sensoren:dashboard-datastream", args=[stream_id]))
    assert page.status_code == 200
    hours = page.context["hours"]
    assert [round(h["mean"]) for h in hours] == [20, 50, 70]  # (10+20+30)/3, (40+50+60)/3, 70
    chart = page.context["chart"]
    assert chart["low"] == 10 and chart["high"] == 70
    points = chart["line"].split()
    assert points[0] == "0.0,133.3"  # 160 - (20 - 10) / 60 * 160: the first hour's mean
    assert points[-1] == "600.0,0.0"  # the last hour's mean is the maximum
    assert "<polyline" in page.content.decode()
