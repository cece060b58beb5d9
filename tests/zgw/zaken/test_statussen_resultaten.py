"""Statussen and resultaten: zrc-007 (closing), zrc-008 (reopening), zrc-016, zrc-020, zrc-021."""

from datetime import date

import pytest

from raadhuis.platform import tenancy
from raadhuis.zgw.zaken import archiving
from raadhuis.zgw.zaken.models import Zaak
from tests.zgw.zaken.conftest import BASE, grant, zaaktype_url
from tests.zgw.zaken.factories import ResultaattypeFactory, StatustypeFactory, published_zaaktype

STATUSSEN = f"{BASE}/statussen"
RESULTATEN = f"{BASE}/resultaten"


def _status(api, zaak, statustype, moment="2026-02-01T10:00:00+01:00"):
    return api.post(
        STATUSSEN,
        {
            "zaak": zaak["url"],
            "statustype": zaaktype_url(statustype, "statustypen"),
            "datumStatusGezet": moment,
        },
        format="json",
    )


def _resultaat(api, zaak, resultaattype):
    return api.post(
        RESULTATEN,
        {"zaak": zaak["url"], "resultaattype": zaaktype_url(resultaattype, "resultaattypen")},
        format="json",
    )


def _codes(response):
    return {p["code"] for p in response.json().get("invalidParams", [])}


def test_status_sets_current_status(api, make_zaak, zaaktype):
    zaak = make_zaak()
    first = _status(api, zaak, zaaktype.begin, "2026-02-01T10:00:00+01:00")
    assert first.status_code == 201, first.json()
    assert first.json()["indicatieLaatstGezetteStatus"] is True
    assert api.get(zaak["url"]).json()["status"] == first.json()["url"]
    listed = api.get(STATUSSEN, {"zaak": zaak["url"]}).json()
    assert listed["count"] == 1 and listed["results"][0]["zaakinformatieobjecten"] == []


def test_zrc_016_statustype_of_the_zaaktype(api, make_zaak, org_a):
    zaak = make_zaak()
    with tenancy.system_scope():
        other = published_zaaktype(org_a)
    response = _status(api, zaak, other.begin)
    assert response.status_code == 400 and "zaaktype-mismatch" in _codes(response)


def test_zrc_007_eindstatus_needs_resultaat_then_closes(api, make_zaak, zaaktype):
    zaak = make_zaak()
    refused = _status(api, zaak, zaaktype.eind)
    assert refused.status_code == 400 and "resultaat-does-not-exist" in _codes(refused)
    assert _resultaat(api, zaak, zaaktype.resultaattype).status_code == 201
    closed = _status(api, zaak, zaaktype.eind, "2026-03-01T23:30:00+01:00")
    assert closed.status_code == 201, closed.json()
    body = api.get(zaak["url"]).json()
    assert body["einddatum"] == "2026-03-01"  # the local date of datumStatusGezet
    assert body["archiefnominatie"] == "vernietigen"
    assert body["archiefactiedatum"] == "2031-03-01"  # zrc-021 afgehandeld + P5Y


def test_zrc_007_closed_zaak_needs_geforceerd_bijwerken(zgw_client, org_a, zaaktype, api, make_zaak):
    zaak = make_zaak()
    _resultaat(api, zaak, zaaktype.resultaattype)
    _status(api, zaak, zaaktype.eind)
    plain = zgw_client(
        org_a, [grant(zaaktype, ["zaken.lezen", "zaken.bijwerken", "zaken.statussen.toevoegen"])]
    )
    assert plain.patch(zaak["url"], {"omschrijving": "Later"}, format="json").status_code == 403
    resultaat = api.get(zaak["url"]).json()["resultaat"]
    assert plain.patch(resultaat, {"toelichting": "x"}, format="json").status_code == 403
    assert _status(plain, zaak, zaaktype.begin, "2026-04-01T10:00:00Z").status_code == 403
    assert api.patch(zaak["url"], {"omschrijving": "Correctie"}, format="json").status_code == 200


