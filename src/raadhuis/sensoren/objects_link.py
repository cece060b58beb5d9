"""The one coupling to the objecten register: each Thing is also an object of type "sensor".

Runs as an outbox handler after the Thing's transaction committed, through
``raadhuis.objecten.services`` only; when that component is absent the sensor register works
without it.
"""

from __future__ import annotations

import logging

from raadhuis.platform import tenancy
from raadhuis.sensoren.models import Thing, ThingObject

logger = logging.getLogger(__name__)
OBJECTTYPE = "sensor"
SCHEMA = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "type": "object",
    "required": ["naam", "sensorthingsId"],
    "properties": {
        "naam": {"type": "string"},
        "sensorthingsId": {"type": "integer"},
        "eigenaar": {"type": "string"},
        "doel": {"type": "string"},
        "persoonsgegevens": {"type": "boolean"},
    },
}


def register_thing_object(thing_id: int) -> None:
    """Create or update the Objects API object of a Thing (idempotent)."""
    try:
        from raadhuis.objecten import services as objecten
    except ImportError:  # the objecten component is not installed
        return
    with tenancy.system_scope():
        thing = Thing.objects.filter(pk=thing_id).select_related("organisation").first()
        if thing is None:
            return
        link = ThingObject.objects.filter(thing=thing).first()
    props = thing.properties or {}
    data = {"naam": thing.name, "sensorthingsId": thing.pk, "eigenaar": str(props.get("eigenaar", "")),
            "doel": str(props.get("doel", thing.description)),
            "persoonsgegevens": bool(props.get("persoonsgegevens", False))}
    with tenancy.scope_for([thing.organisation_id]):
        objecttype = objecten.ensure_objecttype(organisation=thing.organisation, name=OBJECTTYPE,
                                                json_schema=SCHEMA, name_plural="sensoren")
        if link is None:
            ref = objecten.create_object(objecttype, data=data)
            ThingObject(organisation_id=thing.organisation_id, thing=thing, object_uuid=ref.uuid).save()
        else:
            objecten.update_object(link.object_uuid, data=data)


def on_change(event) -> None:
    """Outbox handler: the Things created or changed in this event."""
    things = {pk for entity, pk, action, _ in event.payload["changes"]
              if entity == "Thing" and action in ("create", "update")}
    for pk in sorted(things):
        register_thing_object(pk)
