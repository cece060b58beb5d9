"""Alert rules that open a zaak: one open zaak per thing and rule, updated, annotated when normal.

A threshold rule (``above``/``below``) holds when the datastream's values have broken the
threshold for at least ``duration_minutes``, measured on the observations' own times: the
breach started at the first observation after the last normal one. A ``silent`` rule holds
when a datastream had no observation for ``duration_minutes`` (checked periodically).

The partial unique constraint (rule, thing) over open cases makes a second open case
impossible, also when two workers evaluate the same rule at once; the loser's transaction
rolls back and it updates the winner's case instead.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from django.db import IntegrityError, transaction
from django.db.models import Max, Q
from django.utils import timezone

from raadhuis.platform import tenancy
from raadhuis.platform.models import Organisation
from raadhuis.sensoren.models import AlertCase, AlertKind, AlertRule, Datastream, Observation
from raadhuis.zgw.catalogi import services as catalogi
from raadhuis.zgw.zaken import services as zaken

logger = logging.getLogger(__name__)


def rules_for(stream: Datastream, kinds=(AlertKind.ABOVE, AlertKind.BELOW)):
    return AlertRule.all_tenants.filter(
        Q(datastream=stream) | Q(datastream__isnull=True, observed_property_id=stream.observed_property_id),
        organisation_id=stream.organisation_id, active=True, kind__in=kinds,
    )


def evaluate_for_observations(observation_ids: list[int]) -> None:
    evaluate_streams(set(Observation.all_tenants.filter(pk__in=observation_ids, datastream__isnull=False)
                         .values_list("datastream_id", flat=True).distinct()))


def evaluate_streams(stream_ids) -> None:
    """Evaluate every rule of the datastreams that just got observations."""
    for stream in Datastream.all_tenants.filter(pk__in=stream_ids):
        for rule in rules_for(stream, kinds=tuple(AlertKind)):
            if rule.kind == AlertKind.SILENT:
                resolve(rule, stream)  # an observation arrived: the stream speaks again
            else:
                evaluate(rule, stream)


def breach(rule: AlertRule, stream: Datastream) -> float | None:
    """The latest value when the threshold rule holds for the stream, else None."""
    observations = Observation.all_tenants.filter(datastream=stream, result_number__isnull=False)
    latest = observations.order_by("-phenomenon_time").values_list("phenomenon_time", "result_number").first()
    if latest is None:
        return None
    normal = Q(result_number__lte=rule.threshold) if rule.kind == AlertKind.ABOVE else Q(
        result_number__gte=rule.threshold)
    if observations.filter(normal, phenomenon_time=latest[0]).exists():
        return None
    last_normal = observations.filter(normal).aggregate(t=Max("phenomenon_time"))["t"]
    after = observations.filter(phenomenon_time__gt=last_normal) if last_normal else observations
    started = after.order_by("phenomenon_time").values_list("phenomenon_time", flat=True).first()
    if latest[0] - started >= timedelta(minutes=rule.duration_minutes):
        return latest[1]
    return None


def evaluate(rule: AlertRule, stream: Datastream) -> None:
    value = breach(rule, stream)
    if value is None:
        resolve(rule, stream)
    else:
        open_or_update(rule, stream, value, f"{stream.name}: {value:g} "
                       f"({'boven' if rule.kind == AlertKind.ABOVE else 'onder'} {rule.threshold:g})")


def open_or_update(rule: AlertRule, stream: Datastream, value: float | None, reason: str) -> AlertCase:
    """The open case of the rule for the stream's thing: created with its zaak, or updated."""
    with tenancy.scope_for([rule.organisation_id]):
        case = AlertCase.objects.filter(rule=rule, thing_id=stream.thing_id, closed_at__isnull=True).first()
        if case is not None:
            AlertCase.objects.filter(pk=case.pk).update(last_value=value)
            return case
        try:
            with transaction.atomic():
                zaak = _open_zaak(rule, stream, reason)
                case = AlertCase(organisation_id=rule.organisation_id, rule=rule, thing_id=stream.thing_id,
                                 zaak_uuid=zaak.uuid, last_value=value)
                case.save()
                return case
        except IntegrityError:
            # Another worker opened the case (and its zaak) first; ours rolled back with it.
            return AlertCase.objects.get(rule=rule, thing_id=stream.thing_id, closed_at__isnull=True)


def _open_zaak(rule: AlertRule, stream: Datastream, reason: str):
    zaaktype = catalogi.current_zaaktype(rule.zaaktype_identificatie)
    if zaaktype is None:
        raise LookupError(f"Zaaktype {rule.zaaktype_identificatie} van alarmregel {rule.pk} bestaat niet.")
    organisation = Organisation.objects.get(pk=rule.organisation_id)
    today = timezone.localdate()
    zaak = zaken.create_zaak({
        "zaaktype": zaaktype,
        "bronorganisatie": organisation.rsin,
        "verantwoordelijke_organisatie": organisation.rsin,
        "omschrijving": f"Sensoralarm: {rule.name}"[:80],
        "toelichting": reason[:1000],
        "startdatum": today,
        "registratiedatum": today,
    })
    statustypen = catalogi.statustypen_for(zaaktype)
    if statustypen:
        zaken.set_status({"zaak": zaak, "statustype": statustypen[0],
                          "datum_status_gezet": timezone.now() - timedelta(seconds=1),
                          "statustoelichting": "Geopend door een sensoralarm."})
    return zaak


def resolve(rule: AlertRule, stream: Datastream) -> None:
    """Values are normal again: annotate the zaak and end the case (a new breach opens a new one)."""
    with tenancy.scope_for([rule.organisation_id]), transaction.atomic():
        case = (AlertCase.objects.select_for_update()
                .filter(rule=rule, thing_id=stream.thing_id, closed_at__isnull=True).first())
        if case is None:
            return
        now = timezone.now()
        zaak = zaken.get_zaak(case.zaak_uuid)
        if zaak is not None and not zaak.is_closed:
            note = f"\n{now:%Y-%m-%d %H:%M} waarden weer normaal ({stream.name})."
            zaken.update_zaak(zaak, {"toelichting": (zaak.toelichting + note)[-1000:]}, partial=True)
        case.closed_at = now
        case.save(update_fields=["closed_at"])


def check_silence(now=None) -> int:
    """Open a case for every stream that stayed silent past its rule's duration; return how many."""
    now = now or timezone.now()
    opened = 0
    for rule in AlertRule.all_tenants.filter(active=True, kind=AlertKind.SILENT):
        streams = Datastream.all_tenants.filter(
            Q(pk=rule.datastream_id) if rule.datastream_id
            else Q(observed_property_id=rule.observed_property_id),
            organisation_id=rule.organisation_id,
        ).annotate(latest=Max("observations__phenomenon_time"))
        for stream in streams:
            if stream.latest is None or now - stream.latest >= timedelta(minutes=rule.duration_minutes):
                open_or_update(rule, stream, None, f"{stream.name}: geen waarnemingen sinds "
                               f"{stream.latest:%Y-%m-%d %H:%M}." if stream.latest else
                               f"{stream.name}: nog nooit een waarneming.")
                opened += 1
    return opened
