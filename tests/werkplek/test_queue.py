"""Queues: filters, sorting, pick up next (never the same zaak twice), search, deadlines."""

import uuid
from datetime import timedelta

import pytest
from django.utils import timezone

from raadhuis.platform import tenancy
from raadhuis.werkplek import services as werkplek
from raadhuis.werkplek.models import Team, WorkItem
from tests.werkplek.conftest import zaaktype

pytestmark = pytest.mark.django_db


@pytest.fixture
def drie_zaken(gemeente, behandelaar, as_user):
    today = timezone.localdate()
    with as_user(behandelaar):
        zaken = [
            werkplek.intake(
                organisation=gemeente,
                zaaktype=zaaktype(gemeente, code),
                omschrijving=text,
                startdatum=today - timedelta(days=age),
            )
            for code, text, age in [
                ("PARKVERG", "Parkeervergunning Kerkplein", 10),
                ("MOR", "Losliggende stoeptegel", 20),
                ("PARKVERG", "Parkeervergunning Molenweg", 70),
            ]
        ]
    with tenancy.scope_for([gemeente.pk]):
        team = Team.objects.get(organisation=gemeente, code="vergunningen")
        for zaak in zaken:
            werkplek.set_team(zaak, team)
    return zaken


def _ids(response):
    return [row.identificatie for row, _termijn in response.context["rows"]]


def test_queue_sorts_on_the_deadline_and_filters(employee_client, behandelaar, drie_zaken):
    web = employee_client(behandelaar)
    parkeer_kerkplein, tegel, parkeer_molenweg = drie_zaken
    # MOR: 2 weeks from 20 days ago (expired); Molenweg: 8 weeks from 70 days ago (expired, earlier).
    assert _ids(web.get("/werkplek/")) == [
        parkeer_molenweg.identificatie,
        tegel.identificatie,
        parkeer_kerkplein.identificatie,
    ]
    assert _ids(web.get("/werkplek/?zaaktype=MOR")) == [tegel.identificatie]
    assert set(_ids(web.get("/werkplek/?termijn=verlopen"))) == {
        tegel.identificatie,
        parkeer_molenweg.identificatie,
    }
    assert _ids(web.get("/werkplek/?sort=-registratiedatum"))[0] == parkeer_molenweg.identificatie  # newest
    html = web.get("/werkplek/").content.decode()
    assert "dagen over de termijn" in html
    # An htmx filter change gets only the table.
    partial = web.get("/werkplek/?zaaktype=MOR", HTTP_HX_REQUEST="true", HTTP_HX_TARGET="werkvoorraad")
    assert "<html" not in partial.content.decode() and tegel.identificatie in partial.content.decode()


def test_pick_up_next_takes_the_most_urgent_and_never_twice(
    employee_client, behandelaar, gemeente, drie_zaken
):
    from tests.factories import member

    collega = member(gemeente, "behandelaar", username="collega")
    with tenancy.system_scope():
        Team.objects.get(organisation=gemeente, code="vergunningen").leden.add(collega)
    first = employee_client(behandelaar).post("/werkplek/volgende/")
    assert first.status_code == 302 and str(drie_zaken[2].uuid) in first["Location"]
    from django.test import Client

    from tests.factories import verified_device

    other = Client()
    other.force_login(collega)
    session = other.session
    from django_otp import DEVICE_ID_SESSION_KEY

    session[DEVICE_ID_SESSION_KEY] = verified_device(collega).persistent_id
    session.save()
    second = other.post("/werkplek/volgende/")
    assert str(drie_zaken[1].uuid) in second["Location"]
    with tenancy.system_scope():
        mine = WorkItem.objects.get(zaak_uuid=drie_zaken[2].uuid)
        theirs = WorkItem.objects.get(zaak_uuid=drie_zaken[1].uuid)
    assert mine.behandelaar == behandelaar and theirs.behandelaar == collega
    assert _ids(employee_client(behandelaar).get("/werkplek/?wie=mij")) == [drie_zaken[2].identificatie]


def test_search_finds_words_and_identificatie(employee_client, behandelaar, drie_zaken):
    web = employee_client(behandelaar)
    found = web.get("/werkplek/zoeken/?q=stoeptegel").context["results"]
    assert [i.zaak_uuid for i in found] == [drie_zaken[1].uuid]
    found = web.get(f"/werkplek/zoeken/?q={drie_zaken[0].identificatie}").context["results"]
    assert found[0].zaak_uuid == drie_zaken[0].uuid
    assert web.get("/werkplek/zoeken/?q=" + "x" * 5000).status_code == 200


def test_escalation_reports_each_overdue_zaak_once(drie_zaken, gemeente):
    from raadhuis.platform.models import OutboxEvent

    with tenancy.system_scope():
        assert werkplek.escalate_overdue() == 2
        assert werkplek.escalate_overdue() == 0
        events = OutboxEvent.objects.filter(kanaal="werkplek")
        assert {e.payload["identificatie"] for e in events} == {
            drie_zaken[1].identificatie,
            drie_zaken[2].identificatie,
        }


def test_rebuild_restores_the_rows_and_keeps_what_only_the_werkplek_knows(gemeente, drie_zaken):
    from raadhuis.werkplek.rebuild import rebuild

    kerkplein, tegel, _molenweg = drie_zaken
    with tenancy.scope_for([gemeente.pk]):
        WorkItem.objects.filter(zaak_uuid=kerkplein.uuid).update(status="verouderd", omschrijving="oud")
        WorkItem.objects.filter(zaak_uuid=tegel.uuid).delete()
        stale = WorkItem.objects.get(zaak_uuid=kerkplein.uuid)
        stale.pk, stale.zaak_uuid, stale.identificatie = None, uuid.uuid4(), "VERDWENEN"
        stale.save()  # the row of a zaak that no longer exists

        assert rebuild(gemeente) == 3
        rows = {row.zaak_uuid: row for row in WorkItem.objects.filter(organisation=gemeente)}
    assert set(rows) == {zaak.uuid for zaak in drie_zaken}
    assert (rows[kerkplein.uuid].status, rows[kerkplein.uuid].omschrijving) == (
        "Ontvangen", "Parkeervergunning Kerkplein")
    assert rows[kerkplein.uuid].team.code == "vergunningen"  # kept: no zaak field says it
    assert rows[tegel.uuid].identificatie == tegel.identificatie and rows[tegel.uuid].team is None
