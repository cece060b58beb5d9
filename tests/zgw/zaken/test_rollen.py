"""Rollen: every betrokkeneType, zrc-019, zrc-007, zrc-006, filters, tenancy, confidentiality."""

import pytest

from raadhuis.platform import tenancy
from raadhuis.platform.models import AuditEntry, OutboxEvent
from raadhuis.zgw.common.urls import canonical_url
from raadhuis.zgw.zaken.models import Rol, Status
from tests.zgw.zaken.conftest import ALL_ZAKEN_SCOPES, grant, zaaktype_url
from tests.zgw.zaken.factories import published_zaaktype
from tests.zgw.zaken.subresources import (
    BSN,
    ROLLEN,
    STATUSSEN,
    close,
    codes,
    rol_payload,
    roltype,
    roltype_url,
)

ADRES = {
    "aoaIdentificatie": "0363200000123456",
    "wplWoonplaatsNaam": "Aadorp",
    "gorOpenbareRuimteNaam": "Kerkstraat",
    "aoaHuisnummer": 12,
}
IDENTIFICATIES = {
    "natuurlijk_persoon": {
        "inpBsn": BSN,
        "inpA_nummer": "1234567890",
        "geslachtsnaam": "Jansen",
        "geslachtsaanduiding": "v",
        "verblijfsadres": ADRES,
        "subVerblijfBuitenland": {
            "lndLandcode": "5010",
            "lndLandnaam": "België",
            "subAdresBuitenland_1": "Grote Markt 1",
        },
    },
    "niet_natuurlijk_persoon": {
        "innNnpId": "123456782",
        "statutaireNaam": "Bakkerij B.V.",
        "innRechtsvorm": "besloten_vennootschap",
    },
    "vestiging": {
        "vestigingsNummer": "000012345678",
        "handelsnaam": ["Bakkerij Aadorp"],
        "kvkNummer": "12345678",
    },
    "organisatorische_eenheid": {"identificatie": "VTH", "naam": "Team Vergunningen"},
    "medewerker": {"identificatie": "m.devries", "achternaam": "De Vries", "voorletters": "M."},
}


@pytest.fixture
def rt(zaaktype):
    return roltype(zaaktype)


@pytest.fixture
def zaak(make_zaak):
    return make_zaak()


def _create(api, zaak, rt, **overrides):
    return api.post(ROLLEN, rol_payload(zaak, rt, **overrides), format="json")


def test_create_read_list_and_delete_a_rol(api, zaak, rt):
    created = _create(api, zaak, rt)
    assert created.status_code == 201, created.json()
    body = created.json()
    assert created["Location"] == body["url"]
    assert body["omschrijving"] == "Aanvrager" and body["omschrijvingGeneriek"] == "initiator"
    assert body["betrokkeneIdentificatie"]["inpBsn"] == BSN and body["registratiedatum"]
    assert api.get(body["url"]).json() == body
    assert [r["url"] for r in api.get(ROLLEN).json()["results"]] == [body["url"]]
    assert api.get(zaak["url"]).json()["rollen"] == [body["url"]]
    assert api.delete(body["url"]).status_code == 204
    assert api.get(body["url"]).status_code == 404
    assert api.get(zaak["url"]).json()["rollen"] == []


def test_a_rol_is_not_changed_only_replaced(api, zaak, rt):
    url = _create(api, zaak, rt).json()["url"]
    assert api.put(url, rol_payload(zaak, rt), format="json").status_code == 405
    assert api.patch(url, {"roltoelichting": "x"}, format="json").status_code == 405


def test_writes_are_audited_and_notified_on_the_zaak(api, zaak, rt):
    url = _create(api, zaak, rt).json()["url"]
    api.delete(url)
    with tenancy.system_scope():
        trail = list(AuditEntry.objects.filter(resource_url=url).order_by("id"))
        events = [
            e.payload
            for e in OutboxEvent.objects.filter(kanaal="zaken").order_by("id")
            if e.payload["resourceUrl"] == url
        ]
    assert [e.actie for e in trail] == ["create", "destroy"]
    assert trail[0].hoofd_object == canonical_url(zaak["url"]) and trail[0].resource == "rol"
    assert trail[0].nieuw["betrokkene_identificatie"]["inp_bsn"] == BSN and trail[1].oud is not None
    assert [e["actie"] for e in events] == ["create", "destroy"]
    assert events[0]["hoofdObject"] == zaak["url"] and events[0]["resource"] == "rol"
    assert events[0]["kenmerken"]["zaaktype"] == zaak["zaaktype"]
    assert events[0]["kenmerken"]["bronorganisatie"] == zaak["bronorganisatie"]


