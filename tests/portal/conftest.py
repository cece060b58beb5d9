"""Fixtures of the portal tests: Voorbeeldstad with its catalogue, a small register, the portal
demo (products, forms, theme), and a resident logged in with the simulator."""

from __future__ import annotations

import io
from datetime import date

import pytest
from django.core import mail
from django.db import transaction

from raadhuis.platform import outbox, tenancy
from raadhuis.portal import demo as portal_demo
from raadhuis.registers import demo as registers_demo
from raadhuis.registers.models import Persoon
from raadhuis.zgw.catalogi import models as catalogi
from tests.factories import OrganisationFactory
from tests.zgw.zaken.factories import (
    CatalogusFactory,
    ResultaattypeFactory,
    StatustypeFactory,
    ZaaktypeFactory,
)

SMALL_TOWN = registers_demo.DemoTown("Voorbeeldstad", "9999", 9901, (155000.0, 463000.0), 12, 0, 2)
OTHER_TOWN = registers_demo.DemoTown("Proefdorp", "9998", 9951, (141000.0, 471000.0), 4, 600, 1)
PNG = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15"
       b"\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82")
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def build_gemeente():
    with tenancy.system_scope():
        org = OrganisationFactory(name="Gemeente Voorbeeldstad", slug="voorbeeldstad", gemeentecode="9999")
        other = OrganisationFactory(name="Gemeente Proefdorp", slug="proefdorp", gemeentecode="9998")
        build_catalogue(org)
        build_catalogue(other, "PRDP")
        registers_demo.build_demo_register(org, SMALL_TOWN)
        registers_demo.build_demo_register(other, OTHER_TOWN)
        portal_demo.load(org, other)
    return org, other


# (zaaktype, vertrouwelijkheid, statustypen, documents) as the demo catalogue has them, built
# directly (the demo catalogue through the services takes many seconds per test).
ZAAKTYPEN = {
    "PARKVERG": ("Parkeervergunning", "zaakvertrouwelijk", "P8W",
                 ["Ontvangen", "In behandeling", "Besluit genomen", "Afgehandeld"], ["Aanvraag", "Besluit"]),
    "MOR": ("Melding openbare ruimte", "openbaar", "P2W", ["Ontvangen", "Ingepland", "In behandeling",
                                                           "Afgehandeld"], ["Melding", "Foto"]),
}
IOTS = {"Aanvraag": "zaakvertrouwelijk", "Besluit": "zaakvertrouwelijk", "Melding": "openbaar",
        "Foto": "openbaar", "Advies": "intern"}


def build_catalogue(org, domein="VBST"):
    catalogus = CatalogusFactory(organisation=org, domein=domein)
    for omschrijving, level in IOTS.items():
        catalogi.Informatieobjecttype.objects.create(
            catalogus=catalogus, omschrijving=omschrijving, vertrouwelijkheidaanduiding=level,
            informatieobjectcategorie=omschrijving, begin_geldigheid=date(2024, 1, 1), concept=False)
    for identificatie, (naam, level, doorlooptijd, statussen, documenten) in ZAAKTYPEN.items():
        zaaktype = ZaaktypeFactory(catalogus=catalogus, identificatie=identificatie, omschrijving=naam,
                                   vertrouwelijkheidaanduiding=level, doorlooptijd_behandeling=doorlooptijd)
        for number, omschrijving in enumerate(statussen, start=1):
            StatustypeFactory(zaaktype=zaaktype, volgnummer=number, omschrijving=omschrijving,
                              informeren=True,
                              statustekst=f"Uw zaak heeft de status: {omschrijving.lower()}.")
        for omschrijving, generiek in (("Aanvrager", "initiator"), ("Behandelaar", "behandelaar")):
            catalogi.Roltype.objects.create(zaaktype=zaaktype, omschrijving=omschrijving,
                                            omschrijving_generiek=generiek)
        for number, omschrijving in enumerate([*documenten, "Advies"], start=1):
            catalogi.ZaaktypeInformatieobjecttype.objects.create(
                zaaktype=zaaktype, informatieobjecttype=omschrijving, volgnummer=number, richting="inkomend")
        ResultaattypeFactory(zaaktype=zaaktype)


@pytest.fixture(scope="module")
def _municipalities(django_db_setup, django_db_blocker):
    """Built once per test module inside a transaction that is rolled back at its end; each
    test runs in a savepoint within it (as Django's TestCase.setUpTestData does)."""
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            yield build_gemeente()
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.fixture
def gemeente(_municipalities, db):
    return _municipalities[0]


@pytest.fixture
def proefdorp(_municipalities, db):
    return _municipalities[1]


def living_adult(org) -> Persoon:
    with tenancy.system_scope():
        return (Persoon.objects.filter(organisation=org, overlijdensdatum__isnull=True,
                                       verblijfplaats__isnull=False, geboortedatum__year__lt=2000,
                                       indicatie_geheim=0)
                .select_related("verblijfplaats").order_by("burgerservicenummer").first())


@pytest.fixture
def persoon(gemeente):
    return living_adult(gemeente)


@pytest.fixture
def resident(client, gemeente, persoon):
    """The client, logged in on the portal with the simulator as ``persoon``."""
    response = client.post("/portaal/voorbeeldstad/inloggen/simulator/",
                           {"kind": "digid", "identifier": persoon.burgerservicenummer, "level": "midden"})
    assert response.status_code == 302
    return client


@pytest.fixture
def drain():
    """Run the outbox now (deliveries of what the test committed)."""

    def run():
        with tenancy.system_scope():
            return outbox.drain()

    return run


def upload(name: str, content: bytes, content_type: str = "application/octet-stream"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, content, content_type=content_type)


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.STORAGES = {**settings.STORAGES, "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": str(tmp_path)}}}
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    mail.outbox = []


def big_file(size: int) -> io.BytesIO:
    return io.BytesIO(PDF + b"0" * size)
