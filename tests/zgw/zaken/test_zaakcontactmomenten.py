"""Zaakcontactmomenten: create, read, delete, filters, zrc-025 hook, zrc-007, scopes, tenancy."""

import pytest

from raadhuis.zgw.zaken import services_subresources as services
from tests.zgw.zaken.conftest import ALL_ZAKEN_SCOPES, grant
from tests.zgw.zaken.subresources import ZAAKCONTACTMOMENTEN, close, codes

CONTACTMOMENT = "https://klantinteracties.example/api/v1/contactmomenten/8c1f2c1e-8d0a-4d5e-9d7e-0f1a2b3c4d5e"


@pytest.fixture
def zaak(make_zaak):
    return make_zaak()


def _create(api, zaak, contactmoment=CONTACTMOMENT):
    return api.post(ZAAKCONTACTMOMENTEN, {"zaak": zaak["url"], "contactmoment": contactmoment}, format="json")


def test_create_read_filter_delete(api, zaak, make_zaak):
    created = _create(api, zaak)
    assert created.status_code == 201, created.json()
    body = created.json()
    assert api.get(body["url"]).json() == body
    assert api.get(ZAAKCONTACTMOMENTEN, {"zaak": zaak["url"]}).json() == [body]  # an array
    assert api.get(ZAAKCONTACTMOMENTEN, {"contactmoment": CONTACTMOMENT}).json() == [body]
    assert api.get(ZAAKCONTACTMOMENTEN, {"zaak": make_zaak()["url"]}).json() == []
    assert api.delete(body["url"]).status_code == 204
    assert api.get(body["url"]).status_code == 404


def test_zrc_025_the_contactmomenten_register_is_told(api, zaak):
    linked, unlinked = [], []
    services.on_relation("contactmoment", linked=linked.append, unlinked=unlinked.append)
    try:
        url = _create(api, zaak).json()["url"]
        api.delete(url)
    finally:
        services.on_relation("contactmoment")
    assert [r.contactmoment for r in linked] == [CONTACTMOMENT] == [r.contactmoment for r in unlinked]


def test_once_per_zaak(api, zaak):
    assert _create(api, zaak).status_code == 201
    again = _create(api, zaak)
    assert again.status_code == 400 and "unique" in codes(again)


def test_create_needs_zaken_bijwerken(zgw_client, org_a, zaak, zaaktype):
    forced_only = zgw_client(org_a, [grant(zaaktype, ["zaken.lezen", "zaken.geforceerd-bijwerken"])])
    assert _create(forced_only, zaak).status_code == 403  # the OAS asks zaken.bijwerken itself


def test_zrc_007_closed_zaak_needs_geforceerd_bijwerken(api, zgw_client, org_a, zaak, zaaktype):
    url = _create(api, zaak).json()["url"]
    close(api, zaak, zaaktype)
    plain = zgw_client(org_a, [grant(zaaktype)])
    assert plain.delete(url).status_code == 403
    assert api.delete(url).status_code == 204


@pytest.mark.parametrize("contactmoment", ["geen-url", "", 12, None])
def test_bad_input_is_a_400(api, zaak, contactmoment):
    assert _create(api, zaak, contactmoment).status_code == 400


def test_another_organisation_cannot_see_touch_or_attach(api, api_b, zaak):
    url = _create(api, zaak).json()["url"]
    assert api_b.get(url).status_code == 404
    assert api_b.get(ZAAKCONTACTMOMENTEN).json() == []
    assert api_b.delete(url).status_code == 404
    assert "bad-url" in codes(_create(api_b, zaak))


def test_confidential_zaak(api, zgw_client, org_a, make_zaak, zaaktype):
    url = _create(api, make_zaak(vertrouwelijkheidaanduiding="geheim")).json()["url"]
    openbaar = zgw_client(org_a, [grant(zaaktype, ALL_ZAKEN_SCOPES, maximum="openbaar")])
    assert openbaar.get(ZAAKCONTACTMOMENTEN).json() == []
    assert openbaar.get(url).status_code == 403
