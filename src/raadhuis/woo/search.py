"""Dutch full-text search over the archive, one interface for two engines.

PostgreSQL: a stored generated ``tsvector`` column with the ``dutch`` configuration (Snowball
stemming, Dutch stop words), weighted title > author > content, a GIN index, queries through
``websearch_to_tsquery`` (``"exacte zin"``, ``or``, ``-uitsluiten``) and ``ts_rank_cd`` over
a bounded candidate set (title/author matches and the newest content matches; ADR 0031).
SQLite (embedded default): an FTS5 table kept in sync by triggers; the same query syntax is
translated to FTS5 with a light Dutch suffix stemmer and prefix matching, ranked by bm25.

Tenancy comes from the tenant manager; confidentiality is a filter on the
vertrouwelijkheidaanduiding every result must be at or below.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from django.db import connection, transaction
from django.db.models import BooleanField, Expression, FloatField
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
    organisation_id: int | None = None  # one of the organisations in scope (a request's own)


def search(query: str, filters: Filters | None = None, *, limit: int = 50):
    """The documents matching ``query`` (best first) within the filters; an empty query
    lists the newest documents."""
    filters = filters or Filters()
    documents = _filtered(ArchiveDocument.objects.all(), filters).defer("inhoud", "minhash")
    query = (query or "").strip()[:MAX_QUERY]
    if not query:
        return list(documents.order_by("-datum", "-pk")[:limit])
    if connection.vendor == "postgresql":
        return _search_postgres(documents, query, limit)
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


# Ranking reads each candidate's tsvector from disk; a broad query matches tens of thousands of
# documents. Ranked are: every document that matches in its title or author (few, and the
# best-ranked anyway) and the most recently archived RANKED_CONTENT content matches.
RANKED_CONTENT = 500


class _TsExpression(Expression):
    """``<column> @@ query`` or ``ts_rank_cd(<column>, query)`` on the query's own table alias,
    so that it stays right inside subqueries (where Django renames the table U0)."""

    template = "{column} @@ websearch_to_tsquery('dutch', %s)"

    def __init__(self, column: str, query: str, output_field):
        super().__init__(output_field=output_field)
        self.column, self.query = column, query

    def as_sql(self, compiler, connection):
        alias = compiler.quote_name_unless_alias(compiler.query.get_initial_alias())
        return self.template.format(column=f"{alias}.{self.column}"), [self.query]


class _Matches(_TsExpression):
    def __init__(self, column: str, query: str):
        super().__init__(column, query, BooleanField())


class _Rank(_TsExpression):
    template = "ts_rank_cd({column}, websearch_to_tsquery('dutch', %s))"

    def __init__(self, query: str):
        super().__init__("zoekvector", query, FloatField())


def _search_postgres(documents, query: str, limit: int) -> list[ArchiveDocument]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT websearch_to_tsquery('dutch', %s)::text", [query])
        tsquery = cursor.fetchone()[0]
    if not tsquery:
        return []  # only stop words
    matches = documents.filter(_Matches("zoekvector", query))
    # A title match is a content match too (the title is part of zoekvector), unless the
    # query excludes a word that the content holds.
    by_title = (matches if "!" in tsquery else documents).filter(_Matches("titelvector", query))
    recent = matches.order_by("-pk").values("pk")[:RANKED_CONTENT]
    ranked = documents.filter(pk__in=by_title.values("pk").union(recent)).annotate(rank=_Rank(query))
    ranked = ranked.order_by("-rank", "-pk")[:limit]
    if not re.search(r"<(?:-|\d+)>", tsquery):
        return list(ranked)
    # The planner estimates a phrase to be as frequent as its words together and walks the
    # newest documents checking each; a phrase is usually rare, so that walk reads the whole
    # archive. The GIN bitmap of the documents holding all its words is the bounded way.
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_indexscan = off")
        try:
            return list(ranked)
        finally:
            cursor.execute("SET LOCAL enable_indexscan TO DEFAULT")


def _filtered(documents, filters: Filters):
    if filters.organisation_id:
        documents = documents.filter(organisation_id=filters.organisation_id)
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


# --- the title index, created by migration 0003: candidates that must always be ranked ----------

POSTGRES_TITLE_SQL = [
    """ALTER TABLE woo_archivedocument ADD COLUMN titelvector tsvector GENERATED ALWAYS AS (
        to_tsvector('dutch', coalesce(titel, '') || ' ' || coalesce(auteur, ''))) STORED""",
    "CREATE INDEX woo_archivedocument_titelvector ON woo_archivedocument USING GIN (titelvector)",
]


def create_title_index(apps, schema_editor) -> None:
    if schema_editor.connection.vendor == "postgresql":
        for statement in POSTGRES_TITLE_SQL:
            schema_editor.execute(statement)


def drop_title_index(apps, schema_editor) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("ALTER TABLE woo_archivedocument DROP COLUMN titelvector")
