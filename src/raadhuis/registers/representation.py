"""Persons and addresses of the local register in the shape of the Haal Centraal APIs.

``persoon_dict`` gives the full BRP Personen 2.x ``Persoon``; ``fields.minimise`` then keeps
only what was asked. Values that are not there are left out, as the standard does.
"""

from __future__ import annotations

from datetime import date

from django.utils import timezone

from raadhuis.registers.models import (
    PREDICATEN,
    AdellijkeTitelPredicaat,
    Geslacht,
    Naamgebruik,
    Nummeraanduiding,
    Ouderschap,
    Partnerschap,
    Persoon,
    SoortVerbintenis,
)

MAANDEN = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september",
           "oktober", "november", "december")
NEDERLAND = {"code": "6030", "omschrijving": "Nederland"}
WOONADRES = {"code": "W", "omschrijving": "woonadres"}
OPSCHORTING_OVERLIJDEN = {"code": "O", "omschrijving": "overlijden"}


def datum(value: date | None) -> dict | None:
    """An ``AbstractDatum`` of type ``Datum`` with its Dutch long form."""
    if value is None:
        return None
    return {"type": "Datum", "datum": value.isoformat(),
            "langFormaat": f"{value.day} {MAANDEN[value.month - 1]} {value.year}"}


def waarde(code: str, omschrijving: str) -> dict | None:
    if not code and not omschrijving:
        return None
    return _clean({"code": code, "omschrijving": omschrijving})


def _clean(data: dict) -> dict:
    """Leave out what has no value (empty strings, None, empty objects and lists)."""
    return {key: value for key, value in data.items() if value not in (None, "", [], {})}


def leeftijd(geboortedatum: date | None, today: date | None = None) -> int | None:
    if geboortedatum is None:
        return None
    today = today or timezone.localdate()
    return today.year - geboortedatum.year - ((today.month, today.day) < (geboortedatum.month,
                                                                          geboortedatum.day))


def voorletters(voornamen: str) -> str:
    return "".join(f"{name[0]}." for name in voornamen.split() if name)


def _titel(persoon: Persoon) -> dict | None:
    code = persoon.adellijke_titel_predicaat
    if not code:
        return None
    soort = "predicaat" if code in PREDICATEN else "titel"
    return {"code": code, "omschrijving": AdellijkeTitelPredicaat(code).label, "soort": soort}


def volledige_naam(persoon: Persoon) -> str:
    """Predicate, first names, title, prefix and surname — without a partner's name."""
    code = persoon.adellijke_titel_predicaat
    omschrijving = str(AdellijkeTitelPredicaat(code).label) if code else ""
    parts = [omschrijving if code in PREDICATEN else "", persoon.voornamen,
             omschrijving if code and code not in PREDICATEN else "", persoon.voorvoegsel,
             persoon.geslachtsnaam]
    return " ".join(part for part in parts if part)


def naam_gerelateerde(persoon: Persoon) -> dict:
    return _clean({
        "voornamen": persoon.voornamen,
        "adellijkeTitelPredicaat": _titel(persoon),
        "voorvoegsel": persoon.voorvoegsel,
        "geslachtsnaam": persoon.geslachtsnaam,
        "voorletters": voorletters(persoon.voornamen),
    })


def geboorte(persoon: Persoon) -> dict:
    return _clean({
        "datum": datum(persoon.geboortedatum),
        "land": waarde(persoon.geboorteland_code, persoon.geboorteland),
        "plaats": waarde(persoon.geboorteplaats_code, persoon.geboorteplaats),
    })


def geslacht(code: str) -> dict:
    return {"code": code, "omschrijving": str(Geslacht(code).label)}


# --- Relations ----------------------------------------------------------------------------


def kind(ouderschap: Ouderschap) -> dict:
    child = ouderschap.kind
    return _clean({"burgerservicenummer": child.burgerservicenummer, "naam": naam_gerelateerde(child),
                   "geboorte": geboorte(child)})


def ouder(ouderschap: Ouderschap) -> dict:
    parent = ouderschap.ouder
    return _clean({
        "burgerservicenummer": parent.burgerservicenummer,
        "geslacht": geslacht(parent.geslacht),
        "ouderAanduiding": ouderschap.ouder_aanduiding,
        "datumIngangFamilierechtelijkeBetrekking": datum(
            ouderschap.datum_ingang_familierechtelijke_betrekking),
        "naam": naam_gerelateerde(parent),
        "geboorte": geboorte(parent),
    })


