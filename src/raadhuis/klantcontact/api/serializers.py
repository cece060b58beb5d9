"""The resources of the Klantinteracties API, with the standard's names and camelCase fields.

Field names follow the Klantinteracties OAS of Open Klant 2.x (``klantinteracties/openapi.yaml``);
the departures are in docs/modules/klantcontact.md (ADR 0026, 0044).
"""

from __future__ import annotations

import re

from django.core.validators import validate_email
from django.db.models import Q
from django.utils import timezone
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from raadhuis.klantcontact import models, services
from raadhuis.klantcontact.api import fields
from raadhuis.platform.validators import passes_elfproef

# The standard's pattern for telephone numbers.
PHONE = re.compile(
    r"^(0[8-9]00[0-9]{4,8}|0[1-9][0-9]{8}|\+31[0-9]{10}|\+[0-9]{9,20}|00[0-9]{11}|1400|140[0-9]{2,3})$")


@extend_schema_field({"type": "string", "format": "date", "x-experimental": True})
class ExperimentalDate(serializers.DateField):
    """A date the standard does not have, marked ``x-experimental`` in the OAS (a class, as DRF
    copies declared fields anew and would drop a mark set on the instance)."""


def _error(message: str, code: str = "invalid") -> serializers.ErrorDetail:
    return serializers.ErrorDetail(message, code=code)


class ResourceSerializer(serializers.ModelSerializer):
    # uuid and url of every resource; reverse relations as lists of references.
    #
    # ``needs`` names the relations its representation reads (the views prefetch them, so a
    # list costs the same number of queries for any page size). ``expandable`` maps an
    # ``expand`` name to (attribute, serializer, many): asked for, the related records appear
    # whole under ``_expand`` (each with its own ``_expand`` for a nested path such as
    # ``hadBetrokkenen.wasPartij``). A vertrouwelijk klantcontact is left out of an expansion
    # for a client without ``klantinteracties.vertrouwelijk-lezen``. (Comments, not a
    # docstring: drf-spectacular would print a docstring on every resource of the OAS.)

    uuid = serializers.UUIDField(read_only=True)
    url = serializers.SerializerMethodField()
    needs: tuple[str, ...] = ()
    expandable: dict[str, tuple[str, str, bool]] = {}

    def get_url(self, instance) -> str:
        return fields.resource_url(instance, self.context.get("request"))

    def to_representation(self, instance):
        data = super().to_representation(instance)
        expand = self.context.get("expand")
        if expand and expand[0] is type(self):
            data["_expand"] = {name: self._expansion(instance, name, sub) for name, sub in expand[1].items()}
        return data

    def _expansion(self, instance, name: str, subtree: dict):
        attribute, _serializer_name, many = self.expandable[name]
        expander = self._expander(name, subtree)
        value = getattr(instance, attribute)
        if many:
            shown = sorted((r for r in value.all() if visible(r, self.context)), key=lambda r: r.pk)
            return [expander.to_representation(record) for record in shown]
        if value is None or not visible(value, self.context):
            return None
        return expander.to_representation(value)

    def _expander(self, name: str, subtree: dict) -> ResourceSerializer:
        """One serializer per expansion and request, reused for every record: building a
        serializer copies all its fields, which for a page of 100 cost more than the rest."""
        expanders = self.context.setdefault("expanders", {})
        key = (type(self), name, id(subtree))
        if key not in expanders:
            serializer = SERIALIZERS[self.expandable[name][1]]
            expanders[key] = serializer(context={**self.context, "expand": (serializer, subtree)})
        return expanders[key]


# The klantcontact a record belongs to (loaded with it: each serializer ``needs`` it).
CONTACT_OF = {models.Betrokkene: "had_klantcontact", models.InterneTaak: "aanleidinggevend_klantcontact",
              models.Onderwerpobject: "klantcontact", models.Bijlage: "is_bijlage_van"}


