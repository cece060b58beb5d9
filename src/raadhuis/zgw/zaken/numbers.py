"""Zaaknummers (zrc-002): ``ZAAK-{year}-{sequence:010d}``, unique per bronorganisatie.

The next numbers come from a counter row per bronorganisatie and year, advanced by ONE
statement that returns its new value (``INSERT … ON CONFLICT DO UPDATE … RETURNING``). A
create draws its number before it opens its transaction (services.create_zaak), so the
statement commits at once and the row is locked only for that moment: concurrent creates of
one bronorganisatie no longer queue on it until each one's commit. Inside a transaction
(``zaaknummer_reserveren``, or a caller's own) the row stays locked until that commits, as
any update. Two draws therefore never get the same number, and numbers already taken (a
client may choose its own identificatie, or claim a reserved one) are skipped: nothing is
handed out twice. A number drawn by a create that then fails stays unused, a gap; the
standard asks only that the identificatie is unique within the bronorganisatie (ADR 0042).
"""

from __future__ import annotations

import sqlite3
from datetime import date

from django.db import connection, transaction

from raadhuis.zgw.zaken.models import ReservedIdentificatie, Zaak, ZaakNummerTeller

PREFIX = "ZAAK"


def format_number(year: int, sequence: int) -> str:
    return f"{PREFIX}-{year}-{sequence:010d}"


def next_numbers(bronorganisatie: str, day: date, count: int = 1) -> list[str]:
    """``count`` fresh zaaknummers for the bronorganisatie."""
    numbers: list[str] = []
    while len(numbers) < count:
        wanted = count - len(numbers)
        last = _advance(bronorganisatie, day.year, wanted)
        candidates = [format_number(day.year, sequence) for sequence in range(last - wanted + 1, last + 1)]
        taken = _taken(bronorganisatie, candidates)
        numbers += [c for c in candidates if c not in taken]
    return numbers


def _advance(bronorganisatie: str, year: int, count: int) -> int:
    """Adds ``count`` to the counter (created at 0 when missing); its new value."""
    table = connection.ops.quote_name(ZaakNummerTeller._meta.db_table)
    upsert = (f"INSERT INTO {table} (bronorganisatie, jaar, laatste) VALUES (%s, %s, %s) "  # noqa: S608
              f"ON CONFLICT (bronorganisatie, jaar) "
              f"DO UPDATE SET laatste = {table}.laatste + EXCLUDED.laatste")
    if connection.vendor == "sqlite" and sqlite3.sqlite_version_info < (3, 35):  # no RETURNING yet
        with transaction.atomic(), connection.cursor() as cursor:  # BEGIN IMMEDIATE: one writer
            cursor.execute(upsert, [bronorganisatie, year, count])
            cursor.execute(f"SELECT laatste FROM {table} WHERE bronorganisatie = %s AND jaar = %s",  # noqa: S608
                           [bronorganisatie, year])
            return cursor.fetchone()[0]
    with connection.cursor() as cursor:
        cursor.execute(upsert + " RETURNING laatste", [bronorganisatie, year, count])
        return cursor.fetchone()[0]


def _taken(bronorganisatie: str, candidates: list[str]) -> set[str]:
    # Across all tenants: uniqueness is per bronorganisatie, whoever created the zaak. Plain
    # SQL, as _advance: every create runs it, and the ORM's union cost 1 ms of CPU to build.
    marks = ", ".join(["%s"] * len(candidates))
    parts = [f"SELECT identificatie FROM {connection.ops.quote_name(model._meta.db_table)} "  # noqa: S608
             f"WHERE bronorganisatie = %s AND identificatie IN ({marks})"
             for model in (Zaak, ReservedIdentificatie)]
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(parts), [bronorganisatie, *candidates] * 2)
        return {identificatie for (identificatie,) in cursor.fetchall()}
