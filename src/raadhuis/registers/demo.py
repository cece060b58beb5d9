"""Demo registers: fictional residents in households, on generated streets, with BAG points.

Deterministic: the same seed gives the same people, BSNs, streets and coordinates on every
machine. BSNs come from 999990000-999999999, the range of the national BRP test sets, so
they pass the 11-proef but can never be a real person's number. Nothing is copied from a
real register: names are combined from common Dutch first names and surnames at random.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db import transaction

from raadhuis.platform.demo import register_demo_loader
from raadhuis.platform.validators import make_elfproef_number
from raadhuis.registers.coordinates import rd_to_wgs84
from raadhuis.registers.models import (
    Nummeraanduiding,
    OpenbareRuimte,
    Ouderschap,
    Partnerschap,
    Persoon,
    Verblijfsobject,
    Woonplaats,
)

REFERENCE_DATE = date(2026, 1, 1)  # ages are relative to this, so the data never drifts
TEST_BSN_PREFIXES = range(99999000, 100000000)  # 999990000-999999999: national test range

MANNEN = ("Jan", "Pieter", "Kees", "Willem", "Hendrik", "Johannes", "Cornelis", "Gerrit", "Dirk", "Bram",
          "Daan", "Sem", "Lucas", "Finn", "Noah", "Thijs", "Ruben", "Jesse", "Tim", "Lars", "Bas", "Mohamed",
          "Ahmet", "Sander", "Martijn", "Joost", "Frank", "Erik", "Koen", "Wouter")
VROUWEN = ("Anna", "Maria", "Johanna", "Cornelia", "Elisabeth", "Sanne", "Emma", "Julia", "Sophie", "Lotte",
           "Fleur", "Eva", "Lisa", "Noor", "Tess", "Mila", "Yara", "Fatima", "Ingrid", "Petra", "Marloes",
           "Anouk", "Esther", "Femke", "Ilse", "Karin", "Linda", "Monique", "Nicole", "Wendy")
ACHTERNAMEN = (("", "Jansen"), ("de", "Vries"), ("van den", "Berg"), ("van", "Dijk"), ("", "Bakker"),
               ("", "Visser"), ("", "Smit"), ("", "Meijer"), ("de", "Boer"), ("", "Mulder"), ("de", "Groot"),
               ("", "Bos"), ("", "Vos"), ("", "Peters"), ("", "Hendriks"), ("van", "Leeuwen"),
               ("", "Dekker"), ("", "Brouwer"), ("de", "Wit"), ("", "Dijkstra"), ("", "Smits"),
               ("de", "Graaf"), ("van der", "Meer"), ("van der", "Linden"), ("", "Kok"), ("", "Jacobs"),
               ("de", "Haan"), ("", "Vermeulen"), ("van den", "Heuvel"), ("van der", "Veen"),
               ("", "Yilmaz"), ("El", "Amrani"))
STRATEN = ("Raadhuisstraat", "Kerkplein", "Molenweg", "Dorpsstraat", "Stationsweg", "Lindelaan",
           "Beukenlaan", "Eikenlaan", "Schoolstraat", "Marktplein", "Havenkade", "Wilhelminastraat",
           "Julianalaan", "Nieuwe Gracht", "Oude Gracht", "Burgemeester de Jonghlaan")


@dataclass(frozen=True)
class DemoTown:
    woonplaats: str
    woonplaats_id: str
    postcode_prefix: int  # first of the 4-digit postcode areas
    centre: tuple[float, float]  # RD x, y
    households: int
    bsn_offset: int  # where in the test range this town's BSNs start
    streets: int
    numbers_per_street: int = 24
    first_bsn_prefix: int = TEST_BSN_PREFIXES.start  # benchmarks use a larger, fictional range


VOORBEELDSTAD = DemoTown("Voorbeeldstad", "9999", 9901, (155000.0, 463000.0), 125, 0, 12)
PROEFDORP = DemoTown("Proefdorp", "9998", 9951, (141000.0, 471000.0), 15, 600, 3)


@dataclass
class _Builder:
    organisation: object
    town: DemoTown
    rng: random.Random
    bsns: Iterator[str]
    addresses: list = field(default_factory=list)
    persons: list = field(default_factory=list)
    parents: list = field(default_factory=list)  # (kind, ouder, "1"/"2")
    marriages: list = field(default_factory=list)  # (a, b, datum, ontbonden)
    serial: int = 0

    def next_id(self, kind: str) -> str:
        self.serial += 1
        return f"{self.organisation.gemeentecode}{kind}{self.serial:010d}"


def demo_bsns(offset: int = 0, first_prefix: int = TEST_BSN_PREFIXES.start) -> Iterator[str]:
    """Valid BSNs from the national test range, in order, starting ``offset`` prefixes in."""
    for prefix in range(first_prefix + offset, 100000000):
        try:
            yield make_elfproef_number(f"{prefix:08d}")
        except ValueError:
            continue


def _birth(rng: random.Random, age_from: int, age_to: int) -> date:
    return REFERENCE_DATE - timedelta(days=rng.randint(age_from * 365 + 1, age_to * 365 + 300))


def _build_streets(builder: _Builder) -> list[Nummeraanduiding]:
    org, town, rng = builder.organisation, builder.town, builder.rng
    plaats = Woonplaats.objects.create(organisation=org, identificatie=town.woonplaats_id,
                                       naam=town.woonplaats)
    addresses = []
    for index, naam in enumerate(STRATEN[: town.streets]):
        ruimte = OpenbareRuimte.objects.create(
            organisation=org, identificatie=builder.next_id("30"), naam=naam,
            korte_naam=naam if len(naam) <= 24 else naam.replace("Burgemeester", "Burg.")[:24],
            woonplaats=plaats)
        postcode = f"{town.postcode_prefix + index // 4:04d}{'ABCDEFGHJKLMNPRSTVWXZ'[index % 21]}"
        angle_x, angle_y = rng.uniform(-1, 1), rng.uniform(-1, 1)
        for nummer in range(1, town.numbers_per_street + 1):
            x = town.centre[0] + angle_x * 800 + nummer * 9 * (1 if index % 2 else -1)
            y = town.centre[1] + angle_y * 800 + nummer * 4
            letter = "A" if nummer % 2 else "B"
            lat, lon = rd_to_wgs84(x, y)
            addresses.append((ruimte, nummer, f"{postcode}{letter}", round(x, 3), round(y, 3), lat, lon))
    objecten = Verblijfsobject.objects.bulk_create([
        Verblijfsobject(organisation=org, identificatie=builder.next_id("01"), rd_x=x, rd_y=y,
                        latitude=lat, longitude=lon, oppervlakte=rng.randint(45, 180))
        for (_r, _n, _p, x, y, lat, lon) in addresses])
    return Nummeraanduiding.objects.bulk_create([
        Nummeraanduiding(organisation=org, identificatie=builder.next_id("20"), huisnummer=nummer,
                         postcode=postcode[:6], openbare_ruimte=ruimte, adresseerbaar_object=obj)
        for (ruimte, nummer, postcode, *_rest), obj in zip(addresses, objecten, strict=True)])


def _person(builder: _Builder, *, geslacht: str, achternaam: tuple[str, str], geboren: date, adres,
            **extra) -> Persoon:
    rng = builder.rng
    names = MANNEN if geslacht == "M" else VROUWEN
    voornamen = " ".join(rng.sample(names, rng.choice((1, 1, 2, 2, 3))))
    org = builder.organisation
    persoon = Persoon(
        organisation=org, burgerservicenummer=next(builder.bsns), voornamen=voornamen,
        voorvoegsel=achternaam[0], geslachtsnaam=achternaam[1], geslacht=geslacht, geboortedatum=geboren,
        geboorteplaats=builder.town.woonplaats if rng.random() < 0.6 else "Utrecht",
        geboorteplaats_code=org.gemeentecode if rng.random() < 0.6 else "0344",
        nationaliteiten=[{"code": "0001", "omschrijving": "Nederlandse"}],
        verblijfplaats=adres, datum_aanvang_adreshouding=max(geboren, REFERENCE_DATE - timedelta(
            days=rng.randint(30, 9000))),
        gemeente_van_inschrijving=org.gemeentecode, gemeente_van_inschrijving_naam=builder.town.woonplaats,
        datum_inschrijving_in_gemeente=max(geboren, date(1995, 1, 1)), **extra)
    builder.persons.append(persoon)
    return persoon


def _household(builder: _Builder, adres) -> None:
    rng = builder.rng
    kind = rng.random()
    achternaam = rng.choice(ACHTERNAMEN)
    if kind < 0.25:  # single
        _person(builder, geslacht=rng.choice("MV"), achternaam=achternaam, geboren=_birth(rng, 19, 85),
                adres=adres)
        return
    man = _person(builder, geslacht="M", achternaam=achternaam, geboren=_birth(rng, 24, 80), adres=adres)
    naamgebruik = rng.choice("EEEPVN")
    vrouw = _person(builder, geslacht="V", achternaam=rng.choice(ACHTERNAMEN),
                    geboren=man.geboortedatum + timedelta(days=rng.randint(-1500, 1500)), adres=adres,
                    aanduiding_naamgebruik=naamgebruik)
    trouwdatum = max(man.geboortedatum, vrouw.geboortedatum) + timedelta(days=rng.randint(20 * 365, 30 * 365))
    builder.marriages.append((man, vrouw, min(trouwdatum, REFERENCE_DATE), None))
    if kind < 0.5:  # couple without children at home
        return
    for _ in range(rng.randint(1, 3)):
        # Born when the mother was 20 to 42, and young enough (under 27) to live at home.
        geboren = vrouw.geboortedatum + timedelta(days=rng.randint(20 * 365, 42 * 365))
        if not REFERENCE_DATE - timedelta(days=27 * 365) < geboren < REFERENCE_DATE - timedelta(days=30):
            continue
        kind_persoon = _person(builder, geslacht=rng.choice("MV"), achternaam=achternaam, geboren=geboren,
                               adres=adres)
        builder.parents += [(kind_persoon, man, "1"), (kind_persoon, vrouw, "2")]


def _specials(builder: _Builder) -> None:
    """A few of everything the API must handle: deceased, secrecy, titles, a divorce, three
    generations."""
    rng = builder.rng
    people = builder.persons
    elderly = [p for p in people if p.geboortedatum < date(1955, 1, 1)]
    for persoon in rng.sample(elderly, min(4, len(elderly))):
        persoon.overlijdensdatum = REFERENCE_DATE - timedelta(days=rng.randint(30, 2000))
        persoon.overlijdensplaats = builder.town.woonplaats
        persoon.overlijdensplaats_code = builder.organisation.gemeentecode
    alive = [p for p in people if p.overlijdensdatum is None]
    for persoon in rng.sample(alive, min(4, len(alive))):
        persoon.indicatie_geheim = rng.randint(1, 7)
    adults = [p for p in alive if p.geboortedatum < date(1990, 1, 1)]
    for persoon, titel in zip(rng.sample(adults, min(2, len(adults))), ("B", "JH"), strict=False):
        vrouwelijk = {"B": "BS", "JH": "JV"}[titel]
        persoon.adellijke_titel_predicaat = titel if persoon.geslacht == "M" else vrouwelijk
    # Grandparents: some adults living on their own are the parent of a younger adult.
    singles_old = [p for p in elderly if not any(p is a or p is b for a, b, *_ in builder.marriages)]
    has_parent = {id(kind) for kind, _ouder, _nr in builder.parents}
    young_adults = [p for p in adults if p.geboortedatum > date(1965, 1, 1) and id(p) not in has_parent]
    for grandparent in singles_old[:6]:
        child = next((p for p in young_adults
                      if (p.geboortedatum - grandparent.geboortedatum).days > 20 * 365), None)
        if child is not None:
            young_adults.remove(child)
            builder.parents.append((child, grandparent, "1"))
    # One divorce: the last marriage is dissolved.
    if builder.marriages:
        man, vrouw, datum, _ = builder.marriages[-1]
        builder.marriages[-1] = (man, vrouw, datum, min(datum + timedelta(days=3650), REFERENCE_DATE))


@transaction.atomic
def build_demo_register(organisation, town: DemoTown, *, seed: int = 2026) -> int:
    """Fill an organisation's empty register; return the number of persons made (0 if not empty)."""
    if Persoon.objects.filter(organisation=organisation).exists():
        return 0
    rng = random.Random(f"{seed}-{town.woonplaats}")  # noqa: S311 - demo data, not security
    builder = _Builder(organisation, town, rng, demo_bsns(town.bsn_offset, town.first_bsn_prefix))
    addresses = _build_streets(builder)
    for adres in rng.sample(addresses, town.households):
        _household(builder, adres)
    _specials(builder)
    for persoon in builder.persons:
        persoon.fill_search_fields()  # bulk_create skips save()
    Persoon.objects.bulk_create(builder.persons)
    Ouderschap.objects.bulk_create([
        Ouderschap(organisation=organisation, kind=kind, ouder=ouder, ouder_aanduiding=nr,
                   datum_ingang_familierechtelijke_betrekking=kind.geboortedatum)
        for kind, ouder, nr in builder.parents])
    Partnerschap.objects.bulk_create([
        Partnerschap(organisation=organisation, persoon_1=a, persoon_2=b, datum_aangaan=datum,
                     plaats_aangaan=town.woonplaats, plaats_aangaan_code=organisation.gemeentecode,
                     datum_ontbinding=ontbonden)
        for a, b, datum, ontbonden in builder.marriages])
    return len(builder.persons)


def load_demo_registers(voorbeeldstad, proefdorp) -> None:
    build_demo_register(voorbeeldstad, VOORBEELDSTAD)
    build_demo_register(proefdorp, PROEFDORP)


register_demo_loader("registers", load_demo_registers)
