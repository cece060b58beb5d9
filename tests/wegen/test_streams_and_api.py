"""Vehicles as SensorThings Things: a drive streamed as Observations gives the same passes and
defects as the same drive uploaded as a file; trips end at a silence; the REST API for
vehicles and uploads; tenancy."""

import csv
import io
from datetime import UTC, datetime, timedelta

import pytest
from django.test import Client
from django.utils import timezone

from raadhuis.platform import outbox, tenancy
from raadhuis.wegen import classifier as classifier_store
from raadhuis.wegen import readers, services, streams
from raadhuis.wegen.models import Defect, SegmentPass, Trace, Vehicle
from tests.sensoren.conftest import client_for
from tests.wegen.conftest import drive, quick_classifier
from tests.wegen.test_services import NETWORK

T0 = datetime(2026, 5, 4, 7, 0, tzinfo=UTC)
CHUNK = 4000  # rows per CreateObservations, as a box posting every ~40 s


@pytest.fixture(autouse=True)
def quick_default_classifier(monkeypatch):
    # Streamed trips use the default classifier; the quick one keeps the test in seconds.
    monkeypatch.setattr(classifier_store, "default", quick_classifier)


@pytest.fixture
def networks(aadorp, beestad):
    for organisation in (aadorp, beestad):
        with tenancy.scope_for([organisation.pk]):
            services.import_network(organisation, NETWORK, register_objects=False)
    return aadorp, beestad


def rows_with_times(trace, start: datetime) -> list[list[str]]:
    """The upload CSV's rows, with ISO 8601 times from ``start`` (what the box records)."""
    rows = list(csv.reader(io.StringIO(readers.trace_to_csv(trace).decode())))[1:]
    return [[(start + timedelta(seconds=float(row[0]))).isoformat(), *row[1:]] for row in rows]


def as_csv(rows) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(readers.TRACE_COLUMNS)
    writer.writerows(rows)
    return out.getvalue().encode()


def stream(sta, vehicle, rows) -> None:
    """Post the rows as Observations of the vehicle's two MultiDatastreams, in chunks, and run
    the outbox as the worker would after each request."""
    gps = [[row[0], [float(v) for v in row[1:4]]] for row in rows if row[1]]
    acc = [[row[0], [float(v) for v in row[4:7]]] for row in rows if row[4]]
    for stream_id, data in ((vehicle.gps_stream_id, gps), (vehicle.acc_stream_id, acc)):
        for start in range(0, len(data), CHUNK):
            status, body = sta.post(
                "CreateObservations",
                [
                    {
                        "MultiDatastream": {"@iot.id": stream_id},
                        "components": ["phenomenonTime", "result"],
                        "dataArray": data[start : start + CHUNK],
                    }
                ],
            )
            assert status == 201, body
            with tenancy.system_scope():
                outbox.drain()


def outcome(trace: Trace):
    with tenancy.scope_for([trace.organisation_id]):
        passes = sorted(
            (p.segment.identificatie, p.forward, round(p.iri, 6), round(p.coverage, 6), p.measured_at)
            for p in SegmentPass.objects.filter(trace=trace).select_related("segment")
        )
        defects = sorted(
            (d.segment.identificatie, d.kind, round(d.measure, 3), d.severity, d.first_seen)
            for d in Defect.objects.filter(organisation_id=trace.organisation_id).select_related("segment")
        )
        return passes, defects, trace.status, trace.issues


def test_vehicle_is_a_thing_with_gps_and_accelerometer_streams(networks):
    aadorp, _ = networks
    anonymous = Client()
    with tenancy.scope_for([aadorp.pk]):
        truck = services.register_vehicle(aadorp, "VW-01", "vuilniswagen")
        assert services.register_vehicle(aadorp, "VW-01", "vuilniswagen").thing_id == truck.thing_id  # once
    thing = anonymous.get(f"/sensorthings/v1.1/Things({truck.thing_id})").json()
    assert thing["name"] == "Voertuig VW-01" and thing["properties"]["persoonsgegevens"] is True
    gps = anonymous.get(f"/sensorthings/v1.1/MultiDatastreams({truck.gps_stream_id})").json()
    assert gps["name"] == "VW-01 GPS" and len(gps["unitOfMeasurements"]) == 3
    observed = anonymous.get(
        f"/sensorthings/v1.1/MultiDatastreams({truck.acc_stream_id})/ObservedProperties"
    ).json()
    assert [p["name"] for p in observed["value"]] == ["versnelling x", "versnelling y", "versnelling z"]


