"""brc-002 under load: besluiten created at the same moment get different identificaties."""

import threading
from datetime import date

import pytest
from django.db import connection

from raadhuis.platform import tenancy
from raadhuis.zgw.besluiten import services
from raadhuis.zgw.besluiten.models import Besluit
from tests.zgw.besluiten.conftest import make_world

WORKERS = 8


@pytest.mark.django_db(transaction=True)
def test_brc_002_concurrent_creates_get_unique_identificaties(two_municipalities, documents):
    organisation = two_municipalities[0]
    world = make_world(organisation, documents)
    attrs = {"verantwoordelijke_organisatie": organisation.rsin, "besluittype": world.besluittype,
             "datum": date(2025, 6, 2), "ingangsdatum": date(2025, 6, 2)}
    start = threading.Barrier(WORKERS)
    made, failed = [], []

    def create():
        try:
            with tenancy.scope_for([organisation.pk]):
                start.wait()
                made.append(services.create_besluit(attrs).identificatie)
        except Exception as error:  # collected: the assertion below names it
            failed.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=create) for _ in range(WORKERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert not failed, failed
    assert sorted(made) == [f"BESLUIT-2025-{n:010d}" for n in range(1, WORKERS + 1)]
    assert Besluit.all_tenants.count() == WORKERS
