"""SensorThings tests: two municipalities, an API client per municipality, helpers."""

import json

import pytest
from django.test import Client

from raadhuis.platform import tenancy
from raadhuis.zgw.autorisaties.models import Applicatie, ClientCredential
from tests.zgw.conftest import make_token

SECRET = "een-sensor-geheim-van-voldoende-lengte-"
BASE = "/sensorthings/v1.1"


class Sta:
    """A SensorThings client: ``sta.get("Things")`` → (status, json)."""

    def __init__(self, token: str | None = None):
        self.client = Client()
        self.headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"} if token else {}

    def _url(self, path: str) -> str:
        return path if path.startswith("http") or path.startswith("/") else f"{BASE}/{path}"

    def get(self, path: str, **params):
        response = self.client.get(self._url(path), params, **self.headers)
        return response.status_code, _json(response)

    def send(self, method: str, path: str, body=None, content_type="application/json"):
        data = body if isinstance(body, str | bytes) else json.dumps(body)
        response = getattr(self.client, method.lower())(self._url(path), data=data, content_type=content_type,
                                                        **self.headers)
        return response.status_code, _json(response)

    def post(self, path, body):
        return self.send("post", path, body)


def _json(response):
    if response.get("Content-Type", "").startswith("application/json"):
        return response.json()
    return response.content.decode()


@pytest.fixture
def aadorp(two_municipalities):
    return two_municipalities[0]


@pytest.fixture
def beestad(two_municipalities):
    return two_municipalities[1]


def client_for(organisation) -> Sta:
    client_id = f"sensoren-{organisation.slug}"
    with tenancy.system_scope():
        applicatie = Applicatie.objects.create(organisation=organisation, label=client_id,
                                               heeft_alle_autorisaties=True)
        ClientCredential.objects.create(applicatie=applicatie, client_id=client_id, secret=SECRET + client_id)
    return Sta(make_token(client_id, SECRET + client_id))


@pytest.fixture
def sta(aadorp):
    return client_for(aadorp)


@pytest.fixture
def sta_b(beestad):
    return client_for(beestad)


@pytest.fixture
def anonymous(db):
    return Sta()


THING = {
    "name": "Container Markt 1",
    "description": "Ondergrondse afvalcontainer",
    "properties": {"eigenaar": "Team Afval", "doel": "Legen als vol", "persoonsgegevens": False},
    "Locations": [{"name": "Markt", "description": "Markt 1", "encodingType": "application/geo+json",
                   "location": {"type": "Point", "coordinates": [5.12, 52.09]}}],
    "Datastreams": [{
        "name": "Vulgraad", "description": "Vulgraad in procent",
        "observationType": "http://www.opengis.net/def/observationType/OGC-OM/2.0/OM_Measurement",
        "unitOfMeasurement": {"name": "procent", "symbol": "%", "definition": "http://qudt.org/vocab/unit/PERCENT"},
        "Sensor": {"name": "Vulsensor", "description": "Ultrasoon", "encodingType": "text/html",
                   "metadata": "https://example.org/sensor"},
        "ObservedProperty": {"name": "Vulgraad", "definition": "https://example.org/vulgraad",
                             "description": "Hoe vol"},
    }],
}


@pytest.fixture
def thing(sta):
    """A Thing with a Location and one Datastream (deep insert); returns (thing id, datastream id)."""
    status, body = sta.post("Things", THING)
    assert status == 201, body
    _, streams = sta.get(f"Things({body['@iot.id']})/Datastreams")
    return body["@iot.id"], streams["value"][0]["@iot.id"]
