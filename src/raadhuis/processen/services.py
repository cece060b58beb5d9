"""The door of the processen: load definitions, start and advance a zaak's process, let an
employee finish a user task or take over, and show what the machine did and why.

How a process moves (ADR 0011):

1. ``start`` (on the zaak's creation notification, or called by the portal with the form
   data) creates the instance, runs the inline steps and stops at the first service task or
   user task. The serialised workflow is stored with the instance.
2. A ready **service task** becomes an outbox event (kanaal ``processen``). Its handler
   runs that one task in one transaction together with the zaak changes it makes, logs the
   step and advances to the next stop. It is retried with backoff when it fails and, after
   ``PROCESSEN_MAX_POGINGEN`` attempts, parked on the instance with the error: visible in
   the werkplek queue and case page, where an employee retries it or takes over.
3. A ready **user task** appears in the werkplek (queue column "taak", form on the case
   page); ``complete_user_task`` stores the employee's answer and advances.
"""

from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction

from raadhuis.platform import context
from raadhuis.platform import services as platform
from raadhuis.platform.context import Actor
from raadhuis.processen import engine, forms
from raadhuis.processen.models import Procesdefinitie, Procesinstantie, Stap
from raadhuis.zgw.zaken import services as zaken

logger = logging.getLogger(__name__)
KANAAL = "processen"
STEP_HANDLER = "processen.stap"
SYSTEM = Actor(applicatie_id="raadhuis-processen", applicatie_weergave="Raadhuis processen (automatisch)")


# --- Definitions -------------------------------------------------------------------------------


def load_definition(
    *,
    organisation,
    zaaktype_identificatie: str,
    naam: str,
    bpmn: str,
    dmn: list[str],
    proces_id: str,
    begin_geldigheid=None,
) -> Procesdefinitie:
    """Check (parse) and store a new version of a zaaktype's process."""
    engine.parse(bpmn, dmn, proces_id)
    with transaction.atomic():
        latest = (
            Procesdefinitie.objects.filter(
                organisation=organisation, zaaktype_identificatie=zaaktype_identificatie
            )
            .select_for_update()
            .order_by("-versie")
            .first()
        )
        values = {
            "organisation": organisation,
            "zaaktype_identificatie": zaaktype_identificatie,
            "versie": (latest.versie + 1) if latest else 1,
            "naam": naam[:200],
            "bpmn": bpmn,
            "dmn": list(dmn),
            "proces_id": proces_id,
        }
        if begin_geldigheid is not None:
            values["begin_geldigheid"] = begin_geldigheid
        definitie = Procesdefinitie.objects.create(**values)
        platform.record_change(
            organisation=organisation,
            bron="processen",
            actie="create",
            resource="procesdefinitie",
            resource_url=f"urn:raadhuis:procesdefinitie:{definitie.pk}",
            resource_weergave=str(definitie),
            nieuw={"zaaktype": zaaktype_identificatie, "versie": definitie.versie},
        )
    return definitie


def definition_for(zaak) -> Procesdefinitie | None:
    """The newest active version in force on the zaak's registratiedatum."""
    return (
        Procesdefinitie.objects.filter(
            organisation_id=zaak.organisation_id,
            actief=True,
            zaaktype_identificatie=zaak.zaaktype.identificatie,
            begin_geldigheid__lte=zaak.registratiedatum,
        )
        .order_by("-versie")
        .first()
    )


# --- Running ------------------------------------------------------------------------------------


@dataclass
class Step:
    """What a service task operation gets besides its parameters."""

    zaak: object
    instantie: Procesinstantie
    stap: dict  # filled by the operation: regel, invoer, geautomatiseerd_besluit, besluit_uuid


def instance_of(zaak_uuid) -> Procesinstantie | None:
    return Procesinstantie.objects.select_related("definitie").filter(zaak_uuid=zaak_uuid).first()


