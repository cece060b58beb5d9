"""Zaaknummers (zrc-002): ``ZAAK-{year}-{sequence:010d}``, unique per bronorganisatie.

The next number comes from a counter row per bronorganisatie and year, locked for the rest of
the transaction: ``SELECT … FOR UPDATE`` on PostgreSQL; on SQLite every transaction starts
with ``BEGIN IMMEDIATE`` (settings: transaction_mode), which serialises writers. Two
parallel creates therefore never draw the same number. A number is never handed out twice:
the counter only goes up, and numbers already taken (a client may choose its own identificatie,
or claim a reserved one) are skipped.
"""

from __future__ import annotations

from datetime import date

from django.db import transaction

from raadhuis.zgw.zaken.models import ReservedIdentificatie, Zaak, ZaakNummerTeller

PREFIX = "ZAAK"


def format_number(year: int, sequence: int) -> str:
    return f"{PREFIX}-{year}-{sequence:010d}"


def next_numbers(bronorganisatie: str, day: date, count: int = 1) -> list[str]:
    """``count`` fresh zaaknummers for the bronorganisatie; call inside the writing transaction."""
    assert transaction.get_connection().in_atomic_block, "draw zaaknummers inside the transaction"
    ZaakNummerTeller.objects.bulk_create(
        [ZaakNummerTeller(bronorganisatie=bronorganisatie, jaar=day.year)], ignore_conflicts=True)
    teller = ZaakNummerTeller.objects.select_for_update().get(bronorganisatie=bronorganisatie, jaar=day.year)
    numbers: list[str] = []
    while len(numbers) < count:
        wanted = count - len(numbers)
        candidates = [format_number(day.year, teller.laatste + i) for i in range(1, wanted + 1)]
        teller.laatste += wanted
        taken = _taken(bronorganisatie, candidates)
        numbers += [c for c in candidates if c not in taken]
    teller.save(update_fields=["laatste"])
    return numbers


def _taken(bronorganisatie: str, candidates: list[str]) -> set[str]:
    # Across all tenants: uniqueness is per bronorganisatie, whoever created the zaak.
    used = set(Zaak.all_tenants.filter(bronorganisatie=bronorganisatie, identificatie__in=candidates)
               .values_list("identificatie", flat=True))
    reserved = ReservedIdentificatie.all_tenants.filter(bronorganisatie=bronorganisatie,
                                                        identificatie__in=candidates)
    return used | set(reserved.values_list("identificatie", flat=True))
