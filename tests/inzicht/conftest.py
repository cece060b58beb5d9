"""A fixed data set with hand-computed KPIs: two municipalities, zaken registered and closed
in January–March 2025 (dates chosen around weekends; no Atw feestdag falls in the terms)."""

from __future__ import annotations

from contextlib import contextmanager
from datetime import date, datetime, time
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.db import transaction
from django.test import override_settings

from raadhuis.inzicht import services as inzicht
from raadhuis.platform import context, outbox, tenancy
from raadhuis.werkplek import demo as werkplek_demo
from raadhuis.werkplek import services as werkplek
from raadhuis.werkplek import zaakdata
from raadhuis.zgw.catalogi import demo as catalogi_demo
from raadhuis.zgw.catalogi import services as catalogi
from raadhuis.zgw.zaken import services as zaken
from tests.factories import OrganisationFactory, member

ZAAKTYPEN = {"PARKVERG", "MOR", "BEZWAAR", "VERHUIZING"}
TYPES = {"Aanvraag", "Melding", "Foto", "Besluit", "Bezwaarschrift", "Verslag", "Advies"}
AMSTERDAM = ZoneInfo("Europe/Amsterdam")
NOORD, ZUID = (5.1, 52.15), (5.1, 52.0)
WIJKEN = Path(inzicht.__file__).parent / "data" / "voorbeeldstad-wijken.geojson"
BALIE = context.Actor(gebruikers_id="bea", gebruikers_weergave="Bea", applicatie_id="raadhuis-werkplek")
PORTAAL = context.Actor(gebruikers_id="inwoner", applicatie_id="raadhuis-portaal")


@contextmanager
def catalogue():
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(
            catalogi_demo,
            "ZAAKTYPEN",
            [z for z in catalogi_demo.ZAAKTYPEN if z["identificatie"] in ZAAKTYPEN],
        )
        patch.setattr(
            catalogi_demo,
            "INFORMATIEOBJECTTYPEN",
            [t for t in catalogi_demo.INFORMATIEOBJECTTYPEN if t[0] in TYPES],
        )
        patch.setattr(
            catalogi_demo,
            "BESLUITTYPEN",
            [
                b
                for b in catalogi_demo.BESLUITTYPEN
                if b[0] in ("Parkeervergunning verlenen", "Beslissing op bezwaar")
            ],
        )
        yield


def _gemeente(name, slug, rsin):
    organisation = OrganisationFactory(name=name, slug=slug, rsin=rsin)
    catalogi_demo.load(organisation, None)
    return organisation


def at(day: date) -> datetime:
    return datetime.combine(day, time(12), AMSTERDAM)


class Builder:
    """Zaken with chosen dates, through the Zaken and werkplek services."""

    def __init__(self, organisation) -> None:
        self.organisation = organisation

    @contextmanager
    def scope(self, actor=BALIE):
        with tenancy.scope_for([self.organisation.pk]), context.acting_as(actor):
            yield

    def zaaktype(self, identificatie):
        return next(
            z for z in catalogi.published_zaaktypen(self.organisation) if z.identificatie == identificatie
        )

    def zaak(self, identificatie, start: date, *, actor=BALIE, omschrijving="Testzaak", point=None, **extra):
        with self.scope(actor):
            zaaktype = self.zaaktype(identificatie)
            attrs = {
                "zaaktype": zaaktype,
                "bronorganisatie": self.organisation.rsin,
                "verantwoordelijke_organisatie": self.organisation.rsin,
                "omschrijving": omschrijving,
                "startdatum": start,
                "registratiedatum": start,
                **extra,
            }
            if point:
                attrs["zaakgeometrie"] = {"type": "Point", "coordinates": list(point)}
            zaak = zaken.create_zaak(attrs)
            self.status(zaak, 0, start)
            return zaak

    def status(self, zaak, index: int, day: date, *, reopen=False):
        statustype = catalogi.statustypen_for(zaak.zaaktype)[index]
        zaken.set_status(
            {"zaak": zaak, "statustype": statustype, "datum_status_gezet": at(day), "statustoelichting": ""},
            reopen=reopen,
        )

    def close(self, zaak, day: date):
        with self.scope():
            zaak = zaken.get_zaak(zaak.uuid)
            if zaakdata.resultaat(zaak) is None:
                resultaattype = zaak.zaaktype.resultaattypen.order_by("pk").first()
                zaken.save_resultaat(None, {"zaak": zaak, "resultaattype": resultaattype})
            self.status(zaak, -1, day)

    def reopen(self, zaak, day: date):
        with self.scope():
            self.status(zaken.get_zaak(zaak.uuid), 1, day, reopen=True)

    def besluit(self, zaak, day: date):
        with self.scope():
            besluittype = catalogi.besluittypen_for(zaak.zaaktype)[0]
            werkplek.record_besluit(zaken.get_zaak(zaak.uuid), besluittype, datum=day)


