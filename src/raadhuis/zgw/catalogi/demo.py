"""Demo catalogue of Gemeente Voorbeeldstad: seven published zaaktypen, as a municipality has.

Registered with the platform's demo (``raadhuis demo``); idempotent: an existing demo
catalogus (domein ``VBST``) is left as it is. Selectielijst references are stored as URLs;
the demo uses stable placeholder identifiers on the VNG Selectielijst API, which a
municipality replaces with its own references from the Selectielijst 2020.
"""

from __future__ import annotations

import uuid
from datetime import date

from raadhuis.platform.demo import register_demo_loader
from raadhuis.zgw.catalogi import services
from raadhuis.zgw.catalogi.models import (
    Besluittype,
    Catalogus,
    Informatieobjecttype,
    Resultaattype,
    Roltype,
    Statustype,
    Zaaktype,
    ZaaktypeInformatieobjecttype,
)

DOMEIN = "VBST"
BEGIN = date(2024, 1, 1)
SELECTIELIJST = "https://selectielijst.openzaak.nl/api/v1"


def _ref(kind: str, name: str) -> str:
    """A stable placeholder URL in the Selectielijst API for the demo."""
    return f"{SELECTIELIJST}/{kind}/{uuid.uuid5(uuid.NAMESPACE_URL, f'raadhuis-demo/{kind}/{name}')}"


# (omschrijving, vertrouwelijkheid, categorie)
INFORMATIEOBJECTTYPEN = [
    ("Aanvraag", "zaakvertrouwelijk", "Aanvraag"),
    ("Melding", "openbaar", "Melding"),
    ("Foto", "openbaar", "Foto"),
    ("Besluit", "zaakvertrouwelijk", "Besluit"),
    ("Bezwaarschrift", "vertrouwelijk", "Bezwaarschrift"),
    ("Advies", "intern", "Advies"),
    ("Woo-verzoek", "openbaar", "Verzoek"),
    ("Inventarislijst", "openbaar", "Inventaris"),
    ("Verslag", "vertrouwelijk", "Verslag"),
]
# (omschrijving, reactietermijn, publicatie)
BESLUITTYPEN = [
    ("Parkeervergunning verlenen", "P6W", False),
    ("Woo-besluit", "P6W", True),
    ("Beslissing op bezwaar", "P6W", False),
    ("Evenementenvergunning verlenen", "P6W", True),
    ("Wmo-beschikking", "P6W", False),
]
ROLLEN = [("Aanvrager", "initiator"), ("Behandelaar", "behandelaar"), ("Beslisser", "beslisser")]

