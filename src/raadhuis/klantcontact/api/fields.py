"""The building blocks of the Klantinteracties resources: references and gegevensgroepen.

A reference to another resource is an object as the standard writes it: ``{"uuid": ...}`` on
input, ``{"uuid": ..., "url": ...}`` on output (``PartijForeignKey`` and friends). The record is
looked up through the tenant-scoped manager: another organisation's record does not exist
for this client. A gegevensgroep (an address, a name) is a nested object stored whole in a
JSON column; an empty group reads as ``null``.
"""

from __future__ import annotations

from rest_framework import serializers

from raadhuis.klantcontact import models
from raadhuis.zgw.common.urls import absolute_url

NAMESPACE = "klantinteracties"


def resource_url(instance, request) -> str:
    return absolute_url(f"{NAMESPACE}:{instance._meta.model_name}-detail", request, uuid=instance.uuid)


class ForeignKey(serializers.Serializer):
    """``{"uuid"}`` in, the record out; the record in, ``{"uuid", "url"}`` out."""

    model: type = None
    uuid = serializers.UUIDField()
    url = serializers.URLField(read_only=True, min_length=1, max_length=1000)

    def to_representation(self, instance):
        return {"uuid": str(instance.uuid), "url": resource_url(instance, self.context.get("request"))}

    def to_internal_value(self, data):
        uuid = super().to_internal_value(data)["uuid"]
        record = self.referable(self.model.objects.filter(uuid=uuid)).first()
        if record is None:
            raise serializers.ValidationError(
                {"uuid": [serializers.ErrorDetail(
                    f"Er bestaat geen {self.model._meta.verbose_name} met uuid {uuid}.",
                    code="does_not_exist")]}
            )
        return record

    def referable(self, queryset):
        """The records a client may refer to: those it sees (the manager keeps to its tenants)."""
        return queryset


class PartijForeignKey(ForeignKey):
    model = models.Partij
    uuid = serializers.UUIDField(help_text="Unieke (technische) identificatiecode van de partij.")


class DigitaalAdresForeignKey(ForeignKey):
    model = models.DigitaalAdres
    uuid = serializers.UUIDField(help_text="Unieke (technische) identificatiecode van het digitaal adres.")


class BetrokkeneForeignKey(ForeignKey):
    model = models.Betrokkene
    uuid = serializers.UUIDField(
        help_text="Unieke (technische) identificatiecode van de betrokkene bij klantcontact.")


class KlantcontactForeignKey(ForeignKey):
    model = models.Klantcontact
    uuid = serializers.UUIDField(help_text="Unieke (technische) identificatiecode van het klantcontact.")

    def referable(self, queryset):
        """A vertrouwelijk klantcontact does not exist for a client that may not read it."""
        return queryset if self.context.get("vertrouwelijk_lezen") else queryset.filter(vertrouwelijk=False)


class ActorForeignKey(ForeignKey):
    model = models.Actor
    uuid = serializers.UUIDField(help_text="Unieke (technische) identificatiecode van de actor.")


class OnderwerpobjectForeignKey(ForeignKey):
    model = models.Onderwerpobject
    uuid = serializers.UUIDField(help_text="Unieke (technische) identificatiecode van het onderwerpdeel.")


class BijlageForeignKey(ForeignKey):
    model = models.Bijlage
    uuid = serializers.UUIDField(help_text="Unieke (technische) identificatiecode van het inhoudsdeel.")


class InterneTaakForeignKey(ForeignKey):
    model = models.InterneTaak
    uuid = serializers.UUIDField(help_text="Unieke (technische) identificatiecode van de interne taak.")


class PartijIdentificatorForeignkey(ForeignKey):
    model = models.PartijIdentificator
    uuid = serializers.UUIDField(
        help_text="Unieke (technische) identificatiecode van de partij-identificator.")


class PartijForeignkeyBase(PartijForeignKey):
    """The partij of a categorie-relatie (the reference names this reference separately)."""


class RekeningnummerForeignKey(ForeignKey):
    model = models.Rekeningnummer
    uuid = serializers.UUIDField(help_text="Unieke (technische) identificatiecode van het rekeningnummer.")


