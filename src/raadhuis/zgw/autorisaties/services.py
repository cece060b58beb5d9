"""The door of the Autorisaties component: which client is this, and what may it do."""

from __future__ import annotations

import uuid
from functools import lru_cache

from django.db import connection

from raadhuis.platform import tenancy
from raadhuis.zgw.autorisaties.models import Applicatie, Autorisatie, ClientCredential
from raadhuis.zgw.common.auth import ClientAuth, Grant


def client_for(client_id: str) -> tuple[str, ClientAuth | None]:
    """The secret and autorisaties of a client_id; ``("", None)`` when unknown.

    Read on every API request, so on PostgreSQL in one statement (credential, applicatie,
    extra organisations and autorisaties together) instead of three ORM queries."""
    if not client_id:
        return "", None
    if connection.vendor == "postgresql":
        return _client_in_one_query(client_id)
    with tenancy.system_scope():  # the client's own scope is not known until we know it
        credential = (
            ClientCredential.objects.select_related("applicatie")
            .filter(client_id=client_id).first()
        )
        if credential is None:
            return "", None
        applicatie: Applicatie = credential.applicatie
        extra = applicatie.extra_organisaties.values_list("id", flat=True)
        grants = [
            Grant(a.component, frozenset(a.scopes), a.type_uuid, a.max_vertrouwelijkheidaanduiding)
            for a in Autorisatie.objects.filter(applicatie=applicatie)
        ]
        client = ClientAuth(
            applicatie_uuid=applicatie.uuid,
            label=applicatie.label,
            client_id=client_id,
            organisation_ids=frozenset([applicatie.organisation_id, *extra]),
            heeft_alle_autorisaties=applicatie.heeft_alle_autorisaties,
            grants=grants,
        )
    return credential.secret, client


def _client_in_one_query(client_id: str) -> tuple[str, ClientAuth | None]:
    with connection.cursor() as cursor:
        cursor.execute(_client_sql(), [client_id])
        row = cursor.fetchone()
    if row is None:
        return "", None
    secret, applicatie_uuid, label, organisation_id, alle, extra, autorisaties = row
    grants = [Grant(component, frozenset(scopes), uuid.UUID(type_uuid) if type_uuid else None, level)
              for component, scopes, type_uuid, level in autorisaties]
    return secret, ClientAuth(
        applicatie_uuid=applicatie_uuid, label=label, client_id=client_id,
        organisation_ids=frozenset([organisation_id, *extra]), heeft_alle_autorisaties=alle, grants=grants,
    )


@lru_cache(maxsize=1)
def _client_sql() -> str:
    """Autorisaties in their ORM order (Meta.ordering: id), as JSON arrays."""
    quote = connection.ops.quote_name
    credentials, applicaties = quote(ClientCredential._meta.db_table), quote(Applicatie._meta.db_table)
    autorisaties = quote(Autorisatie._meta.db_table)
    extra = quote(Applicatie.extra_organisaties.through._meta.db_table)
    return (
        f"SELECT c.secret, a.uuid, a.label, a.organisation_id, a.heeft_alle_autorisaties, "  # noqa: S608
        f"ARRAY(SELECT e.organisation_id FROM {extra} e WHERE e.applicatie_id = a.id), "
        f"COALESCE((SELECT json_agg(json_build_array(z.component, z.scopes, z.type_uuid, "
        f"z.max_vertrouwelijkheidaanduiding) ORDER BY z.id) FROM {autorisaties} z "
        f"WHERE z.applicatie_id = a.id), '[]'::json) "
        f"FROM {credentials} c JOIN {applicaties} a ON a.id = c.applicatie_id WHERE c.client_id = %s"
    )


# --- Writes (the API and the admin go through here) ----------------------------------------

KANAAL = "autorisaties"


def save_applicatie(instance: Applicatie | None, data: dict, *, request=None) -> Applicatie:
    """Create or update an applicatie with its client ids and autorisaties, audited and
    notified in the same transaction. ``data`` holds validated snake_case values."""
    from django.db import transaction

    with transaction.atomic():
        created = instance is None
        oud = None if created else _snapshot(instance, request)
        data = dict(data)
        client_ids = data.pop("client_ids", None)
        autorisaties = data.pop("autorisaties", None)
        if created:
            instance = Applicatie(organisation_id=_owning_organisation_id())
        for name, value in data.items():
            setattr(instance, name, value)
        instance.save()
        if client_ids is not None:
            _replace_client_ids(instance, client_ids)
        if autorisaties is not None:
            instance.autorisaties.all().delete()
            Autorisatie.objects.bulk_create(
                [_autorisatie(instance, values) for values in autorisaties]
            )
        _record(instance, "create" if created else "update", oud, _snapshot(instance, request), request)
    return instance


def delete_applicatie(instance: Applicatie, *, request=None) -> None:
    from django.db import transaction

    with transaction.atomic():
        oud = _snapshot(instance, request)
        url = _url(instance, request)
        _record(instance, "destroy", oud, None, request, url=url)
        instance.delete()


def _autorisatie(applicatie: Applicatie, values: dict) -> Autorisatie:
    autorisatie = Autorisatie(applicatie=applicatie, **values)
    from raadhuis.zgw.autorisaties.models import uuid_from_url

    autorisatie.type_uuid = uuid_from_url(autorisatie.type_url)  # bulk_create skips save()
    return autorisatie


def _replace_client_ids(applicatie: Applicatie, client_ids: list[str]) -> None:
    existing = dict(applicatie.credentials.values_list("client_id", "id"))
    applicatie.credentials.exclude(client_id__in=client_ids).delete()
    ClientCredential.objects.bulk_create(
        ClientCredential(applicatie=applicatie, client_id=c) for c in client_ids if c not in existing
    )


def _owning_organisation_id() -> int:
    scope = tenancy.require_scope()
    if len(scope.organisation_ids) != 1:
        raise PermissionError("An applicatie is registered by exactly one organisation.")
    return next(iter(scope.organisation_ids))


def _url(instance: Applicatie, request) -> str:
    from raadhuis.zgw.common.urls import absolute_url

    return absolute_url("autorisaties:applicatie-detail", request, uuid=instance.uuid)


def _snapshot(instance: Applicatie, request) -> dict:
    from raadhuis.zgw.autorisaties.api.serializers import ApplicatieSerializer

    return ApplicatieSerializer(instance, context={"request": request}).data


def _record(instance, actie, oud, nieuw, request, url=None) -> None:
    from raadhuis.zgw.common import events

    url = url or _url(instance, request)
    events.record(
        organisation=instance.organisation, bron="AC", kanaal=KANAAL, actie=actie,
        resource="applicatie", resource_url=url, hoofd_object=url, kenmerken={},
        oud=oud, nieuw=nieuw, resource_weergave=instance.label,
    )
