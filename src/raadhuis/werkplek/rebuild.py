"""Rebuild the queue table from the zaken in bulk: after a data import, ``generate-data`` or a
restore. Reads zaken, their current status and behandelaar in chunks of ids (four queries
per chunk, and a few per zaak with documents, whose texts are searched) and writes the rows
in batches; deadlines of zaken without a stored uiterlijkeEinddatumAfdoening are computed
per (zaaktype, startdatum) once.

Rows are upserted, not replaced: what only the werkplek knows (the team, the open process
task, a parked step, the escalation date) stays, and a row that the event handler refreshed
meanwhile is no conflict. Rows of zaken that no longer exist are removed at the end."""

from __future__ import annotations

from functools import lru_cache

from django.db import transaction

from raadhuis.werkplek import termijnen
from raadhuis.werkplek.models import Termijnregel, WorkItem
from raadhuis.zgw.common.vertrouwelijkheid import rank

REBUILT = ["organisation", "identificatie", "omschrijving", "zaaktype_identificatie", "zaaktype_omschrijving",
           "vertrouwelijkheid", "status", "registratiedatum", "startdatum", "uiterste_datum", "opgeschort",
           "is_open", "einddatum", "behandelaar", "zoektekst"]


def rebuild(organisation, *, chunk: int = 5000, progress=None) -> int:
    from raadhuis.zgw.zaken.models import Rol, Status, Zaak

    dagsoort = dict(
        Termijnregel.objects.filter(organisation=organisation).values_list(
            "zaaktype_identificatie", "dagsoort"
        )
    )
    zaken = Zaak.objects.filter(organisation=organisation)
    teams = {}
    written, last_id = 0, 0
    while True:
        rows = list(
            zaken.filter(pk__gt=last_id)
            .order_by("pk")
            .select_related("zaaktype")
            .only(
                "pk",
                "uuid",
                "identificatie",
                "omschrijving",
                "toelichting",
                "zaaktype__identificatie",
                "zaaktype__omschrijving",
                "zaaktype__doorlooptijd_behandeling",
                "vertrouwelijkheidaanduiding",
                "registratiedatum",
                "startdatum",
                "einddatum",
                "uiterlijke_einddatum_afdoening",
                "einddatum_gepland",
                "opschorting_indicatie",
                "organisation_id",
            )[:chunk]
        )
        if not rows:
            break
        ids = [z.pk for z in rows]
        last_id = ids[-1]
        statussen = dict(
            Status.objects.filter(zaak_id__in=ids, indicatie_laatst_gezette_status=True).values_list(
                "zaak_id", "statustype__omschrijving"
            )
        )
        behandelaars = _behandelaars(Rol, ids)
        items = [_item(z, statussen.get(z.pk, ""), behandelaars.get(z.pk), dagsoort, teams) for z in rows]
        _search_documents(rows, items)
        with transaction.atomic():
            WorkItem.objects.bulk_create(
                items, batch_size=2000, update_conflicts=True, unique_fields=["zaak_uuid"],
                update_fields=REBUILT,
            )
        written += len(items)
        if progress:
            progress(written)
    WorkItem.objects.filter(organisation=organisation).exclude(zaak_uuid__in=zaken.values("uuid")).delete()
    return written


def _behandelaars(rol_model, ids) -> dict:
    from raadhuis.platform.models import User

    usernames = dict(
        rol_model.objects.filter(
            zaak_id__in=ids, omschrijving_generiek="behandelaar", betrokkene_type="medewerker"
        ).values_list("zaak_id", "identificatie")
    )
    users = dict(User.objects.filter(username__in=set(usernames.values())).values_list("username", "pk"))
    return {zaak_id: users.get(name) for zaak_id, name in usernames.items()}


def _search_documents(zaken, items) -> None:
    """Zaken with documents are searched on their titles and texts too, as the event handler
    makes them (texts extracted once per version and kept, so a rebuild reads them back)."""
    from raadhuis.werkplek.services import search_text
    from raadhuis.zgw.zaken.models import ZaakInformatieObject

    relations = ZaakInformatieObject.objects.filter(zaak_id__in=[z.pk for z in zaken])
    with_documents = set(relations.values_list("zaak_id", flat=True))
    for zaak, item in zip(zaken, items, strict=True):
        if zaak.pk in with_documents:
            item.zoektekst = search_text(zaak)


@lru_cache(maxsize=50_000)
def _deadline(start, duur: str, dagsoort: str):
    return termijnen.deadline(start, duur, dagsoort=dagsoort, today=start).einddatum if duur else None


def _item(zaak, status: str, behandelaar_id, dagsoort: dict, teams) -> WorkItem:
    zaaktype = zaak.zaaktype
    deadline = (
        zaak.uiterlijke_einddatum_afdoening
        or _deadline(
            zaak.startdatum,
            zaaktype.doorlooptijd_behandeling,
            dagsoort.get(zaaktype.identificatie, termijnen.Dagsoort.KALENDERDAGEN),
        )
        or zaak.einddatum_gepland
    )
    return WorkItem(
        organisation_id=zaak.organisation_id,
        zaak_uuid=zaak.uuid,
        identificatie=zaak.identificatie,
        omschrijving=zaak.omschrijving,
        zaaktype_identificatie=zaaktype.identificatie,
        zaaktype_omschrijving=zaaktype.omschrijving[:80],
        vertrouwelijkheid=rank(zaak.vertrouwelijkheidaanduiding),
        status=status[:80],
        registratiedatum=zaak.registratiedatum,
        startdatum=zaak.startdatum,
        uiterste_datum=deadline,
        opgeschort=zaak.opschorting_indicatie,
        is_open=zaak.einddatum is None,
        einddatum=zaak.einddatum,
        behandelaar_id=behandelaar_id,
        zoektekst=" ".join(
            p for p in (zaak.identificatie, zaak.omschrijving, zaak.toelichting, zaaktype.omschrijving) if p
        ),
    )
