"""A municipality with the demo catalogue, teams and processes, and its employees."""

import pytest

from raadhuis.platform import tenancy
from raadhuis.processen import demo as processen_demo
from raadhuis.werkplek import demo as werkplek_demo
from raadhuis.werkplek.models import Team
from raadhuis.zgw.catalogi import demo as catalogi_demo
from raadhuis.zgw.catalogi import services as catalogi
from tests.factories import OrganisationFactory, member

ZAAKTYPEN = {"PARKVERG", "MOR"}
TYPES = {"Aanvraag", "Melding", "Foto", "Besluit"}


@pytest.fixture
def slim_catalogue(monkeypatch):
    """The demo catalogue with only the zaaktypen these tests use: it loads in a third of the time."""
    monkeypatch.setattr(
        catalogi_demo, "ZAAKTYPEN", [z for z in catalogi_demo.ZAAKTYPEN if z["identificatie"] in ZAAKTYPEN]
    )
    monkeypatch.setattr(
        catalogi_demo,
        "INFORMATIEOBJECTTYPEN",
        [t for t in catalogi_demo.INFORMATIEOBJECTTYPEN if t[0] in TYPES],
    )
    monkeypatch.setattr(
        catalogi_demo,
        "BESLUITTYPEN",
        [b for b in catalogi_demo.BESLUITTYPEN if b[0] == "Parkeervergunning verlenen"],
    )


@pytest.fixture
def gemeente(db, settings, slim_catalogue):
    settings.RAADHUIS_BASE_URL = "http://testserver"
    with tenancy.system_scope():
        organisation = OrganisationFactory(
            name="Gemeente Voorbeeldstad", slug="voorbeeldstad", rsin="002220647", gemeentecode="9999"
        )
        catalogi_demo.load(organisation, None)
        werkplek_demo.load(organisation, None)
    return organisation


@pytest.fixture
def met_processen(gemeente):
    with tenancy.system_scope():
        processen_demo.load(gemeente, None)
    return gemeente


@pytest.fixture
def andere_gemeente(db, slim_catalogue):
    with tenancy.system_scope():
        organisation = OrganisationFactory(name="Gemeente Proefdorp", slug="proefdorp")
        catalogi_demo.load(organisation, None)
    return organisation


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
