"""ZGW API clients for tests: an Applicatie with autorisaties and a signed JWT."""

import time

import jwt
import pytest
from rest_framework.test import APIClient

from raadhuis.platform import tenancy
from raadhuis.zgw.autorisaties.models import Applicatie, Autorisatie, ClientCredential


def secret_of(client_id: str) -> str:
    """The test client's secret: long enough for HS256 (32 bytes), so PyJWT does not warn."""
    return f"geheim-{client_id}-voor-de-tests-lang-genoeg"


def make_token(client_id: str, secret: str, **claims) -> str:
    payload = {"iss": client_id, "client_id": client_id, "iat": int(time.time()),
               "user_id": "tester", "user_representation": "Test Gebruiker", **claims}
    return jwt.encode(payload, secret, algorithm="HS256")


@pytest.fixture
def zgw_client(db):
    """``zgw_client(organisation, autorisaties=[...], alles=False)`` → authenticated APIClient.

    Each autorisatie is a dict: component, scopes, and zaaktype/… as the standard has them.
    """
    counter = iter(range(1_000_000))

    def build(organisation, autorisaties=(), alles=False, client_id=None):
        client_id = client_id or f"test-client-{next(counter)}-{organisation.slug}"
        with tenancy.system_scope():
            applicatie = Applicatie.objects.create(
                organisation=organisation, label=f"Test {client_id}", heeft_alle_autorisaties=alles
            )
            ClientCredential.objects.create(applicatie=applicatie, client_id=client_id,
                                            secret=secret_of(client_id))
            for values in autorisaties:
                Autorisatie.objects.create(applicatie=applicatie, **values)
        api = APIClient()
        api.credentials(HTTP_AUTHORIZATION=f"Bearer {make_token(client_id, secret_of(client_id))}")
        api.applicatie = applicatie
        return api

    return build
