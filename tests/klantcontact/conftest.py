"""Voorbeeldstad (portal test build) with the demo FAQ and a trained chatbot, built once per
module; the portal fixtures (gemeente, persoon, resident, ...) come along."""

from __future__ import annotations

import pytest
from django.db import transaction

from raadhuis.klantcontact import demo as klantcontact_demo
from raadhuis.klantcontact import services
from raadhuis.platform import tenancy
from tests.portal.conftest import (  # noqa: F401 - fixtures
    _media,
    build_gemeente,
    gemeente,
    persoon,
    proefdorp,
    resident,
)


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