def visible(record, context) -> bool:
    """A vertrouwelijk klantcontact, and what belongs to it, only for a client that may read
    those."""
    if context.get("vertrouwelijk_lezen"):
        return True
    contact = record if isinstance(record, models.Klantcontact) else (
        getattr(record, CONTACT_OF[type(record)]) if type(record) in CONTACT_OF else None)
    return contact is None or not contact.vertrouwelijk


def prefetches(serializer, tree: dict, prefix: str = "") -> list[str]:
    """The relations to prefetch for ``serializer`` with the expansions of ``tree``."""
    lookups = [prefix + name for name in serializer.needs]
    for name, subtree in tree.items():
        attribute, target, _many = serializer.expandable[name]
        lookups.append(prefix + attribute)
        lookups += prefetches(SERIALIZERS[target], subtree, f"{prefix}{attribute}__")
    return lookups


# --- Partij-identificatoren ----------------------------------------------------------------------

Identificator = models.PartijIdentificator
# The registers and what they identify (Open Klant's table): register -> objecttype -> soorten.
REGISTERS = {
    "brp": {"natuurlijk_persoon": {"bsn", "overig"}},
    "hr": {"niet_natuurlijk_persoon": {"rsin", "kvk_nummer", "overig"},
           "vestiging": {"vestigingsnummer", "overig"}},
}
# What an objectId of each kind looks like: (digits, elfproef, message).
NUMBERS = {
    "bsn": (9, True, "Geen geldig BSN: 9 cijfers die de elfproef doorstaan."),
    "rsin": (9, True, "Geen geldig RSIN: 9 cijfers die de elfproef doorstaan."),
    "kvk_nummer": (8, False, "Een KvK-nummer heeft 8 cijfers."),
    "vestigingsnummer": (12, False, "Een vestigingsnummer heeft 12 cijfers."),
}


def _choice(choices, what: str) -> serializers.ChoiceField:
    return serializers.ChoiceField(choices=choices, allow_blank=True, help_text=what)


class PartijIdentificatorGroepType(fields.Gegevensgroep):
    code_objecttype = _choice(Identificator.Objecttype.values,
                              "Type van het object, bijvoorbeeld: 'natuurlijk_persoon'.")
    code_soort_object_id = _choice(
        Identificator.SoortObjectId.values,
        "Naam van de eigenschap die het object identificeert, bijvoorbeeld: 'bsn'.")
    object_id = serializers.CharField(max_length=200, allow_blank=True,
                                      help_text="Waarde van de eigenschap, bijvoorbeeld: '123456788'.")
    code_register = _choice(Identificator.Register.values, "Register waarin het object is geregistreerd.")


def check_identificator(values: dict) -> None:
    """Open Klant's rules for one identificator: the register table, the number's form, a BSN
    only for a persoon and a vestigingsnummer under a KvK-nummer. ``values`` holds the model
    fields (and ``identificeerde_partij`` / ``soort_partij`` when known)."""
    register, objecttype = values.get("code_register", ""), values.get("code_objecttype", "")
    soort, number = values.get("code_soort_object_id", ""), values.get("object_id", "")
    group = "partij_identificator"
    if register in REGISTERS:
        if objecttype not in REGISTERS[register]:
            raise serializers.ValidationError({group: {"code_objecttype": [_error(
                f"Register {register} kent alleen codeObjecttype "
                f"{' of '.join(sorted(REGISTERS[register]))}.", "invalid-objecttype")]}})
        if soort not in REGISTERS[register][objecttype]:
            raise serializers.ValidationError({group: {"code_soort_object_id": [_error(
                f"Een {objecttype} in register {register} heeft als codeSoortObjectId "
                f"{' of '.join(sorted(REGISTERS[register][objecttype]))}.", "invalid-soort")]}})
    if soort in NUMBERS:
        digits, elfproef, message = NUMBERS[soort]
        if not (len(number) == digits and number.isdigit() and (not elfproef or passes_elfproef(number))):
            raise serializers.ValidationError({group: {"object_id": [_error(message, f"invalid-{soort}")]}})
    if soort == "bsn" and values.get("soort_partij") not in (None, models.Partij.Soort.PERSOON):
        raise serializers.ValidationError({group: {"code_soort_object_id": [_error(
            "Alleen een partij van soort persoon kan een BSN hebben.", "bsn-only-persoon")]}})
    parent = values.get("sub_identificator_van")
    if soort == "vestigingsnummer" and (parent is None or parent.code_soort_object_id != "kvk_nummer"):
        raise serializers.ValidationError({"sub_identificator_van": [_error(
            "Een vestigingsnummer hoort onder een KvK-nummer: geef dat als subIdentificatorVan.",
            "vestigingsnummer-needs-kvk")]})
    if any(values.get(k) for k in ("code_objecttype", "code_soort_object_id", "object_id", "code_register")) \
            and not all(values.get(k) for k in ("code_objecttype", "code_soort_object_id", "object_id",
                                                "code_register")):
        raise serializers.ValidationError({group: [_error(
            "Vul codeObjecttype, codeSoortObjectId, objectId en codeRegister alle vier in.", "incomplete")]})