def test_zrc_008_reopening_needs_heropenen_and_clears_archiving(zgw_client, org_a, api, make_zaak, zaaktype):
    zaak = make_zaak()
    _resultaat(api, zaak, zaaktype.resultaattype)
    _status(api, zaak, zaaktype.eind)
    geforceerd = zgw_client(
        org_a, [grant(zaaktype, ["zaken.lezen", "zaken.geforceerd-bijwerken", "zaken.statussen.toevoegen"])]
    )
    assert _status(geforceerd, zaak, zaaktype.begin, "2026-04-01T10:00:00Z").status_code == 403
    reopened = _status(api, zaak, zaaktype.begin, "2026-04-01T10:00:00Z")
    assert reopened.status_code == 201, reopened.json()
    body = api.get(zaak["url"]).json()
    assert (body["einddatum"], body["archiefactiedatum"], body["archiefnominatie"]) == (None, None, None)
    assert body["status"] == reopened.json()["url"]


def test_status_moment_unique_and_not_in_future(api, make_zaak, zaaktype):
    zaak = make_zaak()
    assert _status(api, zaak, zaaktype.begin).status_code == 201
    assert "unique" in _codes(_status(api, zaak, zaaktype.begin))
    assert "date-in-future" in _codes(_status(api, zaak, zaaktype.begin, "2999-01-01T00:00:00Z"))


def test_zrc_020_resultaattype_of_the_zaaktype_one_per_zaak(api, make_zaak, zaaktype, org_a):
    zaak = make_zaak()
    with tenancy.system_scope():
        other = published_zaaktype(org_a)
    mismatch = _resultaat(api, zaak, other.resultaattype)
    assert mismatch.status_code == 400 and "zaaktype-mismatch" in _codes(mismatch)
    created = _resultaat(api, zaak, zaaktype.resultaattype)
    assert created.status_code == 201
    assert "unique" in _codes(_resultaat(api, zaak, zaaktype.resultaattype))
    url = created.json()["url"]
    assert api.patch(url, {"toelichting": "Vergunning verleend"}, format="json").json()["toelichting"]
    assert api.get(RESULTATEN, {"zaak": zaak["url"]}).json()["count"] == 1
    assert api.delete(url).status_code == 204
    assert api.get(zaak["url"]).json()["resultaat"] is None


def _close_with(api, make_zaak, zaaktype, afleidingswijze, **zaak_values):
    with tenancy.system_scope():
        resultaattype = ResultaattypeFactory(
            zaaktype=zaaktype,
            brondatum_archiefprocedure_afleidingswijze=afleidingswijze,
            brondatum_archiefprocedure_procestermijn="P1Y",
            archiefactietermijn="P10Y",
        )
    zaak = make_zaak(**zaak_values)
    _resultaat(api, zaak, resultaattype)
    response = _status(api, zaak, zaaktype.eind, "2026-03-01T12:00:00+01:00")
    assert response.status_code == 201, response.json()
    return api.get(zaak["url"]).json()


def test_zrc_021_afleidingswijze_termijn(api, make_zaak, zaaktype):
    assert _close_with(api, make_zaak, zaaktype, "termijn")["archiefactiedatum"] == "2037-03-01"


def test_zrc_021_afleidingswijze_ander_datumkenmerk_sets_nothing(api, make_zaak, zaaktype):
    body = _close_with(api, make_zaak, zaaktype, "ander_datumkenmerk")
    assert body["archiefactiedatum"] is None and body["archiefnominatie"] == "vernietigen"


def test_zrc_021_keeps_a_given_archiefactiedatum_and_nominatie(api, make_zaak, zaaktype):
    body = _close_with(
        api,
        make_zaak,
        zaaktype,
        "afgehandeld",
        archiefactiedatum="2050-01-01",
        archiefnominatie="blijvend_bewaren",
    )
    assert (body["archiefactiedatum"], body["archiefnominatie"]) == ("2050-01-01", "blijvend_bewaren")


def test_zrc_021_afleidingswijze_hoofdzaak_and_gerelateerde_zaak(api, make_zaak, zaaktype):
    hoofd = make_zaak()
    _resultaat(api, hoofd, zaaktype.resultaattype)
    _status(api, hoofd, zaaktype.eind, "2026-01-20T12:00:00+01:00")
    deel = _close_with(api, make_zaak, zaaktype, "hoofdzaak", hoofdzaak=hoofd["url"])
    assert deel["archiefactiedatum"] == "2036-01-20"
    related = _close_with(
        api,
        make_zaak,
        zaaktype,
        "gerelateerde_zaak",
        relevanteAndereZaken=[{"url": hoofd["url"], "aardRelatie": "vervolg"}],
    )
    assert related["archiefactiedatum"] == "2036-01-20"


