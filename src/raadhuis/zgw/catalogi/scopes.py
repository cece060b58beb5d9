"""Scopes of the Catalogi API beyond those in zgw.common.scopes.

``catalogi.geforceerd-verwijderen`` is named in the 1.3 OAS for deleting published types.
"""

from raadhuis.zgw.common import scopes

CATALOGI_GEFORCEERD_VERWIJDEREN = (
    scopes.Scope.named("catalogi.geforceerd-verwijderen")
    if "catalogi.geforceerd-verwijderen" in scopes.known_scopes()
    else scopes.register("catalogi.geforceerd-verwijderen")
)
LEZEN = scopes.CATALOGI_LEZEN
SCHRIJVEN = scopes.CATALOGI_SCHRIJVEN
GEFORCEERD_SCHRIJVEN = scopes.CATALOGI_GEFORCEERD_SCHRIJVEN
# A correction of a published type: the 1.3 "correctie" with its explicit scope.
CORRECTIE = GEFORCEERD_SCHRIJVEN
FORCED_DELETE = GEFORCEERD_SCHRIJVEN | CATALOGI_GEFORCEERD_VERWIJDEREN
