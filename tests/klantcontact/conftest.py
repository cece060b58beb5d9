"""Voorbeeldstad (portal test build) with the demo FAQ and a trained chatbot, built once per
module; the portal fixtures (gemeente, persoon, resident, ...) come along."""

from __future__ import annotations

import pytest
from django.db import transaction

from raadhuis.klantcontact import demo as klantcontact_demo
from raadhuis.klantcontact import services
from raadhuis.klantcontact.api import scopes
from raadhuis.klantcontact.models import ApiToegang
from raadhuis.platform import tenancy
from tests.portal.conftest import (  # noqa: F401 - fixtures
    _media,
    build_gemeente,
    gemeente,
    persoon,
    proefdorp,
    resident,
)
from tests.zgw.conftest import zgw_client  # noqa: F401 - fixture


@pytest.fixture(scope="module")
def _municipalities(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            org, other = build_gemeente()
            with tenancy.system_scope():
                klantcontact_demo.load(org, other)
            with tenancy.scope_for([org.pk]):
                services.train(org)
            yield org, other
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


def say(client, text: str, org: str = "voorbeeldstad", **extra):
    response = client.post(
        f"/klantcontact/{org}/chat/", {"bericht": text}, content_type="application/json", **extra
    )
    assert response.status_code == 200, response.content
    return response.json()


@pytest.fixture
def kic(zgw_client):  # noqa: F811 - the imported fixture
    """``kic(organisation, *scopes)``: an API client with those Klantinteracties scopes."""

    def build(organisation, *granted):
        api = zgw_client(organisation)
        with tenancy.system_scope():
            ApiToegang.objects.create(organisation=organisation, applicatie_uuid=api.applicatie.uuid,
                                      scopes=sorted(label for s in granted for label in s.labels))
        return api

    return build


@pytest.fixture
def writer(kic, gemeente):  # noqa: F811 - the imported fixture
    return kic(gemeente, scopes.LEZEN, scopes.AANMAKEN, scopes.BIJWERKEN, scopes.VERWIJDEREN)


@pytest.fixture
def trusted_writer(kic, gemeente):  # noqa: F811 - the imported fixture
    """A client that may also read (and so refer to) vertrouwelijke klantcontacten."""
    return kic(gemeente, scopes.LEZEN, scopes.AANMAKEN, scopes.BIJWERKEN, scopes.VERWIJDEREN,
               scopes.VERTROUWELIJK_LEZEN)
