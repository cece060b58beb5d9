"""Klantcontacten (deprecated in the standard): create, read, list, zrc-007, tenancy."""

import pytest

from tests.zgw.zaken.conftest import ALL_ZAKEN_SCOPES, grant
from tests.zgw.zaken.subresources import KLANTCONTACTEN, close, codes


@pytest.fixture
def zaak(make_zaak):
    return make_zaak()


def _create(api, target, **overrides):
    return api.post(KLANTCONTACTEN, {"zaak": target["url"], "datumtijd": "2026-02-01T09:30:00+01:00",
                                     "kanaal": "telefoon", "onderwerp": "Vraag over de aanvraag",
                                     **overrides},
                    format="json")


def test_create_read_and_list(api, zaak):
    created = _create(api, zaak, identificatie="KC-1")
    assert created.status_code == 201, created.json()
    body = created.json()
    assert body["identificatie"] == "KC-1" and body["kanaal"] == "telefoon"
    assert api.get(body["url"]).json() == body
    assert api.get(KLANTCONTACTEN, {"zaak": zaak["url"]}).json()["results"] == [body]


def test_identificatie_is_generated_when_absent(api, zaak):
    body = _create(api, zaak).json()
    assert body["identificatie"].startswith("KC") and len(body["identificatie"]) <= 14


def test_no_changes_or_deletes(api, zaak):
    url = _create(api, zaak).json()["url"]
    assert api.patch(url, {"kanaal": "email"}, format="json").status_code == 405
    assert api.delete(url).status_code == 405


def test_zrc_007_closed_zaak_needs_geforceerd_bijwerken(api, zgw_client, org_a, zaak, zaaktype):
    close(api, zaak, zaaktype)
    assert _create(zgw_client(org_a, [grant(zaaktype)]), zaak).status_code == 403
    assert _create(api, zaak).status_code == 201


@pytest.mark.parametrize("overrides", [{"datumtijd": "gisteren"}, {"kanaal": "x" * 21}, {"zaak": None}])
def test_bad_input_is_a_400(api, zaak, overrides):
    assert _create(api, zaak, **overrides).status_code == 400


def test_another_organisation_cannot_see_or_attach(api, api_b, zaak):
    url = _create(api, zaak).json()["url"]
    assert api_b.get(url).status_code == 404
    assert api_b.get(KLANTCONTACTEN).json()["count"] == 0
    attach = _create(api_b, zaak)
    assert attach.status_code == 400 and "bad-url" in codes(attach)


def test_klantcontacten_of_a_confidential_zaak_are_invisible(api, zgw_client, org_a, make_zaak, zaaktype):
    url = _create(api, make_zaak(vertrouwelijkheidaanduiding="geheim")).json()["url"]
    openbaar = zgw_client(org_a, [grant(zaaktype, ALL_ZAKEN_SCOPES, maximum="openbaar")])
    assert openbaar.get(KLANTCONTACTEN).json()["count"] == 0
    assert openbaar.get(url).status_code == 403
