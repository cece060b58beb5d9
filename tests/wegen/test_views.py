"""The wegbeheerder's pages: map, priority list, drill-down, uploads, exports; roles and tenancy."""

import math
import statistics

import pytest

from raadhuis.platform import tenancy
from raadhuis.wegen import readers, services
from raadhuis.wegen.models import RoadSegment, SegmentPass
from tests.factories import member
from tests.wegen.conftest import drive, small_city
from tests.wegen.test_services import NETWORK


@pytest.fixture
def wegbeheerder(aadorp, employee_client):
    with tenancy.scope_for([aadorp.pk]):
        services.import_network(aadorp, NETWORK, register_objects=False)
    return employee_client(member(aadorp, "wegbeheerder", username="wegbeheerder-a"))


def test_map_and_priority_list(wegbeheerder):
    response = wegbeheerder.get("/wegen/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "<svg" in body and body.count("<polyline") == 24
    assert "demo-0" in body


def test_segment_drill_down_and_other_tenant_is_404(wegbeheerder, beestad):
    with tenancy.system_scope():
        segment = RoadSegment.all_tenants.get(identificatie="demo-1")
        other = RoadSegment.all_tenants.create(
            organisation=beestad, identificatie="x", geometry={}, coords_rd=[[0, 0], [1, 1]], length=1.4
        )
    assert wegbeheerder.get(f"/wegen/wegvak/{segment.uuid}/").status_code == 200
    assert wegbeheerder.get(f"/wegen/wegvak/{other.uuid}/").status_code == 404


def test_exports(wegbeheerder):
    csv_response = wegbeheerder.get("/wegen/prioriteiten.csv")
    assert csv_response["Content-Type"].startswith("text/csv")
    assert csv_response.content.decode().splitlines()[0].startswith("identificatie,straatnaam")
    geojson = wegbeheerder.get("/wegen/prioriteiten.geojson").json()
    assert len(geojson["features"]) == 24


def test_bad_upload_gets_a_dutch_message(wegbeheerder):
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = wegbeheerder.post(
        "/wegen/ritten/",
        {
            "voertuig": "VW-9",
            "voertuigtype": "vuilniswagen",
            "bestand": SimpleUploadedFile("rit.csv", b"t,lat\n1,2\n", content_type="text/csv"),
        },
        follow=True,
    )
    assert response.status_code == 200
    assert "Kolommen ontbreken" in response.content.decode()
    response = wegbeheerder.post("/wegen/wegennet/", {}, follow=True)
    assert response.status_code == 200


def test_employee_without_the_role_is_refused(aadorp, employee_client):
    client = employee_client(member(aadorp, "behandelaar", username="behandelaar-x"))
    assert client.get("/wegen/").status_code == 403
    assert client.get("/wegen/?org=beestad").status_code == 403


def test_anonymous_is_sent_to_login(client, db):
    response = client.get("/wegen/")
    assert response.status_code == 302


def test_drill_down_shows_the_signal_of_a_pass_with_its_potholes(wegbeheerder, aadorp, classifier):
    trace, _ = drive(72, length=1200)
    with tenancy.scope_for([aadorp.pk]):
        truck = services.register_vehicle(aadorp, "VW-01", "vuilniswagen")
        services.ingest_trace(truck, readers.trace_to_csv(trace), classifier=classifier)
        checked = 0
        for item in SegmentPass.objects.select_related("segment"):
            signal = item.signal
            assert len(signal["hoogte_mm"]) == len(signal["versnelling"]) == math.ceil(item.segment.length)
            typical = statistics.median(a for a in signal["versnelling"] if a is not None)
            road = small_city().roads[int(item.segment.identificatie.removeprefix("demo-"))]
            for feature in road.features:
                if feature.kind != "gat":
                    continue
                metre = int(feature.position + feature.length / 2)
                near = range(max(0, metre - 2), metre + 3)
                # The pothole shows in the signal where it is: a dip and an impact.
                assert min(signal["hoogte_mm"][k] for k in near) < -15
                assert max(signal["versnelling"][k] for k in near) > 5 * typical
                checked += 1
        assert checked >= 3
    response = wegbeheerder.get(f"/wegen/wegvak/{item.segment.uuid}/?passage={item.pk}")
    body = response.content.decode()
    assert response.status_code == 200 and "Signaal van de passage" in body and "<polyline" in body