ZAAKTYPEN = [
    {
        "identificatie": "MOR", "omschrijving": "Melding openbare ruimte", "doorlooptijd": "P2W",
        "onderwerp": "Openbare ruimte", "handeling_initiator": "Melden",
        "handeling_behandelaar": "Afhandelen",
        "vertrouwelijkheidaanduiding": "openbaar", "procestype": "7-meldingen",
        "statustypen": ["Ontvangen", "Ingepland", "In behandeling", "Afgehandeld"],
        "rollen": [("Melder", "initiator"), ("Behandelaar", "behandelaar")],
        "documenten": [("Melding", "inkomend"), ("Foto", "inkomend")],
        "besluittypen": [],
        "resultaten": [("Opgelost", "vernietigen", "P1Y"), ("Niet opgelost", "vernietigen", "P1Y")],
    },
    {
        "identificatie": "PARKVERG", "omschrijving": "Parkeervergunning", "doorlooptijd": "P8W",
        "onderwerp": "Parkeervergunning", "handeling_initiator": "Aanvragen",
        "handeling_behandelaar": "Verlenen", "vertrouwelijkheidaanduiding": "zaakvertrouwelijk",
        "procestype": "5-vergunningen", "verlengingstermijn": "P6W",
        "statustypen": ["Ontvangen", "In behandeling", "Besluit genomen", "Afgehandeld"],
        "rollen": ROLLEN, "documenten": [("Aanvraag", "inkomend"), ("Besluit", "uitgaand")],
        "besluittypen": ["Parkeervergunning verlenen"],
        "resultaten": [("Verleend", "vernietigen", "P5Y"), ("Geweigerd", "vernietigen", "P5Y"),
                       ("Ingetrokken", "vernietigen", "P1Y")],
    },
    {
        "identificatie": "WOO", "omschrijving": "Woo-verzoek", "doorlooptijd": "P4W",
        "onderwerp": "Verzoek om informatie (Wet open overheid)", "handeling_initiator": "Verzoeken",
        "handeling_behandelaar": "Beslissen", "vertrouwelijkheidaanduiding": "openbaar",
        "procestype": "8-woo", "verlengingstermijn": "P2W",
        "statustypen": ["Ontvangen", "Documenten verzameld", "Zienswijze derden", "Besluit genomen",
                        "Gepubliceerd"],
        "rollen": ROLLEN,
        "documenten": [("Woo-verzoek", "inkomend"), ("Inventarislijst", "intern"), ("Besluit", "uitgaand")],
        "besluittypen": ["Woo-besluit"],
        "resultaten": [("Openbaar gemaakt", "blijvend_bewaren", None),
                       ("Deels openbaar gemaakt", "blijvend_bewaren", None),
                       ("Afgewezen", "vernietigen", "P5Y")],
    },
    {
        "identificatie": "BEZWAAR", "omschrijving": "Bezwaar", "doorlooptijd": "P12W",
        "onderwerp": "Bezwaar tegen een besluit", "handeling_initiator": "Indienen",
        "handeling_behandelaar": "Beslissen op bezwaar", "vertrouwelijkheidaanduiding": "vertrouwelijk",
        "procestype": "2-bezwaar", "verlengingstermijn": "P6W",
        "statustypen": ["Ontvangen", "Hoorzitting gepland", "Advies commissie", "Beslissing genomen"],
        "rollen": ROLLEN + [("Adviseur", "adviseur")],
        "documenten": [("Bezwaarschrift", "inkomend"), ("Verslag", "intern"), ("Advies", "intern"),
                       ("Besluit", "uitgaand")],
        "besluittypen": ["Beslissing op bezwaar"],
        "resultaten": [("Gegrond", "vernietigen", "P10Y"), ("Ongegrond", "vernietigen", "P10Y"),
                       ("Niet-ontvankelijk", "vernietigen", "P10Y")],
    },
    {
        "identificatie": "EVENEMENT", "omschrijving": "Evenementenvergunning", "doorlooptijd": "P8W",
        "onderwerp": "Evenementenvergunning", "handeling_initiator": "Aanvragen",
        "handeling_behandelaar": "Verlenen", "vertrouwelijkheidaanduiding": "openbaar",
        "procestype": "5-vergunningen", "verlengingstermijn": "P4W",
        "statustypen": ["Ontvangen", "Advies hulpdiensten", "In behandeling", "Besluit genomen"],
        "rollen": ROLLEN + [("Adviseur", "adviseur")],
        "documenten": [("Aanvraag", "inkomend"), ("Advies", "intern"), ("Besluit", "uitgaand")],
        "besluittypen": ["Evenementenvergunning verlenen"],
        "resultaten": [("Verleend", "vernietigen", "P5Y"), ("Geweigerd", "vernietigen", "P5Y")],
    },
    {
        "identificatie": "VERHUIZING", "omschrijving": "Verhuizing binnen de gemeente", "doorlooptijd": "P5D",
        "onderwerp": "Adreswijziging in de BRP", "handeling_initiator": "Doorgeven",
        "handeling_behandelaar": "Registreren", "vertrouwelijkheidaanduiding": "vertrouwelijk",
        "procestype": "1-burgerzaken",
        "statustypen": ["Ontvangen", "Adresonderzoek", "Ingeschreven"],
        "rollen": [("Aangever", "initiator"), ("Behandelaar", "behandelaar")],
        "documenten": [("Aanvraag", "inkomend")],
        "besluittypen": [],
        "resultaten": [("Ingeschreven", "vernietigen", "P1Y"), ("Afgewezen", "vernietigen", "P5Y")],
    },
    {
        "identificatie": "WMO", "omschrijving": "Wmo-aanvraag", "doorlooptijd": "P8W",
        "onderwerp": "Maatwerkvoorziening Wet maatschappelijke ondersteuning",
        "handeling_initiator": "Aanvragen", "handeling_behandelaar": "Beoordelen",
        "vertrouwelijkheidaanduiding": "vertrouwelijk", "procestype": "6-zorg", "verlengingstermijn": "P2W",
        "statustypen": ["Melding ontvangen", "Gesprek gevoerd", "Aanvraag ontvangen",
                        "Beschikking verzonden"],
        "rollen": ROLLEN,
        "documenten": [("Aanvraag", "inkomend"), ("Verslag", "intern"), ("Besluit", "uitgaand")],
        "besluittypen": ["Wmo-beschikking"],
        "resultaten": [("Toegekend", "vernietigen", "P20Y"), ("Afgewezen", "vernietigen", "P20Y")],
    },
]


