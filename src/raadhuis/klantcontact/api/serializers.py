"""The resources of the Klantinteracties API, with the standard's names and camelCase fields.

Field names follow the Klantinteracties OAS of Open Klant 2.x (``klantinteracties/openapi.yaml``);
what Raadhuis does not keep (categorieën, rekeningnummers, vertegenwoordigingen) is left out
rather than faked, see docs/modules/klantcontact.md.
"""

from __future__ import annotations

import re

from django.core.validators import validate_email
from django.db.models import Q
from django.utils import timezone
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from raadhuis.klantcontact import models
from raadhuis.klantcontact.api import fields
from raadhuis.platform.validators import passes_elfproef

# The standard's pattern for telephone numbers.
PHONE = re.compile(
    r"^(0[8-9]00[0-9]{4,8}|0[1-9][0-9]{8}|\+31[0-9]{10}|\+[0-9]{9,20}|00[0-9]{11}|1400|140[0-9]{2,3})$")


def _error(message: str, code: str = "invalid") -> serializers.ErrorDetail:
    return serializers.ErrorDetail(message, code=code)


class ResourceSerializer(serializers.ModelSerializer):
    """uuid and url of every resource; reverse relations as lists of references."""

    uuid = serializers.UUIDField(read_only=True)
    url = serializers.SerializerMethodField()

    def get_url(self, instance) -> str:
        return fields.resource_url(instance, self.context.get("request"))


# --- Partijen --------------------------------------------------------------------------------

# (codeObjecttype, codeSoortObjectId, codeRegister) -> the Partij field that keeps the number.
IDENTIFICATOREN = {key: name for name, key in models.Partij.IDENTIFICATOREN.items()}


class PartijIdentificatorGroepType(serializers.Serializer):
    code_objecttype = serializers.ChoiceField(
        choices=["natuurlijk_persoon", "niet_natuurlijk_persoon", "vestiging", "overig"],
        help_text="Type van het object, bijvoorbeeld: 'natuurlijk_persoon'.")
    code_soort_object_id = serializers.ChoiceField(
        choices=["bsn", "vestigingsnummer", "kvk_nummer", "rsin", "overig"],
        help_text="Naam van de eigenschap die het object identificeert, bijvoorbeeld: 'bsn'.")
    object_id = serializers.CharField(max_length=200, help_text="Waarde van de eigenschap, bijvoorbeeld: "
                                                                 "'123456788'.")
    code_register = serializers.ChoiceField(choices=["brp", "hr", "overig"],
                                            help_text="Register waarin het object is geregistreerd.")


class PartijIdentificator(serializers.Serializer):
    """A BSN (BRP) or KvK-nummer (HR) of the partij; the ones Raadhuis identifies people by."""

    andere_partij_identificator = serializers.CharField(max_length=200, required=False, allow_blank=True)
    partij_identificator = PartijIdentificatorGroepType()

    def validate_partij_identificator(self, value):
        key = (value["code_objecttype"], value["code_soort_object_id"], value["code_register"])
        if key not in IDENTIFICATOREN:
            raise serializers.ValidationError(_error(
                "Raadhuis identificeert partijen met een BSN (natuurlijk_persoon, bsn, brp) of een "
                "KvK-nummer (niet_natuurlijk_persoon, kvk_nummer, hr).", "unsupported"))
        number = value["object_id"]
        if key[1] == "bsn" and not (len(number) == 9 and number.isdigit() and passes_elfproef(number)):
            raise serializers.ValidationError(
                {"object_id": [_error("Geen geldig BSN (elfproef).", "invalid-bsn")]})
        if key[1] == "kvk_nummer" and not (len(number) == 8 and number.isdigit()):
            raise serializers.ValidationError({"object_id": [_error("Een KvK-nummer heeft 8 cijfers.")]})
        return value


