"""The unfiltered list's count comes from RecordCount (ADR 0038): exact after every kind of
write, for every date, per readable type and per organisation."""

from datetime import date

import pytest

from raadhuis.objecten import services
from raadhuis.objecten.models import RecordCount
from raadhuis.platform import tenancy

pytestmark = pytest.mark.django_db

OBJECTS = "/objects/api/v2/objects"
DATES = ["2019-12-31", "2020-01-01", "2020-06-01", "2021-01-01", "2022-01-01", "2030-01-01"]


@pytest.fixture
def history(boom, aadorp, monkeypatch):
    """Objects with every kind of write: create, a later state, a correction, a delete, an import."""
    monkeypatch.setattr(services, "today", lambda: date(2021, 6, 1))
    with tenancy.scope_for([aadorp.pk]):
        eik = services.create_object(boom, data={"soort": "Eik"}, start_at=date(2020, 1, 1))
        services.update_object(eik, data={"soort": "Eik", "hoogte": 9}, start_at=date(2021, 1, 1))
        services.update_object(eik, data={"soort": "Eik", "hoogte": 8}, correction_of=2)
        beuk = services.create_object(boom, data={"soort": "Beuk"}, start_at=date(2020, 6, 1))
        services.update_object(beuk, data={"soort": "Beuk", "hoogte": 2}, start_at=date(2022, 1, 1))
        gone = services.create_object(boom, data={"soort": "Linde"}, start_at=date(2020, 1, 1))
        services.update_object(gone, data={"soort": "Linde", "hoogte": 4}, start_at=date(2020, 6, 1))
        services.delete_object(gone)
        imported = [{"data": {"soort": "Els"}, "startAt": date(2020, 6, 1)}, {"data": {"soort": "Es"}}]
        services.bulk_create_objects(boom, imported)
        lantaarn = services.ensure_objecttype(
            organisation=aadorp, name="lichtmast", json_schema={"type": "object"}, name_plural="lichtmasten"
        )
        services.create_object(lantaarn, data={}, start_at=date(2020, 1, 1))
    return lantaarn


def _count_and_results(api, **params):
    body = api.get(OBJECTS, {**params, "pageSize": 500}).json()
    return body["count"], len(body["results"])


def test_counts_stay_exact_after_every_kind_of_write(history):
    assert RecordCount.differences() == {}


@pytest.mark.parametrize("moment", DATES)
def test_unfiltered_count_is_the_number_valid_on_the_date(objecten_client, aadorp, history, moment):
    api = objecten_client(aadorp, alles=True)
    count, shown = _count_and_results(api, date=moment)
    assert count == shown
    # The same list with a filter that matches everything is counted with COUNT(*).
    assert _count_and_results(api, date=moment, data_icontains="soort")[0] == count - (moment >= "2020")


def test_unfiltered_count_of_today(objecten_client, aadorp, history):
    api = objecten_client(aadorp, alles=True)
    assert _count_and_results(api) == (5, 5)  # eik, beuk, els, es (imported today), lichtmast


def test_count_only_of_the_readable_and_asked_types(objecten_client, aadorp, beestad, boom, history):
    lichtmast_reader = objecten_client(aadorp, permissions={history: ("read_only", None)})
    assert _count_and_results(lichtmast_reader) == (1, 1)
    assert _count_and_results(lichtmast_reader, type=boom.url) == (0, 0)
    alles = objecten_client(aadorp, alles=True)
    assert _count_and_results(alles, type=boom.url) == (4, 4)
    assert _count_and_results(objecten_client(beestad, alles=True)) == (0, 0)


def test_rebuild_recounts(history):
    RecordCount.all_tenants.update(n=0)
    assert RecordCount.differences()
    RecordCount.rebuild()
    assert RecordCount.differences() == {}
