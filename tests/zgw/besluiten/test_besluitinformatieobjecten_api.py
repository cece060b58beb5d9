"""Documents of a besluit: brc-003, brc-004, brc-005, brc-008."""

from types import SimpleNamespace

import pytest

from raadhuis.platform.models import AuditEntry, OutboxEvent
from raadhuis.zgw.besluiten import services
from raadhuis.zgw.besluiten.models import BesluitInformatieObject
from raadhuis.zgw.zaken import services_subresources
from tests.zgw.besluiten.conftest import BASE, canonical, codes, document_url, zaak_url
from tests.zgw.catalogi.factories import InformatieobjecttypeFactory

BIO = f"{BASE}/besluitinformatieobjecten"


@pytest.fixture
def besluit(create):
    return create()["url"]


def test_create_list_read_delete(client_a, world_a, besluit):
    created = client_a.post(BIO, {"besluit": besluit, "informatieobject": world_a.document()}, format="json")
    assert created.status_code == 201, created.json()
    body = created.json()
    assert set(body) == {"url", "besluit", "informatieobject"}
    assert created["Location"] == body["url"]
    listed = client_a.get(BIO)
    assert listed.status_code == 200 and listed.json() == [body]  # unpaginated, as the OAS has it
    assert client_a.get(body["url"]).json() == body
    assert client_a.delete(body["url"]).status_code == 204
    assert client_a.get(BIO).json() == []


def test_brc_004_aard_relatie_and_registratiedatum_are_set_by_the_system(client_a, world_a, besluit):
    payload = {"besluit": besluit, "informatieobject": world_a.document(), "aardRelatie": "hoort_bij",
               "registratiedatum": "2000-01-01"}
    assert client_a.post(BIO, payload, format="json").status_code == 201
    relation = BesluitInformatieObject.objects.get()
    assert relation.aard_relatie == "legt_vast"
    assert relation.registratiedatum.year > 2000


@pytest.fixture
def mirrors(monkeypatch):
    """The Documenten component's mirror functions, recorded (brc-005)."""
    calls = []
    fake = SimpleNamespace(
        mirror_relation=lambda document, url, object_type, request=None: calls.append(
            ("mirror", document, url, object_type)),
        remove_mirror=lambda document, url, request=None: calls.append(("remove", document, url)))
    door = services._door
    monkeypatch.setattr(services, "_door", lambda app, module, function: (
        fake if app == "raadhuis.zgw.documenten" else door(app, module, function)))
    return calls


def test_brc_005_relation_is_mirrored_in_the_documenten_component(client_a, world_a, create, mirrors):
    # The besluit's URL as the client named it: the Documenten component files it canonically.
    besluit = create()["url"]
    document = world_a.document()
    relation = client_a.post(BIO, {"besluit": besluit, "informatieobject": document}, format="json").json()
    assert mirrors == [("mirror", document, besluit, "besluit")]
    client_a.delete(relation["url"])
    assert mirrors[1:] == [("remove", document, besluit)]
    client_a.post(BIO, {"besluit": besluit, "informatieobject": document}, format="json")
    client_a.delete(besluit)  # brc-009 takes the relation, and so its mirror, along
    assert mirrors[3:] == [("remove", document, besluit)]


def test_relation_is_in_the_besluits_trail_but_not_notified(client_a, world_a, besluit):
    client_a.post(BIO, {"besluit": besluit, "informatieobject": world_a.document()}, format="json")
    entry = AuditEntry.objects.get(resource="besluitinformatieobject")
    assert entry.hoofd_object == canonical(besluit) and entry.actie == "create"
    assert not OutboxEvent.objects.filter(payload__resource="besluitinformatieobject").exists()


def test_the_same_document_twice_is_refused(client_a, world_a, besluit):
    payload = {"besluit": besluit, "informatieobject": world_a.document()}
    assert client_a.post(BIO, payload, format="json").status_code == 201
    again = client_a.post(BIO, payload, format="json")
    assert again.status_code == 400 and codes(again) == ["unique"]


def test_brc_003_informatieobject_must_exist(client_a, besluit):
    response = client_a.post(BIO, {"besluit": besluit, "informatieobject": document_url(3)}, format="json")
    assert response.status_code == 400 and codes(response) == ["bad-url"]


def test_brc_003_without_documenten_component_a_well_formed_url_is_accepted(client_a, besluit):
    """An installation without the (optional) Documenten API: no resolver, the form is checked."""
    services_subresources.register_informatieobject_resolver(None)  # put back by `documents`
    assert client_a.post(BIO, {"besluit": besluit, "informatieobject": document_url(9)},
                         format="json").status_code == 201
    malformed = client_a.post(BIO, {"besluit": besluit, "informatieobject": "geen url"}, format="json")
    assert malformed.status_code == 400
    assert malformed.json()["invalidParams"][0]["name"] == "informatieobject"


def test_brc_008_informatieobjecttype_must_belong_to_the_besluittype(client_a, world_a, besluit, documents):
    documents[document_url(2)] = InformatieobjecttypeFactory(catalogus=world_a.besluittype.catalogus,
                                                             concept=False)
    documents[document_url(3)] = None  # a document whose type the Documenten API does not know
    ok = client_a.post(BIO, {"besluit": besluit, "informatieobject": world_a.document(1)}, format="json")
    assert ok.status_code == 201, ok.json()
    for n in (2, 3):
        payload = {"besluit": besluit, "informatieobject": document_url(n)}
        response = client_a.post(BIO, payload, format="json")
        assert response.status_code == 400
        assert codes(response) == ["missing-besluittype-informatieobjecttype-relation"]


def test_besluit_must_be_a_besluit_url(client_a, world_a):
    unknown = f"{BASE}/besluiten/0b2b3f5a-4ad9-4b36-9f50-2a3a4c1e7d11"
    for url, code in [(unknown, "bad-url"), (zaak_url(world_a.zaak), "invalid-resource"), ("", "null")]:
        response = client_a.post(BIO, {"besluit": url, "informatieobject": world_a.document()}, format="json")
        assert response.status_code == 400, url
        assert codes(response) == [code], url


def test_filters(client_a, world_a, create):
    first, second = create()["url"], create()["url"]
    for besluit, n in [(first, 1), (first, 2), (second, 2)]:
        client_a.post(BIO, {"besluit": besluit, "informatieobject": world_a.document(n)}, format="json")

    def found(**params):
        response = client_a.get(BIO, params)
        assert response.status_code == 200, response.json()
        return sorted((r["besluit"], r["informatieobject"]) for r in response.json())

    assert found(besluit=first) == [(first, document_url(1)), (first, document_url(2))]
    assert found(informatieobject=document_url(2)) == sorted([(first, document_url(2)),
                                                              (second, document_url(2))])
    assert found(besluit=first, informatieobject=document_url(2)) == [(first, document_url(2))]
    assert client_a.get(BIO, {"besluit": "geen url"}).status_code == 400
    assert client_a.get(BIO, {"onbekend": 1}).status_code == 400


@pytest.mark.parametrize("body", [[], {"informatieobject": 5}, {"informatieobject": "x" * 1001},
                                  {"besluit": ["a"]}, {"informatieobject": None}])
def test_bad_input_is_400(client_a, world_a, besluit, body):
    payload = body if not isinstance(body, dict) else {
        "besluit": besluit, "informatieobject": world_a.document(), **body}
    response = client_a.post(BIO, payload, format="json")
    assert response.status_code == 400, response.content