def partner(partnerschap: Partnerschap, other: Persoon) -> dict:
    soort = SoortVerbintenis(partnerschap.soort_verbintenis)
    return _clean({
        "burgerservicenummer": other.burgerservicenummer,
        "geslacht": geslacht(other.geslacht),
        "soortVerbintenis": {"code": soort.value, "omschrijving": str(soort.label)},
        "naam": naam_gerelateerde(other),
        "geboorte": geboorte(other),
        "aangaanHuwelijkPartnerschap": _clean({
            "datum": datum(partnerschap.datum_aangaan),
            "land": waarde(partnerschap.land_aangaan_code, partnerschap.land_aangaan),
            "plaats": waarde(partnerschap.plaats_aangaan_code, partnerschap.plaats_aangaan),
        }),
        "ontbindingHuwelijkPartnerschap": _clean({"datum": datum(partnerschap.datum_ontbinding)}),
    })


def relevant_partnerships(persoon: Persoon) -> list[tuple[Partnerschap, Persoon]]:
    """The current partners; with none, the last dissolved one (as the standard provides)."""
    pairs = [(p, p.persoon_2) for p in persoon.partnerschappen_1.all()]
    pairs += [(p, p.persoon_1) for p in persoon.partnerschappen_2.all()]
    current = [pair for pair in pairs if pair[0].datum_ontbinding is None]
    if current:
        return sorted(current, key=lambda pair: pair[0].datum_aangaan or date.min)
    dissolved = sorted(pairs, key=lambda pair: pair[0].datum_ontbinding)
    return dissolved[-1:]


# --- Address ------------------------------------------------------------------------------


def verblijfplaats(persoon: Persoon) -> dict | None:
    adres: Nummeraanduiding | None = persoon.verblijfplaats
    if adres is None:
        return None
    straat = adres.openbare_ruimte
    return _clean({
        "type": "Adres",
        "verblijfadres": _clean({
            "officieleStraatnaam": straat.naam,
            "korteStraatnaam": straat.korte_naam,
            "huisnummer": adres.huisnummer,
            "huisletter": adres.huisletter,
            "huisnummertoevoeging": adres.huisnummertoevoeging,
            "postcode": adres.postcode,
            "woonplaats": straat.woonplaats.naam,
        }),
        "functieAdres": WOONADRES,
        "adresseerbaarObjectIdentificatie": adres.adresseerbaar_object.identificatie,
        "nummeraanduidingIdentificatie": adres.identificatie,
        "datumVan": datum(persoon.datum_aanvang_adreshouding),
    })


def adresregels(adres: Nummeraanduiding | None) -> dict:
    if adres is None:
        return {}
    nummer = f"{adres.huisnummer}{adres.huisletter}"
    if adres.huisnummertoevoeging:
        nummer += f"-{adres.huisnummertoevoeging}"
    postcode = f"{adres.postcode[:4]} {adres.postcode[4:]}"
    return {
        "adresregel1": f"{adres.openbare_ruimte.korte_naam} {nummer}",
        "adresregel2": f"{postcode}  {adres.openbare_ruimte.woonplaats.naam.upper()}",
    }


# --- Names for letters (adressering) -------------------------------------------------------


def _achternaam(voorvoegsel: str, geslachtsnaam: str) -> str:
    return f"{voorvoegsel} {geslachtsnaam}".strip()


def samengestelde_naam(persoon: Persoon, partner_persoon: Persoon | None) -> str:
    """The surname as the person wishes to be addressed (aanduiding naamgebruik)."""
    eigen = _achternaam(persoon.voorvoegsel, persoon.geslachtsnaam)
    if partner_persoon is None or persoon.aanduiding_naamgebruik == Naamgebruik.EIGEN:
        return eigen
    van_partner = _achternaam(partner_persoon.voorvoegsel, partner_persoon.geslachtsnaam)
    return {
        Naamgebruik.PARTNER: van_partner,
        Naamgebruik.PARTNER_EIGEN: f"{van_partner}-{eigen}",
        Naamgebruik.EIGEN_PARTNER: f"{eigen}-{van_partner}",
    }[persoon.aanduiding_naamgebruik]


def _capitalised(naam: str) -> str:
    return naam[:1].upper() + naam[1:]


def adressering(persoon: Persoon, partner_persoon: Persoon | None) -> dict:
    naam = samengestelde_naam(persoon, partner_persoon)
    initialen = voorletters(persoon.voornamen)
    titel = persoon.adellijke_titel_predicaat
    titel_tekst = str(AdellijkeTitelPredicaat(titel).label) if titel else ""
    if titel and titel not in PREDICATEN:
        aanschrijfnaam = f"{initialen} {titel_tekst} {naam}".strip()
    else:
        aanschrijfnaam = f"{initialen} {naam}".strip()
    aanspreekvorm = ""
    if titel:
        aanspreekvorm = "De hoogwelgeboren " + ("vrouwe" if persoon.geslacht == Geslacht.VROUW else "heer")
    if persoon.geslacht == Geslacht.MAN:
        aanhef, lopend = f"Geachte heer {_capitalised(naam)}", f"de heer {_capitalised(naam)}"
    elif persoon.geslacht == Geslacht.VROUW:
        aanhef, lopend = f"Geachte mevrouw {_capitalised(naam)}", f"mevrouw {_capitalised(naam)}"
    else:
        aanhef, lopend = f"Geachte {aanschrijfnaam}", aanschrijfnaam
    if titel:
        aanhef = "Hoogwelgeboren " + ("vrouwe" if persoon.geslacht == Geslacht.VROUW else "heer")
    return _clean({
        "aanhef": aanhef,
        "aanschrijfwijze": _clean({"naam": aanschrijfnaam, "aanspreekvorm": aanspreekvorm}),
        "gebruikInLopendeTekst": lopend,
        **adresregels(persoon.verblijfplaats),
    })


