"""Kenmerk filters: which notifications an abonnement receives, and which names are valid.

Codes and consistency rules as the reference implementations (VNG NRC, Open Notificaties).
"""

from __future__ import annotations

from collections.abc import Iterable

WILDCARD = "*"


def matches(filters: dict[str, str], kenmerken: dict) -> bool:
    """Every filter must hold: the notification has that kenmerk with that value, or the
    filter is ``*``. A filtered kenmerk that the notification lacks does not match: a
    subscriber filtering on ``vertrouwelijkheidaanduiding=openbaar`` must not receive a
    notification that does not say (the reference implementations let it through)."""
    return all(
        value == WILDCARD or (key in kenmerken and str(kenmerken[key]) == value)
        for key, value in filters.items()
    )


def abonnement_filters_consistent(kanaal_filters: Iterable[str], keys: Iterable[str]) -> bool:
    """An abonnement filters only on kenmerken the kanaal has (inconsistent-abonnement-filters)."""
    return set(keys) <= set(kanaal_filters)


def kenmerken_consistent(kanaal_filters: Iterable[str], keys: Iterable[str]) -> bool:
    """A notification carries all of the kanaal's kenmerken, or only some of them, as the
    reference implementations allow (kenmerken_inconsistent)."""
    declared, given = set(kanaal_filters), set(keys)
    return declared <= given or declared >= given
