"""Who sees which figures: the dashboards and the drill-down follow the werkplek's rule — the
organisations where the user may look at zaken, up to the confidentiality their roles allow —
so a number and the list behind it always agree. Functional administrators manage the areas."""

from __future__ import annotations

from raadhuis.platform.models import Role
from raadhuis.platform.roles import grant
from raadhuis.werkplek import services as werkplek


def visible_organisations(user) -> dict[int, int]:
    if not user.is_authenticated or not user.is_active:
        return {}
    return werkplek.visible_organisations(user)


grant(
    Role.BEHEERDER,
    "inzicht.view_gebied",
    "inzicht.add_gebied",
    "inzicht.change_gebied",
    "inzicht.delete_gebied",
)