# --- The person ---------------------------------------------------------------------------


def persoon_dict(persoon: Persoon, *, with_relations: bool = True) -> dict:
    """The full ``Persoon`` of BRP Personen 2.x (relations only when they were fetched)."""
    partners = relevant_partnerships(persoon) if with_relations else []
    current_partner = next((other for p, other in partners if p.datum_ontbinding is None), None)
    data = {
        "aNummer": persoon.a_nummer,
        "burgerservicenummer": persoon.burgerservicenummer,
        "geslacht": geslacht(persoon.geslacht),
        "leeftijd": None if persoon.is_overleden else leeftijd(persoon.geboortedatum),
        "naam": _clean({
            **naam_gerelateerde(persoon),
            "volledigeNaam": volledige_naam(persoon),
            "aanduidingNaamgebruik": {
                "code": persoon.aanduiding_naamgebruik,
                "omschrijving": str(Naamgebruik(persoon.aanduiding_naamgebruik).label),
            },
        }),
        "nationaliteiten": [
            _clean({"type": "Nationaliteit",
                    "nationaliteit": waarde(n.get("code", ""), n.get("omschrijving", ""))})
            for n in persoon.nationaliteiten
        ],
        "geboorte": geboorte(persoon),
        "overlijden": _clean({
            "datum": datum(persoon.overlijdensdatum),
            "land": waarde("6030", "Nederland") if persoon.is_overleden else None,
            "plaats": waarde(persoon.overlijdensplaats_code, persoon.overlijdensplaats),
        }),
        "verblijfplaats": verblijfplaats(persoon),
        "gemeenteVanInschrijving": waarde(persoon.gemeente_van_inschrijving,
                                          persoon.gemeente_van_inschrijving_naam),
        "datumInschrijvingInGemeente": datum(persoon.datum_inschrijving_in_gemeente),
        "adressering": adressering(persoon, current_partner),
        "indicatieCurateleRegister": True if persoon.indicatie_curatele_register else None,
    }
    if with_relations:
        data["kinderen"] = [kind(o) for o in sorted(persoon.kindschappen.all(),
                                                     key=lambda o: o.kind.geboortedatum or date.min)]
        data["ouders"] = [ouder(o) for o in sorted(persoon.ouderschappen.all(),
                                                    key=lambda o: o.ouder_aanduiding)]
        data["partners"] = [partner(p, other) for p, other in partners]
    if persoon.indicatie_geheim:
        data["geheimhoudingPersoonsgegevens"] = True
    if persoon.is_overleden:
        data["opschortingBijhouding"] = {"reden": OPSCHORTING_OVERLIJDEN,
                                         "datum": datum(persoon.overlijdensdatum)}
    return _clean(data)


def adres_dict(adres: Nummeraanduiding) -> dict:
    """A BAG address: the Haal Centraal BAG ``Adres`` fields plus the point of its object."""
    straat = adres.openbare_ruimte
    plaats = straat.woonplaats
    obj = adres.adresseerbaar_object
    regels = adresregels(adres)
    return _clean({
        "nummeraanduidingIdentificatie": adres.identificatie,
        "openbareRuimteIdentificatie": straat.identificatie,
        "woonplaatsIdentificatie": plaats.identificatie,
        "adresseerbaarObjectIdentificatie": obj.identificatie,
        "openbareRuimteNaam": straat.naam,
        "korteNaam": straat.korte_naam,
        "huisnummer": adres.huisnummer,
        "huisletter": adres.huisletter,
        "huisnummertoevoeging": adres.huisnummertoevoeging,
        "postcode": adres.postcode,
        "woonplaatsNaam": plaats.naam,
        "adresregel5": regels["adresregel1"],
        "adresregel6": regels["adresregel2"],
        "typeAdresseerbaarObject": "verblijfsobject",
        # RD New (EPSG:28992) x/y and WGS84 (EPSG:4326) lat/lon of the addressable object.
        "coordinates": {"x": obj.rd_x, "y": obj.rd_y, "lat": obj.latitude, "lon": obj.longitude},
    })
