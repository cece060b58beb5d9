"""/besluiten/{uuid}/audittrail, and brc-009: deleting a besluit deletes what belongs to it."""

import uuid

from raadhuis.platform.models import AuditEntry, OutboxEvent
from raadhuis.zgw.besluiten.models import Besluit, BesluitInformatieObject
from tests.zgw.besluiten.conftest import BASE, LEZEN, canonical, zaak_url

BIO = f"{BASE}/besluitinformatieobjecten"


def test_audittrail_lists_and_reads_the_besluits_changes(client_a, world_a, create):
    body = create()
    client_a.patch(body["url"], {"toelichting": "Herzien"}, format="json", HTTP_X_AUDIT_TOELICHTING="Typfout")
    client_a.post(BIO, {"besluit": body["url"], "informatieobject": world_a.document()}, format="json")
    create()  # another besluit: not in this trail

    trail = client_a.get(f"{body['url']}/audittrail")
    assert trail.status_code == 200 and trail["API-version"] == "1.1.0"
    lines = trail.json()
    assert [(line["resource"], line["actie"]) for line in lines] == [
        ("besluit", "create"), ("besluit", "partial_update"), ("besluitinformatieobject", "create")]
    first, second = lines[0], lines[1]
    assert first["bron"] == "brc" and first["hoofdObject"] == canonical(body["url"])
    assert first["gebruikersId"] == "tester" and first["applicatieId"]
    assert first["wijzigingen"]["oud"] is None and first["wijzigingen"]["nieuw"]["identificatie"]
    assert second["toelichting"] == "Typfout"
    assert second["wijzigingen"]["oud"]["toelichting"] == ""
    assert second["wijzigingen"]["nieuw"]["toelichting"] == "Herzien"

    one = client_a.get(f"{body['url']}/audittrail/{second['uuid']}")
    assert one.status_code == 200 and one.json() == second
    assert client_a.get(f"{body['url']}/audittrail/{uuid.uuid4()}").status_code == 404


def test_audittrail_of_an_unknown_besluit_is_empty(client_a):
    assert client_a.get(f"{BASE}/besluiten/{uuid.uuid4()}/audittrail").json() == []
    assert client_a.get(f"{BASE}/besluiten/geen-uuid/audittrail").json() == []
    assert client_a.get(f"{BASE}/besluiten/{uuid.uuid4()}/audittrail/{uuid.uuid4()}").status_code == 404


def test_audittrail_needs_audittrails_lezen(zgw_client, world_a, create):
    url = create()["url"]
    lezer = zgw_client(world_a.organisation, world_a.autorisaties(scopes=LEZEN))
    assert lezer.get(url).status_code == 200
    assert lezer.get(f"{url}/audittrail").status_code == 403


def test_brc_009_delete_removes_relations_and_audit_trail(client_a, world_a, create):
    body = create(zaak=zaak_url(world_a.zaak))
    client_a.post(BIO, {"besluit": body["url"], "informatieobject": world_a.document()}, format="json")
    url = canonical(body["url"])
    assert AuditEntry.objects.filter(hoofd_object=url).count() == 2

    assert client_a.delete(body["url"]).status_code == 204
    assert not Besluit.objects.exists() and not BesluitInformatieObject.objects.exists()
    assert not AuditEntry.objects.filter(hoofd_object=url).exists()  # no soft delete, no trail
    assert client_a.get(f"{body['url']}/audittrail").json() == []
    destroyed = OutboxEvent.objects.filter(kanaal="besluiten").last()
    assert destroyed.payload["actie"] == "destroy" and destroyed.payload["resourceUrl"] == body["url"]


def test_brc_009_other_besluiten_keep_their_trail(client_a, create):
    kept, deleted = create()["url"], create()["url"]
    client_a.delete(deleted)
    assert AuditEntry.objects.filter(hoofd_object=canonical(kept)).count() == 1


OTHER_HOST = "127.0.0.1"  # allowed in tests, and not RAADHUIS_BASE_URL's host


def _under(url: str, host: str = OTHER_HOST) -> str:
    return url.replace("testserver", host, 1)


def test_urls_are_compared_by_path_whatever_the_host(client_a, world_a, create):
    """A besluit made under one host name and changed, read and deleted under another (or
    from a job, with RAADHUIS_BASE_URL) is one besluit: its trail, zaakbesluit and purge."""
    from raadhuis.zgw.besluiten import services
    from raadhuis.zgw.zaken.models import ZaakBesluit

    body = create(zaak=zaak_url(world_a.zaak))
    assert list(ZaakBesluit.objects.values_list("besluit", flat=True)) == [body["url"]]
    services.update_besluit(Besluit.objects.get(), {"toelichting": "Uit een taak"})  # no request
    elsewhere = _under(body["url"])
    patched = client_a.patch(elsewhere, {"toelichting": "Elders"}, format="json", HTTP_HOST=OTHER_HOST)
    assert patched.status_code == 200 and patched.json()["url"] == elsewhere

    trails = [client_a.get(f"{url}/audittrail", **extra).json() for url, extra in
              [(body["url"], {}), (elsewhere, {"HTTP_HOST": OTHER_HOST})]]
    assert trails[0] == trails[1] and [line["actie"] for line in trails[0]] == [
        "create", "update", "partial_update"]
    assert {line["hoofdObject"] for line in trails[0]} == {canonical(body["url"])}

    assert client_a.delete(elsewhere, HTTP_HOST=OTHER_HOST).status_code == 204
    assert not ZaakBesluit.objects.exists()  # the zaakbesluit made under testserver went along
    assert not AuditEntry.objects.filter(resource="besluit").exists()
    destroyed = OutboxEvent.objects.filter(kanaal="besluiten").last()
    assert destroyed.payload["hoofdObject"] == elsewhere  # notified as the client named it


def test_a_zaak_with_besluiten_is_not_deleted(zgw_client, world_a, create):
    """Open Zaak's rule (pending-besluit-relation): the besluiten go first (brc-009), then the
    zaak (zrc-023) — a 400, never the database's refusal as a 500."""
    from raadhuis.platform import tenancy
    from raadhuis.zgw.zaken.models import Zaak

    grants = world_a.autorisaties(zaken=("zaken.lezen", "zaken.verwijderen"))
    client = zgw_client(world_a.organisation, grants)
    besluit = create(client=client, zaak=zaak_url(world_a.zaak))["url"]
    refused = client.delete(zaak_url(world_a.zaak))
    assert refused.status_code == 400 and refused["Content-Type"] == "application/problem+json"
    assert [p["code"] for p in refused.json()["invalidParams"]] == ["pending-besluit-relation"]
    with tenancy.system_scope():
        assert Zaak.objects.filter(pk=world_a.zaak.pk).exists()
    assert client.delete(besluit).status_code == 204
    assert client.delete(zaak_url(world_a.zaak)).status_code == 204
    with tenancy.system_scope():
        assert not Zaak.objects.filter(pk=world_a.zaak.pk).exists()