class PartijIdentificatie(fields.Gegevensgroep):
    """Persoon or contactpersoon: ``contactnaam``; organisatie: ``naam``."""

    contactnaam = fields.Contactnaam(required=False, allow_null=True)
    naam = serializers.CharField(max_length=200, required=False, allow_blank=True,
                                 help_text="Naam van de organisatie.")
    volledige_naam = serializers.SerializerMethodField()

    def get_volledige_naam(self, group) -> str:
        return group.get("naam") or fields.volledige_naam(group.get("contactnaam") or {})


class PartijSerializer(ResourceSerializer):
    betrokkenen = fields.BetrokkeneForeignKey(many=True, read_only=True)
    digitale_adressen = fields.DigitaalAdresForeignKey(many=True, read_only=True)
    voorkeurs_digitaal_adres = fields.DigitaalAdresForeignKey(required=False, allow_null=True)
    partij_identificatoren = PartijIdentificator(many=True, required=False)
    partij_identificatie = PartijIdentificatie(required=False, allow_null=True)
    bezoekadres = fields.Adres(required=False, allow_null=True)
    correspondentieadres = fields.Adres(required=False, allow_null=True)

    class Meta:
        model = models.Partij
        fields = ["uuid", "url", "nummer", "interne_notitie", "betrokkenen", "digitale_adressen",
                  "voorkeurs_digitaal_adres", "partij_identificatoren", "soort_partij",
                  "indicatie_geheimhouding", "voorkeurstaal", "indicatie_actief", "bezoekadres",
                  "correspondentieadres", "partij_identificatie"]
        extra_kwargs = {"indicatie_actief": {"required": True}, "soort_partij": {"required": True}}

    def validate_partij_identificatoren(self, items):
        numbers = {}
        for item in items:
            group = item["partij_identificator"]
            name = IDENTIFICATOREN[
                (group["code_objecttype"], group["code_soort_object_id"], group["code_register"])]
            if name in numbers:
                raise serializers.ValidationError(_error(
                    f"Een partij heeft hoogstens één {group['code_soort_object_id']}.", "unique"))
            numbers[name] = group["object_id"]
        same = Q(pk__in=[])
        for name, number in numbers.items():
            same |= Q(**{name: number})
        taken = models.Partij.objects.filter(same)
        if self.instance is not None:
            taken = taken.exclude(pk=self.instance.pk)
        if taken.exists():
            raise serializers.ValidationError(_error(
                "Er bestaat al een partij met deze partij-identificator.", "unique"))
        return {"bsn": numbers.get("bsn", ""), "kvk_nummer": numbers.get("kvk_nummer", "")}

    def validate(self, attrs):
        attrs.update(attrs.pop("partij_identificatoren", {}))
        voorkeur = attrs.get("voorkeurs_digitaal_adres")
        own = self.instance is not None and voorkeur is not None and (
            voorkeur.verstrekt_door_partij_id == self.instance.pk)
        if voorkeur is not None and not own:
            raise serializers.ValidationError({"voorkeurs_digitaal_adres": [_error(
                "Het voorkeursadres moet een digitaal adres van deze partij zijn.")]})
        return attrs


# --- Digitale adressen -------------------------------------------------------------------------

class DigitaalAdresSerializer(ResourceSerializer):
    verstrekt_door_betrokkene = fields.BetrokkeneForeignKey(required=False, allow_null=True)
    verstrekt_door_partij = fields.PartijForeignKey(required=False, allow_null=True)
    referentie = serializers.RegexField(r"^[-a-zA-Z0-9_]+$", max_length=50, required=False, allow_blank=True)

    class Meta:
        model = models.DigitaalAdres
        fields = ["uuid", "url", "verstrekt_door_betrokkene", "verstrekt_door_partij", "adres",
                  "soort_digitaal_adres", "is_standaard_adres", "omschrijving", "referentie"]

    def validate(self, attrs):
        soort = attrs.get("soort_digitaal_adres", getattr(self.instance, "soort_digitaal_adres", ""))
        adres = attrs.get("adres", getattr(self.instance, "adres", ""))
        if soort == models.DigitaalAdres.Soort.EMAIL:
            try:
                validate_email(adres)
            except Exception as error:
                raise serializers.ValidationError({"adres": [_error("Geen geldig e-mailadres.")]}) from error
        if soort == models.DigitaalAdres.Soort.TELEFOON and not PHONE.match(adres):
            raise serializers.ValidationError({"adres": [_error("Geen geldig telefoonnummer.")]})
        return attrs


