"""The rules of the Notificaties API, with the error codes of the reference implementations.

| code | rule |
|---|---|
| ``kanaal_naam`` | an abonnement names existing kanalen |
| ``inconsistent-abonnement-filters`` | it filters only on kenmerken of that kanaal |
| ``callback-url-not-allowed`` | its callback may only reach allowed hosts and networks |
| ``invalid-callback-url`` | its callback accepts a test notification with its auth header |
| ``no-auth-on-callback-url`` | its callback refuses one without (the endpoint MUST be secured) |
| ``message_kanaal`` | a notification is published on an existing kanaal |
| ``kenmerken_inconsistent`` | its kenmerken are consistent with the kanaal's filters |
| ``organisatie-onbekend`` | a client working for several organisations says for which |
| ``unique`` | a kanaal's name is unique |
"""

from __future__ import annotations

from rest_framework.exceptions import ErrorDetail, ValidationError

from raadhuis.zgw.notificaties import callbacks, matching
from raadhuis.zgw.notificaties.models import Kanaal


def fail(field: str, message: str, code: str) -> None:
    raise ValidationError({field: [ErrorDetail(message, code=code)]})


def check_kanalen(groups: list[dict]) -> list[tuple[Kanaal, dict]]:
    """The kanalen of an abonnement, with their filters; names exist, filters fit."""
    known = {k.naam: k for k in Kanaal.objects.filter(naam__in=[g["naam"] for g in groups])}
    checked = []
    for index, group in enumerate(groups):
        kanaal = known.get(group["naam"])
        filters = group.get("filters") or {}
        if kanaal is None:
            _fail_group(index, "naam", "Kanaal met deze naam bestaat niet.", "kanaal_naam")
        if not matching.abonnement_filters_consistent(kanaal.filters, filters):
            _fail_group(index, "filters", "De filters passen niet bij de kenmerken van het kanaal "
                        f"({', '.join(kanaal.filters) or 'geen'}).", "inconsistent-abonnement-filters")
        checked.append((kanaal, filters))
    return checked


def _fail_group(index: int, field: str, message: str, code: str) -> None:
    raise ValidationError({"kanalen": {index: {field: [ErrorDetail(message, code=code)]}}})


def check_callback(url: str, auth: str) -> None:
    try:
        callbacks.verify(url, auth)
    except callbacks.CallbackError as error:
        fail("callback_url", str(error), error.code)


def check_message(message: dict) -> Kanaal:
    kanaal = Kanaal.objects.filter(naam=message["kanaal"]).first()
    if kanaal is None:
        fail("kanaal", "Kanaal met deze naam bestaat niet.", "message_kanaal")
    if not matching.kenmerken_consistent(kanaal.filters, (message.get("kenmerken") or {}).keys()):
        fail("kenmerken", "De kenmerken passen niet bij de filters van het kanaal "
             f"({', '.join(kanaal.filters) or 'geen'}).", "kenmerken_inconsistent")
    return kanaal
