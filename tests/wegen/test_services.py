"""The wegen services on the database: network import, ingest, conditions, ground motion,
priority exports, pothole zaken with deduplication, and tenancy."""

import csv
import io
import json
from datetime import date, timedelta

import pytest
from django.utils import timezone

from raadhuis.platform import tenancy
from raadhuis.wegen import demo, readers, services
from raadhuis.wegen.models import Defect, RoadSegment, SegmentPass, Trace
from raadhuis.zgw.catalogi import services as catalogi
from raadhuis.zgw.zaken import services as zaken
from tests.wegen.conftest import drive, small_city

NETWORK = demo.network_geojson(small_city())


@pytest.fixture
def network(aadorp):
    with tenancy.scope_for([aadorp.pk]):
        services.import_network(aadorp, NETWORK)
    return aadorp


@pytest.fixture
def truck(network):
    with tenancy.scope_for([network.pk]):
        return services.register_vehicle(network, "VW-01", "vuilniswagen")


def test_import_network_and_reimport_updates(aadorp):
    with tenancy.scope_for([aadorp.pk]):
        assert services.import_network(aadorp, NETWORK) == {"aangemaakt": 24, "bijgewerkt": 0}
        assert services.import_network(aadorp, NETWORK) == {"aangemaakt": 0, "bijgewerkt": 24}
        segment = RoadSegment.objects.get(identificatie="demo-0")
        assert segment.straatnaam == "Dorpsstraat" and segment.wegtype == 4
        assert segment.length == pytest.approx(100, abs=0.5)
        assert segment.geometry["type"] == "LineString"
        # Registered in the objects register as object type "wegvak" (when that register works).
        assert segment.object_url == "" or "/objects/" in segment.object_url


def test_objects_register_failure_does_not_block_the_import(aadorp, monkeypatch):
    from raadhuis.objecten import services as objecten

    def broken(**kwargs):
        raise RuntimeError("register down")

    monkeypatch.setattr(objecten, "ensure_objecttype", broken)
    with tenancy.scope_for([aadorp.pk]):
        assert services.import_network(aadorp, NETWORK)["aangemaakt"] == 24
        assert RoadSegment.objects.filter(object_url="").count() == 24


def test_bad_network_is_a_clear_error(aadorp):
    with tenancy.scope_for([aadorp.pk]), pytest.raises(services.WegenError, match="GeoJSON"):
        services.import_network(aadorp, b"<xml/>")


def test_other_municipality_sees_nothing(network, beestad):
    with tenancy.scope_for([beestad.pk]):
        assert RoadSegment.objects.count() == 0
        with pytest.raises(services.WegenError, match="wegennet"):
            services.network_of(beestad)
        truck = services.register_vehicle(beestad, "B-01", "bus")
        trace, _ = drive(71, length=500)
        with pytest.raises(services.WegenError, match="wegennet"):
            services.ingest_trace(truck, readers.trace_to_csv(trace))


def test_unknown_vehicle_type(aadorp):
    with tenancy.scope_for([aadorp.pk]), pytest.raises(services.WegenError, match="voertuigtype"):
        services.register_vehicle(aadorp, "X", "tractor")


def test_ingest_measures_segments_and_finds_events(truck, classifier):
    trace, truth = drive(72, length=1200)
    started = timezone.now() - timedelta(hours=1)
    with tenancy.scope_for([truck.organisation_id]):
        stored = services.ingest_trace(
            truck, readers.trace_to_csv(trace), started_at=started, classifier=classifier
        )
        assert stored.status == Trace.Status.VERWERKT
        passes = list(SegmentPass.objects.filter(trace=stored).select_related("segment"))
        assert len(passes) >= 5
        true_iri = {f"demo-{segment}": iri for (segment, _), iri in zip(truth.route, truth.iri, strict=True)}
        errors = [abs(p.iri / true_iri[p.segment.identificatie] - 1) for p in passes]
        assert sum(e <= 0.15 for e in errors) / len(errors) >= 0.7
        measured = RoadSegment.objects.filter(pass_count__gt=0)
        assert measured.count() >= 5
        assert all(s.klasse in ("goed", "waarschuwing", "richtlijn", "achterstand") for s in measured)
        assert all(s.planning_year >= date.today().year for s in measured)


def test_rejected_trace_is_kept_with_reason(truck):
    trace, _ = drive(73, length=500)
    with tenancy.scope_for([truck.organisation_id]):
        slow = readers.Trace(trace.gps_t, trace.lon, trace.lat, trace.speed, trace.acc_t[::5], trace.acc[::5])
        stored = services.ingest_trace(truck, readers.trace_to_csv(slow))
        assert stored.status == Trace.Status.AFGEKEURD
        assert "bemonsteringsfrequentie" in stored.reason
        with pytest.raises(services.WegenError, match="ontbreken"):
            services.ingest_trace(truck, b"t,x\n1,2\n")