class _Rows(list):
    """A stand-in for a related manager of a sub-resource that is built elsewhere."""

    def filter(self, **lookups):
        return _Rows(r for r in self if all(_get(r, k) == v for k, v in lookups.items()))

    def values_list(self, field, flat=True):
        return [_get(r, field) for r in self]


def _get(record, path):
    for part in path.split("__"):
        record = getattr(record, part)
    return record


class _Obj:
    def __init__(self, **values):
        self.__dict__.update(values)


class _ZaakWith:
    """A zaak whose sub-resource relations exist, as they will once those models are there."""

    hoofdzaak_id = None
    archiefnominatie = ""
    archiefactiedatum = None

    def __init__(self, **relations):
        for name, rows in relations.items():
            setattr(type(self), name, _Rows(rows))


@pytest.mark.parametrize(
    "afleidingswijze,relation,rows,expected",
    [
        (
            "eigenschap",
            "zaakeigenschappen",
            [
                _Obj(eigenschap=_Obj(naam="vervaldatum"), waarde="2027-05-01"),
                _Obj(eigenschap=_Obj(naam="anders"), waarde="2030-01-01"),
            ],
            date(2037, 5, 1),
        ),
        (
            "zaakobject",
            "zaakobjecten",
            [
                _Obj(object_type="pand", object_identificatie={"sloopdatum": "2028-02-02"}),
                _Obj(object_type="pand", object_identificatie={"sloopdatum": "2028-06-30T10:00:00Z"}),
                _Obj(object_type="adres", object_identificatie={"sloopdatum": "2040-01-01"}),
            ],
            date(2038, 6, 30),
        ),
        (
            "ingangsdatum_besluit",
            "besluiten",  # through the Besluiten component's services.besluiten_of_zaak
            [
                _Obj(ingangsdatum=date(2026, 1, 1), vervaldatum=date(2027, 1, 1)),
                _Obj(ingangsdatum=date(2026, 6, 1), vervaldatum=None),
            ],
            date(2036, 6, 1),
        ),
        (
            "vervaldatum_besluit",
            "besluiten",
            [_Obj(ingangsdatum=date(2026, 1, 1), vervaldatum=date(2027, 1, 1))],
            date(2037, 1, 1),
        ),
    ],
)
def test_zrc_021_derivations_through_the_documented_relations(
    afleidingswijze, relation, rows, expected, monkeypatch
):
    if relation == "besluiten":
        monkeypatch.setattr(archiving, "_besluiten_of", lambda zaak: rows)
    resultaattype = _Obj(
        archiefnominatie="vernietigen",
        archiefactietermijn="P10Y",
        brondatum_archiefprocedure_afleidingswijze=afleidingswijze,
        brondatum_archiefprocedure_datumkenmerk="vervaldatum"
        if afleidingswijze == "eigenschap"
        else "sloopdatum",
        brondatum_archiefprocedure_objecttype="pand",
        brondatum_archiefprocedure_procestermijn="",
    )
    zaak = type("Zaak", (_ZaakWith,), {})(**{relation: rows})
    assert archiving.on_close(zaak, resultaattype, date(2026, 3, 1)).archiefactiedatum == expected


def test_zrc_021_missing_relation_sets_no_date(make_zaak):
    with tenancy.system_scope():
        zaak = Zaak.objects.get(uuid=make_zaak()["uuid"])
    resultaattype = _Obj(
        archiefnominatie="vernietigen",
        archiefactietermijn="P10Y",
        brondatum_archiefprocedure_afleidingswijze="vervaldatum_besluit",
        brondatum_archiefprocedure_procestermijn="",
    )
    assert archiving.on_close(zaak, resultaattype, date(2026, 3, 1)).archiefactiedatum is None


