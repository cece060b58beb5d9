"""Exact counts kept beside a large table, so that a paginated list's ``count`` costs no COUNT(*).

A ZGW list answers with the exact number of records the client may see. Over a million rows
COUNT(*) takes a second; the sum of a few rows of a count table per (organisation, type,
level) takes a millisecond. A component declares a concrete :class:`CountTable` beside the
model it counts; its services call :meth:`CountTable.created`, :meth:`~CountTable.deleting`
and :meth:`~CountTable.moved` in the transaction of every write that adds, removes or
re-keys a record. Every change is one upsert ``n = n + delta`` (concurrent writers add up,
none overwrites another) with the keys in sorted order (two writers never deadlock over
them). ``raadhuis counts`` verifies every count table against COUNT(*) and rebuilds it
(ADR 0021).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping

from django.apps import apps
from django.db import connection, models, transaction
from django.db.models import Count, Sum

from raadhuis.platform.tenancy import TenantManager

Key = tuple
BATCH = 1000  # keys per upsert statement (SQLite allows 32,766 parameters)


class CountTable(models.Model):
    """Abstract: the number ``n`` of ``counted`` records per value of ``dimensions``.

    ``dimensions`` are field names that the count table and the counted model share (the
    organisation first); the concrete table declares a unique constraint over them."""

    organisation = models.ForeignKey("platform.Organisation", on_delete=models.CASCADE, related_name="+")
    n = models.BigIntegerField(default=0)

    counted: str = ""  # "app_label.Model"
    dimensions: tuple[str, ...] = ()

    objects = TenantManager()
    all_tenants = models.Manager()

    class Meta:
        abstract = True

    # --- Writes, inside the transaction that changes the counted records --------------------

    @classmethod
    def key(cls, record: models.Model) -> Key:
        return tuple(getattr(record, attname) for attname in cls._attnames())

    @classmethod
    def created(cls, *records: models.Model) -> None:
        cls.add(Counter(cls.key(record) for record in records))

    @classmethod
    def moved(cls, before: Key, record: models.Model) -> None:
        """A record whose dimensions changed (its key ``before`` the change)."""
        after = cls.key(record)
        if after != before:
            cls.add({before: -1, after: 1})

    @classmethod
    def deleting(cls, records: models.QuerySet) -> None:
        """Call before deleting ``records`` (a queryset of the counted model, without tenant
        filter, matching exactly the rows the delete removes). The rows are locked first, so a
        concurrent delete of the same rows subtracts them once."""
        attnames = cls._attnames()
        locked = records.order_by("pk").select_for_update().values_list(*attnames)
        cls.add({key: -n for key, n in Counter(locked).items()})

    @classmethod
    def add(cls, deltas: Mapping[Key, int]) -> None:
        """Add each delta to the count of its key (a missing key starts at 0)."""
        rows = sorted((key, delta) for key, delta in deltas.items() if delta)
        quote = connection.ops.quote_name
        table = quote(cls._meta.db_table)
        columns = ", ".join(quote(cls._meta.get_field(a).column) for a in cls._attnames())
        row = "(" + ", ".join(["%s"] * (len(cls.dimensions) + 1)) + ")"
        with connection.cursor() as cursor:
            for start in range(0, len(rows), BATCH):
                batch = rows[start:start + BATCH]
                cursor.execute(
                    f"INSERT INTO {table} ({columns}, n) VALUES {', '.join([row] * len(batch))} "  # noqa: S608
                    f"ON CONFLICT ({columns}) DO UPDATE SET n = {table}.n + EXCLUDED.n",
                    [value for key, delta in batch for value in (*key, delta)])

    # --- Reads ------------------------------------------------------------------------------

    @classmethod
    def total(cls, condition: models.Q) -> int:
        """The number of counted records in the tenant scope whose key meets ``condition``
        (a filter over the dimensions, e.g. a client's visibility)."""
        return cls.objects.filter(condition).aggregate(total=Sum("n"))["total"] or 0

    # --- Verification -----------------------------------------------------------------------

    @classmethod
    def source(cls) -> models.QuerySet:
        """Every counted record, across tenants."""
        return apps.get_model(cls.counted)._base_manager.all()

    @classmethod
    def differences(cls) -> dict[Key, tuple[int, int]]:
        """{key: (stored, actual)} where the table is wrong; empty when it is exact."""
        with transaction.atomic():
            _lock(cls, "SHARE")  # no writer between reading the counts and counting
            stored = cls._stored()
            actual = cls._actual()
        return {key: (stored.get(key, 0), actual.get(key, 0)) for key in stored.keys() | actual.keys()
                if stored.get(key, 0) != actual.get(key, 0)}

    @classmethod
    def rebuild(cls) -> int:
        """Recount from the counted table; returns the number of keys."""
        with transaction.atomic():
            _lock(cls, "EXCLUSIVE")  # writers wait; readers keep the old counts until commit
            cls.all_tenants.all().delete()
            actual = cls._actual()
            cls.add(actual)
        return len(actual)

    @classmethod
    def _stored(cls) -> dict[Key, int]:
        rows = cls.all_tenants.exclude(n=0).values_list(*cls._attnames(), "n")
        return {tuple(row[:-1]): row[-1] for row in rows}

    @classmethod
    def _actual(cls) -> dict[Key, int]:
        attnames = cls._attnames()
        rows = cls.source().order_by().values(*attnames).annotate(number=Count("pk"))
        return {tuple(row[a] for a in attnames): row["number"] for row in rows}

    @classmethod
    def _attnames(cls) -> tuple[str, ...]:
        return tuple(cls._meta.get_field(name).attname for name in cls.dimensions)


def _lock(table: type[CountTable], mode: str) -> None:
    if connection.vendor == "postgresql":  # SQLite serialises writers already (BEGIN IMMEDIATE)
        with connection.cursor() as cursor:
            cursor.execute(f"LOCK TABLE {connection.ops.quote_name(table._meta.db_table)} IN {mode} MODE")


def count_tables() -> list[type[CountTable]]:
    return [model for model in apps.get_models() if issubclass(model, CountTable)]


class CountedList:
    """A queryset for a paginator, with its count from elsewhere (a count table) instead of
    COUNT(*); the page itself is read from the queryset, or from ``page(window)`` when given."""

    def __init__(self, queryset: models.QuerySet | None, count: Callable[[], int],
                 page: Callable[[slice], list] | None = None):
        self.queryset = queryset
        self._count_of = count
        self._count: int | None = None
        self._page = page

    @property
    def ordered(self) -> bool:
        return True if self.queryset is None else self.queryset.ordered

    def count(self) -> int:
        if self._count is None:
            self._count = self._count_of()
        return self._count

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, window):
        if self._page is not None:
            return self._page(window)
        return self.queryset[window]

    def __iter__(self):
        return iter(self.queryset)
