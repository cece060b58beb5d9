"""Tenancy: every record belongs to an organisation, and every query is filtered by default.

A *scope* says which organisations the code running now may see. The web middleware and
the API authentication open a scope for the user or client; background work opens one
explicitly. Models that inherit :class:`TenantModel` get a default manager whose queries
carry a filter that is resolved **when the SQL is compiled**, not when the queryset is
built, so class-level querysets (DRF views, form fields) are safe too. Running such a query
with no scope open raises :class:`TenantScopeMissing`: forgetting tenancy fails loudly
instead of leaking another municipality's data.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from django.core.exceptions import EmptyResultSet, FullResultSet
from django.db import models
from django.db.models import Lookup


class TenantScopeMissing(RuntimeError):
    """A tenant-owned table was queried outside any tenant scope."""


@dataclass(frozen=True)
class Scope:
    organisation_ids: frozenset[int]
    all_organisations: bool = False

    def allows(self, organisation_id: int | None) -> bool:
        return self.all_organisations or organisation_id in self.organisation_ids


SYSTEM_SCOPE = Scope(frozenset(), all_organisations=True)
EMPTY_SCOPE = Scope(frozenset())

_current: ContextVar[Scope | None] = ContextVar("raadhuis_tenant_scope", default=None)


def current_scope() -> Scope | None:
    return _current.get()


def require_scope() -> Scope:
    scope = _current.get()
    if scope is None:
        raise TenantScopeMissing(
            "A tenant-owned model was queried outside a tenant scope. Open one with "
            "tenancy.scope_for(...) or, for system work across organisations, "
            "tenancy.system_scope()."
        )
    return scope


@contextmanager
def _activate(scope: Scope) -> Iterator[Scope]:
    token = _current.set(scope)
    try:
        yield scope
    finally:
        _current.reset(token)


def scope_for(organisation_ids: Iterable[int]) -> contextmanager:
    """Run the block seeing only the given organisations."""
    return _activate(Scope(frozenset(organisation_ids)))


def system_scope() -> contextmanager:
    """Run the block across all organisations: management commands, dispatchers, migrations.

    Named loudly on purpose, so that a review finds every place that crosses tenants.
    """
    return _activate(SYSTEM_SCOPE)


def scope_of_user(user) -> Scope:
    if not user or not user.is_authenticated:
        return EMPTY_SCOPE
    if user.is_superuser:
        return SYSTEM_SCOPE
    return Scope(frozenset(user.organisation_ids()))


class InTenantScope(Lookup):
    """``organisation__in_tenant_scope=True``: the current scope, compiled late."""

    lookup_name = "in_tenant_scope"
    prepare_rhs = False

    def as_sql(self, compiler, connection):
        scope = require_scope()
        if scope.all_organisations:
            raise FullResultSet
        if not scope.organisation_ids:
            raise EmptyResultSet
        lhs, lhs_params = self.process_lhs(compiler, connection)
        ids = sorted(scope.organisation_ids)
        placeholders = ", ".join(["%s"] * len(ids))
        return f"{lhs} IN ({placeholders})", [*lhs_params, *ids]


models.ForeignKey.register_lookup(InTenantScope)


class TenantQuerySet(models.QuerySet):
    def for_organisation(self, organisation) -> TenantQuerySet:
        return self.filter(organisation=organisation)


class TenantManager(models.Manager.from_queryset(TenantQuerySet)):
    """Default manager of tenant-owned models: filters by the current scope."""

    def get_queryset(self):
        return super().get_queryset().filter(organisation__in_tenant_scope=True)


class TenantModel(models.Model):
    """Base of every record that belongs to an organisation."""

    organisation = models.ForeignKey(
        "platform.Organisation", on_delete=models.PROTECT, related_name="+", db_index=True
    )

    objects = TenantManager()
    # The explicit escape hatch for system code; grep for ``all_tenants`` to audit its use.
    all_tenants = models.Manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        scope = require_scope()
        if not scope.allows(self.organisation_id):
            raise PermissionError("Cannot write a record of an organisation outside the scope.")
        super().save(*args, **kwargs)


def owned_by(organisation) -> dict:
    """The keyword that sets a new record's organisation, given the Organisation or its id:
    a write that knows only the id need not load the organisation."""
    if isinstance(organisation, int):
        return {"organisation_id": organisation}
    return {"organisation": organisation}


def activate(scope: Scope) -> contextmanager:
    """Open an already computed scope (API authentication, tasks carrying a scope)."""
    return _activate(scope)


def enter(scope: Scope):
    """Open a scope without a ``with`` block (views whose auth runs mid-request); pair with
    :func:`leave`."""
    return _current.set(scope)


def leave(token) -> None:
    _current.reset(token)
