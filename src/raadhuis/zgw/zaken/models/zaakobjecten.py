"""ZAAKOBJECT: what a zaak is about — an address, a tree, a person, a parcel, anything.

The standard defines an ``objectIdentificatie`` shape for 25 object types. It is stored as
validated JSON of the ``object_type`` (the serializers validate its shape) rather than in
one table per type: the data is only ever read and written as a whole, together with its
zaakobject, and a new type in a next version of the standard needs no migration.
"""

from __future__ import annotations

import uuid

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from raadhuis.zgw.common.validators import validate_http_url
from raadhuis.zgw.zaken.constants_subresources import ObjectType
from raadhuis.zgw.zaken.models.zaken import InZaak, Zaak


class ZaakObject(InZaak):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    zaak = models.ForeignKey(Zaak, on_delete=models.CASCADE, related_name="zaakobjecten")
    object = models.CharField(_("object"), max_length=1000, blank=True, validators=[validate_http_url])
    zaakobjecttype = models.ForeignKey("catalogi.Zaakobjecttype", on_delete=models.PROTECT, null=True,
                                       blank=True, related_name="+", verbose_name=_("zaakobjecttype"))
    object_type = models.CharField(_("object type"), max_length=100, choices=ObjectType.choices)
    object_type_overige = models.CharField(_("object type overige"), max_length=100, blank=True)
    # {"url", "schema", "object_data"}: where the JSON schema of an "overige" type lives.
    object_type_overige_definitie = models.JSONField(_("definitie object type overige"), null=True,
                                                     blank=True)
    relatieomschrijving = models.CharField(_("relatieomschrijving"), max_length=80, blank=True)
    object_identificatie = models.JSONField(_("object identificatie"), null=True, blank=True)

    class Meta:
        verbose_name = _("zaakobject")
        verbose_name_plural = _("zaakobjecten")
        ordering = ["id"]
        indexes = [
            # "Which zaken concern this object?" — the objecten register and the map ask it.
            models.Index(fields=["object"], condition=~Q(object=""), name="zaakobject_object_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.get_object_type_display()}: {self.object or self.relatieomschrijving}"
