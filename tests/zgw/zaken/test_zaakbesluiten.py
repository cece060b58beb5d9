"""Zaakbesluiten under /zaken/{zaak_uuid}/besluiten, kept in step by the Besluiten component
through link_besluit/unlink_besluit; zrc-007, nested routes, tenancy, confidentiality."""

import pytest
from django.core.exceptions import ValidationError
from rest_framework.exceptions import PermissionDenied

from raadhuis.platform import tenancy
from raadhuis.zgw.zaken import services_subresources as services
from raadhuis.zgw.zaken.models import Zaak, ZaakBesluit
from tests.zgw.zaken.conftest import ALL_ZAKEN_SCOPES, grant
from tests.zgw.zaken.subresources import close

BESLUIT = "http://testserver/besluiten/api/v1/besluiten/6a1f2c1e-8d0a-4d5e-9d7e-0f1a2b3c4d5e"


@pytest.fixture
def zaak(make_zaak):
    return make_zaak()


def _collection(zaak) -> str:
    return f"{zaak['url']}/besluiten"


def _zaak(zaak) -> Zaak:
    return Zaak.all_tenants.get(uuid=zaak["uuid"])


def test_link_and_unlink_for_the_besluiten_component(api, zaak, org_a):
    with tenancy.scope_for([org_a.pk]):
        record = services.link_besluit(_zaak(zaak), BESLUIT)
        assert services.link_besluit(_zaak(zaak), BESLUIT) == record  # idempotent
    listed = api.get(_collection(zaak)).json()
    assert [b["besluit"] for b in listed] == [BESLUIT]
    assert api.get(listed[0]["url"]).json() == listed[0]
    with tenancy.scope_for([org_a.pk]):
        assert services.unlink_besluit(_zaak(zaak), BESLUIT) is True
        assert services.unlink_besluit(_zaak(zaak), BESLUIT) is False
    assert api.get(_collection(zaak)).json() == []


def test_link_besluit_checks_the_url(zaak, org_a):
    with tenancy.scope_for([org_a.pk]), pytest.raises(ValidationError):
        services.link_besluit(_zaak(zaak), "geen-url")


def test_create_and_delete_through_the_api(api, zaak):
    created = api.post(_collection(zaak), {"besluit": BESLUIT}, format="json")
    assert created.status_code == 201, created.json()
    assert created.json()["url"].startswith(_collection(zaak) + "/")
    assert api.delete(created.json()["url"]).status_code == 204
    assert api.get(_collection(zaak)).json() == []


def test_zrc_007_closed_zaak(api, zgw_client, org_a, zaak, zaaktype):
    close(api, zaak, zaaktype)
    plain = zgw_client(org_a, [grant(zaaktype)])
    assert plain.post(_collection(zaak), {"besluit": BESLUIT}, format="json").status_code == 403
    with tenancy.scope_for([org_a.pk]):
        with pytest.raises(PermissionDenied):
            services.link_besluit(_zaak(zaak), BESLUIT)
        assert services.link_besluit(_zaak(zaak), BESLUIT, force=True).besluit == BESLUIT


@pytest.mark.parametrize("body", [[], {"besluit": "geen-url"}, {"besluit": None}, {}])
def test_bad_input_is_a_400(api, zaak, body):
    assert api.post(_collection(zaak), body, format="json").status_code == 400


def test_another_organisation_cannot_see_or_touch(api, api_b, zaak):
    url = api.post(_collection(zaak), {"besluit": BESLUIT}, format="json").json()["url"]
    assert api_b.get(_collection(zaak)).status_code == 404
    assert api_b.get(url).status_code == 404
    assert api_b.delete(url).status_code == 404
    assert api_b.post(_collection(zaak), {"besluit": BESLUIT}, format="json").status_code == 404
    with tenancy.system_scope():
        assert ZaakBesluit.all_tenants.count() == 1


def test_confidential_zaak(api, zgw_client, org_a, make_zaak, zaaktype):
    geheim = make_zaak(vertrouwelijkheidaanduiding="geheim")
    url = api.post(_collection(geheim), {"besluit": BESLUIT}, format="json").json()["url"]
    openbaar = zgw_client(org_a, [grant(zaaktype, ALL_ZAKEN_SCOPES, maximum="openbaar")])
    assert openbaar.get(_collection(geheim)).status_code == 403
    assert openbaar.get(url).status_code == 403


def test_zrc_021_besluit_dates_with_zaakbesluiten(zaak, org_a):
    from raadhuis.zgw.zaken import archiving

    class Resultaattype:
        brondatum_archiefprocedure_afleidingswijze = "ingangsdatum_besluit"

    with tenancy.scope_for([org_a.pk]):
        services.link_besluit(_zaak(zaak), BESLUIT)
        archiving.brondatum_of(_zaak(zaak), Resultaattype, None)
