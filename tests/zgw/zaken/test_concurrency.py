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
