"""The door of the Notificaties component: kanalen, abonnementen and publishing.

The API and the admin write through here. Abonnement changes are audited (bron ``NRC``);
notifications go out through the platform outbox (see ``delivery``).
"""

from __future__ import annotations

import logging

from django.db import transaction

from raadhuis.platform import context, tenancy
from raadhuis.platform import services as platform
from raadhuis.zgw.notificaties import delivery, rules
from raadhuis.zgw.notificaties.models import Abonnement, FilterGroup, Kanaal

logger = logging.getLogger(__name__)

BRON = "NRC"
RSIN_KENMERKEN = ("bronorganisatie", "verantwoordelijkeOrganisatie")


# --- Kanalen --------------------------------------------------------------------------------


def create_kanaal(attrs: dict) -> Kanaal:
    kanaal = Kanaal.objects.create(aangemaakt_door=context.current_actor().applicatie_id, **attrs)
    logger.info("Kanaal %s registered by %s", kanaal.naam, kanaal.aangemaakt_door or "-")
    return kanaal


# --- Abonnementen ---------------------------------------------------------------------------


def save_abonnement(instance: Abonnement | None, attrs: dict, *, request=None, client_id: str = "",
                    organisation_id: int | None = None, verify_callback: bool = True) -> Abonnement:
    """Create (``instance`` None or unsaved) or update an abonnement; ``attrs`` hold validated
    snake_case values: callback_url, auth, kanalen (``[{"naam", "filters"}]``).

    Made by an API client (``client_id``, in the client's tenant scope), it belongs to the
    client's organisation and reaches all the client's organisations; made in the admin
    (``organisation_id``), only that one."""
    groups = rules.check_kanalen(attrs["kanalen"]) if "kanalen" in attrs else None
    if verify_callback and _callback_changes(instance, attrs):
        rules.check_callback(attrs.get("callback_url", getattr(instance, "callback_url", "")),
                             attrs.get("auth", getattr(instance, "auth", "")))
    with transaction.atomic():
        created = instance is None or instance.pk is None  # the admin passes its unsaved one
        oud = None if created else snapshot(instance)
        if instance is None:
            instance = Abonnement(organisation_id=organisation_id or _owner_id(), client_id=client_id)
        for name in ("callback_url", "auth"):
            if name in attrs:
                setattr(instance, name, attrs[name])
        instance.save()
        if created or (client_id and client_id == instance.client_id):
            instance.organisaties.set(_reach(instance))
        if groups is not None:
            instance.kanalen.all().delete()
            FilterGroup.objects.bulk_create(FilterGroup(abonnement=instance, kanaal=kanaal, filters=filters)
                                            for kanaal, filters in groups)
        _audit(instance, "create" if created else "update", oud, snapshot(instance), request)
    return instance


def _callback_changes(instance: Abonnement | None, attrs: dict) -> bool:
    return instance is None or any(
        name in attrs and attrs[name] != getattr(instance, name) for name in ("callback_url", "auth"))


def _owner_id() -> int:
    """The client's organisation; one working for several registers under the first."""
    scope = tenancy.require_scope()
    if scope.all_organisations or not scope.organisation_ids:
        raise PermissionError("An abonnement is made by a client of an organisation.")
    return min(scope.organisation_ids)


def _reach(abonnement: Abonnement) -> list[int]:
    scope = tenancy.require_scope()
    if abonnement.client_id and not scope.all_organisations:
        return sorted(scope.organisation_ids)
    return [abonnement.organisation_id]


@transaction.atomic
def delete_abonnement(instance: Abonnement, *, request=None) -> None:
    """Pending deliveries to it are skipped when they come up (the outbox finds it gone)."""
    _audit(instance, "destroy", snapshot(instance), None, request)
    instance.delete()


def snapshot(abonnement: Abonnement) -> dict:
    """For the audit trail: never the Authorization value."""
    return {
        "callbackUrl": abonnement.callback_url,
        "clientId": abonnement.client_id,
        "kanalen": [{"naam": g.kanaal.naam, "filters": g.filters}
                    for g in abonnement.kanalen.select_related("kanaal")],
    }


def abonnement_url(abonnement: Abonnement, request=None) -> str:
    from raadhuis.zgw.common.urls import absolute_url

    return absolute_url("notificaties:abonnement-detail", request, uuid=abonnement.uuid)


def _audit(abonnement: Abonnement, actie: str, oud, nieuw, request) -> None:
    url = abonnement_url(abonnement, request)
    platform.record_change(
        organisation=abonnement.organisation, bron=BRON, actie=actie, resource="abonnement",
        resource_url=url, hoofd_object=url, oud=oud, nieuw=nieuw,
        resource_weergave=abonnement.callback_url[:200],
    )


def deliveries_handler(abonnement: Abonnement) -> str:
    """The outbox handler name of an abonnement's deliveries (admin links and retries)."""
    return delivery.handler_name(abonnement)


# --- Notificaties -----------------------------------------------------------------------------


def publish_notificatie(message: dict):
    """Publish a notification of an external source (POST /notificaties) for the client's
    organisation; it is routed and delivered like those of our own components."""
    rules.check_message(message)
    organisation = _publishing_organisation(message.get("kenmerken") or {})
    with transaction.atomic():
        return platform.publish_event(organisation=organisation, kanaal=message["kanaal"],
                                      payload=message)


def _publishing_organisation(kenmerken: dict):
    organisations = platform.organisations_in_scope()
    if len(organisations) == 1:
        return organisations[0]
    rsins = {str(kenmerken.get(name, "")) for name in RSIN_KENMERKEN} - {""}
    match = [o for o in organisations if o.rsin in rsins]
    if len(match) != 1:
        rules.fail("kenmerken", "Geef met het kenmerk bronorganisatie (RSIN) aan voor welke van "
                   "uw organisaties de notificatie is.", "organisatie-onbekend")
    return match[0]
