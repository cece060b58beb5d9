"""Wegen tests: a small simulated city, a quickly trained classifier, and municipalities with
the MOR zaaktype (meldingen openbare ruimte)."""

from __future__ import annotations

from functools import lru_cache

import numpy as np
import pytest

from raadhuis.platform import tenancy
from raadhuis.wegen.analysis import simulator, training
from tests.zgw.zaken.factories import CatalogusFactory, StatustypeFactory, ZaaktypeFactory


@lru_cache(maxsize=1)
def small_city() -> simulator.SimulatedCity:
    return simulator.grid_city(np.random.default_rng(5), columns=4, rows=4)


@lru_cache(maxsize=1)
def quick_classifier():
    """Trained on a few drives (seconds); the benchmark trains the full one."""
    return training.train_on_simulation(seed=21, cities=1, drives_per_city=4)


def drive(seed: int, **options):
    return simulator.drive(small_city(), np.random.default_rng(seed), **options)


@pytest.fixture
def city():
    return small_city()


@pytest.fixture
def classifier():
    return quick_classifier()


@pytest.fixture
def aadorp(two_municipalities):
    org = two_municipalities[0]
    with tenancy.system_scope():
        catalogus = CatalogusFactory(organisation=org)
        zaaktype = ZaaktypeFactory(
            catalogus=catalogus,
            identificatie="MOR",
            omschrijving="Melding openbare ruimte",
            vertrouwelijkheidaanduiding="openbaar",
        )
        for number, omschrijving in enumerate(["Ontvangen", "Afgehandeld"], start=1):
            StatustypeFactory(zaaktype=zaaktype, volgnummer=number, omschrijving=omschrijving)
    return org


@pytest.fixture
def beestad(two_municipalities):
    return two_municipalities[1]
