"""Anonymous melding openbare ruimte: with or without the map, bad input, updates by e-mail."""

from __future__ import annotations

import pytest
from django.core import mail
from django.utils import timezone

from raadhuis.platform import tenancy
from raadhuis.zgw.catalogi import services as catalogi
from raadhuis.zgw.zaken import services as zaken
from raadhuis.zgw.zaken.models import Zaak
from tests.portal.conftest import PNG, upload

URL = "/portaal/voorbeeldstad/melding/"
GOOD = {"category": "verlichting", "description": "De lantaarnpaal brandt niet meer."}


def only_zaak(org):
    with tenancy.scope_for([org.pk]):
        return Zaak.objects.select_related("zaaktype").get()


def test_melding_with_map_location_and_photo(client, gemeente):
    response = client.post(
        URL,
        {
            **GOOD,
            "latitude": "52.0907",
            "longitude": "5.1214",
            "photo": upload("paal.png", PNG),
            "email": "melder@example.nl",
        },
    )
    assert response.status_code == 302 and response["Location"].endswith("/melding/ontvangen/")
    zaak = only_zaak(gemeente)
    assert zaak.zaaktype.identificatie == "MOR"
    assert zaak.zaakgeometrie == {"type": "Point", "coordinates": [5.1214, 52.0907]}
    assert zaak.omschrijving == "Straatverlichting"
    assert zaak.identificatie in client.get(response["Location"]).content.decode()
    with tenancy.scope_for([gemeente.pk]):
        assert len(zaken.informatieobject_urls_of(zaak)) == 1
        rol = zaak.rollen.get()
    assert rol.contactpersoon_rol_emailadres == "melder@example.nl" and rol.inp_bsn == ""


def test_melding_without_javascript_by_postcode(client, gemeente, persoon):
    adres = persoon.verblijfplaats
    response = client.post(URL, {**GOOD, "postcode": adres.postcode, "huisnummer": adres.huisnummer})
    assert response.status_code == 302, response.content.decode()[-2000:]
    zaak = only_zaak(gemeente)
    assert zaak.zaakgeometrie["type"] == "Point"
    assert adres.postcode in zaak.toelichting.replace(" ", "")


def test_the_melder_gets_status_updates_by_email(client, gemeente, drain):
    client.post(URL, {**GOOD, "latitude": "52.09", "longitude": "5.12", "email": "melder@example.nl"})
    drain()
    mail.outbox = []
    zaak = only_zaak(gemeente)
    with tenancy.scope_for([gemeente.pk]):
        zaken.set_status(
            {
                "zaak": zaak,
                "statustype": catalogi.statustypen_for(zaak.zaaktype)[1],
                "datum_status_gezet": timezone.now(),
            }
        )
    drain()
    assert [m.to for m in mail.outbox] == [["melder@example.nl"]]
    assert "Ingepland" in mail.outbox[0].subject


@pytest.mark.parametrize(
    "data, message",
    [
        ({}, "vereist"),
        ({**GOOD, "description": "kort"}, "10 tekens"),
        ({**GOOD, "category": "raket"}, "geldige keuze"),
        ({**GOOD}, "Kies de plek op de kaart"),
        ({**GOOD, "latitude": "48.85", "longitude": "2.35"}, "niet in Nederland"),
        ({**GOOD, "latitude": "abc", "longitude": "5.1"}, "Kies de plek"),
        ({**GOOD, "postcode": "ABCD12", "huisnummer": "1"}, "1234 AB"),
        ({**GOOD, "postcode": "9999 ZZ", "huisnummer": "1"}, "niet gevonden"),
        ({**GOOD, "latitude": "52.09", "longitude": "5.12", "email": "geen-adres"}, "e-mailadres"),
        ({**GOOD, "latitude": "52.09", "longitude": "5.12", "description": "x" * 1001}, "1000"),
    ],
)
def test_bad_meldingen(client, gemeente, data, message):
    response = client.post(URL, data)
    assert response.status_code == 400
    assert message in response.content.decode()
    with tenancy.scope_for([gemeente.pk]):
        assert not Zaak.objects.exists()


def test_photo_must_be_an_image_by_content(client, gemeente):
    response = client.post(
        URL,
        {
            **GOOD,
            "latitude": "52.09",
            "longitude": "5.12",
            "photo": upload("foto.jpg", b"%PDF-1.4 not an image", "image/jpeg"),
        },
    )
    assert response.status_code == 400 and "niet toegestaan" in response.content.decode()


def test_photo_size_is_limited(client, gemeente):
    big = upload("foto.png", PNG + b"0" * (10 * 1024 * 1024))
    response = client.post(URL, {**GOOD, "latitude": "52.09", "longitude": "5.12", "photo": big})
    assert response.status_code == 400 and "te groot" in response.content.decode()


def test_the_melding_page_works_without_javascript(client, gemeente):
    page = client.get(URL).content.decode()
    assert 'name="postcode"' in page and 'name="huisnummer"' in page
    assert 'id="map" class="portal-map" hidden' in page  # the map only appears with JavaScript
    assert "service.pdok.nl" in client.get(URL)["Content-Security-Policy"]


def test_the_receipt_page_needs_a_melding(client, gemeente):
    assert client.get("/portaal/voorbeeldstad/melding/ontvangen/").status_code == 302
