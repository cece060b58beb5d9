"""Scopes of the Zaken API, as the 1.7 OAS names them per operation.

The OAS spells the status scope ``zaken.statussen.toevoegen``; zgw.common registered the
older ``zaken.statussen-toevoegen``. Both are accepted, so existing autorisaties keep working.
"""

from raadhuis.zgw.common import scopes

_DOTTED = "zaken.statussen.toevoegen"
STATUSSEN_TOEVOEGEN_DOTTED = (
    scopes.Scope.named(_DOTTED) if _DOTTED in scopes.known_scopes() else scopes.register(_DOTTED)
)

LEZEN = scopes.ZAKEN_LEZEN
AANMAKEN = scopes.ZAKEN_AANMAKEN
BIJWERKEN = scopes.ZAKEN_BIJWERKEN
VERWIJDEREN = scopes.ZAKEN_VERWIJDEREN
HEROPENEN = scopes.ZAKEN_HEROPENEN
GEFORCEERD_BIJWERKEN = scopes.ZAKEN_GEFORCEERD_BIJWERKEN
STATUSSEN_TOEVOEGEN = scopes.ZAKEN_STATUSSEN_TOEVOEGEN | STATUSSEN_TOEVOEGEN_DOTTED
AUDITTRAILS_LEZEN = scopes.AUDITTRAILS_LEZEN

# Operations as the OAS secures them: alternatives, any one suffices.
UPDATE = BIJWERKEN | GEFORCEERD_BIJWERKEN
STATUS_CREATE = AANMAKEN | STATUSSEN_TOEVOEGEN | HEROPENEN
