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
    assert "oud" not in first["wijzigingen"] and first["wijzigingen"]["nieuw"]["identificatie"]
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
    assert destroyed.payload["actie"] == "destroy" and destroyed.payload["resourceUrl"] == url


def test_brc_009_other_besluiten_keep_their_trail(client_a, create):
    kept, deleted = create()["url"], create()["url"]
    client_a.delete(deleted)
    assert AuditEntry.objects.filter(hoofd_object=canonical(kept)).count() == 1