def make_pothole(organisation, identificatie="demo-3", measure=50.0):
    segment = RoadSegment.objects.get(organisation=organisation, identificatie=identificatie)
    lon, lat = segment.geometry["coordinates"][0]
    now = timezone.now()
    return Defect.objects.create(
        organisation=organisation,
        segment=segment,
        kind="gat",
        measure=measure,
        lon=lon + 0.0007,
        lat=lat,
        severity="hoog",
        size=0.08,
        first_seen=now,
        last_seen=now,
    )


def mor_zaken():
    return zaken.zaken_in_area(zaaktype_identificatie="MOR", min_x=-180, min_y=-90, max_x=180, max_y=90)


def test_dangerous_pothole_opens_one_inspection_zaak(network):
    with tenancy.scope_for([network.pk]):
        defect = make_pothole(network)
        url = services.open_inspection_zaak(defect)
        assert url and len(mor_zaken()) == 1
        zaak = mor_zaken()[0]
        assert zaak.zaakgeometrie["coordinates"] == [defect.lon, defect.lat]
        assert "gat" in zaak.toelichting
        # Asked again (a new detection of the same pothole), nothing new is opened.
        assert services.open_inspection_zaak(defect) == url
        assert len(mor_zaken()) == 1


def test_pothole_next_to_an_open_melding_joins_it(network):
    with tenancy.scope_for([network.pk]):
        defect = make_pothole(network)
        zaaktype = catalogi.current_zaaktype("MOR")
        today = timezone.localdate()
        melding = zaken.create_zaak(
            {
                "zaaktype": zaaktype,
                "bronorganisatie": network.rsin,
                "verantwoordelijke_organisatie": network.rsin,
                "omschrijving": "Gat in de weg",
                "startdatum": today,
                "registratiedatum": today,
                "betalingsindicatie": "nvt",
                "zaakgeometrie": {"type": "Point", "coordinates": [defect.lon + 0.0001, defect.lat]},  # ~7 m
            }
        )
        url = services.open_inspection_zaak(defect)
        assert url == zaken.zaak_url(melding)
        assert len(mor_zaken()) == 1


def test_detections_of_one_pothole_merge(network):
    from raadhuis.wegen.analysis.pipeline import Event

    with tenancy.scope_for([network.pk]):
        network_model, segments = services.network_of(network)
        by_pk = {s.pk: s for s in segments}
        index = network_model.index_of[RoadSegment.objects.get(identificatie="demo-3").pk]
        start = timezone.now()
        for measure, severity in ((50.0, "midden"), (52.5, "hoog"), (80.0, "laag")):
            event = Event("gat", index, measure, 0, 0, 5.38, 52.15, 10.0, 0.9, severity, 0.05)
            services._merge_defect(network, network_model, by_pk, event, start)
        defects = list(Defect.objects.order_by("measure"))
        assert [d.detections for d in defects] == [2, 1]
        assert defects[0].severity == "hoog"
        assert defects[0].measure == pytest.approx(51.25)


def test_ground_motion_priority_and_exports(network):
    with tenancy.scope_for([network.pk]):
        sinking = RoadSegment.objects.get(identificatie="demo-5")
        lon, lat = sinking.geometry["coordinates"][0]
        rows = ["pid,latitude,longitude,mean_velocity"]
        rows += [f"p{k},{lat},{lon + 0.0002 * k},-6.5" for k in range(3)]
        rows += ["far,52.0,4.0,-20"]
        counts = services.import_ground_motion(network, "\n".join(rows).encode())
        assert counts["punten"] == 4 and counts["wegvakken_met_daling"] >= 1
        sinking.refresh_from_db()
        assert sinking.subsidence == pytest.approx(-6.5)
        make_pothole(network, identificatie="demo-5")
        ranking = services.priority_list(network)
        assert ranking[0]["identificatie"] == "demo-5"
        assert ranking[0]["bodemdaling_vlag"] and ranking[0]["gevaarlijke_gaten"] == 1
        exported = list(csv.DictReader(io.StringIO(services.export_priority_csv(network))))
        assert len(exported) == 24 and exported[0]["identificatie"] == "demo-5"
        geojson = json.loads(services.export_priority_geojson(network))
        assert geojson["features"][0]["properties"]["prioriteit"] == ranking[0]["prioriteit"]


def test_meldingen_near_a_segment_raise_its_priority(network):
    with tenancy.scope_for([network.pk]):
        segment = RoadSegment.objects.get(identificatie="demo-7")
        (lon0, lat0), (lon1, lat1) = segment.geometry["coordinates"]
        zaaktype = catalogi.current_zaaktype("MOR")
        today = timezone.localdate()
        for _ in range(3):
            zaken.create_zaak(
                {
                    "zaaktype": zaaktype,
                    "bronorganisatie": network.rsin,
                    "verantwoordelijke_organisatie": network.rsin,
                    "startdatum": today,
                    "registratiedatum": today,
                    "betalingsindicatie": "nvt",
                    "zaakgeometrie": {"type": "Point", "coordinates": [(lon0 + lon1) / 2, (lat0 + lat1) / 2]},
                }
            )
        row = next(r for r in services.priority_list(network) if r["identificatie"] == "demo-7")
        assert row["meldingen"] == 3
