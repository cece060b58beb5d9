"""Catalogue, zaken and API clients for the Besluiten API tests.

Per organisation (``world(org)``): a catalogus with a published besluittype, the
informatieobjecttype it names, a zaaktype that names the besluittype, and a zaak of it.
"""

from dataclasses import dataclass
from datetime import date

import pytest
from django.conf import settings

from raadhuis.zgw.catalogi.models import Besluittype, Informatieobjecttype, Zaaktype
from raadhuis.zgw.zaken import services_subresources
from raadhuis.zgw.zaken.models import Zaak, ZaakCount
from tests.zgw.catalogi.factories import (
    BesluittypeFactory,
    CatalogusFactory,
    InformatieobjecttypeFactory,
    ZaaktypeFactory,
)

HOST = "http://testserver"
BASE = f"{HOST}/besluiten/api/v1"
LEZEN = ["besluiten.lezen"]
ALLES = ["besluiten.lezen", "besluiten.aanmaken", "besluiten.bijwerken", "besluiten.verwijderen",
         "audittrails.lezen"]
DATUM = "2025-06-02"


def canonical(url: str) -> str:
    """The URL as the audit trail files it (RAADHUIS_BASE_URL; zgw.common.events)."""
    return url.replace(HOST, settings.RAADHUIS_BASE_URL.rstrip("/"), 1)


def besluittype_url(besluittype: Besluittype) -> str:
    return f"{HOST}/catalogi/api/v1/besluittypen/{besluittype.uuid}"


def zaaktype_url(zaaktype: Zaaktype) -> str:
    return f"{HOST}/catalogi/api/v1/zaaktypen/{zaaktype.uuid}"


def zaak_url(zaak: Zaak) -> str:
    return f"{HOST}/zaken/api/v1/zaken/{zaak.uuid}"


def document_url(n: int = 1) -> str:
    return f"{HOST}/documenten/api/v1/enkelvoudiginformatieobjecten/0b2b3f5a-4ad9-4b36-9f50-2a3a4c1e7d{n:02d}"


@dataclass
class World:
    """The records of one organisation that besluiten refer to."""

    organisation: object
    besluittype: Besluittype
    informatieobjecttype: Informatieobjecttype
    zaaktype: Zaaktype
    zaak: Zaak
    documents: dict

    def document(self, n: int = 1) -> str:
        """The URL of a document of the besluittype's informatieobjecttype (fake Documenten API)."""
        url = document_url(n)
        self.documents[url] = self.informatieobjecttype
        return url

    def payload(self, **overrides) -> dict:
        return {"verantwoordelijkeOrganisatie": self.organisation.rsin,
                "besluittype": besluittype_url(self.besluittype),
                "datum": DATUM, "ingangsdatum": DATUM, **overrides}

    def autorisaties(self, scopes=ALLES, besluittype=None, zaken=("zaken.lezen",)) -> list[dict]:
        """A brc autorisatie for the besluittype, and zrc ones to see the zaaktype's zaken."""
        grants = [{"component": "brc", "scopes": list(scopes),
                   "besluittype": besluittype_url(besluittype or self.besluittype)}]
        if zaken:
            grants.append({"component": "zrc", "scopes": list(zaken), "zaaktype": zaaktype_url(self.zaaktype),
                           "max_vertrouwelijkheidaanduiding": "zeer_geheim"})
        return grants


def make_zaak(zaaktype: Zaaktype, **kwargs) -> Zaak:
    organisation = zaaktype.organisation
    zaak = Zaak(organisation=organisation, zaaktype=zaaktype, bronorganisatie=organisation.rsin,
                verantwoordelijke_organisatie=organisation.rsin, startdatum=date(2025, 1, 6),
                vertrouwelijkheidaanduiding="openbaar", **kwargs)
    zaak.identificatie = zaak.identificatie or f"ZAAK-{zaak.uuid.hex[:8]}"
    zaak.save()
    ZaakCount.created(zaak)  # as the services would (ADR 0021)
    return zaak


def make_world(organisation, documents: dict) -> World:
    catalogus = CatalogusFactory(organisation=organisation, rsin=organisation.rsin)
    iot = InformatieobjecttypeFactory(catalogus=catalogus, concept=False)
    besluittype = BesluittypeFactory(catalogus=catalogus, concept=False,
                                     informatieobjecttype_omschrijvingen=[iot.omschrijving])
    zaaktype = ZaaktypeFactory(catalogus=catalogus, concept=False,
                               besluittype_omschrijving=[besluittype.omschrijving])
    return World(organisation, besluittype, iot, zaaktype, make_zaak(zaaktype), documents)


@pytest.fixture
def org_a(two_municipalities):
    return two_municipalities[0]


@pytest.fixture
def org_b(two_municipalities):
    return two_municipalities[1]


@pytest.fixture
def world_a(org_a, documents):
    return make_world(org_a, documents)


@pytest.fixture
def world_b(org_b, documents):
    return make_world(org_b, documents)


@pytest.fixture
def client_a(zgw_client, world_a):
    """A client of organisation A with every besluiten scope on its besluittype."""
    return zgw_client(world_a.organisation, world_a.autorisaties())


@pytest.fixture
def client_b(zgw_client, world_b):
    return zgw_client(world_b.organisation, world_b.autorisaties())


@pytest.fixture
def create(client_a, world_a):
    """``create(**overrides)`` → the created besluit's JSON (asserting 201)."""

    def post(client=client_a, world=world_a, **overrides):
        response = client.post(f"{BASE}/besluiten", world.payload(**overrides), format="json")
        assert response.status_code == 201, response.json()
        return response.json()

    return post


@pytest.fixture(autouse=True)
def documents():
    """A fake Documenten component behind the documents hook (the real one is tested in its
    own package): ``documents[url] = informatieobjecttype`` makes a document exist. The
    resolver that was registered before (the real component's) is put back afterwards."""
    known: dict[str, Informatieobjecttype | None] = {}

    def resolve(url):
        if url not in known:
            return None
        return services_subresources.Informatieobject(url=url, informatieobjecttype=known[url])

    previous = services_subresources.HOOKS.resolve_informatieobject
    services_subresources.register_informatieobject_resolver(resolve)
    yield known
    services_subresources.register_informatieobject_resolver(previous)


def codes(response) -> list[str]:
    return [param["code"] for param in response.json()["invalidParams"]]