@pytest.mark.parametrize("betrokkene_type", list(IDENTIFICATIES))
def test_every_betrokkene_type_with_its_identificatie(api, zaak, rt, betrokkene_type):
    identificatie = IDENTIFICATIES[betrokkene_type]
    response = _create(api, zaak, rt, betrokkeneType=betrokkene_type, betrokkeneIdentificatie=identificatie)
    assert response.status_code == 201, response.json()
    assert _contains(response.json()["betrokkeneIdentificatie"], identificatie)  # inpA_nummer, …_1


def _contains(shown, expected) -> bool:
    """Every given value is shown (optional ones the client left out are shown empty)."""
    if isinstance(expected, dict):
        return isinstance(shown, dict) and all(_contains(shown.get(k), v) for k, v in expected.items())
    return shown == expected


def test_betrokkene_url_without_identificatie(api, zaak, rt):
    url = "https://brp.example/ingeschrevenpersonen/111222333"
    payload = rol_payload(zaak, rt, betrokkene=url)
    del payload["betrokkeneIdentificatie"]
    response = api.post(ROLLEN, payload, format="json")
    assert response.status_code == 201, response.json()
    assert response.json()["betrokkene"] == url and "betrokkeneIdentificatie" not in response.json()


def test_betrokkene_or_identificatie_is_required(api, zaak, rt):
    payload = rol_payload(zaak, rt)
    del payload["betrokkeneIdentificatie"]
    response = api.post(ROLLEN, payload, format="json")
    assert response.status_code == 400 and "invalid-betrokkene" in codes(response)


@pytest.mark.parametrize("bsn", ["111222334", "12345", "abcdefghi"])
def test_inp_bsn_passes_the_11_proef(api, zaak, rt, bsn):
    response = _create(api, zaak, rt, betrokkeneIdentificatie={"inpBsn": bsn})
    assert response.status_code == 400
    assert any(p["name"] == "betrokkeneIdentificatie.inpBsn" for p in response.json()["invalidParams"])


def test_contactpersoon_rol_and_indicatie_machtiging(api, zaak, rt):
    contact = {
        "emailadres": "info@bakkerij.example",
        "functie": "Eigenaar",
        "telefoonnummer": "0612345678",
        "naam": "P. Bakker",
    }
    response = _create(api, zaak, rt, contactpersoonRol=contact, indicatieMachtiging="gemachtigde")
    assert response.status_code == 201, response.json()
    assert response.json()["contactpersoonRol"] == contact
    assert response.json()["indicatieMachtiging"] == "gemachtigde"
    no_name = _create(api, zaak, rt, contactpersoonRol={"functie": "Eigenaar"})
    assert no_name.status_code == 400


def test_zrc_019_roltype_belongs_to_the_zaaktype(api, zaak, org_a):
    with tenancy.system_scope():
        other = published_zaaktype(org_a)
    response = _create(api, zaak, roltype(other))
    assert response.status_code == 400 and "zaaktype-mismatch" in codes(response)


def test_zrc_007_closed_zaak_needs_geforceerd_bijwerken(api, zgw_client, org_a, zaak, zaaktype, rt):
    url = _create(api, zaak, rt).json()["url"]
    close(api, zaak, zaaktype)
    plain = zgw_client(org_a, [grant(zaaktype)])  # bijwerken, not geforceerd-bijwerken
    assert _create(plain, zaak, rt).status_code == 403
    assert plain.delete(url).status_code == 403
    assert _create(api, zaak, rt).status_code == 201  # api holds zaken.geforceerd-bijwerken
    assert api.delete(url).status_code == 204


def test_zrc_006_scope_per_zaaktype(zgw_client, org_a, zaak, zaaktype, rt):
    with tenancy.system_scope():
        other = published_zaaktype(org_a)
    reader = zgw_client(org_a, [grant(zaaktype, ["zaken.lezen"])])
    assert _create(reader, zaak, rt).status_code == 403
    elsewhere = zgw_client(org_a, [grant(other, ALL_ZAKEN_SCOPES)])
    assert _create(elsewhere, zaak, rt).status_code == 403