# --- Actoren -----------------------------------------------------------------------------------

class ActorIdentificatie(fields.Gegevensgroep):
    """Medewerker: functie, emailadres, telefoonnummer; geautomatiseerde actor: functie,
    omschrijving; organisatorische eenheid: omschrijving, emailadres, faxnummer, telefoonnummer."""

    functie = serializers.CharField(max_length=40, required=False, allow_blank=True)
    omschrijving = serializers.CharField(max_length=200, required=False, allow_blank=True)
    emailadres = serializers.EmailField(max_length=254, required=False, allow_blank=True)
    telefoonnummer = serializers.RegexField(PHONE, max_length=20, required=False, allow_blank=True)
    faxnummer = serializers.CharField(max_length=20, required=False, allow_blank=True)


class ActorSerializer(ResourceSerializer):
    actoridentificator = fields.Objectidentificator(required=False, allow_null=True)
    actor_identificatie = ActorIdentificatie(required=False, allow_null=True)

    class Meta:
        model = models.Actor
        fields = ["uuid", "url", "naam", "soort_actor", "indicatie_actief", "actoridentificator",
                  "actor_identificatie"]


# --- Klantcontacten ----------------------------------------------------------------------------

class KlantcontactSerializer(ResourceSerializer):
    """A record of a contact: created once, never changed (the viewset offers no update)."""

    ging_over_onderwerpobjecten = fields.OnderwerpobjectForeignKey(
        many=True, read_only=True, source="onderwerpobjecten")
    had_betrokken_actoren = serializers.SerializerMethodField(
        help_text="Actor die bij een klantcontact betrokken was.")
    omvatte_bijlagen = fields.BijlageForeignKey(many=True, read_only=True, source="bijlagen")
    had_betrokkenen = fields.BetrokkeneForeignKey(many=True, read_only=True, source="betrokkenen")
    leidde_tot_interne_taken = fields.InterneTaakForeignKey(many=True, read_only=True, source="interne_taken")
    inhoud = serializers.CharField(max_length=1000, required=False, allow_blank=True)
    plaatsgevonden_op = serializers.DateTimeField(required=False)

    class Meta:
        model = models.Klantcontact
        fields = ["uuid", "url", "ging_over_onderwerpobjecten", "had_betrokken_actoren", "omvatte_bijlagen",
                  "had_betrokkenen", "leidde_tot_interne_taken", "nummer", "kanaal", "onderwerp", "inhoud",
                  "indicatie_contact_gelukt", "taal", "vertrouwelijk", "plaatsgevonden_op"]
        extra_kwargs = {"kanaal": {"required": True, "allow_blank": False},
                        "onderwerp": {"required": True}, "taal": {"required": True},
                        "vertrouwelijk": {"required": True}}

    @extend_schema_field(ActorSerializer(many=True))
    def get_had_betrokken_actoren(self, contact) -> list[dict]:
        return [ActorSerializer(contact.actor, context=self.context).data] if contact.actor else []

    def validate_plaatsgevonden_op(self, value):
        if value > timezone.now():
            raise serializers.ValidationError(
                _error("Een klantcontact kan niet in de toekomst plaatsvinden."))
        return value



# --- Betrokkenen, onderwerpobjecten, bijlagen, interne taken ------------------------------------