def start(zaak, data: dict | None = None) -> Procesinstantie | None:
    """Start the zaak's process (once; a second call returns the running instance)."""
    existing = instance_of(zaak.uuid)
    if existing is not None:
        return existing
    definitie = definition_for(zaak)
    if definitie is None:
        return None
    variables = {
        "zaak_uuid": str(zaak.uuid),
        "zaak_identificatie": zaak.identificatie,
        **{k: v for k, v in (data or {}).items() if isinstance(k, str) and k.isidentifier()},
    }
    with transaction.atomic(), context.acting_as(SYSTEM):
        workflow = engine.start(definitie, variables)
        instantie = Procesinstantie.objects.create(
            organisation_id=zaak.organisation_id,
            zaak_uuid=zaak.uuid,
            definitie=definitie,
            toestand=engine.dump(workflow),
        )
        _audit(zaak, "proces_gestart", f"Proces {definitie.naam} (versie {definitie.versie}) gestart")
        _advance(instantie, zaak, workflow)
    return instantie


def run_step(instantie_id: int, task_id: str) -> None:
    """Run one service task (the handler of a ``processen`` event) and advance."""
    with transaction.atomic(), context.acting_as(SYSTEM):
        instantie = (
            Procesinstantie.objects.select_for_update()
            .select_related("definitie")
            .filter(pk=instantie_id)
            .first()
        )
        if instantie is None or instantie.status in (
            Procesinstantie.Status.AFGEROND,
            Procesinstantie.Status.OVERGENOMEN,
        ):
            return
        workflow = engine.load(instantie.toestand)
        task = workflow.get_task_from_id(uuid.UUID(task_id))
        if task is None or task not in engine.ready_automatic(workflow):
            return  # a repeated delivery of a step that already ran: at least once, done once
        zaak = zaken.get_zaak(instantie.zaak_uuid)
        if zaak is None:
            return
        step = Step(zaak=zaak, instantie=instantie, stap={})
        workflow.script_engine.step = step
        task.run()
        result = task.data.get(task.task_spec.result_variable)
        _log(
            instantie,
            task,
            Stap.Soort.SERVICE,
            invoer=step.stap.get("invoer", {}),
            uitkomst=result if isinstance(result, dict) else {"resultaat": result},
            regel=step.stap.get("regel", ""),
            besluit=step.stap.get("besluit_uuid"),
            automatisch=step.stap.get("geautomatiseerd_besluit", False),
        )
        instantie.fout, instantie.geparkeerde_taak = "", ""
        _advance(instantie, zaken.get_zaak(zaak.uuid), workflow)


def _advance(instantie: Procesinstantie, zaak, workflow) -> None:
    """Run the inline steps until only service tasks (queued as events) or user tasks (for
    the werkplek) are ready, or the process ends; then store the state."""
    queued: list = []
    progressed = True
    while progressed:
        progressed = False
        for task in engine.ready_automatic(workflow):
            if engine.is_service(task):
                if task not in queued:
                    queued.append(task)
                continue
            if engine.is_rule(task):
                inputs, rules = engine.rule_inputs(task), engine.matched_rules(task)
                task.run()
                _log(
                    instantie,
                    task,
                    Stap.Soort.REGEL,
                    invoer=inputs,
                    uitkomst={
                        o.output.name or o.output.label: task.data.get(o.output.name)
                        for rule in rules[:1]
                        for o in rule.outputEntries
                    },
                    regel=_describe(task, rules),
                )
            else:
                task.run()
            progressed = True
    user_tasks = engine.ready_user_tasks(workflow)
    if workflow.is_completed():
        instantie.status = Procesinstantie.Status.AFGEROND
    elif queued:
        instantie.status = Procesinstantie.Status.ACTIEF
    elif user_tasks:
        instantie.status = Procesinstantie.Status.WACHT
    instantie.toestand = engine.dump(workflow)
    instantie.save()
    for task in queued:
        platform.publish_event(
            organisation=zaak.organisation,
            kanaal=KANAAL,
            payload={
                "kanaal": KANAAL,
                "actie": "servicetaak",
                "instantie": instantie.pk,
                "taak": str(task.id),
                "naam": engine.task_label(task),
                "zaak": str(instantie.zaak_uuid),
            },
        )
    _show_in_queue(instantie, user_tasks)


def _describe(task, rules) -> str:
    decision = task.task_spec.dmnEngine.decision_table
    if not rules:
        return f"{decision.name or decision.id}: geen regel van toepassing"
    rule = rules[0]
    return f"{decision.name or decision.id}, regel {rule.row_number}: {rule.description or rule.id}"[:500]


def _show_in_queue(instantie: Procesinstantie, user_tasks) -> None:
    from raadhuis.werkplek import services as werkplek

    label = engine.task_label(user_tasks[0]) if user_tasks else ""
    werkplek.set_procestaak(
        instantie.zaak_uuid, label, fout=instantie.status == Procesinstantie.Status.GEPARKEERD
    )


