"""Prefill from the base registries: what the municipality knows is never asked again.

Only the BRP fields the form names are fetched (data minimisation), through the registers'
service layer, which logs the read with its purpose and legal basis.
"""

from __future__ import annotations

DOEL = "Vooraf invullen van een aanvraagformulier in Mijn gemeente"
GRONDSLAG = "Algemene wet bestuursrecht art. 4:2 en Wet BRP art. 3.2 (eenmalige uitvraag)"
# Paths composed by the portal from several BRP fields, and the fields they need.
_ADRES = "verblijfplaats.verblijfadres."
COMPOSED = {
    "verblijfplaats.adres": [f"{_ADRES}{f}" for f in ("officieleStraatnaam", "huisnummer", "huisletter",
                                                      "huisnummertoevoeging", "postcode", "woonplaats")],
    "verblijfplaats.adresregel1": [f"{_ADRES}{f}" for f in ("officieleStraatnaam", "huisnummer",
                                                            "huisletter", "huisnummertoevoeging")],
    "verblijfplaats.adresregel2": [f"{_ADRES}postcode", f"{_ADRES}woonplaats"],
}


def brp_fields(paths: list[str]) -> list[str]:
    """The BRP ``fields`` to ask for these prefill paths, each once, in a stable order."""
    fields: list[str] = []
    for path in paths:
        for field in COMPOSED.get(path, [path]):
            if field not in fields:
                fields.append(field)
    return fields


def prefill_values(bsn: str, definition_fields: list[dict]) -> dict[str, str]:
    """{form field key: value} for the fields with a ``prefill`` path; {} without a BSN."""
    wanted = [f for f in definition_fields if f.get("prefill")]
    if not bsn or not wanted:
        return {}
    from raadhuis.registers import services as registers

    persoon = (
        registers.get_persoon(
            bsn, fields=brp_fields([f["prefill"] for f in wanted]), doel=DOEL, grondslag=GRONDSLAG
        )
        or {}
    )
    return {f["key"]: value_at(persoon, f["prefill"]) for f in wanted}


def value_at(persoon: dict, path: str) -> str:
    if path in COMPOSED:
        return _address(persoon.get("verblijfplaats") or {}, path)
    value = persoon
    for part in path.split("."):
        value = value.get(part) if isinstance(value, dict) else None
    if isinstance(value, dict):  # e.g. geboorte.datum as {"type": "Datum", "datum": "…"}
        value = value.get("datum") or value.get("langFormaat") or value.get("omschrijving") or ""
    return "" if value is None else str(value)


def _address(verblijfplaats: dict, path: str) -> str:
    # Haal Centraal 2.x nests the address in verblijfadres; 1.x and simpler sources do not.
    adres = verblijfplaats.get("verblijfadres") or verblijfplaats
    number = "".join(str(adres.get(k) or "") for k in ("huisnummer", "huisletter"))
    if adres.get("huisnummertoevoeging"):
        number += f"-{adres['huisnummertoevoeging']}"
    line1 = " ".join(
        p for p in (str(adres.get("officieleStraatnaam") or adres.get("straat") or ""), number) if p
    )
    postcode = str(adres.get("postcode") or "").replace(" ", "")
    postcode = f"{postcode[:4]} {postcode[4:]}" if len(postcode) == 6 else postcode  # as written: 1234 AB
    line2 = " ".join(p for p in (postcode, str(adres.get("woonplaats") or "")) if p)
    return {"verblijfplaats.adresregel1": line1, "verblijfplaats.adresregel2": line2}.get(
        path, ", ".join(p for p in (line1, line2) if p)
    )