def taken_identificator(values: dict, *, exclude: Q) -> bool:
    """Open Klant's global uniqueness: the four codes once (under one parent), here per
    organisation (the one of the partij or parent when known, else every one in scope)."""
    key = {name: values.get(name, "") for name in Identificator.KEY}
    if not key["object_id"]:
        return False
    same = Identificator.objects.filter(**key, sub_identificator_van=values.get("sub_identificator_van"))
    owner = values.get("identificeerde_partij") or values.get("sub_identificator_van")
    if owner is not None:
        same = same.filter(organisation_id=owner.organisation_id)
    return same.exclude(exclude).exists()


class PartijIdentificatorSerializer(ResourceSerializer):
    """A partij-identificator as its own resource (``/partij-identificatoren``)."""

    uuid = serializers.UUIDField(required=False, help_text=(
        "Unieke (technische) identificatiecode van de partij-identificator. Alleen binnen "
        "partijIdentificatoren van een partij: een bestaande identificator die wordt bijgewerkt."))
    identificeerde_partij = fields.PartijForeignKey(required=False, allow_null=True)
    andere_partij_identificator = serializers.CharField(max_length=200, required=False, allow_blank=True)
    partij_identificator = PartijIdentificatorGroepType(required=False, allow_null=True, source="*")
    sub_identificator_van = fields.PartijIdentificatorForeignkey(required=False, allow_null=True)

    class Meta:
        model = Identificator
        fields = ["uuid", "url", "identificeerde_partij", "andere_partij_identificator",
                  "partij_identificator", "sub_identificator_van"]

    def validate(self, attrs):
        attrs.pop("uuid", None)  # the resource's uuid is its own, never chosen by the client
        names = (*Identificator.KEY, "identificeerde_partij", "sub_identificator_van")
        values = {name: getattr(self.instance, name) for name in names} if self.instance else {}
        values.update(attrs)
        partij = values.get("identificeerde_partij")
        values["soort_partij"] = partij.soort_partij if partij else None
        if self.instance is not None:
            self._check_parent_unchanged(values)
            parent = values.get("sub_identificator_van")
            if parent is not None and parent.pk == self.instance.pk:
                raise serializers.ValidationError({"sub_identificator_van": [_error(
                    "Een partij-identificator kan niet zijn eigen subIdentificatorVan zijn.",
                    "self-reference")]})
        check_identificator(values)
        mine = Q(pk=self.instance.pk) if self.instance else Q(pk__in=[])
        if taken_identificator(values, exclude=mine):
            raise serializers.ValidationError({"partij_identificator": [_error(
                "Er bestaat al een partij-identificator met deze gegevens.", "unique")]})
        soort = values.get("code_soort_object_id")
        if partij is not None and soort and partij.partij_identificatoren.filter(
                code_soort_object_id=soort).exclude(mine).exists():
            raise serializers.ValidationError({"partij_identificator": {"code_soort_object_id": [_error(
                f"Deze partij heeft al een partij-identificator met codeSoortObjectId {soort}.", "unique")]}})
        return attrs

    def _check_parent_unchanged(self, values: dict) -> None:
        changed = any(values.get(name) != getattr(self.instance, name) for name in Identificator.KEY)
        if changed and self.instance.sub_identificatoren.exists():
            raise serializers.ValidationError({"partij_identificator": [_error(
                "Andere partij-identificatoren (vestigingsnummers) horen onder deze; wijzig of verwijder "
                "die eerst.",
                "has-sub-identificatoren")]})


