"""The local register as a source: queries on the models of this app, in the tenant scope."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Prefetch, Q, QuerySet

from raadhuis.registers import fields as field_paths
from raadhuis.registers import query as q
from raadhuis.registers.models import Nummeraanduiding, Ouderschap, Partnerschap, Persoon, search_form
from raadhuis.registers.representation import adres_dict, persoon_dict

RELATIONS = ("kinderen", "ouders", "partners", "adressering")


@dataclass(frozen=True)
class Found:
    """A person read from a source, with the organisation whose register holds it."""

    organisation: object
    burgerservicenummer: str
    data: dict


def name_filter(name: str, value: str) -> Q:
    """A name in search form (case and diacritics ignored); a trailing ``*`` is a wildcard,
    searched as a range so that an ordinary index serves it on every database."""
    if value.endswith("*"):
        prefix = search_form(value[:-1])
        return Q(**{f"{name}__gte": prefix, f"{name}__lt": prefix + "\U0010ffff"})
    return Q(**{name: search_form(value)})


def text_filter(name: str, value: str) -> Q:
    """Case-insensitive match; a trailing (or, for streets, leading) ``*`` is a wildcard."""
    if value.endswith("*"):
        return Q(**{f"{name}__istartswith": value[:-1]})
    if value.startswith("*"):
        return Q(**{f"{name}__iendswith": value[1:]})
    return Q(**{f"{name}__iexact": value})


def normalised_postcode(postcode: str) -> str:
    return postcode.replace(" ", "").upper()


def _address_filter(params: dict, prefix: str = "verblijfplaats__") -> Q:
    condition = Q(**{f"{prefix}huisnummer": params["huisnummer"]})
    if params.get("huisletter"):
        condition &= Q(**{f"{prefix}huisletter__iexact": params["huisletter"]})
    if params.get("huisnummertoevoeging"):
        condition &= Q(**{f"{prefix}huisnummertoevoeging__iexact": params["huisnummertoevoeging"]})
    return condition


def _condition(query: q.PersonenQuery) -> Q:
    p = query.parameters
    if query.type == q.RAADPLEEG_BSN:
        return Q(burgerservicenummer__in=p["burgerservicenummer"])
    if query.type == q.ZOEK_NAAM_GEBOORTEDATUM:
        condition = name_filter("zoek_geslachtsnaam", p["geslachtsnaam"])
        condition &= Q(geboortedatum=p["geboortedatum"])
        if p.get("voornamen"):
            condition &= name_filter("zoek_voornamen", p["voornamen"])
    elif query.type == q.ZOEK_NAAM_GEMEENTE:
        condition = name_filter("zoek_geslachtsnaam", p["geslachtsnaam"])
        condition &= name_filter("zoek_voornamen", p["voornamen"])
    elif query.type == q.ZOEK_POSTCODE_HUISNUMMER:
        condition = Q(verblijfplaats__postcode=normalised_postcode(p["postcode"])) & _address_filter(p)
        if p.get("geboortedatum"):
            condition &= Q(geboortedatum=p["geboortedatum"])
    elif query.type == q.ZOEK_STRAAT_HUISNUMMER_GEMEENTE:
        condition = text_filter("verblijfplaats__openbare_ruimte__naam", p["straat"]) & _address_filter(p)
    elif query.type == q.ZOEK_NUMMERAANDUIDING:
        condition = Q(verblijfplaats__identificatie=p["nummeraanduidingIdentificatie"])
    else:
        condition = Q(
            verblijfplaats__adresseerbaar_object__identificatie=p["adresseerbaarObjectIdentificatie"])
    if p.get("geslacht"):
        condition &= Q(geslacht=p["geslacht"].upper())
    if p.get("voorvoegsel"):
        condition &= Q(voorvoegsel__iexact=p["voorvoegsel"])
    if not p.get("inclusiefOverledenPersonen"):
        condition &= Q(overlijdensdatum__isnull=True)
    return condition


def persons_queryset(with_relations: bool) -> QuerySet:
    queryset = Persoon.objects.select_related(
        "organisation",
        "verblijfplaats__openbare_ruimte__woonplaats",
        "verblijfplaats__adresseerbaar_object",
    )
    if with_relations:
        queryset = queryset.prefetch_related(
            Prefetch("ouderschappen", Ouderschap.objects.select_related("ouder")),
            Prefetch("kindschappen", Ouderschap.objects.select_related("kind")),
            Prefetch("partnerschappen_1", Partnerschap.objects.select_related("persoon_2")),
            Prefetch("partnerschappen_2", Partnerschap.objects.select_related("persoon_1")),
        )
    return queryset


def needs_relations(fields: list[str]) -> bool:
    """Fetch relations only when the asked fields need them (data minimisation)."""
    return any(path.split(".")[0] in RELATIONS for path in fields)


class LocalBrp:
    """Persons from this installation's own register."""

    def personen(self, query: q.PersonenQuery) -> list[Found]:
        with_relations = needs_relations(query.fields)
        condition = _condition(query)
        gemeente = query.parameters.get("gemeenteVanInschrijving")
        if gemeente:
            condition &= Q(gemeente_van_inschrijving=gemeente)
        found = []
        for persoon in persons_queryset(with_relations).filter(condition).order_by("burgerservicenummer"):
            full = persoon_dict(persoon, with_relations=with_relations)
            found.append(Found(persoon.organisation, persoon.burgerservicenummer,
                               field_paths.minimise(full, query.fields, query.schema)))
        return found


class LocalBag:
    """Addresses from this installation's own BAG register."""

    def adres(self, identificatie: str) -> dict | None:
        adres = (Nummeraanduiding.objects
                 .select_related("openbare_ruimte__woonplaats", "adresseerbaar_object")
                 .filter(identificatie=identificatie).first())
        return adres_dict(adres) if adres else None

    def adressen(self, postcode: str, huisnummer: int, huisletter: str = "",
                 huisnummertoevoeging: str = "") -> list[dict]:
        condition = Q(postcode=normalised_postcode(postcode)) & _address_filter(
            {"huisnummer": huisnummer, "huisletter": huisletter,
             "huisnummertoevoeging": huisnummertoevoeging}, prefix="")
        addresses = Nummeraanduiding.objects.select_related(
            "openbare_ruimte__woonplaats", "adresseerbaar_object").filter(condition)
        return [adres_dict(adres) for adres in addresses.order_by("huisnummer", "huisletter",
                                                                  "huisnummertoevoeging")]
