"""Documenten API 1.7: informatieobjecten with their versions, parts, rights and relations.

An informatieobject is one :class:`InformatieObject` (the canonical record: uuid, lock, and
the few values every read path authorises by) with one :class:`EnkelvoudigInformatieObject`
row per version. A version is never changed once a newer one exists; every update adds a
row. Files live in Django's default storage (local disk or S3); a version holds the storage
name of its file and the file's sha256, several versions may share one file.
"""

from __future__ import annotations

import json
import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from raadhuis.platform.tenancy import TenantModel
from raadhuis.zgw.common.vertrouwelijkheid import VertrouwelijkheidsAanduiding
from raadhuis.zgw.documenten.constants import (
    AardRelatie,
    Algoritme,
    ObjectType,
    OndertekeningSoort,
    Status,
)


class ListField(models.JSONField):
    """A JSON list of strings (trefwoorden) with a portable ``has`` lookup."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("default", list)
        kwargs.setdefault("blank", True)
        super().__init__(*args, **kwargs)


@ListField.register_lookup
class ListHas(models.Lookup):
    """``field__has="x"``: the list holds the string, on PostgreSQL and SQLite alike."""

    lookup_name = "has"

    def get_prep_lookup(self):
        return self.rhs

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        if connection.vendor == "postgresql":
            return f"({lhs})::jsonb @> %s::jsonb", [*lhs_params, json.dumps([self.rhs])]
        # lhs is a column reference compiled by Django; the value is a parameter.
        sql = f"EXISTS (SELECT 1 FROM json_each({lhs}) WHERE json_each.value = %s)"  # noqa: S608
        return sql, [*lhs_params, self.rhs]


class InformatieObject(TenantModel):
    """The canonical informatieobject: what stays the same across versions.

    ``informatieobjecttype``, ``vertrouwelijkheidaanduiding`` and ``is_gereed_voor_publicatie``
    repeat those of the latest version, so that the sub-resources (gebruiksrechten,
    relations, verzendingen, parts) are authorised by one join, not a search for the latest
    version.
    """

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    lock = models.CharField(_("lock"), max_length=100, blank=True)
    laatste_versie = models.PositiveIntegerField(_("laatste versie"), default=1)
    informatieobjecttype = models.ForeignKey(
        "catalogi.Informatieobjecttype", on_delete=models.PROTECT, related_name="+"
    )
    vertrouwelijkheidaanduiding = models.CharField(
        max_length=20, choices=VertrouwelijkheidsAanduiding.choices
    )
    is_gereed_voor_publicatie = models.BooleanField(null=True)

    class Meta:
        verbose_name = _("informatieobject")
        verbose_name_plural = _("informatieobjecten")

    def __str__(self) -> str:
        return str(self.uuid)


class EnkelvoudigInformatieObject(TenantModel):
    """One version of an informatieobject, as the API shows it."""

    document = models.ForeignKey(InformatieObject, on_delete=models.CASCADE, related_name="versies")
    versie = models.PositiveIntegerField(_("versie"))
    begin_registratie = models.DateTimeField(_("begin registratie"))

    identificatie = models.CharField(_("identificatie"), max_length=40)
    bronorganisatie = models.CharField(_("bronorganisatie"), max_length=9)
    creatiedatum = models.DateField(_("creatiedatum"))
    titel = models.CharField(_("titel"), max_length=200)
    vertrouwelijkheidaanduiding = models.CharField(
        max_length=20, choices=VertrouwelijkheidsAanduiding.choices
    )
    is_gereed_voor_publicatie = models.BooleanField(null=True)
    tonen_aan_initiator = models.BooleanField(default=False)
    auteur = models.CharField(_("auteur"), max_length=200)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, blank=True)
    inhoud_is_vervallen = models.BooleanField(null=True)
    formaat = models.CharField(_("formaat"), max_length=255, blank=True)
    taal = models.CharField(_("taal"), max_length=3)
    bestandsnaam = models.CharField(_("bestandsnaam"), max_length=255, blank=True)
    link = models.CharField(_("link"), max_length=200, blank=True)
    beschrijving = models.CharField(_("beschrijving"), max_length=1000, blank=True)
    ontvangstdatum = models.DateField(null=True, blank=True)
    verzenddatum = models.DateField(null=True, blank=True)
    indicatie_gebruiksrecht = models.BooleanField(null=True)
    verschijningsvorm = models.TextField(blank=True)
    ondertekening_soort = models.CharField(max_length=10, choices=OndertekeningSoort.choices, blank=True)
    ondertekening_datum = models.DateField(null=True, blank=True)
    integriteit_algoritme = models.CharField(max_length=20, choices=Algoritme.choices, blank=True)
    integriteit_waarde = models.CharField(max_length=128, blank=True)
    integriteit_datum = models.DateField(null=True, blank=True)
    informatieobjecttype = models.ForeignKey(
        "catalogi.Informatieobjecttype", on_delete=models.PROTECT, related_name="+"
    )
    trefwoorden = ListField(_("trefwoorden"))

    # The file: its storage name ("" while none or while its parts are being uploaded).
    bestand = models.CharField(max_length=500, blank=True)
    bestandsomvang = models.BigIntegerField(null=True, blank=True)
    sha256 = models.CharField(max_length=64, blank=True)

    class Meta:
        verbose_name = _("enkelvoudig informatieobject")
        verbose_name_plural = _("enkelvoudige informatieobjecten")
        constraints = [models.UniqueConstraint(fields=["document", "versie"], name="eio_unique_versie")]
        indexes = [
            models.Index(fields=["bronorganisatie", "identificatie"]),
            models.Index(fields=["document", "begin_registratie"]),
        ]

    def __str__(self) -> str:
        return f"{self.identificatie} v{self.versie}"

    @property
    def uuid(self):
        """A version is known by its informatieobject's uuid (and its versie)."""
        return self.document.uuid