class NestedPartijIdentificatorSerializer(PartijIdentificatorSerializer):
    """An identificator inside a partij: its partij is that partij; checked as a whole list by
    :class:`PartijSerializer` (together with the partij's soort)."""

    identificeerde_partij = fields.PartijForeignKey(read_only=True)

    def validate(self, attrs):
        return attrs


# --- Partijen --------------------------------------------------------------------------------

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
    categorie_relaties = fields.CategorieRelatieForeignKey(many=True, read_only=True)
    digitale_adressen = fields.DigitaalAdresForeignKey(many=True, required=False, help_text=(
        "Digitale adressen die een partij verstrekte; een lijst hier maakt ze de adressen van deze partij "
        "(en de andere niet meer)."))
    voorkeurs_digitaal_adres = fields.DigitaalAdresForeignKey(required=False, allow_null=True)
    vertegenwoordigden = fields.PartijForeignKey(many=True, read_only=True, source="vertegenwoordigde")
    rekeningnummers = fields.RekeningnummerForeignKey(many=True, required=False, help_text=(
        "Rekeningnummers van een partij; een lijst hier maakt ze de rekeningnummers van deze partij "
        "(en de andere niet meer)."))
    voorkeurs_rekeningnummer = fields.RekeningnummerForeignKey(required=False, allow_null=True)
    partij_identificatoren = NestedPartijIdentificatorSerializer(many=True, required=False, allow_null=True)
    partij_identificatie = PartijIdentificatie(required=False, allow_null=True)
    bezoekadres = fields.Adres(required=False, allow_null=True)
    correspondentieadres = fields.Adres(required=False, allow_null=True)

    class Meta:
        model = models.Partij
        fields = ["uuid", "url", "nummer", "interne_notitie", "betrokkenen", "categorie_relaties",
                  "digitale_adressen", "voorkeurs_digitaal_adres", "vertegenwoordigden", "rekeningnummers",
                  "voorkeurs_rekeningnummer", "partij_identificatoren", "soort_partij",
                  "indicatie_geheimhouding", "voorkeurstaal", "indicatie_actief", "bezoekadres",
                  "correspondentieadres", "partij_identificatie"]
        extra_kwargs = {"indicatie_actief": {"required": True}, "soort_partij": {"required": True}}

    needs = ("betrokkenen", "digitale_adressen", "voorkeurs_digitaal_adres", "categorie_relaties__categorie",
             "vertegenwoordigde", "rekeningnummers", "voorkeurs_rekeningnummer",
             "partij_identificatoren__sub_identificator_van")
    expandable = {"betrokkenen": ("betrokkenen", "BetrokkeneSerializer", True),
                  "categorieRelaties": ("categorie_relaties", "CategorieRelatieSerializer", True),
                  "digitaleAdressen": ("digitale_adressen", "DigitaalAdresSerializer", True)}

    def validate_partij_identificatoren(self, items):
        return items or []

    def validate(self, attrs):
        if not self._own(attrs, "voorkeurs_digitaal_adres", "digitale_adressen", "verstrekt_door_partij_id"):
            raise serializers.ValidationError({"voorkeurs_digitaal_adres": [_error(
                "Het voorkeursadres moet een digitaal adres van deze partij zijn.")]})
        if not self._own(attrs, "voorkeurs_rekeningnummer", "rekeningnummers", "partij_id"):
            raise serializers.ValidationError({"voorkeurs_rekeningnummer": [_error(
                "Het voorkeursrekeningnummer moet een rekeningnummer van deze partij zijn.")]})
        if "partij_identificatoren" in attrs:
            soort = attrs.get("soort_partij", getattr(self.instance, "soort_partij", None))
            attrs["partij_identificatoren"] = self._checked_identificatoren(
                attrs["partij_identificatoren"], soort)
        elif (self.instance is not None and attrs.get("soort_partij", models.Partij.Soort.PERSOON)
              != models.Partij.Soort.PERSOON and self.instance.bsn):
            raise serializers.ValidationError({"soort_partij": [_error(
                "Alleen een partij van soort persoon kan een BSN hebben.", "bsn-only-persoon")]})
        return attrs

    def _own(self, attrs: dict, voorkeur: str, lijst: str, owner: str) -> bool:
        """The preferred address or account is one of the partij's: in the list of this request
        (when it gives one), else already the partij's."""
        chosen = attrs.get(voorkeur)
        if chosen is None:
            return True
        if lijst in attrs:
            return chosen in attrs[lijst]
        return self.instance is not None and getattr(chosen, owner) == self.instance.pk

    def _checked_identificatoren(self, items: list[dict], soort_partij: str) -> list[dict]:
        """Each item as its resource checks it, plus: one per codeSoortObjectId, and numbers
        not taken by another partij. An item with a uuid updates that identificator."""
        mine = Q(identificeerde_partij=self.instance) if self.instance is not None else Q(pk__in=[])
        existing = {}
        uuids = [item["uuid"] for item in items if item.get("uuid")]
        if uuids:
            existing = {i.uuid: i for i in Identificator.objects.filter(uuid__in=uuids)}
        seen: set[str] = set()
        checked = []
        for index, item in enumerate(items):
            where = f"partij_identificatoren.{index}"
            current = existing.get(item.get("uuid")) if item.get("uuid") else None
            if item.get("uuid") and current is None:
                raise serializers.ValidationError({f"{where}.uuid": [_error(
                    f"Er bestaat geen partij-identificator met uuid {item['uuid']}.", "does_not_exist")]})
            if current is not None and current.identificeerde_partij_id not in (
                    None, getattr(self.instance, "pk", None)):
                raise serializers.ValidationError({f"{where}.uuid": [_error(
                    "Deze partij-identificator hoort bij een andere partij.", "other-partij")]})
            names = (*Identificator.KEY, "sub_identificator_van")
            values = {name: getattr(current, name) for name in names} if current else {}
            values.update({k: v for k, v in item.items() if k != "uuid"})
            values["soort_partij"] = soort_partij
            try:
                check_identificator(values)
            except serializers.ValidationError as error:
                raise serializers.ValidationError({where: error.detail}) from error
            soort = values.get("code_soort_object_id")
            if soort and soort in seen:
                raise serializers.ValidationError({where: [_error(
                    f"Een partij heeft hoogstens één partij-identificator met codeSoortObjectId {soort}.",
                    "unique")]})
            seen.add(soort)
            if taken_identificator({**values, "identificeerde_partij": self.instance},
                                   exclude=mine | Q(uuid__in=uuids)):
                raise serializers.ValidationError({where: [_error(
                    "Er bestaat al een partij met deze partij-identificator.", "unique")]})
            checked.append({**{k: v for k, v in values.items() if k != "soort_partij"}, "current": current})
        return checked

    def create(self, validated_data):
        return self.update(None, validated_data)

    def update(self, instance, validated_data):
        lists = {name: validated_data.pop(name, None)
                 for name in ("partij_identificatoren", "digitale_adressen", "rekeningnummers")}
        return services.save_partij(instance, validated_data, lists["partij_identificatoren"],
                                    digitale_adressen=lists["digitale_adressen"],
                                    rekeningnummers=lists["rekeningnummers"])


