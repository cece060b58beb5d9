"""Who may do what in the werkplek, per organisation.

The platform's roles are per organisation (``Membership``), but Django permissions are
global; the werkplek therefore checks its actions against the roles a user holds *in the
zaak's organisation*. The confidentiality a role may see is capped too: a KCC-medewerker
sees no "vertrouwelijk" zaak, a Wegbeheerder only open and internal ones.
"""

from __future__ import annotations

from enum import StrEnum

from django.core.exceptions import PermissionDenied

from raadhuis.platform.models import Role
from raadhuis.platform.roles import grant
from raadhuis.zgw.common.vertrouwelijkheid import rank


class Actie(StrEnum):
    BEKIJKEN = "bekijken"  # queue, case page, search
    BEHANDELEN = "behandelen"  # status, notes, documents, messages, suspend/extend, pick up
    BESLUITEN = "besluiten"  # resultaat, besluit, letters, close
    HEROPENEN = "heropenen"  # reopen a closed zaak
    TOEWIJZEN = "toewijzen"  # assign a zaak to someone else
    PERSOONSGEGEVENS = "persoonsgegevens"  # read BRP data on the case page (logged)
    PROCESSEN = "processen"  # retry a parked automatic step, take over from the machine


HANDLERS = {Role.BEHANDELAAR, Role.WOO_JURIST, Role.WEGBEHEERDER}
ACTIONS: dict[str, set[str]] = {
    Actie.BEKIJKEN: {*HANDLERS, Role.KCC, Role.MANAGER},
    Actie.BEHANDELEN: HANDLERS,
    Actie.BESLUITEN: {Role.BEHANDELAAR, Role.WOO_JURIST},
    Actie.HEROPENEN: {Role.MANAGER},
    Actie.TOEWIJZEN: {Role.MANAGER},
    Actie.PERSOONSGEGEVENS: {Role.BEHANDELAAR, Role.KCC, Role.WOO_JURIST},
    Actie.PROCESSEN: {Role.BEHANDELAAR, Role.MANAGER, Role.BEHEERDER},
}
# The highest vertrouwelijkheidaanduiding each role may read.
MAX_VERTROUWELIJKHEID = {
    Role.BEHANDELAAR: "vertrouwelijk",
    Role.WOO_JURIST: "vertrouwelijk",
    Role.MANAGER: "confidentieel",
    Role.KCC: "zaakvertrouwelijk",
    Role.WEGBEHEERDER: "intern",
    Role.BEHEERDER: "intern",
}


def roles_by_organisation(user) -> dict[int, set[str]]:
    """{organisation id: roles} of the user's memberships in active organisations, cached."""
    if not hasattr(user, "_werkplek_roles"):
        roles: dict[int, set[str]] = {}
        for organisation_id, role in user.memberships.filter(organisation__is_active=True).values_list(
            "organisation_id", "role"
        ):
            roles.setdefault(organisation_id, set()).add(role)
        user._werkplek_roles = roles
    return user._werkplek_roles


def may(user, actie: str, organisation_id: int) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    return bool(roles_by_organisation(user).get(organisation_id, set()) & ACTIONS[actie])


def require(user, actie: str, organisation_id: int) -> None:
    if not may(user, actie, organisation_id):
        raise PermissionDenied(f"Geen recht om te {actie} in deze organisatie.")


def max_rank(user, organisation_id: int) -> int:
    """The highest confidentiality rank the user may see in the organisation; -1: none."""
    roles = roles_by_organisation(user).get(organisation_id, set())
    ranks = [rank(MAX_VERTROUWELIJKHEID[role]) for role in roles if role in MAX_VERTROUWELIJKHEID]
    return max(ranks, default=-1) if roles & ACTIONS[Actie.BEKIJKEN] else -1


def may_see(user, organisation_id: int, vertrouwelijkheid: str | int) -> bool:
    level = vertrouwelijkheid if isinstance(vertrouwelijkheid, int) else rank(vertrouwelijkheid)
    return level <= max_rank(user, organisation_id)


def visible_organisations(user) -> dict[int, int]:
    """{organisation id: max rank} for every organisation where the user may look at zaken."""
    return {org: max_rank(user, org) for org in roles_by_organisation(user) if max_rank(user, org) >= 0}


# Django permissions for the admin screens of the werkplek (templates, teams, deadline rules).
grant(
    Role.BEHEERDER,
    "werkplek.view_team",
    "werkplek.add_team",
    "werkplek.change_team",
    "werkplek.view_termijnregel",
    "werkplek.add_termijnregel",
    "werkplek.change_termijnregel",
    "werkplek.view_briefsjabloon",
    "werkplek.add_briefsjabloon",
    "werkplek.change_briefsjabloon",
)
