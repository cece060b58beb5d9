"""Query parameters of the list operations, named as the Klantinteracties OAS names them
(``hadBetrokkene__wasPartij__uuid``). Unknown or malformed ones are a 400 (ZGWFilterBackend)."""

# ruff: noqa: N815 - the standard's parameter names

from __future__ import annotations

from django import forms
from django_filters import rest_framework as filters
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from raadhuis.klantcontact import models
from raadhuis.zgw.common.urls import resolve_path
from raadhuis.zgw.common.validators import validate_http_url


class URLFormField(forms.CharField):
    default_validators = [validate_http_url]


@extend_schema_field(OpenApiTypes.URI)
class URLFilter(filters.CharFilter):
    """A resource by its URL, matched on the uuid in its path (hosts are not compared)."""

    field_class = URLFormField

    def filter(self, qs, value):
        if not value:
            return qs
        match = resolve_path(value)
        if match is None or "uuid" not in match.kwargs:
            return qs.none()
        return qs.filter(**{self.field_name: match.kwargs["uuid"]})


def uuid_and_url(path: str, what: str) -> tuple[filters.UUIDFilter, URLFilter]:
    return (filters.UUIDFilter(field_name=f"{path}__uuid", help_text=f"Zoek op de uuid van {what}."),
            URLFilter(field_name=f"{path}__uuid", help_text=f"Zoek op de url van {what}."))


def identificator_filters(prefix: str, what: str) -> dict:
    """The four fields of an object identificator, stored in columns ``<prefix>code_objecttype``…"""
    return {
        name: filters.CharFilter(field_name=f"{prefix}{column}", help_text=f"{label} van {what}.")
        for name, column, label in (
            ("CodeObjecttype", "code_objecttype", "Type van het object"),
            ("CodeRegister", "code_register", "Register"),
            ("CodeSoortObjectId", "code_soort_object_id", "Soort object-ID"),
            ("ObjectId", "object_id", "Object-ID"),
        )
    }


IDENTIFICATOR_PARTS = {"codeObjecttype": "code_objecttype", "codeSoortObjectId": "code_soort_object_id",
                       "objectId": "object_id", "codeRegister": "code_register"}


class PartijIdentificatorFilter(filters.CharFilter):
    """``…partijIdentificator__<part>``: matched together with the other parts of the same
    request on one identificator (``codeSoortObjectId=bsn&objectId=…`` finds the partij
    whose BSN is that number, not one with some bsn and some other number)."""

    def filter(self, qs, value):
        return qs  # applied as one condition by IdentificatorFilterSet.filter_queryset


def partij_identificator_filters(name: str, prefix: str) -> dict:
    return {f"{name}__{part}": PartijIdentificatorFilter(
                field_name=f"{prefix}partij_identificatoren__{column}",
                help_text=f"Zoek op partij-identificator ({part}).")
            for part, column in IDENTIFICATOR_PARTS.items()}


class IdentificatorFilterSet(filters.FilterSet):
    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        conditions = {f.field_name: self.form.cleaned_data.get(name) for name, f in self.filters.items()
                      if isinstance(f, PartijIdentificatorFilter) and self.form.cleaned_data.get(name)}
        return queryset.filter(**conditions).distinct() if conditions else queryset


def adres_filters(name: str) -> dict:
    """``bezoekadresAdresregel1`` …: a part of an address kept as a JSON group."""
    return {f"{name}{part[0].upper()}{part[1:]}": filters.CharFilter(field_name=f"{name}__{key}")
            for part, key in (("adresregel1", "adresregel1"), ("adresregel2", "adresregel2"),
                              ("adresregel3", "adresregel3"), ("land", "land"),
                              ("nummeraanduidingId", "nummeraanduiding_id"))}


class PartijFilter(IdentificatorFilterSet):
    nummer = filters.CharFilter()
    soortPartij = filters.ChoiceFilter(field_name="soort_partij", choices=models.Partij.Soort.choices)
    indicatieActief = filters.BooleanFilter(field_name="indicatie_actief")
    indicatieGeheimhouding = filters.BooleanFilter(field_name="indicatie_geheimhouding")
    locals().update(partij_identificator_filters("partijIdentificator", ""))
    # Partijen that represent this partij.
    vertegenwoordigdePartij__uuid, vertegenwoordigdePartij__url = uuid_and_url(
        "vertegenwoordigde", "de vertegenwoordigde partij")
    categorierelatie__categorie__naam = filters.CharFilter(field_name="categorie_relaties__categorie__naam")
    locals().update(adres_filters("bezoekadres"))
    locals().update(adres_filters("correspondentieadres"))

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        joins = ("vertegenwoordigdePartij__uuid", "vertegenwoordigdePartij__url",
                 "categorierelatie__categorie__naam")
        return queryset.distinct() if any(self.form.cleaned_data.get(name) for name in joins) else queryset

    class Meta:
        model = models.Partij
        fields = []


