"""Scopes of the ZGW APIs: the operations an Autorisatie grants, per component.

Names as Open Zaak and the VNG reference implementations spell them.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Scope:
    """A scope, or a set of alternatives combined with ``|`` (any one suffices)."""

    labels: frozenset[str]

    @classmethod
    def named(cls, label: str) -> Scope:
        return cls(frozenset([label]))

    def __or__(self, other: Scope) -> Scope:
        return Scope(self.labels | other.labels)

    def granted_by(self, scopes) -> bool:
        return bool(self.labels & set(scopes))

    def __str__(self) -> str:
        return " | ".join(sorted(self.labels))


_ALL: dict[str, Scope] = {}


def register(label: str) -> Scope:
    _ALL[label] = Scope.named(label)
    return _ALL[label]


def known_scopes() -> set[str]:
    return set(_ALL)


# Catalogi
CATALOGI_LEZEN = register("catalogi.lezen")
CATALOGI_SCHRIJVEN = register("catalogi.schrijven")
CATALOGI_GEFORCEERD_SCHRIJVEN = register("catalogi.geforceerd-schrijven")
# Zaken
ZAKEN_LEZEN = register("zaken.lezen")
ZAKEN_AANMAKEN = register("zaken.aanmaken")
ZAKEN_BIJWERKEN = register("zaken.bijwerken")
ZAKEN_VERWIJDEREN = register("zaken.verwijderen")
ZAKEN_STATUSSEN_TOEVOEGEN = register("zaken.statussen-toevoegen")
ZAKEN_HEROPENEN = register("zaken.heropenen")
ZAKEN_GEFORCEERD_BIJWERKEN = register("zaken.geforceerd-bijwerken")
# Documenten
DOCUMENTEN_LEZEN = register("documenten.lezen")
DOCUMENTEN_AANMAKEN = register("documenten.aanmaken")
DOCUMENTEN_BIJWERKEN = register("documenten.bijwerken")
DOCUMENTEN_VERWIJDEREN = register("documenten.verwijderen")
DOCUMENTEN_LOCK = register("documenten.lock")
DOCUMENTEN_GEFORCEERD_UNLOCK = register("documenten.geforceerd-unlock")
DOCUMENTEN_GEFORCEERD_BIJWERKEN = register("documenten.geforceerd-bijwerken")
# Besluiten
BESLUITEN_LEZEN = register("besluiten.lezen")
BESLUITEN_AANMAKEN = register("besluiten.aanmaken")
BESLUITEN_BIJWERKEN = register("besluiten.bijwerken")
BESLUITEN_VERWIJDEREN = register("besluiten.verwijderen")
# Autorisaties
AUTORISATIES_LEZEN = register("autorisaties.lezen")
AUTORISATIES_BIJWERKEN = register("autorisaties.bijwerken")
# Notificaties
NOTIFICATIES_CONSUMEREN = register("notificaties.consumeren")
NOTIFICATIES_PUBLICEREN = register("notificaties.publiceren")
# Audit trails
AUDITTRAILS_LEZEN = register("audittrails.lezen")
