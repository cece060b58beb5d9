"""expand on the Besluiten API (BesluitEmbedded, BesluitInformatieObjectEmbedded): the
besluittype as the Catalogi API shows it, the zaak as the Zaken API shows it (only when the
client may see it), the besluit and the informatieobject of a besluitinformatieobject."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.zgw.besluiten.conftest import BASE, besluittype_url, zaak_url, zaaktype_url
from tests.zgw.documenten.factories import make_document

BIO = f"{BASE}/besluitinformatieobjecten"


def _iot_url(world) -> str:
    return f"http://testserver/catalogi/api/v1/informatieobjecttypen/{world.informatieobjecttype.uuid}"


@pytest.fixture
def besluit(create, world_a):
    return create(zaak=zaak_url(world_a.zaak))


def test_besluit_expands_besluittype_and_zaak_to_any_depth(client_a, world_a, besluit):
    body = client_a.get(besluit["url"], {"expand": "besluittype.catalogus,zaak.zaaktype"}).json()
    besluittype, zaak = body["_expand"]["besluittype"], body["_expand"]["zaak"]
    assert besluittype["url"] == besluittype_url(world_a.besluittype)
    assert besluittype["_expand"]["catalogus"]["rsin"] == world_a.organisation.rsin
    assert zaak["url"] == zaak_url(world_a.zaak)
    assert zaak["verantwoordelijkeOrganisatie"] == world_a.organisation.rsin  # as the Zaken API has it
    assert zaak["_expand"]["zaaktype"]["url"] == zaaktype_url(world_a.zaaktype)
    assert "_expand" not in client_a.get(besluit["url"]).json()


def test_a_zaak_the_client_may_not_see_is_not_embedded(zgw_client, world_a, besluit):
    without_zaken = zgw_client(world_a.organisation, world_a.autorisaties(zaken=()))
    body = without_zaken.get(besluit["url"], {"expand": "zaak,besluittype"}).json()
    assert body["_expand"]["zaak"] == {}
    assert body["_expand"]["besluittype"]["url"] == besluittype_url(world_a.besluittype)


def test_list_expands_with_a_constant_number_of_queries(client_a, world_a, create, besluit):
    def listed():
        with CaptureQueriesContext(connection) as queries:
            response = client_a.get(f"{BASE}/besluiten", {"expand": "besluittype,zaak.status"})
        assert response.status_code == 200
        return response.json()["results"], len(queries)

    few_results, few_queries = listed()
    create()  # without zaak: {}
    create(zaak=zaak_url(world_a.zaak))
    results, queries = listed()
    assert queries == few_queries
    assert [r["_expand"]["zaak"].get("url") for r in results] == [zaak_url(world_a.zaak), None,
                                                                   zaak_url(world_a.zaak)]
    assert results[0]["_expand"]["zaak"]["_expand"]["status"] == {}


@pytest.mark.parametrize(("expand", "status"), [
    ("onbekend", 404), ("verantwoordelijkeOrganisatie", 404), ("zaak.onbekend", 404),  # zrc-027
    ("zaak.communicatiekanaal", 400),  # zrc-025: the zaak's link to another API
    ("besluittype.onbekend", 400),  # the Catalogi API's own answer
])
def test_expansions_that_cannot_be_made_are_refused(client_a, besluit, expand, status):
    assert client_a.get(besluit["url"], {"expand": expand}).status_code == status


def test_besluitinformatieobject_expands_besluit_and_informatieobject(zgw_client, world_a, besluit):
    document = make_document(world_a.informatieobjecttype)
    world_a.documents[document] = world_a.informatieobjecttype  # known to the besluiten hook
    drc = {"component": "drc", "scopes": ["documenten.lezen"], "informatieobjecttype": _iot_url(world_a),
           "max_vertrouwelijkheidaanduiding": "zeer_geheim"}
    client = zgw_client(world_a.organisation, [*world_a.autorisaties(), drc])
    created = client.post(BIO, {"besluit": besluit["url"], "informatieobject": document}, format="json")
    assert created.status_code == 201, created.json()
    expand = "besluit.besluittype,besluit.zaak,informatieobject.informatieobjecttype"
    listed = client.get(BIO, {"expand": expand})
    embedded = listed.json()[0]["_expand"]
    assert embedded["besluit"]["url"] == besluit["url"]
    assert embedded["besluit"]["_expand"]["besluittype"]["url"] == besluittype_url(world_a.besluittype)
    assert embedded["besluit"]["_expand"]["zaak"]["url"] == zaak_url(world_a.zaak)
    assert embedded["informatieobject"]["url"] == document
    assert embedded["informatieobject"]["bronorganisatie"] == world_a.organisation.rsin
    assert embedded["informatieobject"]["_expand"]["informatieobjecttype"]["url"] == _iot_url(world_a)
    # Without drc autorisaties the document is invisible: embedded as {}.
    without_drc = zgw_client(world_a.organisation, world_a.autorisaties())
    one = without_drc.get(created.json()["url"], {"expand": "informatieobject"}).json()
    assert one["_expand"]["informatieobject"] == {}


def test_expansions_stay_within_the_tenant(client_b, besluit):
    assert client_b.get(besluit["url"], {"expand": "zaak"}).status_code == 404
    assert client_b.get(f"{BASE}/besluiten", {"expand": "zaak"}).json()["count"] == 0
