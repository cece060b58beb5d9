"""Monthly figures of the other modules, read through their services and kept as
:class:`Kengetal` rows: klantcontact (chatbot containment, handover, first-contact
resolution), Woo (decided, on time, days), sensoren (alarm zaken per rule) and wegen (road
length per condition class, a snapshot in the month it is taken). Their volumes are small
next to the zaken, so a month is simply recomputed: the background task does this and last
month, a command any range."""

from __future__ import annotations

from datetime import date

from dateutil.relativedelta import relativedelta
from django.db import transaction
from django.utils import timezone

from raadhuis.inzicht.models import Kengetal
from raadhuis.klantcontact import services as klantcontact
from raadhuis.platform import services as platform
from raadhuis.sensoren import services as sensoren
from raadhuis.wegen import services as wegen
from raadhuis.woo import services as woo


def refresh_all(months: list[date] | None = None) -> int:
    """Recompute ``months`` (default: this and last month) for every organisation in scope."""
    this = timezone.localdate().replace(day=1)
    months = months or [this - relativedelta(months=1), this]
    count = 0
    for organisation in platform.organisations_in_scope():
        for month in months:
            count += refresh(organisation, month)
    return count


def refresh(organisation, month: date) -> int:
    van, tot = month, month + relativedelta(months=1)
    rows = [
        *_klantcontact(van, tot, organisation),
        *_woo(van, tot, organisation),
        *_sensoren(van, tot, organisation),
    ]
    if month == timezone.localdate().replace(day=1):
        rows += _wegen(organisation)
    with transaction.atomic():
        for bron, naam, dimensie, teller, noemer in rows:
            Kengetal.objects.update_or_create(
                organisation=organisation,
                bron=bron,
                naam=naam,
                maand=month,
                dimensie=dimensie,
                defaults={"teller": teller, "noemer": noemer},
            )
    return len(rows)


def _klantcontact(van, tot, organisation) -> list[tuple]:
    cijfers = klantcontact.gesprekscijfers(organisation, van, tot)
    return [
        ("klantcontact", "containment", "", cijfers["door_chatbot"], cijfers["gesprekken"]),
        ("klantcontact", "overdracht", "", cijfers["overgedragen"], cijfers["gesprekken"]),
        ("klantcontact", "eerste_contact", "", cijfers["kcc_opgelost"], cijfers["kcc_bekend"]),
    ]


def _woo(van, tot, organisation) -> list[tuple]:
    verzoeken = woo.afgehandeld_in(organisation, van, tot)
    return [
        ("woo", "op_tijd", "", sum(v["op_tijd"] for v in verzoeken), len(verzoeken)),
        ("woo", "dagen", "", sum(v["dagen"] for v in verzoeken), len(verzoeken)),
    ]


def _sensoren(van, tot, organisation) -> list[tuple]:
    per_rule = sensoren.alarmen_geopend(organisation, van, tot)
    rows = [("sensoren", "alarmen_per_regel", regel[:80], n, 1) for regel, n in per_rule.items()]
    return [*rows, ("sensoren", "alarmen", "", sum(per_rule.values()), 1)]


def _wegen(organisation) -> list[tuple]:
    verdeling = wegen.conditie_verdeling(organisation)
    rows = [("wegen", "km", klasse, km, 1) for klasse, km in verdeling["km_per_klasse"].items()]
    return [*rows, ("wegen", "achterstand_km", "", verdeling["achterstand_km"], 1)]


def figures(organisation_ids, van: date, tot: date) -> dict[tuple[str, str], dict]:
    """{(bron, naam): {"maanden": {month: (teller, noemer)}, "per": {dimensie: (teller, noemer)}}}
    for months in [van, tot], summed over the organisations; ``per`` holds the latest month."""
    out: dict[tuple[str, str], dict] = {}
    rows = Kengetal.objects.filter(organisation_id__in=list(organisation_ids), maand__gte=van, maand__lte=tot)
    for bron, naam, maand, dimensie, teller, noemer in rows.order_by("maand").values_list(
        "bron", "naam", "maand", "dimensie", "teller", "noemer"
    ):
        entry = out.setdefault((bron, naam), {"maanden": {}, "per": {}, "laatste": None})
        t, n = entry["maanden"].get(maand, (0.0, 0.0))
        entry["maanden"][maand] = (t + teller, n + noemer)
        if dimensie:
            if maand != entry["laatste"]:  # a snapshot per month: the latest month is shown
                entry["per"], entry["laatste"] = {}, maand
            t, n = entry["per"].get(dimensie, (0.0, 0.0))
            entry["per"][dimensie] = (t + teller, n + noemer)
    return out


def last_refreshed(organisation_ids):
    return (
        Kengetal.objects.filter(organisation_id__in=list(organisation_ids))
        .order_by("-berekend")
        .values_list("berekend", flat=True)
        .first()
    )
