"""A resident in a real browser: simulator login, a parkeervergunning with prefilled name and
address, payment in the test provider, the zaak in Mijn zaken, the status e-mail after an
employee's status change, an extra document; and an anonymous melding with a location.
Every page passes an axe-core scan (no serious or critical WCAG 2.1 AA violations)."""

from __future__ import annotations

import time
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from raadhuis.platform import tenancy
from raadhuis.portal.models import Submission
from raadhuis.zgw.catalogi import services as catalogi
from raadhuis.zgw.documenten import services as documenten
from raadhuis.zgw.zaken import services as zaken
from tests.portal.conftest import PDF, PNG, build_gemeente, living_adult

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]


@pytest.fixture
def voorbeeldstad(transactional_db, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    return build_gemeente()[0]


def wait_for(condition, seconds: float = 15.0):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.2)
    return False


def test_resident_applies_pays_and_follows_the_case(live_server, page, axe_check, voorbeeldstad, tmp_path):
    persoon = living_adult(voorbeeldstad)
    base = f"{live_server.url}/portaal/voorbeeldstad"
    page.goto(f"{base}/")
    axe_check(page, context="home")
    page.get_by_role("link", name="Producten en diensten").click()
    page.get_by_label("Zoek een product of dienst").fill("parkeren")
    page.get_by_role("button", name="Zoeken").click()
    axe_check(page, context="search results")
    page.get_by_role("link", name="Parkeervergunning").click()
    axe_check(page, context="product")

    page.get_by_role("link", name="Inloggen en online aanvragen").click()
    axe_check(page, context="login")
    page.get_by_role("link", name="Inloggen met de simulator").click()
    axe_check(page, context="simulator")
    page.get_by_label("BSN of KvK-nummer").fill(persoon.burgerservicenummer)
    page.get_by_role("button", name="Inloggen").click()
    page.get_by_role("button", name="Online aanvragen").click()

    assert persoon.geslachtsnaam in page.locator(".portal-data").inner_text()
    assert persoon.verblijfplaats.postcode[:4] in page.locator(".portal-data").inner_text()
    axe_check(page, context="step 1")
    page.get_by_label("E-mailadres").fill("inwoner@example.nl")
    page.get_by_role("button", name="Volgende").click()

    page.get_by_role("button", name="Volgende").click()  # nothing filled in: Dutch errors
    assert page.get_by_role("alert").is_visible() and "Dit veld is vereist." in page.content()
    axe_check(page, context="step 2 with errors")
    page.get_by_label("Bewonersvergunning").check()
    assert not page.get_by_label("Naam van uw bedrijf").is_visible()  # conditional, hidden by JS
    page.get_by_label("Kenteken", exact=True).fill("AB-123-C")
    page.get_by_label("Ingangsdatum").fill((timezone.localdate() + timedelta(days=7)).isoformat())
    bewijs = tmp_path / "kentekenbewijs.pdf"
    bewijs.write_bytes(PDF)
    page.get_by_label("Kentekenbewijs").set_input_files(str(bewijs))
    axe_check(page, context="step 2")
    page.get_by_role("button", name="Volgende").click()

    assert "AB-123-C" in page.content()
    axe_check(page, context="summary")
    page.get_by_label("Ik verklaar").check()
    page.get_by_role("button", name="Versturen en betalen").click()
    axe_check(page, context="test payment")
    page.get_by_role("button", name="Betaling geslaagd").click()

    page.get_by_role("heading", name="Wij hebben uw aanvraag ontvangen").wait_for()
    axe_check(page, context="confirmation")
    submission = Submission.all_tenants.get()
    assert submission.zaak_identificatie in page.content()
    page.get_by_role("link", name="Bekijk uw zaak in Mijn zaken").click()
    axe_check(page, context="case")
    page.get_by_role("link", name="Terug naar Mijn zaken").click()
    assert submission.zaak_identificatie in page.content()
    axe_check(page, context="my cases")

    # An employee moves the case on; the resident gets the status e-mail (outbox, after commit).
    mail.outbox.clear()
    with tenancy.scope_for([voorbeeldstad.pk]):
        zaak = zaken.get_zaak(submission.zaak_uuid)
        zaken.set_status({"zaak": zaak, "statustype": catalogi.statustypen_for(zaak.zaaktype)[1],
                          "datum_status_gezet": timezone.now(), "statustoelichting": ""})
    assert wait_for(lambda: any("In behandeling" in m.subject for m in mail.outbox)), "no status e-mail"
    assert mail.outbox[-1].to == ["inwoner@example.nl"]

    page.goto(f"{base}/mijn-zaken/{zaak.uuid}/")
    assert "Uw zaak heeft de status: in behandeling." in page.content()
    extra = tmp_path / "foto.png"
    extra.write_bytes(PNG)
    page.get_by_label("Omschrijving van het document").fill("Foto van mijn parkeerplek")
    page.get_by_label("Bestand (PDF, JPG of PNG").set_input_files(str(extra))
    page.get_by_role("button", name="Document versturen").click()
    page.get_by_role("link", name="Foto van mijn parkeerplek").wait_for()
    axe_check(page, context="case after upload")
    page.get_by_role("link", name="Berichten").first.click()
    axe_check(page, context="inbox")
    with tenancy.scope_for([voorbeeldstad.pk]):
        titles = [v.titel for v in documenten.latest_versions_for_urls(zaken.informatieobject_urls_of(zaak))]
    assert "Foto van mijn parkeerplek" in titles


def test_anonymous_melding_with_a_location_on_the_map(live_server, page, axe_check, voorbeeldstad, tmp_path):
    page.goto(f"{live_server.url}/portaal/voorbeeldstad/melding/")
    axe_check(page, context="melding")
    page.get_by_label("Straatverlichting").check()
    page.get_by_label("Omschrijving").fill("De lantaarnpaal voor nummer 12 brandt al een week niet.")
    page.locator("#map").click(position={"x": 200, "y": 150})
    assert page.locator("#id_latitude").input_value()
    foto = tmp_path / "lantaarnpaal.png"
    foto.write_bytes(PNG)
    page.get_by_label("Foto (JPG of PNG").set_input_files(str(foto))
    page.get_by_label("E-mailadres").fill("melder@example.nl")
    page.get_by_role("button", name="Melding versturen").click()
    page.get_by_role("heading", name="Bedankt voor uw melding").wait_for()
    axe_check(page, context="melding received")
    with tenancy.scope_for([voorbeeldstad.pk]):
        from raadhuis.zgw.zaken.models import Zaak

        zaak = Zaak.objects.get()
    assert zaak.identificatie in page.content()
    assert zaak.zaakgeometrie["type"] == "Point"
    lon, lat = zaak.zaakgeometrie["coordinates"]
    assert 3.2 < lon < 7.3 and 50.7 < lat < 53.7