def test_streamed_drive_equals_the_uploaded_file_and_trips_end_at_a_silence(networks):
    aadorp, beestad = networks
    trace, _ = drive(72, length=1000)
    rows = rows_with_times(trace, T0)
    second, _ = drive(74, length=400)
    later = rows_with_times(second, T0 + timedelta(seconds=trace.duration) + timedelta(minutes=10))

    with tenancy.scope_for([aadorp.pk]):
        uploaded_truck = services.register_vehicle(aadorp, "VW-01", "vuilniswagen")
        uploaded = services.ingest_trace(uploaded_truck, as_csv(rows))
    with tenancy.scope_for([beestad.pk]):
        streaming_truck = services.register_vehicle(beestad, "VW-01", "vuilniswagen")

    stream(client_for(beestad), streaming_truck, rows + later)
    with tenancy.scope_for([beestad.pk]):
        made = list(Trace.objects.filter(vehicle=streaming_truck))
    waiting = Client().get(
        f"/sensorthings/v1.1/MultiDatastreams({streaming_truck.gps_stream_id})/Observations?$count=true"
    )
    assert waiting.json()["@iot.count"] == sum(1 for row in later if row[1])  # the open trip's fixes
    # The first trip is over (a 10-minute silence and later fixes); the second is still open.
    assert len(made) == 1 and made[0].source == Trace.Source.SENSORTHINGS
    assert made[0].started_at == uploaded.started_at == T0
    streamed_passes, streamed_defects, status, issues = outcome(made[0])
    uploaded_passes, uploaded_defects, uploaded_status, uploaded_issues = outcome(uploaded)
    assert status == uploaded_status == Trace.Status.VERWERKT
    assert len(streamed_passes) >= 4 and streamed_passes == uploaded_passes
    assert streamed_defects == uploaded_defects
    assert issues == uploaded_issues

    # Nothing arrives for two minutes: the sweep analyses the open trip, once.
    assert services.process_streams(timezone.now() + timedelta(minutes=1)) == 0
    assert services.process_streams(timezone.now() + streams.TRIP_GAP + timedelta(seconds=1)) == 1
    assert services.process_streams(timezone.now() + timedelta(hours=1)) == 0
    with tenancy.scope_for([beestad.pk]):
        assert Trace.objects.filter(vehicle=streaming_truck).count() == 2
    # Analysed trips leave no raw positions behind in the public SensorThings API.
    anonymous = Client()
    for stream_id in (streaming_truck.gps_stream_id, streaming_truck.acc_stream_id):
        left = anonymous.get(f"/sensorthings/v1.1/MultiDatastreams({stream_id})/Observations?$count=true")
        assert left.json()["@iot.count"] == 0
    with tenancy.scope_for([aadorp.pk]):  # each municipality sees only its own
        assert list(Trace.objects.all()) == [uploaded]


def test_another_municipality_cannot_stream_to_a_vehicle(networks):
    aadorp, beestad = networks
    with tenancy.scope_for([aadorp.pk]):
        truck = services.register_vehicle(aadorp, "VW-01", "vuilniswagen")
    status, _ = client_for(beestad).post(
        "CreateObservations",
        [
            {
                "MultiDatastream": {"@iot.id": truck.gps_stream_id},
                "components": ["phenomenonTime", "result"],
                "dataArray": [[T0.isoformat(), [52.1, 5.3, 8.0]]],
            }
        ],
    )
    assert status == 400
    with tenancy.system_scope():
        truck.refresh_from_db()
        assert truck.stream_received_at is None


# --- REST API --------------------------------------------------------------------------------


def api(organisation):
    """The JWT headers of a (new) API client of the organisation: call once per organisation."""
    return client_for(organisation).headers


def test_api_registers_a_vehicle_uploads_a_drive_and_reports_it(networks):
    aadorp, beestad = networks
    headers = api(aadorp)
    client = Client()
    created = client.post(
        "/wegen/api/v1/voertuigen",
        {"identificatie": "BUS-7", "voertuigtype": "bus", "stalling": [5.39, 52.16]},
        content_type="application/json",
        **headers,
    )
    assert created.status_code == 201, created.content
    assert created.json()["gpsStroom"].endswith(")")

    trace, _ = drive(75, length=500)
    upload = io.BytesIO(readers.trace_to_csv(trace))
    upload.name = "rit.csv"
    answer = client.post("/wegen/api/v1/ritten", {"voertuig": "BUS-7", "bestand": upload}, **headers)
    assert answer.status_code == 201, answer.content
    body = answer.json()
    assert body["status"] == "verwerkt" and body["passages"] >= 2 and body["bron"] == "upload"

    # The file as the whole body, for a box that posts it as it is.
    raw = client.post(
        "/wegen/api/v1/ritten?voertuig=BUS-7", readers.trace_to_csv(trace), content_type="text/csv", **headers
    )
    assert raw.status_code == 201 and raw.json()["passages"] == body["passages"]
    assert client.get(f"/wegen/api/v1/ritten/{body['uuid']}", **headers).json()["uuid"] == body["uuid"]
    # Another municipality's client does not see it.
    other_headers = api(beestad)
    other = client.get(f"/wegen/api/v1/ritten/{body['uuid']}", **other_headers)
    assert other.status_code == 404 and other.json()["status"] == 404
    assert client.get("/wegen/api/v1/voertuigen", **other_headers).json() == []


def test_api_bad_input_is_a_zgw_error(networks):
    aadorp, _ = networks
    headers = api(aadorp)
    client = Client()
    assert client.post("/wegen/api/v1/ritten", {"voertuig": "X"}).status_code in (401, 403)
    missing_type = client.post(
        "/wegen/api/v1/ritten?voertuig=NIEUW", b"t,lat\n1,2\n", content_type="text/csv", **headers
    )
    assert missing_type.status_code == 400
    assert missing_type.json()["invalidParams"][0]["name"] == "voertuig"
    bad_file = client.post(
        "/wegen/api/v1/ritten?voertuig=NIEUW&voertuigtype=bus",
        b"t,x\n1,2\n",
        content_type="text/csv",
        **headers,
    )
    assert bad_file.status_code == 400
    problem = bad_file.json()
    assert (
        problem["invalidParams"][0]["name"] == "bestand"
        and "ontbreken" in problem["invalidParams"][0]["reason"]
    )
    bad_vehicle = client.post(
        "/wegen/api/v1/voertuigen",
        {"identificatie": "T-1", "voertuigtype": "tractor"},
        content_type="application/json",
        **headers,
    )
    assert bad_vehicle.status_code == 400 and bad_vehicle.json()["invalidParams"][0]["name"] == "voertuigtype"
    with tenancy.scope_for([aadorp.pk]):
        assert not Vehicle.objects.filter(identificatie="T-1").exists()