def test_zrc_021_besluit_dates_from_the_besluiten_component(make_zaak, zaaktype, org_a):
    """The zaak's besluiten in this installation's Besluiten API give the date; a zaakbesluit
    of a besluit elsewhere is not fetched (no date from it)."""
    from django.apps import apps

    if not apps.is_installed("raadhuis.zgw.besluiten"):
        pytest.skip("the Besluiten component is not installed")
    from raadhuis.zgw.besluiten.models import Besluit
    from tests.zgw.catalogi.factories import BesluittypeFactory

    with tenancy.system_scope():
        zaak = Zaak.objects.get(uuid=make_zaak()["uuid"])
        besluittype = BesluittypeFactory(catalogus=zaaktype.catalogus)
        for number, (ingang, verval) in enumerate([(date(2026, 2, 1), None), (date(2026, 4, 1), None)]):
            Besluit.objects.create(organisation=org_a, identificatie=f"B-{number}", besluittype=besluittype,
                                   verantwoordelijke_organisatie=org_a.rsin, zaak=zaak, datum=ingang,
                                   ingangsdatum=ingang, vervaldatum=verval)
        resultaattype = _Obj(archiefnominatie="vernietigen", archiefactietermijn="P10Y",
                             brondatum_archiefprocedure_afleidingswijze="ingangsdatum_besluit",
                             brondatum_archiefprocedure_procestermijn="")
        assert archiving.on_close(zaak, resultaattype, date(2026, 5, 1)).archiefactiedatum == date(2036, 4, 1)
        resultaattype.brondatum_archiefprocedure_afleidingswijze = "vervaldatum_besluit"
        assert archiving.on_close(zaak, resultaattype, date(2026, 5, 1)).archiefactiedatum is None


def test_status_expand_and_unknown_statustype(api, make_zaak, zaaktype):
    zaak = make_zaak()
    url = _status(api, zaak, zaaktype.begin).json()["url"]
    body = api.get(url, {"expand": "zaak,statustype"}).json()
    assert body["_expand"]["zaak"]["url"] == zaak["url"]
    assert body["_expand"]["statustype"]["url"].endswith(str(zaaktype.begin.uuid))
    with tenancy.system_scope():
        StatustypeFactory(zaaktype=zaaktype, volgnummer=9)
    assert api.get(url, {"expand": "onbekend"}).status_code == 404  # zrc-027


@pytest.mark.parametrize("collection", ["status", "resultaat"])
def test_etag_on_statussen_and_resultaten(api, make_zaak, zaaktype, collection):
    """HTTP caching as for the zaak: ETag, If-None-Match (304) and HEAD; no CRS here."""
    zaak = make_zaak()
    response = (_status(api, zaak, zaaktype.begin) if collection == "status"
                else _resultaat(api, zaak, zaaktype.resultaattype))
    url = response.json()["url"]
    read = api.get(url, HTTP_ACCEPT_CRS=None, HTTP_CONTENT_CRS=None)
    tag = read["ETag"]
    assert read.status_code == 200 and "Content-Crs" not in read
    cached = api.get(url, HTTP_IF_NONE_MATCH=tag)
    assert cached.status_code == 304 and cached.content == b""
    head = api.head(url)
    assert head.status_code == 200 and head.content == b"" and head["ETag"] == tag
    if collection == "resultaat":
        api.patch(url, {"toelichting": "Anders"}, format="json")
        assert api.get(url, HTTP_IF_NONE_MATCH=tag).status_code == 200


def test_status_gezetdoor_must_be_a_url(api, make_zaak, zaaktype):
    zaak = make_zaak()
    response = api.post(STATUSSEN, {
        "zaak": zaak["url"], "statustype": zaaktype_url(zaaktype.begin, "statustypen"),
        "datumStatusGezet": "2026-02-01T10:00:00+01:00", "gezetdoor": "niemand"}, format="json")
    assert response.status_code == 400 and "bad-url" in _codes(response)


def test_zrc_026_startdatum_bewaartermijn_only_for_zaken_to_destroy(api, make_zaak, zaaktype):
    """zrc-026 (bewaren): the bewaartermijn of a zaak to destroy starts where its procestermijn
    ends (the brondatum); a zaak kept forever gets none; a date determined during the
    handling of the zaak is kept."""
    vernietigen = _close_with(api, make_zaak, zaaktype, "termijn")
    assert vernietigen["archiefnominatie"] == "vernietigen"
    assert vernietigen["startdatumBewaartermijn"] == "2027-03-01"  # einddatum 2026-03-01 + P1Y
    bewaren = _close_with(api, make_zaak, zaaktype, "termijn", archiefnominatie="blijvend_bewaren")
    assert bewaren["startdatumBewaartermijn"] is None
    bepaald = _close_with(api, make_zaak, zaaktype, "termijn", startdatumBewaartermijn="2026-12-01")
    assert bepaald["startdatumBewaartermijn"] == "2026-12-01"
