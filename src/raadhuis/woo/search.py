"""Dutch full-text search over the archive, one interface for two engines.

PostgreSQL: a stored generated ``tsvector`` column with the ``dutch`` configuration (Snowball
stemming, Dutch stop words), weighted title > author > content, a GIN index, queries through
``websearch_to_tsquery`` (``"exacte zin"``, ``or``, ``-uitsluiten``) and ``ts_rank_cd``.
SQLite (embedded default): an FTS5 table kept in sync by triggers; the same query syntax is
translated to FTS5 with a light Dutch suffix stemmer and prefix matching, ranked by bm25.

Tenancy comes from the tenant manager; confidentiality is a filter on the
vertrouwelijkheidaanduiding every result must be at or below.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from django.db import connection
from django.db.models.expressions import RawSQL

from raadhuis.woo.models import VERTROUWELIJKHEID_RANK, ArchiveDocument

MAX_QUERY = 500


@dataclass(frozen=True)
class Filters:
    van: date | None = None
    tot: date | None = None
    auteur: str = ""
    zaaktype: str = ""
    max_vertrouwelijkheid: str = "confidentieel"


def search(query: str, filters: Filters | None = None, *, limit: int = 50):
    """The documents matching ``query`` (best first) within the filters; an empty query
    lists the newest documents."""
    filters = filters or Filters()
    documents = _filtered(ArchiveDocument.objects.all(), filters).defer("inhoud", "minhash")
    query = (query or "").strip()[:MAX_QUERY]
    if not query:
        return list(documents.order_by("-datum", "-pk")[:limit])
    if connection.vendor == "postgresql":
        matched = documents.annotate(
            rank=RawSQL(
                "ts_rank_cd(woo_archivedocument.zoekvector, websearch_to_tsquery('dutch', %s))", (query,)
            )
        ).extra(where=["woo_archivedocument.zoekvector @@ websearch_to_tsquery('dutch', %s)"], params=[query])
        return list(matched.order_by("-rank", "-pk")[:limit])
    fts = to_fts5(query)
    if not fts:
        return []
    matched = documents.annotate(
        rank=RawSQL(
            "(SELECT -bm25(woo_archivedocument_fts, 10.0, 5.0, 1.0) FROM woo_archivedocument_fts "
            "WHERE woo_archivedocument_fts MATCH %s AND rowid = woo_archivedocument.id)",
            (fts,),
        )
    ).extra(
        where=[
            "woo_archivedocument.id IN (SELECT rowid FROM woo_archivedocument_fts "
            "WHERE woo_archivedocument_fts MATCH %s)"
        ],
        params=[fts],
    )
    return list(matched.order_by("-rank", "-pk")[:limit])


def _filtered(documents, filters: Filters):
    if filters.van:
        documents = documents.filter(datum__gte=filters.van)
    if filters.tot:
        documents = documents.filter(datum__lte=filters.tot)
    if filters.auteur:
        documents = documents.filter(auteur__icontains=filters.auteur)
    if filters.zaaktype:
        documents = documents.filter(zaaktype=filters.zaaktype)
    allowed = [
        code
        for code, rank in VERTROUWELIJKHEID_RANK.items()
        if rank <= VERTROUWELIJKHEID_RANK.get(filters.max_vertrouwelijkheid, 0)
    ]
    return documents.filter(vertrouwelijkheidaanduiding__in=allowed)


TOKEN = re.compile(r'(-?)"([^"]*)"|(-?)(\S+)')
SUFFIXES = ("heden", "ingen", "tjes", "eren", "en", "es", "s", "e")


def stem(word: str) -> str:
    """A light Dutch suffix stripper for SQLite: 'vergunningen' and 'vergunning' meet."""
    for suffix in SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def to_fts5(query: str) -> str:
    """websearch syntax -> FTS5, with PostgreSQL's precedence: ``a b or c -d`` is
    ``(a AND b) OR (c NOT d)``; phrases stay phrases."""
    groups: list[tuple[list[str], list[str]]] = [([], [])]
    for match in TOKEN.finditer(query):
        negated = bool(match.group(1) or match.group(3))
        if match.group(2) is not None:
            words = re.findall(r"\w+", match.group(2).lower())
            term = f'"{" ".join(words)}"' if words else ""
        else:
            raw = match.group(4)
            if raw.lower() == "or":
                groups.append(([], []))
                continue
            words = re.findall(r"\w+", raw.lower())
            term = " AND ".join(f'"{stem(w)}"*' for w in words)
            if len(words) > 1:
                term = f"({term})"
        if term:
            groups[-1][1 if negated else 0].append(term)
    clauses = []
    for positives, negatives in groups:
        if not positives:
            continue  # a group of exclusions only matches nothing useful
        clause = " AND ".join(positives)
        for term in negatives:
            clause = f"({clause}) NOT {term}"
        clauses.append(f"({clause})")
    return " OR ".join(clauses)


# --- the index, created by migration 0002 ---------------------------------------------------------

POSTGRES_SQL = [
    """ALTER TABLE woo_archivedocument ADD COLUMN zoekvector tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('dutch', coalesce(titel, '')), 'A') ||
        setweight(to_tsvector('dutch', coalesce(auteur, '')), 'B') ||
        setweight(to_tsvector('dutch', coalesce(inhoud, '')), 'C')) STORED""",
    "CREATE INDEX woo_archivedocument_zoekvector ON woo_archivedocument USING GIN (zoekvector)",
]
SQLITE_SQL = [
    """CREATE VIRTUAL TABLE woo_archivedocument_fts USING fts5(titel, auteur, inhoud,
        content='woo_archivedocument', content_rowid='id', tokenize='unicode61 remove_diacritics 2')""",
    """CREATE TRIGGER woo_archivedocument_ai AFTER INSERT ON woo_archivedocument BEGIN
        INSERT INTO woo_archivedocument_fts(rowid, titel, auteur, inhoud)
        VALUES (new.id, new.titel, new.auteur, new.inhoud); END""",
    """CREATE TRIGGER woo_archivedocument_ad AFTER DELETE ON woo_archivedocument BEGIN
        INSERT INTO woo_archivedocument_fts(woo_archivedocument_fts, rowid, titel, auteur, inhoud)
        VALUES ('delete', old.id, old.titel, old.auteur, old.inhoud); END""",
    """CREATE TRIGGER woo_archivedocument_au AFTER UPDATE ON woo_archivedocument BEGIN
        INSERT INTO woo_archivedocument_fts(woo_archivedocument_fts, rowid, titel, auteur, inhoud)
        VALUES ('delete', old.id, old.titel, old.auteur, old.inhoud);
        INSERT INTO woo_archivedocument_fts(rowid, titel, auteur, inhoud)
        VALUES (new.id, new.titel, new.auteur, new.inhoud); END""",
]


def create_index(apps, schema_editor) -> None:
    statements = POSTGRES_SQL if schema_editor.connection.vendor == "postgresql" else SQLITE_SQL
    if schema_editor.connection.vendor not in ("postgresql", "sqlite"):
        return
    for statement in statements:
        schema_editor.execute(statement)


def drop_index(apps, schema_editor) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("ALTER TABLE woo_archivedocument DROP COLUMN zoekvector")
    elif schema_editor.connection.vendor == "sqlite":
        for name in ("ai", "ad", "au"):
            schema_editor.execute(f"DROP TRIGGER IF EXISTS woo_archivedocument_{name}")
        schema_editor.execute("DROP TABLE IF EXISTS woo_archivedocument_fts")
