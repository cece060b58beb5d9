"""A small register per municipality: a family in Aadorp, one resident in Beestad."""

from contextlib import ExitStack
from dataclasses import dataclass
from datetime import date

import pytest
from rest_framework.test import APIClient

from raadhuis.platform import context, tenancy
from raadhuis.registers.models import Persoon
from raadhuis.zgw.autorisaties.models import Applicatie, Autorisatie, ClientCredential
from tests.registers import builders
from tests.zgw.conftest import make_token

URL = "/haalcentraal/api/brp/personen"
BAG_URL = "/haalcentraal/api/bag/adressen"
PURPOSE = {"HTTP_X_DOELBINDING": "Behandelen aanvraag parkeervergunning",
           "HTTP_X_VERWERKING": "Parkeervergunningen", "HTTP_X_GRONDSLAG": "Wegenverkeerswet art. 18"}


@dataclass
class Family:
    vader: Persoon
    moeder: Persoon
    kind: Persoon
    opa: Persoon  # deceased
    geheim: Persoon  # geheimhouding, lives next door
    buur: Persoon  # other municipality


@pytest.fixture
def family(two_municipalities) -> Family:
    a, b = two_municipalities
    with tenancy.system_scope():
        thuis = builders.adres(a, straat="Kerkstraat", postcode="1234AB", huisnummer=12, huisletter="a")
        naast = builders.adres(a, straat="Kerkstraat", postcode="1234AB", huisnummer=14)
        opa = builders.persoon(a, voornamen="Hendrik", geslachtsnaam="Vries", voorvoegsel="de",
                               geboortedatum=date(1930, 2, 3), overlijdensdatum=date(2020, 3, 4),
                               overlijdensplaats="Aadorp", verblijfplaats=None)
        vader = builders.persoon(a, voornamen="Pieter Jan", geslachtsnaam="Vries", voorvoegsel="de",
                                 geboortedatum=date(1970, 4, 1), verblijfplaats=thuis,
                                 datum_aanvang_adreshouding=date(2010, 5, 1))
        moeder = builders.persoon(a, voornamen="Anna", geslachtsnaam="Bakker", geslacht="V",
                                  geboortedatum=date(1972, 8, 9), verblijfplaats=thuis,
                                  aanduiding_naamgebruik="V", adellijke_titel_predicaat="JV")
        kind = builders.persoon(a, voornamen="Sanne", geslachtsnaam="Vries", voorvoegsel="de",
                                geslacht="V", geboortedatum=date(2010, 12, 24), verblijfplaats=thuis)
        geheim = builders.persoon(a, voornamen="Karel", geslachtsnaam="Geheim", indicatie_geheim=7,
                                  geboortedatum=date(1960, 1, 1), verblijfplaats=naast)
        builders.ouders(vader, opa)
        builders.ouders(kind, vader, moeder)
        builders.huwelijk(vader, moeder)
        elders = builders.adres(b, straat="Beeklaan", postcode="5678CD", huisnummer=3, woonplaats="Beestad")
        buur = builders.persoon(b, voornamen="Bram", geslachtsnaam="Vries", voorvoegsel="de",
                                geboortedatum=date(1970, 4, 1), verblijfplaats=elders)
    return Family(vader, moeder, kind, opa, geheim, buur)


@pytest.fixture
def in_scope_of():
    """``in_scope_of(organisation)``: run the rest of the test as an employee of it."""
    with ExitStack() as stack:

        def enter(organisation, name="behandelaar-a"):
            stack.enter_context(tenancy.scope_for([organisation.pk]))
            stack.enter_context(context.acting_as(context.Actor(
                gebruikers_id=name, gebruikers_weergave=name.title(),
                applicatie_id="raadhuis-werkplek", applicatie_weergave="Raadhuis")))

        yield enter


@pytest.fixture
def brp_client(db):
    """``brp_client(organisation, scopes=[...], alles=False)``: an API client with a JWT."""
    counter = iter(range(1_000_000))

    def build(organisation, scopes=("brp.lezen", "bag.lezen"), alles=False, purpose=True):
        client_id = f"brp-client-{next(counter)}-{organisation.slug}"
        secret = f"geheim-{client_id}-voor-de-tests-lang-genoeg"
        with tenancy.system_scope():
            applicatie = Applicatie.objects.create(organisation=organisation, label=f"Test {client_id}",
                                                   heeft_alle_autorisaties=alles)
            ClientCredential.objects.create(applicatie=applicatie, client_id=client_id,
                                            secret=secret)
            if scopes:
                Autorisatie.objects.create(applicatie=applicatie, component="zrc", scopes=list(scopes))
        api = APIClient()
        headers = {"HTTP_AUTHORIZATION": f"Bearer {make_token(client_id, secret)}"}
        if purpose:
            headers.update(PURPOSE)
        api.credentials(**headers)
        api.client_id = client_id
        return api

    return build
