"""The service task operations a BPMN process can call (``spiffworkflow:serviceTaskOperator``).

Each gets the step (zaak, instance, and a dict to tell the step log which rule and data
decided), the task and the parameters of the BPMN (evaluated Python expressions), and
returns a JSON-able dict that the process stores under the task's result variable. An
operation that changes the zaak does so through the werkplek and ZGW services, in the
transaction of the step: the change and the step's log entry are stored together or not.

The demo registers (parking zones, open fines) are small data files shipped in
``processen/data``; a municipality points these operations at its own systems.
"""

from __future__ import annotations

import json
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

from raadhuis.processen.engine import OPERATIONS
from raadhuis.werkplek import letters, zaakdata
from raadhuis.werkplek import services as werkplek
from raadhuis.werkplek.models import Team

DATA = Path(__file__).parent / "data"
BRP_GRONDSLAG = "Awb art. 4:2; APV Voorbeeldstad (parkeervergunningen), toets woonadres"


@lru_cache(maxsize=8)
def _data(name: str) -> dict:
    return json.loads((DATA / name).read_text(encoding="utf-8"))


@OPERATIONS.register("aanvraag_gegevens")
def aanvraag_gegevens(step, task, velden: str = ""):
    """Make sure every field the rules read exists (None when the request did not give it)."""
    values = {}
    for naam in filter(None, (v.strip() for v in velden.split(","))):
        values[naam] = task.data.get(naam)
    task.data.update(values)
    step.stap["invoer"] = values
    return values


@OPERATIONS.register("brp_woonadres")
def brp_woonadres(step, task, zone_veld: str = "zone"):
    """Is the initiator registered (BRP) at an address in the requested parking zone?"""
    rol = zaakdata.initiator(step.zaak)
    bsn = ((rol.betrokkene_identificatie or {}).get("inp_bsn", "")) if rol else ""
    zone = task.data.get(zone_veld) or ""
    postcode = ""
    if bsn:
        from raadhuis.registers import services as registers

        persoon = registers.get_persoon(
            bsn,
            fields=["verblijfplaats"],
            doel="Toets woonadres parkeervergunning",
            grondslag=BRP_GRONDSLAG,
            verwerking="Processen: parkeervergunning",
        )
        adres = ((persoon or {}).get("verblijfplaats") or {}).get("verblijfadres") or {}
        postcode = (adres.get("postcode") or "").replace(" ", "").upper()
    in_zone = bool(postcode) and postcode[:4] in _data("parkeerzones.json").get(zone, [])
    task.data["woont_in_zone"] = in_zone
    step.stap["invoer"] = {"zone": zone, "postcode": postcode[:4] or None}
    return {"woont_in_zone": in_zone, "postcodegebied": postcode[:4]}


@OPERATIONS.register("open_boetes")
def open_boetes(step, task, kenteken_veld: str = "kenteken"):
    """Open parking fines on the licence plate (demo register: data/open_boetes.json)."""
    kenteken = (task.data.get(kenteken_veld) or "").replace("-", "").upper()
    count = int(_data("open_boetes.json").get(kenteken, 0)) if kenteken else 0
    task.data["open_boetes"] = count
    step.stap["invoer"] = {"kenteken": kenteken or None}
    return {"open_boetes": count}


@OPERATIONS.register("leges_berekenen")
def leges_berekenen(step, task, product: str, aantal_veld: str = "aantal_autos"):
    """The fee from the tariff table (data/leges.json), per vehicle or per request."""
    tarief = Decimal(str(_data("leges.json")[product]))
    aantal = int(task.data.get(aantal_veld) or 1)
    leges = str(tarief * max(aantal, 1))
    task.data["leges"] = leges
    step.stap["invoer"] = {"product": product, "tarief": str(tarief), "aantal": aantal}
    return {"leges": leges}


