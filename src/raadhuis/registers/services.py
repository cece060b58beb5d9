"""The one door of the base registries: persons (BRP) and addresses (BAG).

The portal and every other module fetch person data only through these functions, so that a
municipality can point Raadhuis at the national BRP (``BRP_API_URL``) instead of the local
register without changing them. Persons come back as Haal Centraal BRP Personen 2.x
dictionaries holding only the asked ``fields``; every person read is written to the
processing log with the reader (from ``platform.context``), the purpose and the legal basis.

Everything runs in the caller's tenant scope: a municipality sees its own register only.
"""

from __future__ import annotations

import re

from django.conf import settings

from raadhuis.platform import context
from raadhuis.platform import services as platform
from raadhuis.platform.validators import passes_elfproef
from raadhuis.registers import query as q
from raadhuis.registers.local import Found, LocalBag, LocalBrp
from raadhuis.registers.query import InvalidQuery
from raadhuis.registers.remote import BrpUnavailable, Purpose, RemoteBrp

__all__ = [
    "BrpUnavailable",
    "InvalidQuery",
    "get_adres",
    "get_persoon",
    "is_valid_bsn",
    "uses_remote_brp",
    "zoek_adres",
    "zoek_personen",
]


def is_valid_bsn(bsn: str) -> bool:
    """Nine digits that pass the 11-proef."""
    return isinstance(bsn, str) and passes_elfproef(bsn)


def uses_remote_brp() -> bool:
    return bool(getattr(settings, "BRP_API_URL", ""))


def get_persoon(bsn: str, *, fields: list[str], doel: str, grondslag: str,
                verwerking: str = "") -> dict | None:
    """One person (Haal Centraal ``Persoon``) with only ``fields``; ``None`` if unknown here.

    Raises :class:`InvalidQuery` for a field path the standard does not have, and
    ``ValueError`` without a purpose or legal basis. Deceased persons are returned, marked
    with ``opschortingBijhouding`` (reden ``O``), as *RaadpleegMetBurgerservicenummer* does.
    """
    _require_purpose(doel, grondslag)
    if not is_valid_bsn(bsn):
        return None
    personen = zoek_personen(
        {"type": q.RAADPLEEG_BSN, "burgerservicenummer": [bsn], "fields": list(fields)},
        doel=doel, grondslag=grondslag, verwerking=verwerking,
    )
    return personen[0] if personen else None


def zoek_personen(query: dict, *, doel: str, grondslag: str, verwerking: str = "") -> list[dict]:
    """Run a Haal Centraal BRP Personen 2.x request body (``type``, parameters, ``fields``).

    Returns the persons with only the asked fields. Raises :class:`InvalidQuery` (with the
    standard's ``invalidParams``) for a body the standard refuses, ``ValueError`` without a
    purpose or legal basis, :class:`BrpUnavailable` when a configured remote BRP fails.
    """
    _require_purpose(doel, grondslag)
    parsed = q.parse(query)
    activity = verwerking or f"BRP bevragen ({parsed.type})"
    if uses_remote_brp():
        purpose = Purpose(doelbinding=doel, verwerking=activity, grondslag=grondslag,
                          gebruiker=context.current_actor().identifier)
        found = RemoteBrp.from_settings().personen(parsed, purpose)
    else:
        found = LocalBrp().personen(parsed)
    _log_reads(found, parsed, activity, doel, grondslag)
    return [person.data for person in found]


def zoek_adres(postcode: str, huisnummer: int, *, huisletter: str = "", toevoeging: str = "") -> list[dict]:
    """BAG addresses at a postcode and house number (optionally letter and addition).

    Each address: ``nummeraanduidingIdentificatie`` (also as ``id``), ``openbareRuimteNaam``,
    ``korteNaam``, ``huisnummer``, ``huisletter``, ``huisnummertoevoeging``, ``postcode``,
    ``woonplaatsNaam``, ``adresseerbaarObjectIdentificatie``, the other BAG identifications,
    ``adresregel5``/``adresregel6`` and ``coordinates``: ``{"x", "y"}`` in RD New (EPSG:28992)
    and ``{"lat", "lon"}`` in WGS84, in one dict. Empty for a malformed postcode or number.
    """
    if not isinstance(postcode, str) or not _is_postcode(postcode):
        return []
    if isinstance(huisnummer, bool) or not isinstance(huisnummer, int) or not 1 <= huisnummer <= 99999:
        return []
    addresses = LocalBag().adressen(postcode, huisnummer, huisletter or "", toevoeging or "")
    return [{"id": adres["nummeraanduidingIdentificatie"], **adres} for adres in addresses]


def get_adres(nummeraanduiding_identificatie: str) -> dict | None:
    """One BAG address by its nummeraanduiding identification (same shape as ``zoek_adres``)."""
    if not isinstance(nummeraanduiding_identificatie, str) or not re.match(
            q.PATTERNS["nummeraanduidingIdentificatie"], nummeraanduiding_identificatie):
        return None
    adres = LocalBag().adres(nummeraanduiding_identificatie)
    return {"id": adres["nummeraanduidingIdentificatie"], **adres} if adres else None


def _is_postcode(value: str) -> bool:
    return bool(re.match(q.PATTERNS["postcode"], value.strip()))


def _require_purpose(doel: str, grondslag: str) -> None:
    if not (isinstance(doel, str) and doel.strip()) or not (isinstance(grondslag, str) and grondslag.strip()):
        raise ValueError("Persoonsgegevens worden alleen verwerkt met een doel en een grondslag.")


def _log_reads(found: list[Found], parsed: q.PersonenQuery, activity: str, doel: str, grondslag: str) -> None:
    """One processing-log entry per person read, in the register's organisation."""
    soorten = sorted({path.split(".")[0] for path in parsed.fields})
    for person in found:
        if person.organisation is None:
            raise PermissionError("Er is geen organisatie om deze raadpleging onder te verantwoorden.")
        platform.log_processing(
            organisation=person.organisation,
            verwerkingsactiviteit=activity[:200],
            doelbinding=doel[:500],
            grondslag=grondslag[:500],
            betrokkene_id=person.burgerservicenummer,
            soorten_gegevens=soorten,
        )
