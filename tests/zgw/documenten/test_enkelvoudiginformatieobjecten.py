"""Enkelvoudiginformatieobjecten: the rules drc-001 … drc-014, versions, locking, search, ETag."""

import time

import pytest

from raadhuis.platform import tenancy
from raadhuis.platform.models import OutboxEvent
from tests.zgw.documenten.conftest import EIO, PDF, b64, canonical, create, iot_url, lock

pytestmark = pytest.mark.django_db


def _codes(response) -> set[str]:
    return {p["code"] for p in response.json().get("invalidParams", [])} | {response.json().get("code")}


def test_drc_001_informatieobjecttype_must_exist_and_be_published(api, world):
    missing = create(api, world, informatieobjecttype=f"{iot_url(world.iot)[:-4]}0000")
    assert missing.status_code == 400 and "bad-url" in _codes(missing)
    with tenancy.system_scope():
        world.iot.concept = True
        world.iot.save()
    concept = create(api, world)
    assert concept.status_code == 400 and "not-published" in _codes(concept)


def test_drc_005_received_document_cannot_be_in_bewerking(api, world):
    response = create(api, world, ontvangstdatum="2025-03-02", status="in_bewerking")
    assert response.status_code == 400
    assert [p["name"] for p in response.json()["invalidParams"]] == ["status"]
    assert create(api, world, ontvangstdatum="2025-03-02", status="definitief").status_code == 201


def test_drc_007_vertrouwelijkheidaanduiding_from_the_type_unless_given(api, world):
    assert create(api, world).json()["vertrouwelijkheidaanduiding"] == "zaakvertrouwelijk"
    given = create(api, world, vertrouwelijkheidaanduiding="openbaar").json()
    assert given["vertrouwelijkheidaanduiding"] == "openbaar"


def test_drc_009_update_needs_the_lock(api, world):
    url = create(api, world).json()["url"]
    unlocked = api.patch(url, {"titel": "X", "lock": "abc"}, format="json")
    assert unlocked.status_code == 400 and "unlocked" in _codes(unlocked)
    key = lock(api, url)
    assert len(key) >= 32  # not guessable
    again = api.post(f"{url}/lock", {}, format="json")
    assert again.status_code == 400 and "existing-lock" in _codes(again)
    wrong = api.patch(url, {"titel": "X", "lock": "0" * 32}, format="json")
    assert wrong.status_code == 400 and "incorrect-lock-id" in _codes(wrong)
    missing = api.put(url, world.payload(), format="json")
    assert missing.status_code == 400
    assert api.patch(url, {"titel": "X", "lock": key}, format="json").status_code == 200
    assert api.get(url).json()["locked"] is True
    bad_unlock = api.post(f"{url}/unlock", {"lock": "nope"}, format="json")
    assert bad_unlock.status_code == 400 and "incorrect-lock-id" in _codes(bad_unlock)
    assert api.post(f"{url}/unlock", {"lock": key}, format="json").status_code == 204
    assert api.get(url).json()["locked"] is False


def test_drc_009_forced_unlock_needs_the_scope_and_no_lock(api, zgw_client, world):
    url = create(api, world).json()["url"]
    lock(api, url)
    without = api.post(f"{url}/unlock", {}, format="json")
    assert without.status_code == 400 and "incorrect-lock-id" in _codes(without)
    admin = zgw_client(
        world.organisation, world.autorisaties(["documenten.geforceerd-unlock", "documenten.lezen"])
    )
    assert admin.post(f"{url}/unlock", {}, format="json").status_code == 204
    assert api.get(url).json()["locked"] is False


