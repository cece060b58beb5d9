"""zrc-002 under load: parallel creates without identificatie never share a number."""

import threading

import pytest
from django.db import connection

from raadhuis.platform import tenancy
from raadhuis.zgw.zaken import services
from tests.zgw.zaken.factories import published_zaaktype

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="real parallel transactions need PostgreSQL (SQLite serialises writers)",
)


@pytest.mark.django_db(transaction=True)
def test_parallel_creates_get_different_identificaties(two_municipalities):
    organisation = two_municipalities[0]
    with tenancy.system_scope():
        zaaktype = published_zaaktype(organisation)
    results, errors, start = [], [], threading.Barrier(8)

    def create():
        try:
            start.wait()
            with tenancy.scope_for([organisation.pk]):
                zaak = services.create_zaak(
                    {
                        "zaaktype": zaaktype,
                        "bronorganisatie": organisation.rsin,
                        "verantwoordelijke_organisatie": organisation.rsin,
                        "startdatum": "2026-01-05",
                    }
                )
            results.append(zaak.identificatie)
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=create) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert len(results) == 8 and len(set(results)) == 8


def _in_parallel(work, arguments) -> list:
    errors, start = [], threading.Barrier(len(arguments))

    def run(argument):
        try:
            start.wait()
            work(argument)
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(argument,)) for argument in arguments]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors


@pytest.mark.django_db(transaction=True)
def test_parallel_writes_keep_the_zaken_counts_exact(two_municipalities, monkeypatch):
    """ADR 0021: parallel creates (own identificaties, so no zaaknummer lock orders them),
    changes of level and deletes of the same zaak add up to COUNT(*)."""
    from raadhuis.platform import tasks
    from raadhuis.zgw.zaken.models import ZaakCount

    # Other modules' in-process tasks after each commit (iNzicht) would still be reading
    # when the database is flushed after the test, and deadlock with it.
    monkeypatch.setattr(tasks, "_submit", lambda *args: None)

    organisation = two_municipalities[0]
    with tenancy.system_scope():
        zaaktype = published_zaaktype(organisation)
    scope = [organisation.pk]

    def create_and_change(number):
        with tenancy.scope_for(scope):
            zaken = [services.create_zaak({
                "zaaktype": zaaktype, "identificatie": f"PAR-{number}-{i}",
                "vertrouwelijkheidaanduiding": "intern",
                "bronorganisatie": organisation.rsin, "verantwoordelijke_organisatie": organisation.rsin,
                "startdatum": "2026-01-05"}) for i in range(2)]
            services.update_zaak(zaken[0], {"vertrouwelijkheidaanduiding": "geheim"}, partial=True)

    assert _in_parallel(create_and_change, range(6)) == []
    with tenancy.scope_for(scope):
        twice = [services.Zaak.objects.filter(identificatie__startswith="PAR-0-") for _ in range(2)]
        victims = [zaak for queryset in twice for zaak in queryset]  # two instances of each

    def delete(zaak):  # two clients delete the same zaak at once: it is subtracted once
        with tenancy.scope_for(scope):
            services.delete_zaak(zaak)

    assert _in_parallel(delete, victims) == []
    with tenancy.system_scope():
        assert ZaakCount.differences() == {}
        stored = dict(ZaakCount.objects.filter(organisation=organisation).values_list(
            "vertrouwelijkheidaanduiding", "n"))
    assert stored == {"intern": 6 - 1, "geheim": 6 - 1}  # PAR-0-*, one of each level, deleted
