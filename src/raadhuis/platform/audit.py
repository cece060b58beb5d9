"""Writing the audit trail and the processing log, with the current actor and request."""

from __future__ import annotations

import json
from collections.abc import Iterable

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.forms.models import model_to_dict

from raadhuis.platform.context import current_actor, current_request_id
from raadhuis.platform.models import AuditEntry, ProcessingLogEntry
from raadhuis.platform.tenancy import owned_by


def snapshot(instance: models.Model, exclude: Iterable[str] = ()) -> dict:
    """The record's field values as JSON-safe data, for ``oud``/``nieuw`` in the trail."""
    data = model_to_dict(instance, exclude=list(exclude))
    return json.loads(json.dumps(data, cls=DjangoJSONEncoder, default=str))


def record_change(
    *,
    organisation,
    bron: str,
    actie: str,
    resource: str,
    resource_url: str,
    hoofd_object: str = "",
    oud: dict | None = None,
    nieuw: dict | None = None,
    resource_weergave: str = "",
    actie_weergave: str = "",
    toelichting: str = "",
    resultaat: int = 200,
) -> AuditEntry:
    actor = current_actor()
    return AuditEntry.objects.create(
        **owned_by(organisation),
        bron=bron,
        applicatie_id=actor.applicatie_id,
        applicatie_weergave=actor.applicatie_weergave,
        gebruikers_id=actor.gebruikers_id,
        gebruikers_weergave=actor.gebruikers_weergave,
        actie=actie,
        actie_weergave=actie_weergave or actie,
        resultaat=resultaat,
        hoofd_object=hoofd_object or resource_url,
        resource=resource,
        resource_url=resource_url,
        resource_weergave=resource_weergave[:200],
        toelichting=toelichting,
        oud=oud,
        nieuw=nieuw,
        request_id=current_request_id(),
    )


def log_processing(
    *,
    organisation,
    verwerkingsactiviteit: str,
    doelbinding: str,
    grondslag: str,
    betrokkene_id: str,
    soorten_gegevens: Iterable[str],
    betrokkene_type: str = "natuurlijk_persoon",
    soort_verwerking: str = "raadplegen",
    object_url: str = "",
) -> ProcessingLogEntry:
    """Log a processing (by default a read) of personal data; the purpose is mandatory."""
    if not doelbinding or not grondslag:
        raise ValueError("Personal data may only be processed with a purpose and a legal basis.")
    actor = current_actor()
    return ProcessingLogEntry.objects.create(
        organisation=organisation,
        verwerkingsactiviteit=verwerkingsactiviteit,
        doelbinding=doelbinding,
        grondslag=grondslag,
        soort_verwerking=soort_verwerking,
        uitvoerder_id=actor.identifier,
        uitvoerder_weergave=actor.display,
        systeem=actor.applicatie_weergave,
        betrokkene_type=betrokkene_type,
        betrokkene_id=betrokkene_id,
        soorten_gegevens=sorted(set(soorten_gegevens)),
        object_url=object_url,
        request_id=current_request_id(),
    )


def purge_dossier(hoofd_object: str) -> int:
    """Delete the audit trail of a case file that is being destroyed (vernietigd) by law.

    The only deletion the append-only tables allow (ZGW zrc-023); the destruction itself is
    recorded by the caller in the organisation's destruction report.
    """
    from django.db import connection, transaction

    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL raadhuis.purge_dossier = 'on'")
        rows = AuditEntry.all_tenants.filter(hoofd_object=hoofd_object)
        count = models.QuerySet._raw_delete(rows, rows.db)
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL raadhuis.purge_dossier = 'off'")
    return count
