"""Local reference data of the VNG Selectielijst, for the rules that need its content.

Raadhuis does not call the Selectielijst API (no hidden dependency on the internet). A
resultaattype stores its ``selectielijstklasse`` URL as given; when that URL is in the local
table, Raadhuis also applies ztc-003 (afleidingswijze by procestermijn) and derives
archiefnominatie and archiefactietermijn when the client left them out (ztc-002).

The table is ``data/selectielijst.json`` (shipped, refreshable with
``raadhuis selectielijst_import``): a list of resultaten as the Selectielijst API returns them
(``url``, ``procesType``, ``procestermijn``, ``waardering``, ``bewaartermijn``).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

DATA_FILE = Path(__file__).resolve().parent / "data" / "selectielijst.json"
# waardering of the Selectielijst → archiefnominatie of the Catalogi API
WAARDERING = {"blijvend_bewaren": "blijvend_bewaren", "vernietigen": "vernietigen"}


@dataclass(frozen=True)
class Resultaat:
    url: str
    procestype: str
    procestermijn: str
    waardering: str
    bewaartermijn: str


@cache
def _table() -> dict[str, Resultaat]:
    rows = json.loads(DATA_FILE.read_text(encoding="utf-8")) if DATA_FILE.exists() else []
    return {row["url"]: _resultaat(row) for row in rows}


def _resultaat(row: dict) -> Resultaat:
    return Resultaat(url=row["url"], procestype=row.get("procesType", ""),
                     procestermijn=row.get("procestermijn") or "", waardering=row.get("waardering", ""),
                     bewaartermijn=row.get("bewaartermijn") or "")


def resultaat(url: str) -> Resultaat | None:
    return _table().get(url) if url else None


def store(rows: list[dict], path: Path | None = None) -> None:
    """Replace the table (the import command; tests pass a path of their own)."""
    path = path or DATA_FILE
    path.write_text(json.dumps(rows, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    _table.cache_clear()


def derive_archiving(attrs: dict, instance, klasse: Resultaat) -> None:
    """ztc-002: archiefnominatie and archiefactietermijn follow the selectielijstklasse when
    the client gives none."""
    if not attrs.get("archiefnominatie") and not getattr(instance, "archiefnominatie", ""):
        attrs["archiefnominatie"] = WAARDERING.get(klasse.waardering, "")
    if not attrs.get("archiefactietermijn") and not getattr(instance, "archiefactietermijn", ""):
        attrs["archiefactietermijn"] = klasse.bewaartermijn
