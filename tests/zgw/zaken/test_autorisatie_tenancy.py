"""zrc-006 and tenancy on every path: list, detail, search, expand, writes, statussen,
resultaten, audittrail. A client of organisation B sees and changes nothing of A; a client
with a maximum of ``intern`` never sees a ``geheim`` zaak."""

import uuid

import pytest

from raadhuis.platform import tenancy
from raadhuis.zgw.common.urls import canonical_url
from raadhuis.zgw.zaken.models import Zaak
from tests.zgw.zaken.conftest import BASE, ZAKEN, grant, zaak_payload, zaaktype_url

ZOEK = f"{ZAKEN}/_zoek"


@pytest.fixture
def dossier(api, make_zaak, zaaktype):
    """A geheim hoofdzaak with an openbare deelzaak, status and resultaat, in organisation A."""
    geheim = make_zaak(
        vertrouwelijkheidaanduiding="geheim",
        identificatie="GEHEIM",
        zaakgeometrie={"type": "Point", "coordinates": [5.1, 52.1]},
    )
    openbaar = make_zaak(
        hoofdzaak=geheim["url"],
        identificatie="OPENBAAR",
        relevanteAndereZaken=[{"url": geheim["url"], "aardRelatie": "vervolg"}],
        zaakgeometrie={"type": "Point", "coordinates": [5.1, 52.1]},
    )
    status = api.post(
        f"{BASE}/statussen",
        {
            "zaak": geheim["url"],
            "datumStatusGezet": "2026-02-01T10:00:00Z",
            "statustype": zaaktype_url(zaaktype.begin, "statustypen"),
        },
        format="json",
    ).json()
    resultaat = api.post(
        f"{BASE}/resultaten",
        {"zaak": geheim["url"], "resultaattype": zaaktype_url(zaaktype.resultaattype, "resultaattypen")},
        format="json",
    ).json()
    return {"geheim": geheim, "openbaar": openbaar, "status": status, "resultaat": resultaat}


AREA = {"type": "Polygon", "coordinates": [[[5, 52], [5.2, 52], [5.2, 52.2], [5, 52.2], [5, 52]]]}


def _everything_visible(client, dossier):
    """All URLs of the dossier that this client gets to see, by any read path."""
    seen = set()
    for response in (
        client.get(ZAKEN),
        client.post(ZOEK, {"zaakgeometrie": {"within": AREA}}, format="json"),
        client.get(ZAKEN, {"expand": "hoofdzaak,deelzaken,relevanteAndereZaken,status,resultaat"}),
        client.get(f"{BASE}/statussen"),
        client.get(f"{BASE}/resultaten"),
    ):
        if response.status_code == 200:
            _collect(response.json(), seen)
    return seen & {d["url"] for d in dossier.values()}


def _collect(data, seen):
    if isinstance(data, dict):
        if "url" in data and "uuid" in data:
            seen.add(data["url"])
        for value in data.values():
            _collect(value, seen)
    elif isinstance(data, list):
        for value in data:
            _collect(value, seen)


def test_zrc_006_confidentiality_max_intern_never_sees_geheim(zgw_client, org_a, zaaktype, dossier):
    intern = zgw_client(
        org_a, [grant(zaaktype, ["zaken.lezen", "zaken.bijwerken", "audittrails.lezen"], maximum="intern")]
    )
    assert _everything_visible(intern, dossier) == {dossier["openbaar"]["url"]}
    # The deelzaak's page names its hoofdzaak URL but never embeds it.
    expanded = intern.get(dossier["openbaar"]["url"], {"expand": "hoofdzaak,relevanteAndereZaken"}).json()
    assert expanded["_expand"] == {"hoofdzaak": {}, "relevanteAndereZaken": []}
    for url in (
        dossier["geheim"]["url"],
        dossier["status"]["url"],
        dossier["resultaat"]["url"],
        dossier["geheim"]["url"] + "/audittrail",
    ):
        assert intern.get(url).status_code == 403, url
    assert intern.patch(dossier["geheim"]["url"], {"omschrijving": "x"}, format="json").status_code == 403
    assert intern.get(ZAKEN, {"identificatie": "GEHEIM"}).json()["count"] == 0


def test_zrc_006_only_authorised_zaaktypen(zgw_client, org_a, zaaktype, dossier):
    with tenancy.system_scope():
        from tests.zgw.zaken.factories import published_zaaktype

        other = published_zaaktype(org_a)
    stranger = zgw_client(org_a, [grant(other)])
    assert _everything_visible(stranger, dossier) == set()
    assert stranger.get(dossier["openbaar"]["url"]).status_code == 403
    create = stranger.post(ZAKEN, zaak_payload(zaaktype, org_a), format="json")
    assert create.status_code == 403
    reader = zgw_client(org_a, [grant(zaaktype, ["zaken.lezen"])])
    assert reader.post(ZAKEN, zaak_payload(zaaktype, org_a), format="json").status_code == 403
    assert reader.delete(dossier["openbaar"]["url"]).status_code == 403
    all_rights = zgw_client(org_a, alles=True)
    assert len(_everything_visible(all_rights, dossier)) == 4