def _log(
    instantie, task, soort, *, invoer, uitkomst, regel="", besluit=None, automatisch=False, door: str = ""
) -> Stap:
    stap = Stap.objects.create(
        organisation_id=instantie.organisation_id,
        instantie=instantie,
        zaak_uuid=instantie.zaak_uuid,
        taak_id=str(task.id),
        taak=engine.task_label(task)[:200],
        soort=soort,
        regel=regel[:500],
        invoer=_jsonable(invoer),
        uitkomst=_jsonable(uitkomst),
        versie=instantie.definitie.versie,
        geautomatiseerd_besluit=automatisch,
        besluit_uuid=besluit,
        door=door or context.current_actor().display,
    )
    zaak = zaken.get_zaak(instantie.zaak_uuid)
    if zaak is not None:
        platform.record_change(
            organisation=zaak.organisation,
            bron="processen",
            actie=f"stap_{soort}",
            resource="processtap",
            resource_url=f"urn:raadhuis:processtap:{stap.pk}",
            hoofd_object=zaken.zaak_url(zaak),
            resource_weergave=stap.taak,
            actie_weergave=f"Processtap: {stap.taak}",
            nieuw={
                "regel": stap.regel,
                "invoer": stap.invoer,
                "uitkomst": stap.uitkomst,
                "procesversie": stap.versie,
                "geautomatiseerd_besluit": automatisch,
            },
        )
    return stap


def _jsonable(value):
    import json

    return json.loads(json.dumps(value, default=str))


def _audit(zaak, actie: str, weergave: str) -> None:
    platform.record_change(
        organisation=zaak.organisation,
        bron="processen",
        actie=actie,
        resource="proces",
        resource_url=zaken.zaak_url(zaak) + "#proces",
        hoofd_object=zaken.zaak_url(zaak),
        actie_weergave=weergave,
    )


# --- Failures ----------------------------------------------------------------------------------


def max_attempts() -> int:
    return settings.PROCESSEN_MAX_POGINGEN


def park(instantie_id: int, task_id: str, error: Exception) -> None:
    """The step failed too often: park it on the instance, visibly, with the error."""
    with transaction.atomic(), context.acting_as(SYSTEM):
        instantie = (
            Procesinstantie.objects.select_for_update().select_related("definitie").get(pk=instantie_id)
        )
        instantie.status = Procesinstantie.Status.GEPARKEERD
        instantie.fout = f"{type(error).__name__}: {error}"[:2000]
        instantie.geparkeerde_taak = task_id
        instantie.save()
        zaak = zaken.get_zaak(instantie.zaak_uuid)
        if zaak is not None:
            _audit(
                zaak,
                "stap_geparkeerd",
                f"Automatische stap geparkeerd na {max_attempts()} pogingen: {instantie.fout[:150]}",
            )
        from raadhuis.werkplek import services as werkplek

        werkplek.set_procestaak(instantie.zaak_uuid, "", fout=True)
    logger.error("Process step %s of instance %s parked: %s", task_id, instantie_id, error)


def retry_parked(zaak) -> int:
    """An employee retries the parked step: a fresh event with a fresh set of attempts."""
    instantie = instance_of(zaak.uuid)
    if instantie is None or instantie.status != Procesinstantie.Status.GEPARKEERD:
        return 0
    with transaction.atomic():
        task_id = instantie.geparkeerde_taak
        Procesinstantie.objects.filter(pk=instantie.pk).update(
            status=Procesinstantie.Status.ACTIEF, geparkeerde_taak=""
        )
        workflow = engine.load(instantie.toestand)
        task = workflow.get_task_from_id(uuid.UUID(task_id))
        platform.publish_event(
            organisation=zaak.organisation,
            kanaal=KANAAL,
            payload={
                "kanaal": KANAAL,
                "actie": "servicetaak",
                "instantie": instantie.pk,
                "taak": task_id,
                "naam": engine.task_label(task) if task else "",
                "zaak": str(zaak.uuid),
                "herhaling": True,
            },
        )
        _audit(zaak, "stap_opnieuw", "Geparkeerde automatische stap opnieuw gestart")
        from raadhuis.werkplek import services as werkplek

        werkplek.set_procestaak(zaak.uuid, "", fout=False)
    return 1