# --- Vertegenwoordigingen, rekeningnummers, categorieën ----------------------------------------

class VertegenwoordigdenSerializer(ResourceSerializer):
    vertegenwoordigende_partij = fields.PartijForeignKey(
        help_text="'Partij' die een andere 'Partij' vertegenwoordigde.")
    vertegenwoordigde_partij = fields.PartijForeignKey(
        help_text="'Partij' vertegenwoordigd wordt door een andere 'Partij'.")

    class Meta:
        model = models.Vertegenwoordigden
        fields = ["uuid", "url", "vertegenwoordigende_partij", "vertegenwoordigde_partij"]

    needs = ("vertegenwoordigende_partij", "vertegenwoordigde_partij")

    def validate(self, attrs):
        current = self.instance
        wie = attrs.get("vertegenwoordigende_partij", getattr(current, "vertegenwoordigende_partij", None))
        voor = attrs.get("vertegenwoordigde_partij", getattr(self.instance, "vertegenwoordigde_partij", None))
        if wie == voor:
            raise serializers.ValidationError({"vertegenwoordigde_partij": [_error(
                "Een partij kan zichzelf niet vertegenwoordigen.", "self-reference")]})
        same = models.Vertegenwoordigden.objects.filter(vertegenwoordigende_partij=wie,
                                                        vertegenwoordigde_partij=voor)
        if self.instance is not None:
            same = same.exclude(pk=self.instance.pk)
        if same.exists():
            raise serializers.ValidationError(_error("Deze vertegenwoordiging bestaat al.", "unique"))
        return attrs


