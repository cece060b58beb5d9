"""Zaaknotities (new in 1.7): CRUD, only a concept changes, filters, zrc-007, tenancy."""

import pytest

from tests.zgw.zaken.conftest import ALL_ZAKEN_SCOPES, grant
from tests.zgw.zaken.subresources import ZAAKNOTITIES, close, codes, queries_of


@pytest.fixture
def zaak(make_zaak):
    return make_zaak()


def _create(api, zaak, **overrides):
    return api.post(ZAAKNOTITIES, {"gerelateerdAan": zaak["url"], "onderwerp": "Telefoongesprek",
                                   "tekst": "Aanvrager belde over de termijn.", **overrides}, format="json")


def test_create_read_update_delete(api, zaak):
    created = _create(api, zaak, aangemaaktDoor="m.devries")
    assert created.status_code == 201, created.json()
    body = created.json()
    assert created["Location"] == body["url"] and "uuid" not in body
    assert body["status"] == "concept" and body["notitieType"] == "intern"  # the safe defaults
    assert body["gerelateerdAan"] == zaak["url"] and body["aanmaakdatum"] and body["wijzigingsdatum"]
    assert api.get(body["url"]).json() == body
    patched = api.patch(body["url"], {"tekst": "Aangevuld.", "notitieType": "extern"}, format="json")
    assert patched.status_code == 200 and patched.json()["tekst"] == "Aangevuld."
    assert api.delete(body["url"]).status_code == 204
    assert api.get(body["url"]).status_code == 404


def test_only_a_concept_note_changes(api, zaak):
    url = _create(api, zaak).json()["url"]
    assert api.patch(url, {"status": "definitief"}, format="json").status_code == 200
    refused = api.patch(url, {"tekst": "Achteraf anders"}, format="json")
    assert refused.status_code == 400 and "notitie-definitief" in codes(refused)
    assert api.put(url, {"gerelateerdAan": api.get(url).json()["gerelateerdAan"], "onderwerp": "x",
                         "tekst": "y"}, format="json").status_code == 400


def test_a_note_stays_with_its_zaak(api, zaak, make_zaak):
    url = _create(api, zaak).json()["url"]
    moved = api.patch(url, {"gerelateerdAan": make_zaak()["url"]}, format="json")
    assert moved.status_code == 400 and "wijzigen-niet-toegelaten" in codes(moved)


def test_filters_and_page_size(api, zaak, make_zaak):
    first = _create(api, zaak, aangemaaktDoor="Marieke de Vries").json()
    second = _create(api, make_zaak(), onderwerp="Brief", notitieType="extern").json()

    def found(**params):
        response = api.get(ZAAKNOTITIES, params)
        assert response.status_code == 200, response.json()
        return {r["url"] for r in response.json()["results"]}

    assert found(gerelateerdAan=zaak["url"]) == {first["url"]}
    assert found(aangemaaktDoor__icontains="de vries") == {first["url"]}
    assert found(onderwerp="Brief") == {second["url"]}
    assert found(notitieType="extern") == {second["url"]}
    assert found(tekst__icontains="TERMIJN") == {first["url"], second["url"]}
    assert found(aanmaakdatum__gte=first["aanmaakdatum"]) == {first["url"], second["url"]}
    assert found(status="definitief") == set()
    page = api.get(ZAAKNOTITIES, {"pageSize": 1}).json()
    assert page["count"] == 2 and len(page["results"]) == 1 and page["next"]
    assert api.get(ZAAKNOTITIES, {"aanmaakdatum": "gisteren"}).status_code == 400


def test_zrc_007_closed_zaak_needs_geforceerd_bijwerken(api, zgw_client, org_a, zaak, zaaktype):
    url = _create(api, zaak).json()["url"]
    close(api, zaak, zaaktype)
    plain = zgw_client(org_a, [grant(zaaktype)])
    assert _create(plain, zaak).status_code == 403
    assert plain.patch(url, {"tekst": "x"}, format="json").status_code == 403
    assert api.patch(url, {"tekst": "correctie"}, format="json").status_code == 200


@pytest.mark.parametrize("overrides", [{"onderwerp": ""}, {"tekst": None}, {"notitieType": "geheim"},
                                       {"status": "klaar"}, {"gerelateerdAan": "geen-url"}])
def test_bad_input_is_a_400(api, zaak, overrides):
    assert _create(api, zaak, **overrides).status_code == 400


def test_another_organisation_cannot_see_touch_or_attach(api, api_b, zaak):
    url = _create(api, zaak).json()["url"]
    assert api_b.get(url).status_code == 404
    assert api_b.get(ZAAKNOTITIES).json()["count"] == 0
    assert api_b.delete(url).status_code == 404
    assert "bad-url" in codes(_create(api_b, zaak))


def test_notes_of_a_confidential_zaak_are_invisible(api, zgw_client, org_a, make_zaak, zaaktype):
    url = _create(api, make_zaak(vertrouwelijkheidaanduiding="geheim")).json()["url"]
    openbaar = zgw_client(org_a, [grant(zaaktype, ALL_ZAKEN_SCOPES, maximum="openbaar")])
    assert openbaar.get(ZAAKNOTITIES).json()["count"] == 0 and openbaar.get(url).status_code == 403


def test_list_runs_a_constant_number_of_queries(api, zaak, make_zaak):
    _create(api, zaak)
    one = queries_of(api, ZAAKNOTITIES)
    for _ in range(3):
        _create(api, make_zaak())
    assert queries_of(api, ZAAKNOTITIES) == one
