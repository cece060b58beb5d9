"""Scopes of the Klantinteracties API (kept in ``ApiToegang``, see ADR 0026)."""

from raadhuis.zgw.common.scopes import Scope

LEZEN = Scope.named("klantinteracties.lezen")
AANMAKEN = Scope.named("klantinteracties.aanmaken")
BIJWERKEN = Scope.named("klantinteracties.bijwerken")
VERWIJDEREN = Scope.named("klantinteracties.verwijderen")
# Klantcontacten marked ``vertrouwelijk`` are hidden from clients without this one.
VERTROUWELIJK_LEZEN = Scope.named("klantinteracties.vertrouwelijk-lezen")

ALL = (LEZEN, AANMAKEN, BIJWERKEN, VERWIJDEREN, VERTROUWELIJK_LEZEN)
LABELS = tuple(sorted(label for scope in ALL for label in scope.labels))
CRUD = {
    "list": LEZEN,
    "retrieve": LEZEN,
    "create": AANMAKEN,
    "update": BIJWERKEN,
    "partial_update": BIJWERKEN,
    "destroy": VERWIJDEREN,
}