@OPERATIONS.register("besluit_nemen")
def besluit_nemen(step, task, besluittype: str, toelichting: str = "", automatisch: bool = False):
    """Record the besluit; an automated one says so, with the rule that decided (art. 22 AVG)."""
    types = {b.omschrijving: b for b in zaakdata.besluittypen(step.zaak)}
    if besluittype not in types:
        raise LookupError(f"Het zaaktype kent geen besluittype {besluittype!r}.")
    regel = task.data.get("regel", "")
    if automatisch:
        toelichting = (
            f"{toelichting}\n\nDit besluit is automatisch genomen met de beslisregel “{regel}” "
            f"(procesversie {step.instantie.definitie.versie}). U kunt vragen om een beoordeling "
            f"door een medewerker (artikel 22 AVG)."
        ).strip()
    besluit = werkplek.record_besluit(step.zaak, types[besluittype], toelichting=toelichting)
    task.data["besluit_uuid"] = str(besluit.uuid)
    step.stap.update(
        geautomatiseerd_besluit=bool(automatisch),
        besluit_uuid=besluit.uuid,
        regel=regel,
        invoer={"besluittype": besluittype},
    )
    return {"besluit": besluit.identificatie, "automatisch": bool(automatisch)}


@OPERATIONS.register("besluitbrief_versturen")
def besluitbrief_versturen(step, task):
    """The besluit letter from the zaaktype's template, stored with the zaak and sent to the
    resident's inbox."""
    from raadhuis.zgw.besluiten import services as besluiten

    besluit = besluiten.get_besluit(task.data["besluit_uuid"])
    automatisch = bool(
        step.instantie.stappen.filter(besluit_uuid=besluit.uuid, geautomatiseerd_besluit=True).exists()
    )
    version = letters.besluitbrief(step.zaak, besluit, automatisch=automatisch)
    werkplek.send_message(
        step.zaak,
        onderwerp=f"Besluit op uw aanvraag {step.zaak.identificatie}",
        tekst="Wij hebben een besluit genomen op uw aanvraag. U vindt de brief in de bijlage.",
        document_url=letters.document_url(version),
    )
    return {"document": version.titel}


@OPERATIONS.register("bericht_sturen")
def bericht_sturen(step, task, onderwerp: str, tekst: str, brief: bool = True):
    document_url = ""
    if brief:
        document_url = letters.document_url(letters.berichtbrief(step.zaak, onderwerp, tekst))
    werkplek.send_message(step.zaak, onderwerp=onderwerp, tekst=tekst, document_url=document_url)
    return {"onderwerp": onderwerp}


@OPERATIONS.register("status_zetten")
def status_zetten(step, task, status: str, toelichting: str = ""):
    statustype = next((s for s in zaakdata.statustypen(step.zaak) if s.omschrijving == status), None)
    if statustype is None:
        raise LookupError(f"Het zaaktype kent geen status {status!r}.")
    werkplek.set_status(step.zaak, statustype, toelichting or "Automatisch gezet door het proces")
    return {"status": status}


@OPERATIONS.register("routeren")
def routeren(step, task, team: str):
    """Put the zaak in a team's queue (team code, e.g. from a DMN routing table)."""
    found = Team.objects.filter(organisation_id=step.zaak.organisation_id, code=team).first()
    if found is None:
        raise LookupError(f"Er is geen team met code {team!r}.")
    werkplek.set_team(step.zaak, found)
    step.stap["invoer"] = {"team": team}
    return {"team": found.naam}


@OPERATIONS.register("locatie_bepalen")
def locatie_bepalen(step, task):
    """The wijk of the zaak's location (its zaakgeometrie point) from data/wijken.json boxes."""
    geometry = step.zaak.zaakgeometrie or {}
    wijk = "onbekend"
    if geometry.get("type") == "Point":
        lon, lat = geometry["coordinates"][:2]
        for naam, (min_lon, min_lat, max_lon, max_lat) in _data("wijken.json").items():
            if min_lon <= lon <= max_lon and min_lat <= lat <= max_lat:
                wijk = naam
                break
    task.data["wijk"] = wijk
    step.stap["invoer"] = {"zaakgeometrie": geometry or None}
    return {"wijk": wijk}


@OPERATIONS.register("zaak_afsluiten")
def zaak_afsluiten(step, task, resultaat: str, toelichting: str = ""):
    resultaattype = next((r for r in zaakdata.resultaattypen(step.zaak) if r.omschrijving == resultaat), None)
    if resultaattype is None:
        raise LookupError(f"Het zaaktype kent geen resultaat {resultaat!r}.")
    werkplek.close(step.zaak, resultaattype, toelichting or f"Afgesloten door het proces: {resultaat}")
    return {"resultaat": resultaat}
