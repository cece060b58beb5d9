"""Tenancy and confidentiality on every read path: list, detail (every version), download,
_zoek, audittrail, and the sub-resources; alleenIsGereedVoorPublicatie; scopes on writes."""

import pytest

from raadhuis.platform import tenancy
from raadhuis.zgw.autorisaties.models import Applicatie
from tests.zgw.documenten.conftest import EIO, PDF, b64, create, lock

pytestmark = pytest.mark.django_db
GR = "http://testserver/documenten/api/v1/gebruiksrechten"


def _paths(url: str) -> list[str]:
    return [url, f"{url}?versie=1", f"{url}/download", f"{url}/download?versie=1", f"{url}/audittrail"]


@pytest.fixture
def document(api, world):
    body = create(
        api, world, inhoud=b64(PDF), formaat="application/pdf", vertrouwelijkheidaanduiding="geheim"
    )
    assert body.status_code == 201, body.content
    url = body.json()["url"]
    api.post(
        GR,
        {"informatieobject": url, "startdatum": "2025-01-01T00:00:00Z", "omschrijvingVoorwaarden": "x"},
        format="json",
    )
    return url


def _uuid(url: str) -> str:
    return url.rsplit("/", 1)[1]


def test_tenancy_another_organisation_sees_nothing(zgw_client, worlds, document):
    other = zgw_client(worlds[1].organisation, worlds[1].autorisaties(), alles=True)
    assert other.get(EIO).json()["count"] == 0
    for path in _paths(document)[:-1]:
        assert other.get(path).status_code == 404, path
    assert other.get(f"{document}/audittrail").json() == []  # the OAS lists no 404 there
    assert other.post(f"{EIO}/_zoek", {"uuid__in": [_uuid(document)]}, format="json").json()["count"] == 0
    assert other.get(GR).json() == []
    assert other.post(f"{document}/lock", {}, format="json").status_code == 404
    assert other.delete(document).status_code == 404


def test_confidentiality_above_the_maximum_is_not_shown(zgw_client, world, document):
    intern = zgw_client(world.organisation, world.autorisaties(level="intern"))
    assert intern.get(EIO).json()["count"] == 0
    for path in _paths(document):
        assert intern.get(path).status_code == 403, path
    assert intern.post(f"{EIO}/_zoek", {"uuid__in": [_uuid(document)]}, format="json").json()["count"] == 0
    assert intern.get(GR).json() == []
    assert intern.get(GR, {"informatieobject": document}).json() == []


def test_confidentiality_of_another_informatieobjecttype(zgw_client, world, document):
    brieven = zgw_client(world.organisation, world.autorisaties(iot=world.other))
    assert brieven.get(EIO).json()["count"] == 0
    assert brieven.get(f"{document}/download").status_code == 403


def test_an_old_version_is_read_with_the_rights_of_its_own_level(api, zgw_client, world):
    url = create(api, world, vertrouwelijkheidaanduiding="zeer_geheim").json()["url"]
    key = lock(api, url)
    api.patch(url, {"vertrouwelijkheidaanduiding": "openbaar", "lock": key}, format="json")
    openbaar = zgw_client(world.organisation, world.autorisaties(level="openbaar"))
    assert openbaar.get(url).status_code == 200
    assert openbaar.get(url, {"versie": 1}).status_code == 403


def test_applicatie_alleen_gereed_voor_publicatie(api, zgw_client, world):
    ready = create(api, world, isGereedVoorPublicatie=True).json()["url"]
    not_ready = create(api, world, isGereedVoorPublicatie=False).json()["url"]
    publisher = zgw_client(world.organisation, world.autorisaties())
    with tenancy.system_scope():
        Applicatie.objects.filter(pk=publisher.applicatie.pk).update(alleen_is_gereed_voor_publicatie=True)
    assert [r["url"] for r in publisher.get(EIO).json()["results"]] == [ready]
    assert publisher.get(ready).status_code == 200
    assert publisher.get(not_ready).status_code == 403
    assert publisher.get(f"{not_ready}/download").status_code == 403


def test_scopes_per_operation(zgw_client, world, document):
    lezer = zgw_client(world.organisation, world.autorisaties(["documenten.lezen"]))
    assert lezer.get(document).status_code == 200
    assert lezer.post(EIO, world.payload(), format="json").status_code == 403
    assert lezer.post(f"{document}/lock", {}, format="json").status_code == 403
    assert lezer.delete(document).status_code == 403
    assert lezer.get(f"{document}/audittrail").status_code == 403
    nobody = zgw_client(world.organisation, [])
    assert nobody.get(EIO).status_code == 403


def test_create_needs_the_type_and_level(zgw_client, world):
    intern = zgw_client(world.organisation, world.autorisaties(level="intern"))
    assert create(intern, world, vertrouwelijkheidaanduiding="geheim").status_code == 403
    assert create(intern, world, vertrouwelijkheidaanduiding="intern").status_code == 201
    assert (
        create(
            intern,
            world,
            informatieobjecttype=f"http://testserver/catalogi/api/v1/informatieobjecttypen/"
            f"{world.other.uuid}",
        ).status_code
        == 403
    )


def test_cannot_use_another_organisations_informatieobjecttype(api, worlds):
    response = create(
        api,
        worlds[0],
        informatieobjecttype=f"http://testserver/catalogi/api/v1/informatieobjecttypen/{worlds[1].iot.uuid}",
    )
    assert response.status_code == 400


def test_unauthenticated_is_401(client):
    assert client.get(EIO).status_code in (401, 403)
