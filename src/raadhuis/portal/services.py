"""The door of the portal for other components (werkplek, klantcontact): messages to residents."""

from __future__ import annotations

from raadhuis.portal.models import Message


def send_message_to_resident(
    *, organisation, subject: str, body: str, bsn: str = "", kvk: str = "", zaak_uuid=None
) -> Message:
    """Put a message from the municipality in the resident's portal inbox."""
    if not bsn and not kvk:
        raise ValueError("A message needs the resident's BSN or KvK number.")
    return Message.objects.create(
        organisation=organisation,
        bsn=bsn,
        kvk="" if bsn else kvk,
        zaak_uuid=zaak_uuid,
        direction=Message.Direction.TO_RESIDENT,
        subject=subject[:200],
        body=body,
    )


def messages_of(*, bsn: str = "", kvk: str = "", zaak_uuid=None) -> list[Message]:
    lookup = {"bsn": bsn} if bsn else {"kvk": kvk, "bsn": ""}
    if zaak_uuid is not None:
        lookup["zaak_uuid"] = zaak_uuid
    return list(Message.objects.filter(**lookup))