def take_over(zaak, user) -> bool:
    """A person takes over from the machine: the process stops, the zaak stays open."""
    instantie = instance_of(zaak.uuid)
    if instantie is None or instantie.status in (
        Procesinstantie.Status.AFGEROND,
        Procesinstantie.Status.OVERGENOMEN,
    ):
        return False
    with transaction.atomic():
        Procesinstantie.objects.filter(pk=instantie.pk).update(status=Procesinstantie.Status.OVERGENOMEN)
        _audit(zaak, "proces_overgenomen", f"Proces overgenomen door {user.get_full_name() or user.username}")
        from raadhuis.werkplek import services as werkplek

        werkplek.set_procestaak(zaak.uuid, "", fout=False)
    return True


# --- User tasks ----------------------------------------------------------------------------------


def complete_user_task(zaak, task_id, data, *, user) -> None:
    """Finish a user task with the employee's (validated) answer and advance the process."""
    with transaction.atomic():
        instantie = (
            Procesinstantie.objects.select_for_update()
            .select_related("definitie")
            .filter(zaak_uuid=zaak.uuid)
            .first()
        )
        if instantie is None or instantie.status != Procesinstantie.Status.WACHT:
            raise ValueError("Deze zaak heeft geen openstaande procestaak.")
        workflow = engine.load(instantie.toestand)
        task = next((t for t in engine.ready_user_tasks(workflow) if str(t.id) == str(task_id)), None)
        if task is None:
            raise ValueError("Deze taak is al afgerond of bestaat niet.")
        answer = forms.validate(engine.properties(task).get("formulier", ""), data)
        task.data.update(answer)
        task.run()
        with context.acting_as(context.actor_for_user(user)):
            _log(
                instantie,
                task,
                Stap.Soort.MEDEWERKER,
                invoer={},
                uitkomst=answer,
                door=user.get_full_name() or user.get_username(),
            )
        with context.acting_as(SYSTEM):
            _advance(instantie, zaak, workflow)


# --- What the werkplek shows -----------------------------------------------------------------------


def overview(zaak) -> dict | None:
    instantie = instance_of(zaak.uuid)
    if instantie is None:
        return None
    taken = []
    if instantie.status == Procesinstantie.Status.WACHT:
        workflow = engine.load(instantie.toestand)
        for task in engine.ready_user_tasks(workflow):
            formulier = forms.FORMS.get(engine.properties(task).get("formulier", ""))
            taken.append(
                {
                    "id": str(task.id),
                    "naam": engine.task_label(task),
                    "toelichting": formulier.toelichting if formulier else "",
                    "velden": formulier.velden if formulier else [],
                }
            )
    stappen = [
        {
            "taak": s.taak,
            "regel": s.regel,
            "invoer_tekst": _text(s.invoer),
            "uitkomst_tekst": _text(s.uitkomst),
            "versie": s.versie,
            "tijdstip": s.tijdstip,
            "geautomatiseerd_besluit": s.geautomatiseerd_besluit,
        }
        for s in instantie.stappen.all()
    ]
    return {
        "naam": instantie.definitie.naam,
        "versie": instantie.definitie.versie,
        "status": instantie.status,
        "status_label": instantie.get_status_display(),
        "taken": taken,
        "stappen": stappen,
        "geparkeerd": [instantie.fout] if instantie.status == Procesinstantie.Status.GEPARKEERD else [],
    }


def _text(data: dict) -> str:
    return ", ".join(f"{k}: {v}" for k, v in (data or {}).items()) or "—"


def steps_of(zaak_uuid) -> list[Stap]:
    return list(Stap.objects.filter(zaak_uuid=zaak_uuid))


def automatisch_afgehandeld(zaak_uuids) -> set:
    """The zaken whose process ran to its end without an employee: no user task done, no
    take-over. For the automated share in management information (inzicht)."""
    from django.db.models import Exists, OuterRef

    by_hand = Stap.objects.filter(instantie=OuterRef("pk"), soort=Stap.Soort.MEDEWERKER)
    return set(
        Procesinstantie.objects.filter(zaak_uuid__in=list(zaak_uuids), status=Procesinstantie.Status.AFGEROND)
        .exclude(Exists(by_hand))
        .values_list("zaak_uuid", flat=True)
    )