class BetrokkeneSerializer(ResourceSerializer):
    was_partij = fields.PartijForeignKey(required=False, allow_null=True)
    had_klantcontact = fields.KlantcontactForeignKey()
    digitale_adressen = fields.DigitaalAdresForeignKey(many=True, read_only=True)
    bezoekadres = fields.Adres(required=False, allow_null=True)
    correspondentieadres = fields.Adres(required=False, allow_null=True)
    contactnaam = fields.Contactnaam(required=False, allow_null=True)
    volledige_naam = serializers.SerializerMethodField()

    class Meta:
        model = models.Betrokkene
        fields = ["uuid", "url", "was_partij", "had_klantcontact", "digitale_adressen", "bezoekadres",
                  "correspondentieadres", "contactnaam", "volledige_naam", "rol", "organisatienaam",
                  "initiator"]
        extra_kwargs = {"rol": {"required": True}, "initiator": {"required": True}}

    def get_volledige_naam(self, betrokkene) -> str:
        return fields.volledige_naam(betrokkene.contactnaam or {})


class OnderwerpobjectSerializer(ResourceSerializer):
    klantcontact = fields.KlantcontactForeignKey(required=False, allow_null=True)
    was_klantcontact = fields.KlantcontactForeignKey(required=False, allow_null=True)
    onderwerpobjectidentificator = fields.Objectidentificator(required=False, allow_null=True, source="*")

    class Meta:
        model = models.Onderwerpobject
        fields = ["uuid", "url", "klantcontact", "was_klantcontact", "onderwerpobjectidentificator"]

    def validate(self, attrs):
        contact = attrs.get("klantcontact", getattr(self.instance, "klantcontact", None))
        earlier = attrs.get("was_klantcontact", getattr(self.instance, "was_klantcontact", None))
        if contact is None and earlier is None:
            raise serializers.ValidationError(_error(
                "Geef het klantcontact (of het eerdere klantcontact) waar het onderwerpobject bij hoort.",
                "required"))
        return attrs


class BijlageSerializer(ResourceSerializer):
    was_bijlage_van_klantcontact = fields.KlantcontactForeignKey(source="is_bijlage_van")
    bijlageidentificator = fields.Objectidentificator(required=False, allow_null=True, source="*")

    class Meta:
        model = models.Bijlage
        fields = ["uuid", "url", "was_bijlage_van_klantcontact", "bijlageidentificator"]


class InterneTaakSerializer(ResourceSerializer):
    aanleidinggevend_klantcontact = fields.KlantcontactForeignKey()
    toegewezen_aan_actor = fields.ActorForeignKey(required=False, allow_null=True)
    toegewezen_aan_actoren = fields.ActorForeignKey(many=True, required=False)
    toegewezen_op = serializers.DateTimeField(read_only=True)
    afgehandeld_op = serializers.DateTimeField(required=False, allow_null=True)

    class Meta:
        model = models.InterneTaak
        fields = ["uuid", "url", "nummer", "gevraagde_handeling", "aanleidinggevend_klantcontact",
                  "toegewezen_aan_actor", "toegewezen_aan_actoren", "toelichting", "status",
                  "toegewezen_op", "afgehandeld_op"]
        extra_kwargs = {"status": {"required": True}, "toelichting": {"max_length": 1000}}

    def validate(self, attrs):
        actoren = attrs.pop("toegewezen_aan_actoren", None)
        if actoren is not None:
            if len(actoren) > 1:
                raise serializers.ValidationError({"toegewezen_aan_actoren": [_error(
                    "Raadhuis wijst een interne taak toe aan één actor (of een team als actor).",
                    "max-one")]})
            if "toegewezen_aan_actor" in attrs and attrs["toegewezen_aan_actor"] not in (actoren or [None]):
                raise serializers.ValidationError({"toegewezen_aan_actoren": [_error(
                    "toegewezenAanActor en toegewezenAanActoren noemen verschillende actoren.")]})
            attrs["toegewezen_aan_actor"] = actoren[0] if actoren else None
        status = attrs.get("status")
        if status == models.InterneTaak.Status.VERWERKT and not attrs.get("afgehandeld_op"):
            attrs["afgehandeld_op"] = getattr(self.instance, "afgehandeld_op", None) or timezone.now()
        elif status == models.InterneTaak.Status.TE_VERWERKEN:
            attrs["afgehandeld_op"] = None
        return attrs