class DigitaalAdresFilter(IdentificatorFilterSet):
    adres = filters.CharFilter(help_text="Adres dat exact gelijk moet zijn aan deze waarde.")
    adres__icontains = filters.CharFilter(field_name="adres", lookup_expr="icontains")
    omschrijving = filters.CharFilter(lookup_expr="icontains")
    referentie = filters.CharFilter()
    soortDigitaalAdres = filters.ChoiceFilter(field_name="soort_digitaal_adres",
                                              choices=models.DigitaalAdres.Soort.choices)
    verstrektDoorPartij__uuid, verstrektDoorPartij__url = uuid_and_url("verstrekt_door_partij", "de partij")
    verstrektDoorPartij__soortPartij = filters.ChoiceFilter(field_name="verstrekt_door_partij__soort_partij",
                                                            choices=models.Partij.Soort.choices)
    verstrektDoorBetrokkene__uuid, verstrektDoorBetrokkene__url = uuid_and_url(
        "verstrekt_door_betrokkene", "de betrokkene")
    verstrektDoorBetrokkene__rol = filters.ChoiceFilter(field_name="verstrekt_door_betrokkene__rol",
                                                        choices=models.Betrokkene.Rol.choices)
    locals().update(partij_identificator_filters("verstrektDoorPartij__partijIdentificator",
                                                 "verstrekt_door_partij__"))

    class Meta:
        model = models.DigitaalAdres
        fields = []


class ActorFilter(filters.FilterSet):
    naam = filters.CharFilter(lookup_expr="icontains")
    soortActor = filters.ChoiceFilter(field_name="soort_actor", choices=models.Actor.Soort.choices)
    indicatieActief = filters.BooleanFilter(field_name="indicatie_actief")
    locals().update({f"actoridentificator{name}": f for name, f in
                     identificator_filters("actoridentificator__", "de actoridentificator").items()})

    class Meta:
        model = models.Actor
        fields = []


class KlantcontactFilter(IdentificatorFilterSet):
    nummer = filters.CharFilter()
    kanaal = filters.CharFilter()
    onderwerp = filters.CharFilter(lookup_expr="icontains")
    inhoud = filters.CharFilter(lookup_expr="icontains")
    indicatieContactGelukt = filters.BooleanFilter(field_name="indicatie_contact_gelukt")
    vertrouwelijk = filters.BooleanFilter()
    plaatsgevondenOp = filters.IsoDateTimeFilter(field_name="plaatsgevonden_op")
    hadBetrokkene__uuid, hadBetrokkene__url = uuid_and_url("betrokkenen", "de betrokkene")
    hadBetrokkene__wasPartij__uuid, hadBetrokkene__wasPartij__url = uuid_and_url(
        "betrokkenen__was_partij", "de partij")
    onderwerpobject__uuid, onderwerpobject__url = uuid_and_url("onderwerpobjecten", "het onderwerpobject")
    # The onderwerpobjecten that name this klantcontact as their subject ("that e-mail").
    wasOnderwerpobject__uuid, wasOnderwerpobject__url = uuid_and_url("was_onderwerpobjecten",
                                                                     "het onderwerpobject")
    locals().update({f"wasOnderwerpobject__onderwerpobjectidentificator{name}": f for name, f in
                     identificator_filters("was_onderwerpobjecten__", "het onderwerpobject").items()})
    locals().update(partij_identificator_filters("hadBetrokkene__wasPartij__partijIdentificator",
                                                 "betrokkenen__was_partij__"))
    locals().update({f"onderwerpobject__onderwerpobjectidentificator{name}": f for name, f in
                     identificator_filters("onderwerpobjecten__", "het onderwerpobject").items()})

    class Meta:
        model = models.Klantcontact
        fields = []

    def filter_queryset(self, queryset):
        return super().filter_queryset(queryset).distinct()


class BetrokkeneFilter(IdentificatorFilterSet):
    organisatienaam = filters.CharFilter()
    hadKlantcontact__uuid, hadKlantcontact__url = uuid_and_url("had_klantcontact", "het klantcontact")
    hadKlantcontact__nummer = filters.CharFilter(field_name="had_klantcontact__nummer")
    wasPartij__uuid, wasPartij__url = uuid_and_url("was_partij", "de partij")
    wasPartij__nummer = filters.CharFilter(field_name="was_partij__nummer")
    verstrektedigitaalAdres__uuid, verstrektedigitaalAdres__url = uuid_and_url("digitale_adressen",
                                                                               "het digitaal adres")
    verstrektedigitaalAdres__adres = filters.CharFilter(field_name="digitale_adressen__adres")
    locals().update(partij_identificator_filters("wasPartij__partijIdentificator", "was_partij__"))
    locals().update({f"contactnaam{name[0].upper()}{name[1:]}":
                     filters.CharFilter(field_name=f"contactnaam__{key}")
                     for name, key in (("voorletters", "voorletters"), ("voornaam", "voornaam"),
                                       ("achternaam", "achternaam"),
                                       ("voorvoegselAchternaam", "voorvoegsel_achternaam"))})

    class Meta:
        model = models.Betrokkene
        fields = []

    def filter_queryset(self, queryset):
        return super().filter_queryset(queryset).distinct()