def test_drc_010_every_update_is_a_new_version(api, world):
    url = create(api, world, inhoud=b64(PDF), formaat="application/pdf").json()["url"]
    key = lock(api, url)
    time.sleep(0.01)
    put = api.put(url, {**world.payload(titel="Twee"), "lock": key}, format="json")
    assert put.status_code == 200, put.content
    assert put.json()["versie"] == 2 and put.json()["bestandsomvang"] == len(PDF)
    new_pdf = PDF + b"% versie 3\n"
    patch = api.patch(url, {"inhoud": b64(new_pdf), "lock": key}, format="json")
    assert patch.json()["versie"] == 3
    first = api.get(url, {"versie": 1}).json()
    assert first["titel"] == "Aanvraag" and first["versie"] == 1
    second = api.get(url, {"registratieOp": put.json()["beginRegistratie"]}).json()
    assert second["versie"] == 2
    assert api.get(url, {"versie": 9}).status_code == 404
    assert api.get(url, {"registratieOp": "gisteren"}).status_code == 404
    assert _download(api, api.get(url, {"versie": 1}).json()["inhoud"]) == PDF
    assert _download(api, api.get(url).json()["inhoud"]) == new_pdf
    listed = api.get(EIO).json()
    assert listed["count"] == 1 and listed["results"][0]["versie"] == 3
    emptied = api.patch(url, {"inhoud": None, "lock": key}, format="json").json()
    assert emptied["versie"] == 4 and emptied["inhoud"] is None and emptied["bestandsomvang"] is None
    assert _download(api, api.get(url, {"versie": 3}).json()["inhoud"]) == new_pdf


def _download(api, url) -> bytes:
    response = api.get(url)
    assert response.status_code == 200, response.content
    return b"".join(response.streaming_content)


def test_drc_008_destroy_only_without_relations_and_really_removes(
    api, world, media, django_capture_on_commit_callbacks
):
    created = create(api, world, inhoud=b64(PDF), formaat="application/pdf").json()
    url = created["url"]
    api.post(
        f"{BASE_GR}",
        {"informatieobject": url, "startdatum": "2025-01-01T00:00:00Z", "omschrijvingVoorwaarden": "CC-BY"},
        format="json",
    )
    from raadhuis.zgw.documenten import services

    with tenancy.system_scope():
        services.mirror_relation(url, ELSEWHERE, "zaak")
    blocked = api.delete(url)
    assert blocked.status_code == 400 and "pending-relations" in _codes(blocked)
    with tenancy.system_scope():
        services.remove_mirror(url, ELSEWHERE)
    with django_capture_on_commit_callbacks(execute=True):
        assert api.delete(url).status_code == 204
    assert api.get(url).status_code == 404
    assert api.get(f"{url}/audittrail").json() == []
    assert api.get(BASE_GR).json() == []
    assert [p for p in media.rglob("*") if p.is_file()] == []


BASE_GR = "http://testserver/documenten/api/v1/gebruiksrechten"
# A zaak in another installation: its relations are not checked here, so the mirror stays.
ELSEWHERE = "https://zaken.elders.example/api/v1/zaken/0b2b3f5a-4ad9-4b36-9f50-2a3a4c1e7d11"


def test_identificatie_generated_and_unique_per_bronorganisatie(api, world):
    generated = create(api, world).json()["identificatie"]
    assert generated.startswith("DOCUMENT-")
    assert create(api, world, identificatie="D-1").status_code == 201
    duplicate = create(api, world, identificatie="D-1")
    assert duplicate.status_code == 400 and "identificatie-niet-uniek" in _codes(duplicate)


def test_drc_011_expand_outside_this_api_is_not_acceptable(api, world):
    url = create(api, world).json()["url"]
    assert api.get(url, {"expand": "link"}).status_code == 406


def test_drc_012_expand_goes_at_most_three_levels_deep(api, world):
    url = create(api, world).json()["url"]
    gr = api.post(
        BASE_GR,
        {"informatieobject": url, "startdatum": "2025-01-01T00:00:00Z", "omschrijvingVoorwaarden": "CC-BY"},
        format="json",
    ).json()
    response = api.get(gr["url"], {"expand": "informatieobject.informatieobjecttype.catalogus.zaaktypen"})
    assert response.status_code == 200, response.content
    embedded = response.json()["_expand"]["informatieobject"]["_expand"]["informatieobjecttype"]
    assert "catalogus" in embedded["_expand"]
    assert "_expand" not in embedded["_expand"]["catalogus"]