class CategorieForeignKey(ForeignKey):
    model = models.Categorie
    uuid = serializers.UUIDField(help_text="Unieke (technische) identificatiecode van de Categorie.")
    naam = serializers.CharField(read_only=True, help_text="Naam van de categorie.")

    def to_representation(self, instance):
        return {**super().to_representation(instance), "naam": instance.naam}


class CategorieRelatieForeignKey(ForeignKey):
    """A partij's categorie-relatie as the partij shows it: with the categorie's name and dates."""

    model = models.CategorieRelatie
    uuid = serializers.UUIDField(help_text="Unieke (technische) identificatiecode van de Categorie Relatie.")
    categorie_naam = serializers.CharField(read_only=True, allow_null=True,
                                           help_text="De naam van de gelinkte categorie.")
    begin_datum = serializers.DateField(read_only=True, allow_null=True)
    eind_datum = serializers.DateField(read_only=True, allow_null=True)

    def to_representation(self, instance):
        return {**super().to_representation(instance),
                "categorie_naam": instance.categorie.naam if instance.categorie_id else None,
                "begin_datum": instance.begin_datum.isoformat() if instance.begin_datum else None,
                "eind_datum": instance.eind_datum.isoformat() if instance.eind_datum else None}


class Gegevensgroep(serializers.Serializer):
    """A nested object kept in a JSON column: ``null`` in means empty, empty out means ``null``."""

    def validate_empty_values(self, data):
        if data is None:
            return True, {}
        return super().validate_empty_values(data)

    def to_representation(self, instance):
        return super().to_representation(instance) if instance else None


class Adres(Gegevensgroep):
    nummeraanduiding_id = serializers.RegexField(
        r"^[0-9]{16}$", max_length=16, required=False, allow_blank=True,
        help_text="Identificatie van het adres bij de Basisregistratie Adressen en Gebouwen.")
    straatnaam = serializers.CharField(max_length=255, required=False, allow_blank=True)
    huisnummer = serializers.IntegerField(min_value=1, max_value=99999, required=False, allow_null=True)
    huisnummertoevoeging = serializers.CharField(max_length=20, required=False, allow_blank=True)
    postcode = serializers.RegexField(r"^[1-9][0-9]{3} [A-Z]{2}$", max_length=7, required=False,
                                      allow_blank=True)
    stad = serializers.CharField(max_length=255, required=False, allow_blank=True)
    adresregel1 = serializers.CharField(max_length=80, required=False, allow_blank=True)
    adresregel2 = serializers.CharField(max_length=80, required=False, allow_blank=True)
    adresregel3 = serializers.CharField(max_length=80, required=False, allow_blank=True)
    land = serializers.CharField(min_length=2, max_length=2, required=False, allow_blank=True,
                                 help_text="ISO 3166-code van het land (buiten Nederland).")


class Contactnaam(Gegevensgroep):
    voorletters = serializers.CharField(max_length=10, required=False, allow_blank=True)
    voornaam = serializers.CharField(max_length=200, required=False, allow_blank=True)
    voorvoegsel_achternaam = serializers.CharField(max_length=10, required=False, allow_blank=True)
    achternaam = serializers.CharField(max_length=200, required=False, allow_blank=True)


def volledige_naam(contactnaam: dict) -> str:
    parts = (contactnaam.get(k, "") for k in ("voornaam", "voorvoegsel_achternaam", "achternaam"))
    return " ".join(p for p in parts if p)


class Objectidentificator(Gegevensgroep):
    """Identifies an object in another register (a zaak, a document, an employee's account)."""

    object_id = serializers.CharField(max_length=200, required=False, allow_blank=True,
                                      help_text="Waarde van de eigenschap die het object identificeert.")
    code_objecttype = serializers.CharField(max_length=200, required=False, allow_blank=True,
                                            help_text="Type van het object, bijvoorbeeld: 'zaak'.")
    code_register = serializers.CharField(max_length=200, required=False, allow_blank=True,
                                          help_text="Register waarin het object is geregistreerd.")
    code_soort_object_id = serializers.CharField(
        max_length=200, required=False, allow_blank=True,
        help_text="Naam van de eigenschap die het object identificeert, bijvoorbeeld: 'uuid'.")