def deliver_and_refresh() -> int:
    """What the outbox dispatcher and the background task do after commit."""
    outbox.drain()
    with tenancy.system_scope():
        return inzicht.verversen()


def _dataset(a, b) -> dict:
    """The fixed data set of Gemeente Voorbeeldstad (see test_kpi for the hand computation),
    and two zaken of Gemeente Proefdorp that must never show up in its figures."""
    build = Builder(a)
    d = date
    z = {}
    z[1] = build.zaak("PARKVERG", d(2025, 1, 6))
    build.besluit(z[1], d(2025, 3, 3))
    build.close(z[1], d(2025, 3, 3))
    z[2] = build.zaak("PARKVERG", d(2025, 1, 6))
    build.besluit(z[2], d(2025, 3, 10))
    build.close(z[2], d(2025, 3, 10))
    z[3] = build.zaak("PARKVERG", d(2025, 1, 6))
    with build.scope():
        werkplek.suspend(zaken.get_zaak(z[3].uuid), "Aanvulling gevraagd", van=d(2025, 1, 10))
        werkplek.resume(zaken.get_zaak(z[3].uuid), tot=d(2025, 1, 20))
    build.close(z[3], d(2025, 3, 10))
    z[4] = build.zaak("PARKVERG", d(2025, 1, 6))
    with build.scope():
        werkplek.extend(zaken.get_zaak(z[4].uuid), "Advies nodig", "P2W")
    build.close(z[4], d(2025, 3, 14))
    z[5] = build.zaak("VERHUIZING", d(2025, 3, 5))
    build.close(z[5], d(2025, 3, 12))
    z[6] = build.zaak("MOR", d(2025, 3, 3), actor=PORTAAL, omschrijving="Losliggende stoeptegel", point=NOORD)
    build.close(z[6], d(2025, 3, 7))
    z[7] = build.zaak("MOR", d(2025, 3, 10), actor=PORTAAL, omschrijving="Zwerfafval", point=ZUID)
    build.close(z[7], d(2025, 3, 12))
    build.reopen(z[7], d(2025, 3, 13))
    build.close(z[7], d(2025, 3, 20))
    z[8] = build.zaak("MOR", d(2025, 3, 20), actor=PORTAAL, omschrijving="Zwerfafval", point=ZUID)
    z[9] = build.zaak("BEZWAAR", d(2025, 3, 15))
    z[10] = build.zaak("PARKVERG", d(2025, 2, 3))
    z[11] = build.zaak("PARKVERG", d(2025, 3, 4), vertrouwelijkheidaanduiding="geheim")
    other = Builder(b)
    z["b1"] = other.zaak("PARKVERG", d(2025, 3, 3))
    other.close(z["b1"], d(2025, 3, 5))
    z["b2"] = other.zaak("MOR", d(2025, 3, 3))
    deliver_and_refresh()
    return z


@pytest.fixture(scope="module")
def _world(django_db_setup, django_db_blocker):
    """Built once per test module, in a transaction rolled back at its end; every test runs
    in a savepoint inside it (``db``)."""
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            with override_settings(RAADHUIS_BASE_URL="http://testserver"), catalogue():
                with tenancy.system_scope():
                    a = _gemeente("Gemeente Voorbeeldstad", "voorbeeldstad", "002220647")
                    b = _gemeente("Gemeente Proefdorp", "proefdorp", "001234567")
                    werkplek_demo.load(a, None)  # teams and the working-day rule of VERHUIZING
                    inzicht.load_gebieden(a, WIJKEN.read_bytes())
                    users = {
                        "manager": member(a, "manager", username="manon"),
                        "kcc": member(a, "kcc", username="kees"),
                        "manager_b": member(b, "manager", username="mark"),
                    }
                zaken_ = _dataset(a, b)
            yield {"gemeenten": (a, b), "zaken": zaken_, **users}
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.fixture
def gemeenten(_world, db, settings):
    settings.RAADHUIS_BASE_URL = "http://testserver"
    return _world["gemeenten"]


@pytest.fixture
def dataset(_world, gemeenten):
    return _world["zaken"]


@pytest.fixture
def manager(_world, gemeenten):
    return _world["manager"]


@pytest.fixture
def kcc(_world, gemeenten):
    return _world["kcc"]


@pytest.fixture
def manager_b(_world, gemeenten):
    return _world["manager_b"]
