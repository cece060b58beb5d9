"""A municipality with the demo catalogue, teams and processes, and its employees.

Loading the demo catalogue takes seconds, so it is loaded once per test module inside a
transaction that is rolled back when the module ends (like Django's ``setUpTestData``):
each test runs in a savepoint within it and sees the catalogue as freshly loaded.
"""

import pytest
from django.db import transaction
from django.test import override_settings

from raadhuis.platform import tenancy
from raadhuis.platform.models import Organisation
from raadhuis.processen import demo as processen_demo
from raadhuis.werkplek import demo as werkplek_demo
from raadhuis.werkplek.models import Team
from raadhuis.zgw.catalogi import demo as catalogi_demo
from raadhuis.zgw.catalogi import services as catalogi
from tests.factories import OrganisationFactory, member

ZAAKTYPEN = {"PARKVERG", "MOR"}
TYPES = {"Aanvraag", "Melding", "Foto", "Besluit"}
BASE_URL = "http://testserver"


@pytest.fixture(scope="module")
def slim_catalogue():
    """The demo catalogue with only the zaaktypen these tests use: it loads in a third of the time."""
    with pytest.MonkeyPatch.context() as patch:
        zaaktypen = [z for z in catalogi_demo.ZAAKTYPEN if z["identificatie"] in ZAAKTYPEN]
        patch.setattr(catalogi_demo, "ZAAKTYPEN", zaaktypen)
        patch.setattr(
            catalogi_demo,
            "INFORMATIEOBJECTTYPEN",
            [t for t in catalogi_demo.INFORMATIEOBJECTTYPEN if t[0] in TYPES],
        )
        patch.setattr(
            catalogi_demo,
            "BESLUITTYPEN",
            [b for b in catalogi_demo.BESLUITTYPEN if b[0] == "Parkeervergunning verlenen"],
        )
        yield


@pytest.fixture(scope="module")
def module_data(django_db_setup, django_db_blocker):
    """Run ``load()`` in the module's transaction: ``module_data(load)`` returns its result."""
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()

    def run(load):
        base_url = override_settings(RAADHUIS_BASE_URL=BASE_URL)
        with django_db_blocker.unblock(), base_url, tenancy.system_scope():
            return load()

    yield run
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        atomic.__exit__(None, None, None)


@pytest.fixture(scope="module")
def _voorbeeldstad(module_data, slim_catalogue):
    def load():
        organisation = OrganisationFactory(
            name="Gemeente Voorbeeldstad", slug="voorbeeldstad", rsin="002220647", gemeentecode="9999"
        )
        catalogi_demo.load(organisation, None)
        werkplek_demo.load(organisation, None)
        return organisation.pk

    return module_data(load)


@pytest.fixture(scope="module")
def _processen(module_data, _voorbeeldstad):
    module_data(lambda: processen_demo.load(Organisation.objects.get(pk=_voorbeeldstad), None))


@pytest.fixture(scope="module")
def _proefdorp(module_data, slim_catalogue):
    def load():
        organisation = OrganisationFactory(name="Gemeente Proefdorp", slug="proefdorp")
        catalogi_demo.load(organisation, None)
        return organisation.pk

    return module_data(load)


@pytest.fixture
def gemeente(db, settings, _voorbeeldstad):
    settings.RAADHUIS_BASE_URL = BASE_URL
    with tenancy.system_scope():
        return Organisation.objects.get(pk=_voorbeeldstad)


@pytest.fixture
def met_processen(gemeente, _processen):
    return gemeente


@pytest.fixture
def andere_gemeente(db, _proefdorp):
    with tenancy.system_scope():
        return Organisation.objects.get(pk=_proefdorp)


@pytest.fixture
def behandelaar(gemeente):
    user = member(gemeente, "behandelaar", username="bea", first_name="Bea", last_name="Behandel")
    with tenancy.system_scope():
        Team.objects.get(organisation=gemeente, code="vergunningen").leden.add(user)
    return user


@pytest.fixture
def manager(gemeente):
    return member(gemeente, "manager", username="manon", first_name="Manon", last_name="Manager")


@pytest.fixture
def kcc(gemeente):
    return member(gemeente, "kcc", username="kees", first_name="Kees", last_name="KCC")


def zaaktype(organisation, identificatie):
    with tenancy.scope_for([organisation.pk]):
        return next(z for z in catalogi.published_zaaktypen(organisation) if z.identificatie == identificatie)


@pytest.fixture
def as_user():
    """Run service code as ``user`` would through the web: their scope and actor."""
    from contextlib import contextmanager

    from raadhuis.platform import context

    @contextmanager
    def run(user):
        with tenancy.activate(tenancy.scope_of_user(user)), context.acting_as(context.actor_for_user(user)):
            yield

    return run