def test_zrc_006_cannot_create_above_own_maximum(zgw_client, org_a, zaaktype):
    intern = zgw_client(org_a, [grant(zaaktype, ["zaken.aanmaken", "zaken.lezen"], maximum="intern")])
    payload = zaak_payload(zaaktype, org_a, vertrouwelijkheidaanduiding="geheim")
    assert intern.post(ZAKEN, payload, format="json").status_code == 403
    assert intern.post(ZAKEN, zaak_payload(zaaktype, org_a), format="json").status_code == 201


def test_tenancy_other_organisation_sees_and_changes_nothing(api_b, zgw_client, org_b, zaaktype, dossier):
    everything_b = zgw_client(org_b, alles=True)
    for client in (api_b, everything_b):
        assert _everything_visible(client, dossier) == set()
        for resource in dossier.values():
            assert client.get(resource["url"]).status_code == 404
            relation = "status" if "/api/v1/zaken/" in resource["url"] else "zaak"
            assert client.get(resource["url"], {"expand": relation}).status_code == 404
        geheim = dossier["geheim"]["url"]
        trail = client.get(geheim + "/audittrail")  # no 404 in the standard: an empty trail
        assert trail.status_code == 200 and trail.json() == []
        assert client.get(f"{geheim}/audittrail/{uuid.uuid4()}").status_code == 404
        assert client.patch(geheim, {"omschrijving": "gekaapt"}, format="json").status_code == 404
        assert client.delete(geheim).status_code == 404
        status = client.post(
            f"{BASE}/statussen",
            {
                "zaak": geheim,
                "datumStatusGezet": "2026-03-01T10:00:00Z",
                "statustype": zaaktype_url(zaaktype.eind, "statustypen"),
            },
            format="json",
        )
        assert status.status_code == 400  # A's zaak and statustype do not exist for B
        zoek = client.post(ZOEK, {"uuid__in": [dossier["geheim"]["uuid"]]}, format="json")
        assert zoek.json()["count"] == 0
        assert client.post(ZAKEN, zaak_payload(zaaktype, org_b), format="json").status_code == 400
    with tenancy.system_scope():
        assert Zaak.objects.get(uuid=dossier["geheim"]["uuid"]).omschrijving != "gekaapt"


def test_audittrail(api, dossier):
    url = dossier["geheim"]["url"]
    trail = api.get(url + "/audittrail")
    assert trail.status_code == 200
    entries = trail.json()
    assert [(e["resource"], e["actie"]) for e in entries] == [
        ("zaak", "create"),
        ("status", "create"),
        ("resultaat", "create"),
    ]
    assert entries[0]["bron"] == "zrc" and entries[0]["hoofdObject"] == canonical_url(url)
    assert set(entries[0]) == {
        "uuid", "bron", "applicatieId", "applicatieWeergave", "gebruikersId", "gebruikersWeergave", "actie",
        "actieWeergave", "resultaat", "hoofdObject", "resource", "resourceUrl", "toelichting",
        "resourceWeergave", "aanmaakdatum", "wijzigingen"}
    assert set(entries[0]["wijzigingen"]) == {"oud", "nieuw"} and isinstance(entries[0]["resultaat"], int)
    assert entries[0]["wijzigingen"]["oud"] is None and entries[0]["wijzigingen"]["nieuw"]["url"] == url
    one = api.get(f"{url}/audittrail/{entries[1]['uuid']}")
    assert one.status_code == 200 and one.json()["resourceUrl"] == dossier["status"]["url"]
    other = dossier["openbaar"]["url"]
    assert api.get(f"{other}/audittrail/{entries[1]['uuid']}").status_code == 404


def test_zrc_023_delete_cascades_and_purges_the_trail(api, dossier):
    from raadhuis.platform.models import AuditEntry

    geheim, openbaar = dossier["geheim"]["url"], dossier["openbaar"]["url"]
    assert api.delete(openbaar).status_code == 204  # a deelzaak alone
    assert api.get(geheim).status_code == 200
    assert api.delete(geheim).status_code == 204
    for resource in dossier.values():
        assert api.get(resource["url"]).status_code == 404
    with tenancy.system_scope():
        filed = [canonical_url(geheim), canonical_url(openbaar)]
        assert not AuditEntry.objects.filter(hoofd_object__in=filed).exists()
        assert not Zaak.objects.exists()


def test_zrc_023_the_trail_is_one_whatever_the_host(api, dossier):
    """The trail is filed by the zaak's path: read and purged under another host name too,
    with the rows that work outside a request (RAADHUIS_BASE_URL) wrote."""
    from raadhuis.platform.models import AuditEntry
    from raadhuis.zgw.zaken import services

    url = dossier["geheim"]["url"]
    elsewhere = url.replace("testserver", "127.0.0.1", 1)
    with tenancy.system_scope():
        services.update_zaak(Zaak.objects.get(identificatie="GEHEIM"), {"toelichting": "Uit een taak"},
                             partial=True, force=True)
    here = api.get(f"{url}/audittrail").json()
    there = api.get(f"{elsewhere}/audittrail", HTTP_HOST="127.0.0.1").json()
    assert here == there and [e["actie"] for e in here][-1] == "partial_update" and len(here) == 4
    assert api.delete(elsewhere, HTTP_HOST="127.0.0.1").status_code == 204
    with tenancy.system_scope():
        assert not AuditEntry.objects.filter(hoofd_object=canonical_url(url)).exists()