def test_filters(api, make_zaak, zaak, zaaktype, rt):
    persoon = _create(api, zaak, rt).json()
    medewerker = _create(
        api,
        zaak,
        roltype(zaaktype, "Behandelaar", "behandelaar"),
        betrokkeneType="medewerker",
        betrokkeneIdentificatie={"identificatie": "m.devries"},
    ).json()
    eenheid = _create(
        api,
        make_zaak(),
        rt,
        betrokkeneType="organisatorische_eenheid",
        betrokkeneIdentificatie={"identificatie": "m.devries"},
        betrokkene="https://oe.example/1",
    ).json()

    def found(**params):
        response = api.get(ROLLEN, params)
        assert response.status_code == 200, response.json()
        return {r["url"] for r in response.json()["results"]}

    assert found(betrokkeneIdentificatie__natuurlijkPersoon__inpBsn=BSN) == {persoon["url"]}
    assert found(betrokkeneIdentificatie__medewerker__identificatie="m.devries") == {medewerker["url"]}
    assert found(betrokkeneIdentificatie__organisatorischeEenheid__identificatie="m.devries") == {
        eenheid["url"]
    }
    assert found(betrokkeneType="medewerker") == {medewerker["url"]}
    assert found(omschrijvingGeneriek="behandelaar") == {medewerker["url"]}
    assert found(omschrijving="Aanvrager") == {persoon["url"], eenheid["url"]}
    assert found(roltype=roltype_url(rt)) == {persoon["url"], eenheid["url"]}
    assert found(zaak=zaak["url"]) == {persoon["url"], medewerker["url"]}
    assert found(betrokkene="https://oe.example/1") == {eenheid["url"]}


@pytest.mark.parametrize(
    "params",
    [
        {"onbekend": "1"},
        {"betrokkeneType": "robot"},
        {"roltype": "geen-url"},
        {"zaak": "https://x.example/zaken/1"},
        {"omschrijvingGeneriek": "baas"},
    ],
)
def test_bad_filters_are_a_400(api, params):
    assert api.get(ROLLEN, params).status_code == 400


@pytest.mark.parametrize(
    "body",
    [
        [],
        "tekst",
        {"betrokkeneType": "robot"},
        {"betrokkeneType": None},
        {"betrokkeneType": "natuurlijk_persoon", "betrokkeneIdentificatie": "tekst"},
        {"betrokkeneType": "natuurlijk_persoon", "zaak": 12, "roltype": ["x"]},
        {"betrokkeneType": "vestiging", "betrokkeneIdentificatie": {"handelsnaam": "geen lijst"}},
    ],
)
def test_bad_input_is_a_400(api, body):
    response = api.post(ROLLEN, body, format="json")
    assert response.status_code == 400, response.content
    assert response["Content-Type"] == "application/problem+json"


def test_statussen_set_by_the_rol(api, zaak, zaaktype, rt):
    rol = _create(api, zaak, rt).json()
    status = api.post(
        STATUSSEN,
        {
            "zaak": zaak["url"],
            "statustype": zaaktype_url(zaaktype.begin, "statustypen"),
            "datumStatusGezet": "2026-02-01T10:00:00+01:00",
            "gezetdoor": rol["url"],
        },
        format="json",
    )
    assert status.status_code == 201, status.json()
    assert api.get(rol["url"]).json()["statussen"] == [status.json()["url"]]
    assert api.get(ROLLEN).json()["results"][0]["statussen"] == [status.json()["url"]]


def test_etag_head_and_if_none_match(api, zaak, rt):
    url = _create(api, zaak, rt).json()["url"]
    response = api.get(url)
    etag = response["ETag"]
    assert etag.startswith('"') and api.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 304
    assert api.get(url, HTTP_IF_NONE_MATCH='"other"').status_code == 200
    head = api.head(url)
    assert head.status_code == 200 and head["ETag"] == etag and not head.content