def iban_checks_out(iban: str) -> bool:
    """ISO 13616: the first four characters to the end, letters as numbers, modulo 97 is 1."""
    moved = iban[4:] + iban[:4]
    return int("".join(str(int(c, 36)) for c in moved)) % 97 == 1


class RekeningnummerSerializer(ResourceSerializer):
    partij = fields.PartijForeignKey(required=False, allow_null=True,
                                     help_text="Rekeningnummer van een partij")
    iban = serializers.RegexField(r"^[A-Za-z]{2}[0-9]{2}[A-Za-z0-9]{1,30}$", max_length=34, help_text=(
        "Het internationaal bankrekeningnummer (IBAN)."))
    bic = serializers.RegexField(r"^[\S]+$", min_length=8, max_length=11, required=False, allow_blank=True,
                                 help_text="De unieke code van de bankinstelling (BIC).")

    class Meta:
        model = models.Rekeningnummer
        fields = ["uuid", "url", "partij", "iban", "bic"]

    needs = ("partij",)

    def validate_iban(self, value: str) -> str:
        value = value.upper()
        if not iban_checks_out(value):
            raise serializers.ValidationError(
                _error("Geen geldig IBAN (controlegetal klopt niet).", "invalid-iban"))
        return value


class CategorieSerializer(ResourceSerializer):
    """Let op: Dit endpoint is EXPERIMENTEEL."""

    class Meta:
        model = models.Categorie
        fields = ["uuid", "url", "naam"]


class CategorieRelatieSerializer(ResourceSerializer):
    """Let op: Dit endpoint is EXPERIMENTEEL."""

    partij = fields.PartijForeignkeyBase(required=False, allow_null=True,
                                         help_text="De partij waar de categorie relatie aan gelinkt is.")
    categorie = fields.CategorieForeignKey(required=False, allow_null=True,
                                           help_text="De categorie waar de categorie relatie aan gelinkt is.")

    class Meta:
        model = models.CategorieRelatie
        fields = ["uuid", "url", "partij", "categorie", "begin_datum", "eind_datum"]

    needs = ("partij", "categorie")

    def validate(self, attrs):
        begin = attrs.get("begin_datum", getattr(self.instance, "begin_datum", None))
        eind = attrs.get("eind_datum", getattr(self.instance, "eind_datum", None))
        if begin and eind and eind < begin:
            raise serializers.ValidationError({"eind_datum": [_error(
                "De einddatum ligt voor de begindatum.", "date-mismatch")]})
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

    needs = ("verstrekt_door_partij", "verstrekt_door_betrokkene")
    expandable = {"verstrektDoorBetrokkene": ("verstrekt_door_betrokkene", "BetrokkeneSerializer", False)}

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

    needs = ("onderwerpobjecten", "bijlagen", "betrokkenen", "interne_taken", "actorklantcontacten__actor")
    expandable = {
        "gingOverOnderwerpobjecten": ("onderwerpobjecten", "OnderwerpobjectSerializer", True),
        "hadBetrokkenen": ("betrokkenen", "BetrokkeneSerializer", True),
        "leiddeTotInterneTaken": ("interne_taken", "InterneTaakSerializer", True),
        "omvatteBijlagen": ("bijlagen", "BijlageSerializer", True),
    }

    @extend_schema_field(ActorSerializer(many=True))
    def get_had_betrokken_actoren(self, contact) -> list[dict]:
        links = sorted(contact.actorklantcontacten.all(), key=lambda link: link.pk)
        return [ActorSerializer(link.actor, context=self.context).data for link in links]

    def validate_plaatsgevonden_op(self, value):
        if value > timezone.now():
            raise serializers.ValidationError(
                _error("Een klantcontact kan niet in de toekomst plaatsvinden."))
        return value


