"""Telling residents: a status change the statustype marks ``informeren`` becomes a message in
the portal inbox and an e-mail to the initiator's address, delivered through the outbox.

The resolver asks for a delivery only for new statussen (decided from the event alone, so
other events of the Zaken component cost nothing extra); the delivery then reads the status
and sends. A redelivered event creates no second message (``event_key``), and a failing SMTP
server makes the outbox retry with backoff.
"""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils import timezone

from raadhuis.platform import outbox
from raadhuis.portal.models import Message
from raadhuis.zgw.zaken import services as zaken
from raadhuis.zgw.zaken import services_subresources as zaak_records

PREFIX = "portal-status"


def resolve(event):
    payload = event.payload or {}
    if event.kanaal == "zaken" and payload.get("resource") == "status" and payload.get("actie") == "create":
        return [outbox.Subscriber(key="informeren")]
    return []


def deliver(event, key: str):
    status = zaken.get_status(event.payload["resourceUrl"].rstrip("/").rsplit("/", 1)[-1])
    if status is None or not status.statustype.informeren:
        return outbox.Receipt(answer="niet te informeren")
    sent = 0
    for rol in zaak_records.rollen_of(status.zaak):
        if rol.omschrijving_generiek != "initiator":
            continue
        sent += _inform(event, status, rol)
    return outbox.Receipt(answer=f"{sent} bericht(en)")


def _inform(event, status, rol) -> int:
    zaak, statustype = status.zaak, status.statustype
    subject = f"Nieuwe status van uw zaak {zaak.identificatie}: {statustype.omschrijving}"
    text = statustype.statustekst or f"Uw zaak heeft de status: {statustype.omschrijving}."
    if status.statustoelichting:
        text = f"{text}\n\n{status.statustoelichting}"
    body = f"{text}\n\nZaak: {zaak.omschrijving or zaak.zaaktype.omschrijving} ({zaak.identificatie})\n"
    if rol.inp_bsn or (rol.betrokkene_identificatie or {}).get("ann_identificatie"):
        # Only who can log in can follow the case online; an anonymous melder gets the e-mail.
        body += (f"Bekijk uw zaak in Mijn gemeente: {settings.RAADHUIS_BASE_URL}/portaal/"
                 f"{zaak.organisation.slug}/mijn-zaken/{zaak.uuid}/\n")
    message = _message_once(event, zaak, rol, subject, body)
    if message.emailed_at is None and message.email:
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [message.email])
        Message.objects.filter(pk=message.pk).update(emailed_at=timezone.now())
    return 1


def _message_once(event, zaak, rol, subject: str, body: str) -> Message:
    identification = rol.betrokkene_identificatie or {}
    fields = {
        "bsn": rol.inp_bsn,
        "kvk": identification.get("ann_identificatie", "") if not rol.inp_bsn else "",
        "email": rol.contactpersoon_rol_emailadres or "",
    }
    key = f"status:{event.uuid}"
    existing = Message.objects.filter(event_key=key, bsn=fields["bsn"], email=fields["email"]).first()
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            return Message.objects.create(
                organisation_id=zaak.organisation_id,
                zaak_uuid=zaak.uuid,
                direction=Message.Direction.TO_RESIDENT,
                subject=subject[:200],
                body=body,
                event_key=key,
                **fields,
            )
    except IntegrityError:  # a parallel delivery of the same event was first
        return Message.objects.get(event_key=key, bsn=fields["bsn"], email=fields["email"])


outbox.register_resolver(PREFIX, resolve, deliver)
