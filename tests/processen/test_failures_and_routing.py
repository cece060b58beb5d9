"""A failing service task is retried, then parked with its error for a person, who retries it;
the melding openbare ruimte is routed to a team by category and location."""

import pytest

from raadhuis.platform import tenancy
from raadhuis.platform.models import Delivery
from raadhuis.processen import engine
from raadhuis.processen import services as processen
from raadhuis.processen.models import Procesinstantie
from raadhuis.werkplek import services as werkplek
from raadhuis.werkplek.models import WorkItem
from raadhuis.zgw.zaken import services as zaken
from tests.werkplek.conftest import zaaktype

pytestmark = pytest.mark.django_db

FLAKY_BPMN = """<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
    xmlns:spiffworkflow="http://spiffworkflow.org/bpmn/schema/1.0/core" id="d" targetNamespace="t">
  <bpmn:process id="flaky" isExecutable="true">
    <bpmn:startEvent id="s"><bpmn:outgoing>a</bpmn:outgoing></bpmn:startEvent>
    <bpmn:serviceTask id="koppeling" name="Koppeling met het vakssysteem">
      <bpmn:extensionElements><spiffworkflow:serviceTaskOperator id="test_koppeling" resultVariable="r"/>
      </bpmn:extensionElements>
      <bpmn:incoming>a</bpmn:incoming><bpmn:outgoing>b</bpmn:outgoing></bpmn:serviceTask>
    <bpmn:serviceTask id="ontvangen" name="Status zetten">
      <bpmn:extensionElements><spiffworkflow:serviceTaskOperator id="status_zetten" resultVariable="r2">
        <spiffworkflow:parameters><spiffworkflow:parameter id="status" type="str" value="'Ingepland'"/>
        </spiffworkflow:parameters></spiffworkflow:serviceTaskOperator></bpmn:extensionElements>
      <bpmn:incoming>b</bpmn:incoming><bpmn:outgoing>c</bpmn:outgoing></bpmn:serviceTask>
    <bpmn:endEvent id="e"><bpmn:incoming>c</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="a" sourceRef="s" targetRef="koppeling"/>
    <bpmn:sequenceFlow id="b" sourceRef="koppeling" targetRef="ontvangen"/>
    <bpmn:sequenceFlow id="c" sourceRef="ontvangen" targetRef="e"/>
  </bpmn:process>
</bpmn:definitions>"""


@pytest.fixture
def koppeling():
    """A service task operation that fails while ``koppeling.down`` is set."""

    class Koppeling:
        down = True
        calls = 0

    state = Koppeling()

    def operation(step, task):
        state.calls += 1
        if state.down:
            raise ConnectionError("vakssysteem antwoordt niet (503)")
        return {"ok": True}

    engine.OPERATIONS.register("test_koppeling")(operation)
    return state


def test_failing_step_is_retried_then_parked_then_retried_by_a_person(
    gemeente, behandelaar, as_user, run_outbox, koppeling, settings, employee_client
):
    settings.PROCESSEN_MAX_POGINGEN = 3
    with tenancy.system_scope():
        processen.load_definition(
            organisation=gemeente,
            zaaktype_identificatie="MOR",
            naam="Flaky",
            bpmn=FLAKY_BPMN,
            dmn=[],
            proces_id="flaky",
        )
    with as_user(behandelaar):
        zaak = werkplek.intake(
            organisation=gemeente, zaaktype=zaaktype(gemeente, "MOR"), omschrijving="Lamp kapot"
        )
    run_outbox()
    with tenancy.system_scope():
        instantie = Procesinstantie.objects.get(zaak_uuid=zaak.uuid)
        item = WorkItem.objects.get(zaak_uuid=zaak.uuid)
        assert Delivery.objects.filter(handler=processen.STEP_HANDLER).count() == 1
    assert koppeling.calls == 3  # tried, retried, and parked at the third attempt
    assert instantie.status == "geparkeerd" and "503" in instantie.fout
    assert item.procesfout  # visible in the queue

    # The case page shows the error; a person retries after the system is back.
    web = employee_client(behandelaar)
    page = web.get(f"/werkplek/zaken/{zaak.uuid}/").content.decode()
    assert "geparkeerd" in page and "503" in page
    koppeling.down = False
    assert web.post(f"/werkplek/zaken/{zaak.uuid}/proces_opnieuw/").status_code == 302
    run_outbox()
    with tenancy.system_scope():
        instantie.refresh_from_db()
        item.refresh_from_db()
        assert instantie.status == "afgerond" and not item.procesfout and item.status == "Ingepland"
        assert zaken.get_zaak(zaak.uuid) is not None


def test_step_that_fails_once_succeeds_on_retry_without_a_person(
    gemeente, behandelaar, as_user, run_outbox, koppeling
):
    with tenancy.system_scope():
        processen.load_definition(
            organisation=gemeente,
            zaaktype_identificatie="MOR",
            naam="Flaky",
            bpmn=FLAKY_BPMN,
            dmn=[],
            proces_id="flaky",
        )
    original = engine.OPERATIONS.get("test_koppeling")

    def once(step, task):
        if koppeling.calls == 0:
            koppeling.calls += 1
            raise TimeoutError("time-out")
        koppeling.calls += 1
        return {"ok": True}

    engine.OPERATIONS.register("test_koppeling")(once)
    try:
        with as_user(behandelaar):
            zaak = werkplek.intake(
                organisation=gemeente, zaaktype=zaaktype(gemeente, "MOR"), omschrijving="Gat"
            )
        run_outbox()
    finally:
        engine.OPERATIONS.register("test_koppeling")(original)
    with tenancy.system_scope():
        assert Procesinstantie.objects.get(zaak_uuid=zaak.uuid).status == "afgerond"
    assert koppeling.calls == 2


def test_invalid_definition_is_refused(gemeente):
    with tenancy.system_scope(), pytest.raises(engine.DefinitionError):
        processen.load_definition(
            organisation=gemeente,
            zaaktype_identificatie="MOR",
            naam="Kapot",
            bpmn="<bpmn:definitions",
            dmn=[],
            proces_id="x",
        )


ROUTES = [
    ("Afval", [5.12, 52.09], "afval"),  # category decides, wherever it is
    ("Losliggende tegel", [5.12, 52.10], "buitendienst-noord"),
    ("Losliggende tegel", [5.12, 52.00], "buitendienst-zuid"),
    ("Losliggende tegel", None, "meldpunt"),  # no location: the meldpunt looks at it
]


def test_melding_openbare_ruimte_is_routed_by_category_and_location(
    met_processen, behandelaar, as_user, run_outbox
):
    meldingen = []
    with as_user(behandelaar):
        for categorie, punt, team in ROUTES:
            zaak = werkplek.intake(
                organisation=met_processen, zaaktype=zaaktype(met_processen, "MOR"), omschrijving=categorie
            )
            if punt:
                zaak = zaken.update_zaak(
                    zaak, {"zaakgeometrie": {"type": "Point", "coordinates": punt}}, partial=True
                )
            processen.start(zaak, {"categorie": categorie})
            meldingen.append((zaak, team))
    run_outbox()
    for zaak, team in meldingen:
        with tenancy.system_scope():
            item = WorkItem.objects.select_related("team").get(zaak_uuid=zaak.uuid)
            instantie = Procesinstantie.objects.get(zaak_uuid=zaak.uuid)
            regel = instantie.stappen.get(soort="regel")
        assert item.team.code == team, zaak.omschrijving
        assert item.status == "Ingepland" and item.procestaak == "Melding afhandelen"
        assert instantie.status == "wacht"
        assert regel.uitkomst == {"team": team}