class OnderwerpobjectFilter(filters.FilterSet):
    locals().update({f"onderwerpobjectidentificator{name}": f for name, f in
                     identificator_filters("", "het onderwerpobject").items()})

    class Meta:
        model = models.Onderwerpobject
        fields = []


class BijlageFilter(filters.FilterSet):
    locals().update({f"bijlageidentificator{name}": f for name, f in
                     identificator_filters("", "de bijlage").items()})

    class Meta:
        model = models.Bijlage
        fields = []


class InterneTaakFilter(filters.FilterSet):
    nummer = filters.CharFilter()
    status = filters.ChoiceFilter(choices=models.InterneTaak.Status.choices)
    toegewezenOp = filters.IsoDateTimeFilter(field_name="toegewezen_op")
    aanleidinggevendKlantcontact__uuid, aanleidinggevendKlantcontact__url = uuid_and_url(
        "aanleidinggevend_klantcontact", "het klantcontact")
    klantcontact__uuid = filters.UUIDFilter(field_name="aanleidinggevend_klantcontact__uuid")
    klantcontact__nummer = filters.CharFilter(field_name="aanleidinggevend_klantcontact__nummer")
    toegewezenAanActor__uuid, toegewezenAanActor__url = uuid_and_url("toegewezen_aan_actor", "de actor")
    actoren__naam = filters.CharFilter(field_name="toegewezen_aan_actor__naam", lookup_expr="icontains")

    class Meta:
        model = models.InterneTaak
        fields = []


class PartijIdentificatorenFilter(filters.FilterSet):
    anderePartijIdentificator = filters.CharFilter(field_name="andere_partij_identificator")
    partijIdentificatorCodeObjecttype = filters.ChoiceFilter(
        field_name="code_objecttype", choices=models.PartijIdentificator.Objecttype.choices)
    partijIdentificatorCodeSoortObjectId = filters.ChoiceFilter(
        field_name="code_soort_object_id", choices=models.PartijIdentificator.SoortObjectId.choices)
    partijIdentificatorObjectId = filters.CharFilter(field_name="object_id")
    partijIdentificatorCodeRegister = filters.ChoiceFilter(
        field_name="code_register", choices=models.PartijIdentificator.Register.choices)

    class Meta:
        model = models.PartijIdentificator
        fields = []


class ActorKlantcontactFilter(filters.FilterSet):
    actor__uuid, actor__url = uuid_and_url("actor", "de actor")
    klantcontact__uuid, klantcontact__url = uuid_and_url("klantcontact", "het klantcontact")

    class Meta:
        model = models.ActorKlantcontact
        fields = []


class VertegenwoordigdenFilter(filters.FilterSet):
    vertegenwoordigdePartij__uuid, vertegenwoordigdePartij__url = uuid_and_url(
        "vertegenwoordigde_partij", "de vertegenwoordigde partij")
    vertegenwoordigendePartij__uuid, vertegenwoordigendePartij__url = uuid_and_url(
        "vertegenwoordigende_partij", "de vertegenwoordigende partij")

    class Meta:
        model = models.Vertegenwoordigden
        fields = []


class RekeningnummerFilter(filters.FilterSet):
    bic = filters.CharFilter()
    iban = filters.CharFilter(method="filter_iban")
    uuid = filters.UUIDFilter()

    class Meta:
        model = models.Rekeningnummer
        fields = []

    def filter_iban(self, queryset, name, value):
        return queryset.filter(iban=value.upper())


class CategorieRelatieFilter(filters.FilterSet):
    beginDatum = filters.DateFilter(field_name="begin_datum")
    eindDatum = filters.DateFilter(field_name="eind_datum")
    categorie__naam = filters.CharFilter(field_name="categorie__naam")
    categorie__uuid, categorie__url = uuid_and_url("categorie", "de categorie")
    partij__nummer = filters.CharFilter(field_name="partij__nummer")
    partij__uuid, partij__url = uuid_and_url("partij", "de partij")

    class Meta:
        model = models.CategorieRelatie
        fields = []