class ActorKlantcontactSerializer(ResourceSerializer):
    actor = fields.ActorForeignKey(help_text="De gekoppelde 'Actor'.")
    klantcontact = fields.KlantcontactForeignKey(help_text="De gekoppelde 'Klantcontact'.")

    class Meta:
        model = models.ActorKlantcontact
        fields = ["uuid", "url", "actor", "klantcontact"]

    needs = ("actor", "klantcontact")

    def validate(self, attrs):
        actor = attrs.get("actor", getattr(self.instance, "actor", None))
        contact = attrs.get("klantcontact", getattr(self.instance, "klantcontact", None))
        same = models.ActorKlantcontact.objects.filter(actor=actor, klantcontact=contact)
        if self.instance is not None:
            same = same.exclude(pk=self.instance.pk)
        if same.exists():
            raise serializers.ValidationError(
                _error("Deze actor is al aan dit klantcontact gekoppeld.", "unique"))
        return attrs


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

    needs = ("was_partij", "had_klantcontact", "digitale_adressen")
    expandable = {"digitaleAdressen": ("digitale_adressen", "DigitaalAdresSerializer", True),
                  "wasPartij": ("was_partij", "PartijSerializer", False),
                  "hadKlantcontact": ("had_klantcontact", "KlantcontactSerializer", False)}

    def get_volledige_naam(self, betrokkene) -> str:
        return fields.volledige_naam(betrokkene.contactnaam or {})


class OnderwerpobjectSerializer(ResourceSerializer):
    klantcontact = fields.KlantcontactForeignKey(required=False, allow_null=True)
    was_klantcontact = fields.KlantcontactForeignKey(required=False, allow_null=True)
    onderwerpobjectidentificator = fields.Objectidentificator(required=False, allow_null=True, source="*")

    class Meta:
        model = models.Onderwerpobject
        fields = ["uuid", "url", "klantcontact", "was_klantcontact", "onderwerpobjectidentificator"]

    needs = ("klantcontact", "was_klantcontact")

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

    needs = ("is_bijlage_van",)


