"""Zaakeigenschappen under /zaken/{zaak_uuid}/zaakeigenschappen: zrc-018, the waarde against the
eigenschap's specificatie (X-Warning), zrc-007, nested routes, tenancy and confidentiality."""

import pytest

from raadhuis.platform import tenancy
from raadhuis.zgw.zaken import archiving, eigenschapwaarde
from raadhuis.zgw.zaken.models import Zaak
from tests.zgw.zaken.conftest import ALL_ZAKEN_SCOPES, grant
from tests.zgw.zaken.factories import published_zaaktype
from tests.zgw.zaken.subresources import close, codes, eigenschap, eigenschap_url, queries_of


@pytest.fixture
def zaak(make_zaak):
    return make_zaak()


@pytest.fixture
def datum(zaaktype):
    return eigenschap(zaaktype)


def _collection(zaak) -> str:
    return f"{zaak['url']}/zaakeigenschappen"


def _create(api, path_zaak, eigenschap_, waarde="20260105", **overrides):
    payload = {"zaak": path_zaak["url"], "eigenschap": eigenschap_url(eigenschap_), "waarde": waarde,
               **overrides}
    return api.post(_collection(path_zaak), payload, format="json")


def test_create_read_update_delete(api, zaak, datum):
    created = _create(api, zaak, datum)
    assert created.status_code == 201, created.json()
    body = created.json()
    assert body["url"].startswith(_collection(zaak) + "/") and created["Location"] == body["url"]
    assert body["naam"] == "aanvraagdatum" and "X-Warning" not in created
    assert api.get(body["url"]).json() == body
    assert api.get(_collection(zaak)).json() == [body]  # an array, not a page
    assert api.get(zaak["url"]).json()["eigenschappen"] == [body["url"]]
    patched = api.patch(body["url"], {"waarde": "20260201"}, format="json")
    assert patched.status_code == 200 and patched.json()["waarde"] == "20260201"
    put = api.put(body["url"], {"zaak": zaak["url"], "eigenschap": body["eigenschap"],
                                "waarde": "2026-02-02"}, format="json")
    assert put.status_code == 200, put.json()
    assert api.delete(body["url"]).status_code == 204
    assert api.get(_collection(zaak)).json() == []


def test_zrc_018_eigenschap_belongs_to_the_zaaktype(api, zaak, org_a):
    with tenancy.system_scope():
        other = published_zaaktype(org_a)
    response = _create(api, zaak, eigenschap(other))
    assert response.status_code == 400 and "zaaktype-mismatch" in codes(response)


@pytest.mark.parametrize("formaat,lengte,waarden,good,bad", [
    ("datum", "8", (), "20260105", "5 januari"),
    ("datum_tijd", "14", (), "20260105101500", "gisteren"),
    ("getal", "5,2", (), "123,45", "12a"),
    ("tekst", "5", (), "kort", "veel te lang"),
    ("tekst", "20", ("ja", "nee"), "ja", "misschien"),
])
def test_waarde_that_misses_the_specificatie_is_stored_with_a_warning(api, zaak, zaaktype, formaat, lengte,
                                                                       waarden, good, bad):
    record = eigenschap(zaaktype, naam=f"e_{formaat}", formaat=formaat, lengte=lengte, waarden=waarden)
    fits = _create(api, zaak, record, good)
    assert fits.status_code == 201 and "X-Warning" not in fits
    misfit = _create(api, zaak, record, bad)
    assert misfit.status_code == 201, misfit.json()
    assert misfit.json()["waarde"] == bad and record.naam in misfit["X-Warning"]
    patched = api.patch(fits.json()["url"], {"waarde": bad}, format="json")
    assert patched.status_code == 200 and "X-Warning" in patched


def test_mismatch_reasons():
    class Spec:
        specificatie_waardenverzameling = []
        specificatie_formaat = "getal"
        specificatie_lengte = "3"

    assert eigenschapwaarde.mismatch(Spec, "123") == ""
    assert "cijfers" in eigenschapwaarde.mismatch(Spec, "1234")
    Spec.specificatie_lengte = "onbekend"
    assert eigenschapwaarde.mismatch(Spec, "99999") == ""  # a lengte it cannot read is not judged


