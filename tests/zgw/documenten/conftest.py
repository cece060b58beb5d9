"""Informatieobjecttypen, API clients and file storage for the Documenten API tests.

Files go to a fresh directory per test (``media``), so a test can list what was stored.
"""

import base64
from dataclasses import dataclass

import pytest
from django.conf import settings

from raadhuis.zgw.catalogi.models import Informatieobjecttype
from tests.zgw.catalogi.factories import CatalogusFactory, InformatieobjecttypeFactory

HOST = "http://testserver"
BASE = f"{HOST}/documenten/api/v1"
EIO = f"{BASE}/enkelvoudiginformatieobjecten"
ALLES = [
    "documenten.lezen",
    "documenten.aanmaken",
    "documenten.bijwerken",
    "documenten.verwijderen",
    "documenten.lock",
    "audittrails.lezen",
]
PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<<>>\n%%EOF\n"


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


def iot_url(iot: Informatieobjecttype) -> str:
    return f"{HOST}/catalogi/api/v1/informatieobjecttypen/{iot.uuid}"


def canonical(url: str) -> str:
    return url.replace(HOST, settings.RAADHUIS_BASE_URL.rstrip("/"), 1)


@dataclass
class World:
    """One organisation's informatieobjecttypen: ``iot`` (published, zaakvertrouwelijk) and
    ``other`` (published, openbaar)."""

    organisation: object
    iot: Informatieobjecttype
    other: Informatieobjecttype

    def payload(self, **overrides) -> dict:
        return {
            "bronorganisatie": self.organisation.rsin,
            "creatiedatum": "2025-03-01",
            "titel": "Aanvraag",
            "auteur": "Behandelaar",
            "taal": "nld",
            "informatieobjecttype": iot_url(self.iot),
            **overrides,
        }

    def autorisaties(self, scopes=ALLES, iot=None, level="zeer_geheim") -> list[dict]:
        return [
            {
                "component": "drc",
                "scopes": list(scopes),
                "informatieobjecttype": iot_url(iot or self.iot),
                "max_vertrouwelijkheidaanduiding": level,
            }
        ]


def _world(organisation) -> World:
    catalogus = CatalogusFactory(organisation=organisation)
    iot = InformatieobjecttypeFactory(
        catalogus=catalogus,
        omschrijving="Aanvraag",
        concept=False,
        vertrouwelijkheidaanduiding="zaakvertrouwelijk",
    )
    other = InformatieobjecttypeFactory(
        catalogus=catalogus, omschrijving="Brief", concept=False, vertrouwelijkheidaanduiding="openbaar"
    )
    return World(organisation, iot, other)


@pytest.fixture
def worlds(two_municipalities):
    return _world(two_municipalities[0]), _world(two_municipalities[1])


@pytest.fixture
def world(worlds):
    return worlds[0]


@pytest.fixture
def api(zgw_client, world):
    """A client of organisation A with every documenten scope on ``world.iot``."""
    return zgw_client(world.organisation, world.autorisaties())


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    """A storage directory of this test's own, and small parts for chunked uploads."""
    root = tmp_path / "media"
    root.mkdir()
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(root)},
        },
    }
    settings.DOCUMENTEN_UPLOAD_CHUNK_SIZE = 1024 * 1024
    settings.CLAMD_URL = ""
    return root


def stored_files(root) -> list[str]:
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())


def create(api, world, **overrides):
    return api.post(EIO, world.payload(**overrides), format="json")


def lock(api, url: str) -> str:
    response = api.post(f"{url}/lock", {}, format="json")
    assert response.status_code == 200, response.content
    return response.json()["lock"]