def load(voorbeeldstad, proefdorp) -> None:
    if Catalogus.objects.filter(organisation=voorbeeldstad, domein=DOMEIN).exists():
        return
    catalogus = services.save(Catalogus, None, {
        "domein": DOMEIN, "rsin": voorbeeldstad.rsin, "naam": "Zaaktypecatalogus Voorbeeldstad",
        "versie": "2024", "begindatum_versie": BEGIN, "contactpersoon_beheer_naam": "Functioneel beheer",
        "contactpersoon_beheer_emailadres": "zaaktypebeheer@voorbeeldstad.example",
    }, organisation=voorbeeldstad)
    for omschrijving, vertrouwelijkheid, categorie in INFORMATIEOBJECTTYPEN:
        services.publish(services.save(Informatieobjecttype, None, {
            "catalogus": catalogus, "omschrijving": omschrijving, "begin_geldigheid": BEGIN,
            "vertrouwelijkheidaanduiding": vertrouwelijkheid, "informatieobjectcategorie": categorie}))
    for omschrijving, termijn, publicatie in BESLUITTYPEN:
        services.publish(services.save(Besluittype, None, {
            "catalogus": catalogus, "omschrijving": omschrijving, "reactietermijn": termijn,
            "publicatie_indicatie": publicatie, "begin_geldigheid": BEGIN,
            "informatieobjecttype_omschrijvingen": ["Besluit"]}))
    for spec in ZAAKTYPEN:
        services.publish(_zaaktype(catalogus, spec))


def _zaaktype(catalogus, spec: dict) -> Zaaktype:
    zaaktype = services.save(Zaaktype, None, {
        "catalogus": catalogus, "identificatie": spec["identificatie"], "omschrijving": spec["omschrijving"],
        "vertrouwelijkheidaanduiding": spec["vertrouwelijkheidaanduiding"],
        "doel": f"Afhandelen van: {spec['onderwerp'].lower()}.", "aanleiding": "Verzoek of melding van een "
        "inwoner of ondernemer.", "indicatie_intern_of_extern": "extern",
        "handeling_initiator": spec["handeling_initiator"], "onderwerp": spec["onderwerp"][:80],
        "handeling_behandelaar": spec["handeling_behandelaar"],
        "doorlooptijd_behandeling": spec["doorlooptijd"],
        "opschorting_en_aanhouding_mogelijk": True, "verlenging_mogelijk": "verlengingstermijn" in spec,
        "verlengingstermijn": spec.get("verlengingstermijn", ""), "publicatie_indicatie": False,
        "trefwoorden": [spec["identificatie"].lower()], "referentieproces_naam": spec["omschrijving"],
        "selectielijst_procestype": _ref("procestypen", spec["procestype"]),
        "verantwoordelijke": "Gemeente Voorbeeldstad", "begin_geldigheid": BEGIN, "versiedatum": BEGIN,
        "besluittype_omschrijving": spec["besluittypen"], "producten_of_diensten": [],
    })
    for volgnummer, omschrijving in enumerate(spec["statustypen"], start=1):
        services.save(Statustype, None, {"zaaktype": zaaktype, "omschrijving": omschrijving,
                                         "volgnummer": volgnummer, "informeren": True,
                                         "statustekst": f"Uw zaak heeft de status: {omschrijving.lower()}."})
    for omschrijving, generiek in spec["rollen"]:
        services.save(Roltype, None, {"zaaktype": zaaktype, "omschrijving": omschrijving,
                                      "omschrijving_generiek": generiek})
    for volgnummer, (iot, richting) in enumerate(spec["documenten"], start=1):
        services.save(ZaaktypeInformatieobjecttype, None, {
            "zaaktype": zaaktype, "informatieobjecttype": iot, "volgnummer": volgnummer,
            "richting": richting})
    for omschrijving, nominatie, termijn in spec["resultaten"]:
        services.save(Resultaattype, None, _resultaat(zaaktype, spec, omschrijving, nominatie, termijn))
    return zaaktype


def _resultaat(zaaktype, spec, omschrijving: str, nominatie: str, termijn: str | None) -> dict:
    return {
        "zaaktype": zaaktype, "omschrijving": omschrijving,
        "resultaattypeomschrijving": _ref("resultaattypeomschrijvingen", omschrijving),
        "selectielijstklasse": _ref("resultaten", f"{spec['procestype']}/{omschrijving}"),
        "archiefnominatie": nominatie, "archiefactietermijn": termijn or "",
        "brondatum_archiefprocedure_afleidingswijze": "afgehandeld",
        "besluittype_omschrijving": spec["besluittypen"][:1] if nominatie != "blijvend_bewaren" else [],
    }


register_demo_loader("catalogi", load)
