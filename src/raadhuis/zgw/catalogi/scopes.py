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

# ztc-014: the Zaken and Documenten components read the catalogue with their own scopes.
READ = LEZEN | scopes.ZAKEN_LEZEN | scopes.DOCUMENTEN_LEZEN
CHANGE = SCHRIJVEN | GEFORCEERD_SCHRIJVEN
DELETE = SCHRIJVEN | FORCED_DELETE
# ztc-014 grants come from the component whose scope it is.
READ_GRANTS = (("ztc", LEZEN), ("zrc", scopes.ZAKEN_LEZEN), ("drc", scopes.DOCUMENTEN_LEZEN))

# How the OAS writes the scopes of an operation (alternatives in the standard's order).
LABELS = {
    READ: "catalogi.lezen",
    SCHRIJVEN: "catalogi.schrijven",
    CHANGE: "(catalogi.schrijven | catalogi.geforceerd-schrijven)",
    DELETE: "(catalogi.schrijven | catalogi.geforceerd-verwijderen)",
}
ZAAKTYPE_READ_LABEL = "(catalogi.lezen | documenten.lezen | zaken.lezen)"
