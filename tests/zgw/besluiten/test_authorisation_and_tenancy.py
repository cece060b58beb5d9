"""Scopes per besluittype, and organisations that share the installation (tenancy)."""

import pytest

from raadhuis.zgw.besluiten.models import Besluit
from tests.zgw.besluiten.conftest import BASE, LEZEN, besluittype_url, codes, document_url, zaak_url
from tests.zgw.catalogi.factories import BesluittypeFactory

BIO = f"{BASE}/besluitinformatieobjecten"


def test_without_token_401_without_scope_403(client, zgw_client, world_a, create):
    url = create()["url"]
    assert client.get(f"{BASE}/besluiten").status_code == 401
    lezer = zgw_client(world_a.organisation, world_a.autorisaties(scopes=LEZEN))
    assert lezer.get(f"{BASE}/besluiten").json()["count"] == 1
    assert lezer.post(f"{BASE}/besluiten", world_a.payload(), format="json").status_code == 403
    assert lezer.patch(url, {"toelichting": "x"}, format="json").status_code == 403
    assert lezer.delete(url).status_code == 403
    relation = {"besluit": url, "informatieobject": world_a.document()}
    assert lezer.post(BIO, relation, format="json").status_code == 403
    auditor = zgw_client(world_a.organisation, world_a.autorisaties(scopes=["audittrails.lezen"]))
    assert auditor.get(f"{BASE}/besluiten").status_code == 403
    assert auditor.get(f"{url}/audittrail").status_code == 200


def test_scopes_apply_per_besluittype(zgw_client, world_a, create):
    other_type = BesluittypeFactory(catalogus=world_a.besluittype.catalogus, concept=False,
                                    informatieobjecttype_omschrijvingen=[world_a.informatieobjecttype.omschrijving])
    both = world_a.autorisaties() + world_a.autorisaties(besluittype=other_type, zaken=())
    alles = zgw_client(world_a.organisation, both)
    own = create()
    other = create(client=alles, besluittype=besluittype_url(other_type))
    client = zgw_client(world_a.organisation, world_a.autorisaties())  # world_a's besluittype only

    assert [b["url"] for b in client.get(f"{BASE}/besluiten").json()["results"]] == [own["url"]]
    assert client.get(other["url"]).status_code == 403
    assert client.patch(other["url"], {"toelichting": "x"}, format="json").status_code == 403
    assert client.get(f"{other['url']}/audittrail").status_code == 403
    refused = client.post(f"{BASE}/besluiten", world_a.payload(besluittype=besluittype_url(other_type)),
                          format="json")
    assert refused.status_code == 403
    assert alles.post(BIO, {"besluit": other["url"], "informatieobject": world_a.document()},
                      format="json").status_code == 201
    assert client.get(BIO).json() == []
    assert client.post(BIO, {"besluit": other["url"], "informatieobject": document_url(2)},
                       format="json").status_code == 403


def test_all_autorisaties_see_every_besluittype(zgw_client, world_a, create):
    create()
    alles = zgw_client(world_a.organisation, alles=True)
    assert alles.get(f"{BASE}/besluiten").json()["count"] == 1


def test_tenancy_other_organisation_sees_and_changes_nothing(client_a, world_a, client_b, world_b, create):
    body = create(zaak=zaak_url(world_a.zaak))
    relation = client_a.post(BIO, {"besluit": body["url"], "informatieobject": world_a.document()},
                             format="json").json()
    create(client=client_b, world=world_b)

    assert client_b.get(f"{BASE}/besluiten").json()["count"] == 1  # only its own
    assert client_b.get(f"{BASE}/besluiten", {"identificatie": body["identificatie"]}).json()["count"] == 1
    assert client_b.get(f"{BASE}/besluiten", {"zaak": zaak_url(world_a.zaak)}).json()["count"] == 0
    assert client_b.get(body["url"]).status_code == 404
    assert client_b.patch(body["url"], {"toelichting": "x"}, format="json").status_code == 404
    assert client_b.put(body["url"], world_b.payload(), format="json").status_code == 404
    assert client_b.delete(body["url"]).status_code == 404
    assert client_b.get(f"{body['url']}/audittrail").json() == []
    assert client_b.get(BIO).json() == []
    assert client_b.get(relation["url"]).status_code == 404
    assert client_b.delete(relation["url"]).status_code == 404
    foreign = client_b.post(BIO, {"besluit": body["url"], "informatieobject": world_b.document(5)},
                            format="json")
    assert foreign.status_code == 400 and codes(foreign) == ["bad-url"]
    assert Besluit.all_tenants.get(uuid=body["url"].rsplit("/", 1)[1]).toelichting == ""


def test_tenancy_cannot_link_a_besluit_to_another_organisations_zaak(client_b, world_a, world_b):
    response = client_b.post(f"{BASE}/besluiten", world_b.payload(zaak=zaak_url(world_a.zaak)), format="json")
    assert response.status_code == 400 and codes(response) == ["bad-url"]
    payload = world_b.payload(besluittype=besluittype_url(world_a.besluittype))
    response = client_b.post(f"{BASE}/besluiten", payload, format="json")
    assert response.status_code == 400 and codes(response) == ["bad-url"]


@pytest.fixture
def regional(zgw_client, world_a, world_b):
    """A client working for both organisations (a regional service centre)."""
    client = zgw_client(world_a.organisation, world_a.autorisaties() + world_b.autorisaties())
    client.applicatie.extra_organisaties.add(world_b.organisation)
    return client


def test_a_client_of_several_organisations_names_the_organisation(regional, world_a, world_b):
    for_b = regional.post(f"{BASE}/besluiten", world_b.payload(), format="json")
    assert for_b.status_code == 201
    assert Besluit.all_tenants.get().organisation == world_b.organisation
    other_rsin = "002220647"
    unclear = regional.post(f"{BASE}/besluiten", world_a.payload(verantwoordelijkeOrganisatie=other_rsin),
                            format="json")
    assert unclear.status_code == 400
    assert unclear.json()["invalidParams"][0]["name"] == "verantwoordelijkeOrganisatie"
    payload = world_b.payload(verantwoordelijkeOrganisatie=other_rsin, zaak=zaak_url(world_b.zaak))
    with_zaak = regional.post(f"{BASE}/besluiten", payload, format="json")
    assert with_zaak.status_code == 201  # the zaak's organisation
    assert Besluit.all_tenants.filter(organisation=world_b.organisation).count() == 2
