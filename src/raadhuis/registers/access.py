"""Who may query the base registries.

API clients (ZGW JWT): an applicatie with ``heeft_alle_autorisaties``, or an autorisatie
holding the scope ``brp.lezen`` (persons) or ``bag.lezen`` (addresses). The Autorisaties
API knows no BRP/BAG component (yet), so these scopes count on an autorisatie of any
component (see ADR 0007).

Employees (session with a verified second factor): roles that handle residents' affairs get
the ``registers.view_persoon`` permission; any employee may look up addresses.
"""

from __future__ import annotations

from raadhuis.platform.models import Role
from raadhuis.platform.roles import grant
from raadhuis.zgw.common.auth import ClientAuth
from raadhuis.zgw.common.scopes import register

BRP_LEZEN = register("brp.lezen")
BAG_LEZEN = register("bag.lezen")
VIEW_PERSOON = "registers.view_persoon"

grant(Role.BEHANDELAAR, VIEW_PERSOON)
grant(Role.KCC, VIEW_PERSOON)
grant(Role.WOO_JURIST, VIEW_PERSOON)
grant(Role.BEHEERDER, "registers.view_openbareruimte", "registers.view_nummeraanduiding")


def client_may(client: ClientAuth, scope) -> bool:
    if client.heeft_alle_autorisaties:
        return True
    return any(scope.granted_by(grant.scopes) for grant in client.grants)