def test_zaak_in_the_body_is_the_zaak_of_the_path(api, zaak, make_zaak, datum):
    other = make_zaak()
    response = _create(api, zaak, datum, zaak=other["url"])
    assert response.status_code == 400
    assert api.get(_collection(other)).json() == []


def test_an_eigenschap_of_another_zaak_is_not_under_this_one(api, zaak, make_zaak, datum):
    url = _create(api, zaak, datum).json()["url"]
    other = make_zaak()
    assert api.get(url.replace(zaak["uuid"], other["uuid"])).status_code == 404


def test_unknown_zaak_in_the_path_is_a_404(api):
    missing = "http://testserver/zaken/api/v1/zaken/5d5a4bd4-ffb5-4b58-8cf4-9e1e3dbd2c7b/zaakeigenschappen"
    assert api.get(missing).status_code == 404


def test_zrc_021_archiving_reads_the_eigenschap(api, zaak, datum):
    assert _create(api, zaak, datum, "2026-01-05").status_code == 201

    class Resultaattype:
        brondatum_archiefprocedure_afleidingswijze = "eigenschap"
        brondatum_archiefprocedure_datumkenmerk = "aanvraagdatum"

    with tenancy.system_scope():
        record = Zaak.objects.get(uuid=zaak["uuid"])
        assert str(archiving.brondatum_of(record, Resultaattype, None)) == "2026-01-05"


def test_zrc_007_closed_zaak_needs_geforceerd_bijwerken(api, zgw_client, org_a, zaak, zaaktype, datum):
    url = _create(api, zaak, datum).json()["url"]
    close(api, zaak, zaaktype)
    plain = zgw_client(org_a, [grant(zaaktype)])
    assert _create(plain, zaak, datum).status_code == 403
    assert plain.patch(url, {"waarde": "20260301"}, format="json").status_code == 403
    assert plain.delete(url).status_code == 403
    assert api.patch(url, {"waarde": "20260301"}, format="json").status_code == 200


@pytest.mark.parametrize("body", [[], {"waarde": 12}, {"eigenschap": "geen url", "waarde": "x"},
                                  {"zaak": None}])
def test_bad_input_is_a_400(api, zaak, body):
    assert api.post(_collection(zaak), body, format="json").status_code == 400


def test_etag(api, zaak, datum):
    url = _create(api, zaak, datum).json()["url"]
    etag = api.get(url)["ETag"]
    assert api.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 304
    assert api.head(url).status_code == 200


def test_another_organisation_cannot_see_touch_or_add(api, api_b, zaak, datum, zaaktype_b):
    url = _create(api, zaak, datum).json()["url"]
    assert api_b.get(url).status_code == 404
    assert api_b.get(_collection(zaak)).status_code == 404
    assert api_b.delete(url).status_code == 404
    assert _create(api_b, zaak, eigenschap(zaaktype_b)).status_code == 404


def test_eigenschappen_of_a_confidential_zaak_are_invisible(api, zgw_client, org_a, make_zaak, zaaktype,
                                                            datum):
    geheim = make_zaak(vertrouwelijkheidaanduiding="geheim")
    url = _create(api, geheim, datum).json()["url"]
    openbaar = zgw_client(org_a, [grant(zaaktype, ALL_ZAKEN_SCOPES, maximum="openbaar")])
    assert openbaar.get(_collection(geheim)).status_code == 403
    assert openbaar.get(url).status_code == 403
    assert _create(openbaar, geheim, datum).status_code == 403


def test_list_runs_a_constant_number_of_queries(api, zaak, zaaktype, datum):
    _create(api, zaak, datum)
    one = queries_of(api, _collection(zaak))
    for naam in ("a", "b", "c"):
        _create(api, zaak, eigenschap(zaaktype, naam=naam))
    assert queries_of(api, _collection(zaak)) == one
