"""Small, explicit register records for the tests (the demo generator makes the big ones)."""

from __future__ import annotations

import itertools
from datetime import date

from raadhuis.platform.validators import make_elfproef_number
from raadhuis.registers.models import (
    Nummeraanduiding,
    OpenbareRuimte,
    Ouderschap,
    Partnerschap,
    Persoon,
    Verblijfsobject,
    Woonplaats,
)

_prefixes = itertools.count(99990000)
_ids = itertools.count(1)


def next_bsn() -> str:
    while True:
        try:
            return make_elfproef_number(f"{next(_prefixes):08d}")
        except ValueError:
            continue


def adres(organisation, *, straat="Dorpsstraat", postcode="1234AB", huisnummer=1, huisletter="",
          toevoeging="", woonplaats="Aadorp") -> Nummeraanduiding:
    n = next(_ids)
    code = organisation.gemeentecode or "9999"
    plaats, _ = Woonplaats.objects.get_or_create(
        organisation=organisation, identificatie=code, defaults={"naam": woonplaats})
    ruimte, _ = OpenbareRuimte.objects.get_or_create(
        organisation=organisation, naam=straat,
        defaults={"identificatie": f"{code}30{n:010d}", "korte_naam": straat[:24], "woonplaats": plaats})
    obj = Verblijfsobject.objects.create(
        organisation=organisation, identificatie=f"{code}01{n:010d}", rd_x=155000.0, rd_y=463000.0,
        latitude=52.1551744, longitude=5.38720621)
    return Nummeraanduiding.objects.create(
        organisation=organisation, identificatie=f"{code}20{n:010d}", huisnummer=huisnummer,
        huisletter=huisletter, huisnummertoevoeging=toevoeging, postcode=postcode,
        openbare_ruimte=ruimte, adresseerbaar_object=obj)


def persoon(organisation, **values) -> Persoon:
    defaults = {
        "burgerservicenummer": next_bsn(),
        "voornamen": "Jan Pieter",
        "geslachtsnaam": "Jansen",
        "geslacht": "M",
        "geboortedatum": date(1980, 5, 17),
        "geboorteplaats": "Aadorp",
        "geboorteplaats_code": organisation.gemeentecode,
        "nationaliteiten": [{"code": "0001", "omschrijving": "Nederlandse"}],
        "gemeente_van_inschrijving": organisation.gemeentecode,
        "gemeente_van_inschrijving_naam": organisation.name.removeprefix("Gemeente "),
        "datum_inschrijving_in_gemeente": date(2005, 1, 1),
    }
    defaults.update(values)
    return Persoon.objects.create(organisation=organisation, **defaults)


def ouders(kind: Persoon, *parents: Persoon) -> None:
    for index, parent in enumerate(parents, start=1):
        Ouderschap.objects.create(organisation=kind.organisation, kind=kind, ouder=parent,
                                  ouder_aanduiding=str(index),
                                  datum_ingang_familierechtelijke_betrekking=kind.geboortedatum)


def huwelijk(a: Persoon, b: Persoon, **values) -> Partnerschap:
    values.setdefault("datum_aangaan", date(2008, 6, 21))
    values.setdefault("plaats_aangaan", "Aadorp")
    return Partnerschap.objects.create(organisation=a.organisation, persoon_1=a, persoon_2=b, **values)