def test_expand(api, zaak, rt):
    rol = _create(api, zaak, rt).json()
    expanded = api.get(rol["url"], {"expand": "zaak,roltype"}).json()["_expand"]
    assert expanded["zaak"]["url"] == zaak["url"] and expanded["roltype"]["url"] == rol["roltype"]
    on_zaak = api.get(zaak["url"], {"expand": "rollen"}).json()["_expand"]["rollen"]
    assert [r["url"] for r in on_zaak] == [rol["url"]]
    assert api.get(rol["url"], {"expand": "betrokkene"}).status_code == 400  # zrc-025: another API


def test_expand_on_the_zaak_keeps_the_standards_names(api, zaak, rt):
    _create(api, zaak, rt)
    on_zaak = api.get(zaak["url"], {"expand": "rollen"}).json()["_expand"]["rollen"]
    assert "inpA_nummer" in on_zaak[0]["betrokkeneIdentificatie"]


def test_list_runs_a_constant_number_of_queries(api, make_zaak, rt, django_assert_max_num_queries):
    zaak = make_zaak()
    _create(api, zaak, rt)
    with tenancy.system_scope():
        baseline = _count_queries(api)
    for _ in range(3):
        other = make_zaak()
        for _ in range(3):
            _create(api, other, rt)
    with django_assert_max_num_queries(baseline):
        assert api.get(ROLLEN).json()["count"] == 10


def _count_queries(api) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        api.get(ROLLEN)
    return len(queries)


# --- Tenancy and confidentiality ------------------------------------------------------------


def test_another_organisation_cannot_see_or_touch_the_rollen(api, api_b, zaak, rt):
    rol = _create(api, zaak, rt).json()
    assert api_b.get(rol["url"]).status_code == 404
    assert api_b.get(ROLLEN).json()["count"] == 0
    assert api_b.get(ROLLEN, {"betrokkeneIdentificatie__natuurlijkPersoon__inpBsn": BSN}).json()["count"] == 0
    assert api_b.delete(rol["url"]).status_code == 404
    with tenancy.system_scope():
        assert Rol.all_tenants.filter(uuid=rol["uuid"]).exists()


def test_another_organisation_cannot_attach_a_rol_to_the_zaak(api_b, zaak, zaaktype_b):
    response = api_b.post(ROLLEN, rol_payload(zaak, roltype(zaaktype_b)), format="json")
    assert response.status_code == 400
    assert any(p["name"] == "zaak" and p["code"] == "bad-url" for p in response.json()["invalidParams"])


def test_roltype_of_another_organisation_is_a_bad_url(api, zaak, zaaktype_b):
    response = _create(api, zaak, roltype(zaaktype_b))
    assert response.status_code == 400 and "bad-url" in codes(response)


def test_rollen_of_a_zaak_above_the_clients_level_are_invisible(
    api, zgw_client, org_a, make_zaak, zaaktype, rt
):
    geheim = make_zaak(vertrouwelijkheidaanduiding="geheim")
    rol = _create(api, geheim, rt).json()
    openbaar = zgw_client(org_a, [grant(zaaktype, ALL_ZAKEN_SCOPES, maximum="openbaar")])
    assert openbaar.get(ROLLEN).json()["count"] == 0
    assert openbaar.get(rol["url"]).status_code == 403
    assert openbaar.delete(rol["url"]).status_code == 403
    assert _create(openbaar, geheim, rt).status_code == 403


def test_no_gezetdoor_status_of_another_zaak_leaks_into_statussen(api, make_zaak, zaaktype, rt):
    rol = _create(api, make_zaak(), rt).json()
    with tenancy.system_scope():
        assert not Status.all_tenants.exists()
    assert api.get(rol["url"]).json()["statussen"] == []


def test_zaak_list_filters_on_the_rollen_betrokkene_identificatie(api, zaak, make_zaak, rt):
    _create(api, zaak, rt)
    make_zaak()
    found = api.get(zaak["url"].rsplit("/", 1)[0],
                    {"rol__betrokkeneIdentificatie__natuurlijkPersoon__inpBsn": BSN})
    assert found.status_code == 200
    assert [z["url"] for z in found.json()["results"]] == [zaak["url"]]


def test_zaak_list_filters_on_the_rollen_betrokkene_type(api, zaak, make_zaak, rt):
    _create(api, zaak, rt)
    make_zaak()
    found = api.get(zaak["url"].rsplit("/", 1)[0], {"rol__betrokkeneType": "natuurlijk_persoon"})
    assert [z["url"] for z in found.json()["results"]] == [zaak["url"]]