class InterneTaakSerializer(ResourceSerializer):
    aanleidinggevend_klantcontact = fields.KlantcontactForeignKey()
    toegewezen_aan_actor = fields.ActorForeignKey(required=False, allow_null=True)
    toegewezen_aan_actoren = fields.ActorForeignKey(many=True, required=False)
    toegewezen_op = serializers.DateTimeField(read_only=True)
    afgehandeld_op = serializers.DateTimeField(required=False, allow_null=True)
    # Not in the standard: the KCC's promise to the resident ("we call you back by Thursday").
    uiterlijk_afgehandeld_op = ExperimentalDate(
        source="uiterlijk_op", required=False, allow_null=True,
        help_text="Datum waarop de interne taak uiterlijk afgehandeld moet zijn (terugbelbelofte van het "
                  "KCC). Niet in de standaard: EXPERIMENTEEL.")

    class Meta:
        model = models.InterneTaak
        fields = ["uuid", "url", "nummer", "gevraagde_handeling", "aanleidinggevend_klantcontact",
                  "toegewezen_aan_actor", "toegewezen_aan_actoren", "toelichting", "status",
                  "toegewezen_op", "afgehandeld_op", "uiterlijk_afgehandeld_op"]
        extra_kwargs = {"status": {"required": True}, "toelichting": {"max_length": 1000}}

    needs = ("aanleidinggevend_klantcontact", "toegewezen_aan_actor", "extra_actoren__actor")

    def create(self, validated_data):
        extra = validated_data.pop("extra_actoren", None)
        return services.wijs_toe(super().create(validated_data), extra)

    def update(self, instance, validated_data):
        extra = validated_data.pop("extra_actoren", None)
        return services.wijs_toe(super().update(instance, validated_data), extra)

    def validate(self, attrs):
        actoren = attrs.pop("toegewezen_aan_actoren", None)
        if actoren is not None:
            if len({actor.pk for actor in actoren}) != len(actoren):
                raise serializers.ValidationError({"toegewezen_aan_actoren": [_error(
                    "Een actor staat twee keer in toegewezenAanActoren.", "unique")]})
            if "toegewezen_aan_actor" in attrs and actoren and attrs["toegewezen_aan_actor"] != actoren[0]:
                raise serializers.ValidationError({"toegewezen_aan_actoren": [_error(
                    "toegewezenAanActor is de eerste van toegewezenAanActoren; ze noemen een andere "
                    "actor.")]})
            attrs["toegewezen_aan_actor"] = actoren[0] if actoren else None
            attrs["extra_actoren"] = actoren[1:]
        status = attrs.get("status")
        if status == models.InterneTaak.Status.VERWERKT and not attrs.get("afgehandeld_op"):
            attrs["afgehandeld_op"] = getattr(self.instance, "afgehandeld_op", None) or timezone.now()
        elif status == models.InterneTaak.Status.TE_VERWERKEN:
            attrs["afgehandeld_op"] = None
        return attrs


# --- Maak klantcontact ---------------------------------------------------------------------------

class BetrokkeneKlantcontactReadOnly(BetrokkeneSerializer):
    """A betrokkene of the klantcontact made in the same request (so without hadKlantcontact)."""

    had_klantcontact = fields.KlantcontactForeignKey(read_only=True)


class OnderwerpobjectKlantcontactReadOnly(OnderwerpobjectSerializer):
    """An onderwerpobject of the klantcontact made in the same request."""

    klantcontact = fields.KlantcontactForeignKey(read_only=True, allow_null=True)

    def validate(self, attrs):
        return attrs


class MaakKlantcontactSerializer(serializers.Serializer):
    """``/maak-klantcontact``: a klantcontact with its betrokkene and onderwerpobject, in one
    transaction (:func:`services.maak_klantcontact`)."""

    klantcontact = KlantcontactSerializer()
    betrokkene = BetrokkeneKlantcontactReadOnly(required=False)
    onderwerpobject = OnderwerpobjectKlantcontactReadOnly(required=False)


SERIALIZERS = {cls.__name__: cls for cls in (
    PartijSerializer, DigitaalAdresSerializer, KlantcontactSerializer, BetrokkeneSerializer,
    OnderwerpobjectSerializer, BijlageSerializer, InterneTaakSerializer, CategorieRelatieSerializer)}


def expand_serializer(base: type[ResourceSerializer], names: set[str]) -> type[ResourceSerializer]:
    """``Expand<Resource>`` of the OAS: the resource with ``_expand``, holding the expansions
    ``names`` (only for the schema of list and read; :class:`ResourceSerializer` renders it)."""
    properties = {}
    for name in sorted(names):
        _attribute, target, many = base.expandable[name]
        ref = {"$ref": f"#/components/schemas/{target.removesuffix('Serializer')}"}
        properties[name] = {"type": "array", "items": ref} if many else {"allOf": [ref], "nullable": True}
    field = extend_schema_field({
        "type": "object", "properties": properties,
        "description": "Display details of the linked resources requested in the `expand` parameter"})(
        type("ExpandField", (serializers.JSONField,), {}))
    meta = type("Meta", (base.Meta,), {"fields": [*base.Meta.fields, "_expand"]})
    return type(f"Expand{base.Meta.model.__name__}Serializer", (base,), {
        "_expand": field(read_only=True, required=False), "Meta": meta,
        "__doc__": base.__doc__ or "", "__module__": __name__})
