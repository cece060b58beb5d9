from tests.zgw.documenten.conftest import PDF, b64, create, lock


def test_create_read_update_download(api, world, media):
    response = create(api, world, inhoud=b64(PDF), formaat="application/pdf", bestandsnaam="a.pdf")
    assert response.status_code == 201, response.content
    data = response.json()
    url = data["url"]
    assert data["versie"] == 1 and data["bestandsomvang"] == len(PDF)
    assert data["vertrouwelijkheidaanduiding"] == "zaakvertrouwelijk"
    got = api.get(url)
    assert got.status_code == 200, got.content
    assert got["ETag"]
    dl = api.get(data["inhoud"])
    assert dl.status_code == 200, dl.content
    assert b"".join(dl.streaming_content) == PDF
    key = lock(api, url)
    upd = api.patch(url, {"titel": "Nieuw", "lock": key}, format="json")
    assert upd.status_code == 200, upd.content
    assert upd.json()["versie"] == 2
    assert api.get(url, {"versie": 1}).json()["titel"] == "Aanvraag"
    assert api.post(f"{url}/unlock", {"lock": key}, format="json").status_code == 204
    trail = api.get(f"{url}/audittrail")
    assert trail.status_code == 200, trail.content
    assert [t["actie"] for t in trail.json()] == ["create", "lock", "partial_update", "unlock"]
    lst = api.get("http://testserver/documenten/api/v1/enkelvoudiginformatieobjecten")
    assert lst.status_code == 200 and lst.json()["count"] == 1, lst.content
