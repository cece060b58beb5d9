"""Clients and payloads for the Catalogi API tests."""

from datetime import date

import pytest

from raadhuis.platform import tenancy
from tests.zgw.catalogi.factories import CatalogusFactory

BASE = "/catalogi/api/v1"
LEZEN = ["catalogi.lezen"]
BEHEER = ["catalogi.lezen", "catalogi.schrijven"]
GEFORCEERD = ["catalogi.lezen", "catalogi.schrijven", "catalogi.geforceerd-schrijven"]


def ztc(*scopes):
    return [{"component": "ztc", "scopes": list(scopes)}]


@pytest.fixture
def org_a(two_municipalities):
    return two_municipalities[0]


@pytest.fixture
def org_b(two_municipalities):
    return two_municipalities[1]


@pytest.fixture
def beheer(zgw_client, org_a):
    """A catalogue administrator of organisation A (lezen + schrijven)."""
    return zgw_client(org_a, ztc(*BEHEER))


@pytest.fixture
def lezer(zgw_client, org_a):
    return zgw_client(org_a, ztc(*LEZEN))


@pytest.fixture
def geforceerd(zgw_client, org_a):
    return zgw_client(org_a, ztc(*GEFORCEERD))


@pytest.fixture
def beheer_b(zgw_client, org_b):
    return zgw_client(org_b, ztc(*BEHEER, "catalogi.geforceerd-schrijven", "catalogi.geforceerd-verwijderen"))


@pytest.fixture
def catalogus(org_a):
    with tenancy.system_scope():
        return CatalogusFactory(organisation=org_a, domein="VBST", rsin=org_a.rsin)


def url(path: str) -> str:
    return f"http://testserver{BASE}/{path}"


def catalogus_url(catalogus) -> str:
    return url(f"catalogussen/{catalogus.uuid}")


def zaaktype_payload(catalogus_url_: str, **overrides) -> dict:
    return {
        "identificatie": "PARKEREN",
        "omschrijving": "Parkeervergunning",
        "vertrouwelijkheidaanduiding": "openbaar",
        "doel": "Een parkeervergunning verlenen",
        "aanleiding": "Aanvraag van een bewoner",
        "indicatieInternOfExtern": "extern",
        "handelingInitiator": "Aanvragen",
        "onderwerp": "Parkeervergunning",
        "handelingBehandelaar": "Behandelen",
        "doorlooptijd": "P8W",
        "opschortingEnAanhoudingMogelijk": False,
        "verlengingMogelijk": True,
        "verlengingstermijn": "P6W",
        "trefwoorden": ["parkeren", "vergunning"],
        "publicatieIndicatie": False,
        "productenOfDiensten": ["https://producten.example/parkeervergunning"],
        "referentieproces": {"naam": "Vergunning verlenen"},
        "verantwoordelijke": "Team Parkeren",
        "catalogus": catalogus_url_,
        "besluittypen": [],
        "gerelateerdeZaaktypen": [],
        "beginGeldigheid": "2025-01-01",
        "versiedatum": "2025-01-01",
        **overrides,
    }


def iot_payload(catalogus_url_: str, **overrides) -> dict:
    return {"catalogus": catalogus_url_, "omschrijving": "Aanvraagformulier",
            "vertrouwelijkheidaanduiding": "openbaar", "beginGeldigheid": "2025-01-01",
            "informatieobjectcategorie": "Aanvraag", **overrides}


def besluittype_payload(catalogus_url_: str, **overrides) -> dict:
    return {"catalogus": catalogus_url_, "omschrijving": "Vergunningsbesluit", "publicatieIndicatie": False,
            "informatieobjecttypen": [], "beginGeldigheid": "2025-01-01", **overrides}


def resultaattype_payload(zaaktype_url: str, **overrides) -> dict:
    return {
        "zaaktype": zaaktype_url,
        "omschrijving": "Verleend",
        "resultaattypeomschrijving":
            "https://selectielijst.example/api/v1/resultaattypeomschrijvingen/3a0a9c3c-0847-4e7e-b7d9-765b9434094c",
        "selectielijstklasse":
            "https://selectielijst.example/api/v1/resultaten/0e6a6e24-26d5-4d5e-9bd0-d1e3e0e0a1a1",
        "archiefnominatie": "vernietigen",
        "archiefactietermijn": "P5Y",
        "brondatumArchiefprocedure": {"afleidingswijze": "afgehandeld"},
        **overrides,
    }


TODAY = date.today().isoformat()