class BestandsDeel(TenantModel):
    """One part of a file being uploaded in parts; gone once the parts are put together."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    document = models.ForeignKey(InformatieObject, on_delete=models.CASCADE, related_name="bestandsdelen")
    volgnummer = models.PositiveIntegerField()
    omvang = models.BigIntegerField()
    bestand = models.CharField(max_length=500, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["document", "volgnummer"], name="bestandsdeel_unique")]

    @property
    def voltooid(self) -> bool:
        return bool(self.bestand)


class Gebruiksrechten(TenantModel):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    document = models.ForeignKey(InformatieObject, on_delete=models.CASCADE, related_name="gebruiksrechten")
    startdatum = models.DateTimeField()
    einddatum = models.DateTimeField(null=True, blank=True)
    omschrijving_voorwaarden = models.TextField()

    class Meta:
        verbose_name = _("gebruiksrechten")
        verbose_name_plural = _("gebruiksrechten")

    def __str__(self) -> str:
        return f"{self.document} ({self.startdatum:%Y-%m-%d})"


class ObjectInformatieObject(TenantModel):
    """The mirror of a zaakinformatieobject or besluitinformatieobject (which lead)."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    document = models.ForeignKey(InformatieObject, on_delete=models.PROTECT, related_name="relaties")
    object = models.CharField(max_length=1000)
    object_type = models.CharField(max_length=10, choices=ObjectType.choices)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["document", "object"], name="oio_unique_object")]
        indexes = [models.Index(fields=["object"])]

    def __str__(self) -> str:
        return f"{self.document} - {self.object}"


class Verzending(TenantModel):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    document = models.ForeignKey(InformatieObject, on_delete=models.CASCADE, related_name="verzendingen")
    betrokkene = models.CharField(max_length=200)
    aard_relatie = models.CharField(max_length=20, choices=AardRelatie.choices)
    toelichting = models.CharField(max_length=200, blank=True)
    ontvangstdatum = models.DateField(null=True, blank=True)
    verzenddatum = models.DateField(null=True, blank=True)
    contact_persoon = models.CharField(max_length=1000)
    contactpersoonnaam = models.CharField(max_length=40, blank=True)
    # The address: exactly one of these (the standard's "één adres" per verzending).
    binnenlands_correspondentieadres = models.JSONField(null=True, blank=True)
    buitenlands_correspondentieadres = models.JSONField(null=True, blank=True)
    correspondentie_postadres = models.JSONField(null=True, blank=True)
    faxnummer = models.CharField(max_length=15, null=True, blank=True)
    emailadres = models.CharField(max_length=100, null=True, blank=True)
    mijn_overheid = models.BooleanField(default=False)
    telefoonnummer = models.CharField(max_length=15, null=True, blank=True)

    class Meta:
        verbose_name = _("verzending")
        verbose_name_plural = _("verzendingen")

    def __str__(self) -> str:
        return f"{self.document} - {self.betrokkene}"
