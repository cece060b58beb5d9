"""Zaakinformatieobjecten: zrc-003 (through the Documenten resolver hook, pending that component),
zrc-004, zrc-005, zrc-017, the archiefstatus rule, zrc-007, filters, tenancy, confidentiality."""

import pytest

from raadhuis.platform import tenancy
from raadhuis.zgw.zaken import services_subresources as services
from raadhuis.zgw.zaken.models import Zaak
from tests.zgw.catalogi.factories import InformatieobjecttypeFactory
from tests.zgw.zaken.conftest import ALL_ZAKEN_SCOPES, grant, zaaktype_url
from tests.zgw.zaken.subresources import DOCUMENT, STATUSSEN, ZIOS, close, codes, queries_of

OTHER_DOCUMENT = DOCUMENT.replace("0c47fe5e", "1d47fe5e")


@pytest.fixture
def zaak(make_zaak):
    return make_zaak()


@pytest.fixture(autouse=True)
def documenten(zaaktype):
    """A stand-in Documenten component that knows DOCUMENT and OTHER_DOCUMENT (of an
    informatieobjecttype the zaaktype names), instead of whatever component is installed."""
    iot = _allowed_type(zaaktype)
    known = {url: services.Informatieobject(url, informatieobjecttype=iot)
             for url in (DOCUMENT, OTHER_DOCUMENT)}
    linked, unlinked = [], []
    hooks = services.HOOKS
    saved = (hooks.resolve_informatieobject, dict(hooks.linked), dict(hooks.unlinked))
    services.register_informatieobject_resolver(known.get)
    services.on_relation("informatieobject", linked=linked.append, unlinked=unlinked.append)
    yield known, linked, unlinked
    services.HOOKS.resolve_informatieobject, services.HOOKS.linked, services.HOOKS.unlinked = saved


def _allowed_type(zaaktype):
    with tenancy.system_scope():
        iot = InformatieobjecttypeFactory(catalogus=zaaktype.catalogus, omschrijving="Aanvraag",
                                          concept=False)
        zaaktype.zaaktypeinformatieobjecttypen.create(organisation=zaaktype.organisation,
                                                      informatieobjecttype="Aanvraag", volgnummer=1,
                                                      richting="inkomend")
    return iot


def _create(api, zaak, document=DOCUMENT, **overrides):
    return api.post(ZIOS, {"informatieobject": document, "zaak": zaak["url"], "titel": "Aanvraag",
                           **overrides}, format="json")


def test_create_read_list_delete(api, zaak):
    created = _create(api, zaak, beschrijving="Het aanvraagformulier")
    assert created.status_code == 201, created.json()
    body = created.json()
    assert body["aardRelatieWeergave"] == "Hoort bij, omgekeerd: kent"  # zrc-004
    assert body["registratiedatum"] and body["status"] is None and body["vernietigingsdatum"] is None
    assert api.get(body["url"]).json() == body
    assert api.get(ZIOS).json() == [body]  # an array, not a page
    assert api.get(zaak["url"]).json()["zaakinformatieobjecten"] == [body["url"]]
    assert api.delete(body["url"]).status_code == 204
    assert api.get(ZIOS).json() == []


def test_without_documenten_component_a_well_formed_url_is_accepted(api, zaak):
    """Without a Documenten component (no resolver registered) the URL is taken as given."""
    services.register_informatieobject_resolver(None)
    assert _create(api, zaak, "https://elders.example/documenten/1").status_code == 201
    response = _create(api, zaak, "geen-url")
    assert response.status_code == 400
    assert any(p["name"] == "informatieobject" for p in response.json()["invalidParams"])


def test_zrc_003_unknown_document_is_a_bad_url(api, zaak):
    response = _create(api, zaak, DOCUMENT.replace("0c47fe5e", "99999999"))
    assert response.status_code == 400 and "bad-url" in codes(response)


def test_zrc_017_informatieobjecttype_belongs_to_the_zaaktype(api, zaak, zaaktype, documenten):
    known, _, _ = documenten
    with tenancy.system_scope():
        other = InformatieobjecttypeFactory(catalogus=zaaktype.catalogus, omschrijving="Foto", concept=False)
    known[OTHER_DOCUMENT] = services.Informatieobject(OTHER_DOCUMENT, informatieobjecttype=other)
    assert _create(api, zaak).status_code == 201
    response = _create(api, zaak, OTHER_DOCUMENT)
    assert response.status_code == 400
    assert "missing-zaaktype-informatieobjecttype-relation" in codes(response)


def test_zrc_005_the_documenten_component_is_told(api, zaak, documenten):
    _, linked, unlinked = documenten
    url = _create(api, zaak).json()["url"]
    assert [zio.informatieobject for zio in linked] == [DOCUMENT]
    api.delete(url)
    assert [zio.informatieobject for zio in unlinked] == [DOCUMENT]
    with tenancy.system_scope():
        assert services.zaken_with_informatieobject(DOCUMENT) == []