def test_drc_013_expand_of_an_unknown_attribute_is_404(api, world):
    url = create(api, world).json()["url"]
    assert api.get(url, {"expand": "titel"}).status_code == 404
    assert api.get(EIO, {"expand": "bestaatniet"}).status_code == 404


def test_drc_014_expand_embeds_the_informatieobjecttype(api, world):
    url = create(api, world).json()["url"]
    data = api.get(url, {"expand": "informatieobjecttype"}).json()
    assert data["_expand"]["informatieobjecttype"]["url"] == data["informatieobjecttype"]
    listed = api.get(EIO, {"expand": "informatieobjecttype"}).json()["results"][0]
    assert listed["_expand"]["informatieobjecttype"]["omschrijving"] == "Aanvraag"


def test_etag_head_and_if_none_match(api, world):
    url = create(api, world).json()["url"]
    get = api.get(url)
    tag = get["ETag"]
    head = api.head(url)
    assert head.status_code == 200 and head["ETag"] == tag and not head.content
    assert api.get(url, HTTP_IF_NONE_MATCH=f'"other", {tag}').status_code == 304
    key = lock(api, url)
    api.patch(url, {"titel": "Anders", "lock": key}, format="json")
    assert api.get(url, HTTP_IF_NONE_MATCH=tag).status_code == 200


def test_zoek_by_uuids_and_filters(api, world):
    one = create(api, world, identificatie="Z-1").json()
    create(api, world, identificatie="Z-2")
    uuid = one["url"].rsplit("/", 1)[1]
    found = api.post(f"{EIO}/_zoek", {"uuid__in": [uuid]}, format="json")
    assert found.status_code == 200, found.content
    assert [r["identificatie"] for r in found.json()["results"]] == ["Z-1"]
    assert api.post(f"{EIO}/_zoek", {"uuid__in": "x"}, format="json").status_code == 400
    assert api.post(f"{EIO}/_zoek", {}, format="json").status_code == 400


def test_list_filters(api, world):
    create(api, world, identificatie="F-1", trefwoorden=["bouw", "vergunning"])
    create(api, world, identificatie="F-2", trefwoorden=["bouw"])
    assert api.get(EIO, {"identificatie": "F-1"}).json()["count"] == 1
    assert api.get(EIO, {"trefwoorden": "bouw"}).json()["count"] == 2
    assert api.get(EIO, {"trefwoorden": "bouw,vergunning"}).json()["count"] == 1
    assert api.get(EIO, {"onbekend": "1"}).status_code == 400
    assert api.get(EIO, {"objectinformatieobjecten_objectType": "fiets"}).status_code == 400


def test_bad_input_is_400_never_500(api, world):
    for body in (
        {"titel": None},
        {"inhoud": 12},
        {"bestandsomvang": -1},
        {"trefwoorden": "x"},
        {"ondertekening": {"soort": "x"}},
        {"integriteit": "x"},
        {"taal": "nl"},
        {"bronorganisatie": "123456789"},
        {"link": "geen url"},
        [],
    ):
        payload = world.payload(**body) if isinstance(body, dict) else body
        response = api.post(EIO, payload, format="json")
        assert response.status_code == 400, (body, response.content)
    garbage = api.post(EIO, b"{not json", content_type="application/json")
    assert garbage.status_code == 400


def test_create_is_notified_on_kanaal_documenten(api, world):
    url = create(api, world).json()["url"]
    with tenancy.system_scope():
        event = OutboxEvent.objects.filter(kanaal="documenten").latest("id")
    assert event.payload["hoofdObject"] == canonical(url)
    assert event.payload["kenmerken"]["bronorganisatie"] == world.organisation.rsin
    assert event.payload["kenmerken"]["vertrouwelijkheidaanduiding"] == "zaakvertrouwelijk"
    assert event.payload["kenmerken"]["informatieobjecttype"].endswith(str(world.iot.uuid))
