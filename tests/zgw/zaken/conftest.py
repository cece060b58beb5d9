"""Fixtures of the Zaken API tests: two municipalities, a published zaaktype in each, clients."""

import pytest
from rest_framework.test import APIClient

from raadhuis.platform import tenancy
from tests.zgw.zaken.factories import published_zaaktype

BASE = "/zaken/api/v1"
ZAKEN = f"{BASE}/zaken"
ALL_ZAKEN_SCOPES = [
    "zaken.lezen",
    "zaken.aanmaken",
    "zaken.bijwerken",
    "zaken.verwijderen",
    "zaken.statussen.toevoegen",
    "audittrails.lezen",
]


# What every ZGW client sends to the Zaken API (Open Zaak requires them too): the CRS of the
# geometry it wants and sends. The zaak's operations answer 412 without them.
CRS_HEADERS = {"HTTP_ACCEPT_CRS": "EPSG:4326", "HTTP_CONTENT_CRS": "EPSG:4326"}


class ZGWClient(APIClient):
    """An API client that sends the CRS headers unless a request names them; ``None`` leaves
    a header out (``api.get(url, HTTP_ACCEPT_CRS=None)``)."""

    def request(self, **kwargs):
        kwargs = {**CRS_HEADERS, **kwargs}
        return super().request(**{key: value for key, value in kwargs.items() if value is not None})


@pytest.fixture
def zgw_client(zgw_client):
    """The ZGW clients of the Zaken API tests send the CRS headers (see ZGWClient)."""

    def build(*args, **kwargs):
        plain = zgw_client(*args, **kwargs)
        client = ZGWClient()
        client.credentials(**plain._credentials)
        client.applicatie = plain.applicatie
        return client

    return build


def zaaktype_url(zaaktype, collection="zaaktypen"):
    return f"http://testserver/catalogi/api/v1/{collection}/{zaaktype.uuid}"


def grant(zaaktype, scopes=ALL_ZAKEN_SCOPES, maximum="zeer_geheim"):
    return {
        "component": "zrc",
        "scopes": list(scopes),
        "zaaktype": zaaktype_url(zaaktype),
        "max_vertrouwelijkheidaanduiding": maximum,
    }


@pytest.fixture
def org_a(two_municipalities):
    return two_municipalities[0]


@pytest.fixture
def org_b(two_municipalities):
    return two_municipalities[1]


@pytest.fixture
def zaaktype(org_a):
    with tenancy.system_scope():
        return published_zaaktype(org_a)


@pytest.fixture
def zaaktype_b(org_b):
    with tenancy.system_scope():
        return published_zaaktype(org_b)


@pytest.fixture
def api(zgw_client, org_a, zaaktype):
    """A client of organisation A with every zaken scope on its zaaktype."""
    return zgw_client(
        org_a, [grant(zaaktype, [*ALL_ZAKEN_SCOPES, "zaken.heropenen", "zaken.geforceerd-bijwerken"])]
    )


@pytest.fixture
def api_b(zgw_client, org_b, zaaktype_b):
    return zgw_client(org_b, [grant(zaaktype_b)])


def zaak_payload(zaaktype, organisation, **overrides):
    return {
        "zaaktype": zaaktype_url(zaaktype),
        "bronorganisatie": organisation.rsin,
        "verantwoordelijkeOrganisatie": organisation.rsin,
        "startdatum": "2026-01-05",
        "omschrijving": "Aanvraag omgevingsvergunning",
        **overrides,
    }


@pytest.fixture
def make_zaak(api, zaaktype, org_a):
    def make(client=None, zaaktype_=None, organisation=None, **overrides):
        client = client or api
        response = client.post(
            ZAKEN, zaak_payload(zaaktype_ or zaaktype, organisation or org_a, **overrides), format="json"
        )
        assert response.status_code == 201, response.json()
        return response.json()

    return make
