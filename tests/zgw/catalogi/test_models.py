"""Model-level behaviour the API and the Zaken component rely on."""

from datetime import date

import pytest
from dateutil.relativedelta import relativedelta

from raadhuis.platform import tenancy
from raadhuis.zgw.catalogi.durations import parse
from raadhuis.zgw.catalogi.models import Catalogus, Statustype, Zaaktype
from tests.zgw.catalogi.factories import CatalogusFactory, StatustypeFactory, ZaaktypeFactory


@pytest.mark.parametrize("text,expected", [
    ("P8W", relativedelta(weeks=8)),
    ("P1Y6M", relativedelta(years=1, months=6)),
    ("P10D", relativedelta(days=10)),
    ("PT12H", relativedelta(hours=12)),
])
def test_iso_durations_parse(text, expected):
    assert parse(text) == expected


@pytest.mark.parametrize("text", ["", "P", "8W", "PT", "P1.5Y", "P1W2"])
def test_malformed_durations_are_refused(text):
    with pytest.raises(ValueError):
        parse(text)


def test_types_take_the_organisation_of_their_catalogus(two_municipalities, system_scope):
    a, _ = two_municipalities
    statustype = StatustypeFactory(zaaktype__catalogus__organisation=a)
    assert statustype.organisation == a == statustype.zaaktype.organisation
    assert statustype.begin_geldigheid == statustype.zaaktype.begin_geldigheid


def test_tenant_scope_hides_other_catalogi(two_municipalities, system_scope):
    a, b = two_municipalities
    CatalogusFactory(organisation=a)
    with tenancy.scope_for([b.id]):
        assert not Catalogus.objects.exists()
        assert not Zaaktype.objects.exists()


def test_list_has_lookup(two_municipalities, system_scope):
    ZaaktypeFactory(catalogus__organisation=two_municipalities[0], trefwoorden=["parkeren", "auto"])
    assert Zaaktype.objects.filter(trefwoorden__has="auto").count() == 1
    assert not Zaaktype.objects.filter(trefwoorden__has="au").exists()


def test_last_statustype_is_eindstatus(two_municipalities, system_scope):
    zaaktype = ZaaktypeFactory(catalogus__organisation=two_municipalities[0])
    first = StatustypeFactory(zaaktype=zaaktype, volgnummer=1)
    last = StatustypeFactory(zaaktype=zaaktype, volgnummer=2)
    assert not first.is_eindstatus() and last.is_eindstatus()
    assert list(Statustype.objects.filter(zaaktype=zaaktype)) == [first, last]
    assert zaaktype.geldig_op(date(2100, 1, 1))
