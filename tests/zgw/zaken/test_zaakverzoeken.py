"""Zaakverzoeken: create, read, delete, filters, zrc-024 hook, zrc-007, tenancy."""

import pytest

from raadhuis.zgw.zaken import services_subresources as services
from tests.zgw.zaken.conftest import ALL_ZAKEN_SCOPES, grant
from tests.zgw.zaken.subresources import ZAAKVERZOEKEN, close, codes

VERZOEK = "https://verzoeken.example/api/v1/verzoeken/4c1f2c1e-8d0a-4d5e-9d7e-0f1a2b3c4d5e"


@pytest.fixture
def zaak(make_zaak):
    return make_zaak()


def _create(api, zaak, verzoek=VERZOEK):
    return api.post(ZAAKVERZOEKEN, {"zaak": zaak["url"], "verzoek": verzoek}, format="json")


def test_create_read_filter_delete(api, zaak):
    created = _create(api, zaak)
    assert created.status_code == 201, created.json()
    body = created.json()
    assert api.get(body["url"]).json() == body
    assert api.get(ZAAKVERZOEKEN, {"verzoek": VERZOEK}).json() == [body]
    assert api.get(ZAAKVERZOEKEN, {"zaak": zaak["url"]}).json() == [body]
    assert api.delete(body["url"]).status_code == 204


def test_zrc_024_the_verzoeken_register_is_told(api, zaak):
    linked = []
    services.on_relation("verzoek", linked=linked.append)
    try:
        _create(api, zaak)
    finally:
        services.on_relation("verzoek")
    assert [r.verzoek for r in linked] == [VERZOEK]


def test_once_per_zaak(api, zaak):
    _create(api, zaak)
    assert "unique" in codes(_create(api, zaak))


def test_zrc_007_closed_zaak_needs_geforceerd_bijwerken(api, zgw_client, org_a, zaak, zaaktype):
    close(api, zaak, zaaktype)
    assert _create(zgw_client(org_a, [grant(zaaktype)]), zaak).status_code == 403
    assert _create(api, zaak).status_code == 201


@pytest.mark.parametrize("verzoek", ["geen-url", [], None])
def test_bad_input_is_a_400(api, zaak, verzoek):
    assert _create(api, zaak, verzoek).status_code == 400


def test_another_organisation_cannot_see_touch_or_attach(api, api_b, zaak):
    url = _create(api, zaak).json()["url"]
    assert api_b.get(url).status_code == 404
    assert api_b.get(ZAAKVERZOEKEN).json() == []
    assert api_b.delete(url).status_code == 404
    assert "bad-url" in codes(_create(api_b, zaak))


def test_confidential_zaak(api, zgw_client, org_a, make_zaak, zaaktype):
    url = _create(api, make_zaak(vertrouwelijkheidaanduiding="geheim")).json()["url"]
    openbaar = zgw_client(org_a, [grant(zaaktype, ALL_ZAKEN_SCOPES, maximum="openbaar")])
    assert openbaar.get(ZAAKVERZOEKEN).json() == [] and openbaar.get(url).status_code == 403