def test_zrc_004_the_relation_is_fixed(api, zaak, make_zaak):
    url = _create(api, zaak).json()["url"]
    moved = api.patch(url, {"zaak": make_zaak()["url"]}, format="json")
    assert moved.status_code == 400 and "wijzigen-niet-toegelaten" in codes(moved)
    swapped = api.put(url, {"informatieobject": OTHER_DOCUMENT, "zaak": zaak["url"]}, format="json")
    assert swapped.status_code == 400 and "wijzigen-niet-toegelaten" in codes(swapped)
    retitled = api.put(url, {"informatieobject": DOCUMENT, "zaak": zaak["url"], "titel": "Nieuw"},
                       format="json")
    assert retitled.status_code == 200 and retitled.json()["titel"] == "Nieuw"
    patched = api.patch(url, {"beschrijving": "Bijgewerkt"}, format="json")
    assert patched.json()["beschrijving"] == "Bijgewerkt"


def test_a_document_is_linked_to_a_zaak_once(api, zaak, make_zaak):
    assert _create(api, zaak).status_code == 201
    again = _create(api, zaak)
    assert again.status_code == 400 and "unique" in codes(again)
    assert _create(api, make_zaak()).status_code == 201  # the same document in another zaak


def test_status_of_the_same_zaak(api, zaak, make_zaak, zaaktype):
    status = api.post(STATUSSEN, {"zaak": zaak["url"],
                                  "statustype": zaaktype_url(zaaktype.begin, "statustypen"),
                                  "datumStatusGezet": "2026-02-01T10:00:00+01:00"}, format="json").json()
    own = _create(api, zaak, status=status["url"])
    assert own.status_code == 201 and own.json()["status"] == status["url"]
    assert api.get(status["url"]).json()["zaakinformatieobjecten"] == [own.json()["url"]]
    elsewhere = _create(api, make_zaak(), status=status["url"])
    assert elsewhere.status_code == 400 and "zaak-status-mismatch" in codes(elsewhere)


def test_an_archived_zaak_takes_no_new_documents(api, zaak):
    with tenancy.system_scope():
        Zaak.objects.filter(uuid=zaak["uuid"]).update(archiefstatus="gearchiveerd")
    response = _create(api, zaak)
    assert response.status_code == 400 and "zaak-archiefstatus-invalid" in codes(response)


def test_zrc_007_closed_zaak_needs_geforceerd_bijwerken(api, zgw_client, org_a, zaak, zaaktype):
    url = _create(api, zaak).json()["url"]
    close(api, zaak, zaaktype)
    plain = zgw_client(org_a, [grant(zaaktype)])
    assert _create(plain, zaak, OTHER_DOCUMENT).status_code == 403
    assert plain.patch(url, {"titel": "x"}, format="json").status_code == 403
    assert plain.delete(url).status_code == 403
    assert _create(api, zaak, OTHER_DOCUMENT).status_code == 201


def test_filters(api, zaak, make_zaak):
    first = _create(api, zaak).json()
    second = _create(api, make_zaak()).json()
    third = _create(api, zaak, OTHER_DOCUMENT).json()
    assert {z["url"] for z in api.get(ZIOS, {"zaak": zaak["url"]}).json()} == {first["url"], third["url"]}
    by_document = api.get(ZIOS, {"informatieobject": DOCUMENT}).json()
    assert {z["url"] for z in by_document} == {first["url"], second["url"]}
    assert api.get(ZIOS, {"zaak": "geen-url"}).status_code == 400


@pytest.mark.parametrize("body", [[], {"informatieobject": 5}, {"informatieobject": DOCUMENT, "zaak": "x"},
                                  {"informatieobject": DOCUMENT, "vernietigingsdatum": "morgen"}])
def test_bad_input_is_a_400(api, zaak, body):
    assert api.post(ZIOS, body, format="json").status_code == 400


def test_etag_and_expand(api, zaak):
    url = _create(api, zaak).json()["url"]
    etag = api.get(url)["ETag"]
    assert api.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 304
    assert api.get(url, {"expand": "zaak"}).json()["_expand"]["zaak"]["url"] == zaak["url"]
    assert api.get(url, {"expand": "informatieobject"}).status_code == 400  # zrc-025: the Documenten API


def test_another_organisation_cannot_see_touch_or_attach(api, api_b, zaak):
    url = _create(api, zaak).json()["url"]
    assert api_b.get(url).status_code == 404
    assert api_b.get(ZIOS).json() == []
    assert api_b.get(ZIOS, {"informatieobject": DOCUMENT}).json() == []
    assert api_b.delete(url).status_code == 404
    attach = _create(api_b, zaak, OTHER_DOCUMENT)
    assert attach.status_code == 400 and "bad-url" in codes(attach)


def test_documents_of_a_confidential_zaak_are_invisible(api, zgw_client, org_a, make_zaak, zaaktype):
    url = _create(api, make_zaak(vertrouwelijkheidaanduiding="confidentieel")).json()["url"]
    openbaar = zgw_client(org_a, [grant(zaaktype, ALL_ZAKEN_SCOPES, maximum="openbaar")])
    assert openbaar.get(ZIOS).json() == []
    assert openbaar.get(url).status_code == 403


def test_list_runs_a_constant_number_of_queries(api, zaak, make_zaak):
    _create(api, zaak)
    one = queries_of(api, ZIOS)
    for _ in range(3):
        _create(api, make_zaak(), OTHER_DOCUMENT)
    assert queries_of(api, ZIOS) == one
