"""Woo-verzoek from Mijn gemeente: a Woo zaak with its legal term, the receipt confirmation, bad
input, the right municipality, and the request in Mijn zaken."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import dateformat, timezone, translation

from raadhuis.platform import tenancy
from raadhuis.portal.models import Message
from raadhuis.werkplek import preview, zaakdata
from raadhuis.woo import deadlines
from raadhuis.woo.models import WooVerzoek
from raadhuis.zgw.catalogi import models as catalogi
from raadhuis.zgw.zaken.models import Zaak
from tests.zgw.catalogi.factories import InformatieobjecttypeFactory, ZaaktypeInformatieobjecttypeFactory
from tests.zgw.zaken.factories import ResultaattypeFactory, StatustypeFactory, ZaaktypeFactory

URL = "/portaal/{org}/woo-verzoek/"
GOOD = {
    "onderwerp": "Bomenkap Molenweg",
    "omschrijving": "Alle e-mails en verslagen over het kappen van de bomen aan de Molenweg.",
    "periode_van": "2025-01-01",
    "periode_tot": "2025-06-30",
    "vorm": "digitaal",
}


def woo_zaaktype(org):
    """The WOO zaaktype as the demo catalogue has it: statussen that inform, an initiator roltype."""
    with tenancy.system_scope():
        zaaktype = ZaaktypeFactory(
            catalogus=catalogi.Catalogus.objects.filter(organisation=org).first(),
            identificatie="WOO",
            omschrijving="Woo-verzoek",
            vertrouwelijkheidaanduiding="openbaar",
            doorlooptijd_behandeling="P4W",
        )
        for number, omschrijving in enumerate(["Ontvangen", "Besluit genomen"], start=1):
            StatustypeFactory(zaaktype=zaaktype, volgnummer=number, omschrijving=omschrijving,
                              informeren=True, statustekst=f"Uw zaak heeft de status: {omschrijving}.")
        catalogi.Roltype.objects.create(zaaktype=zaaktype, omschrijving="Aanvrager",
                                        omschrijving_generiek="initiator")
        ResultaattypeFactory(zaaktype=zaaktype)
        catalogus = zaaktype.catalogus
        if not catalogi.Informatieobjecttype.objects.filter(catalogus=catalogus, omschrijving="Woo-verzoek"):
            InformatieobjecttypeFactory(catalogus=catalogus, omschrijving="Woo-verzoek", concept=False)
        ZaaktypeInformatieobjecttypeFactory(zaaktype=zaaktype, informatieobjecttype="Woo-verzoek")


@pytest.fixture
def woo(gemeente, proefdorp):
    woo_zaaktype(gemeente)
    woo_zaaktype(proefdorp)


def woo_zaken(org):
    with tenancy.scope_for([org.pk]):
        return list(Zaak.objects.filter(zaaktype__identificatie="WOO").prefetch_related("rollen"))


def long_date(day) -> str:
    with translation.override("nl"):
        return dateformat.format(day, "j F Y")


def test_a_resident_submits_and_gets_the_legal_term(resident, gemeente, persoon, woo, drain):
    response = resident.post(URL.format(org="voorbeeldstad"), {**GOOD, "email": "inwoner@example.nl"})
    assert response.status_code == 302 and response["Location"].endswith("/woo-verzoek/ontvangen/")
    today = timezone.localdate()
    termijn = deadlines.bereken(today, today=today).beslistermijn
    assert timedelta(days=28) <= termijn - today <= timedelta(days=32)

    [zaak] = woo_zaken(gemeente)
    assert (zaak.startdatum, zaak.registratiedatum) == (today, today)
    assert zaak.uiterlijke_einddatum_afdoening == termijn
    assert zaak.omschrijving == "Bomenkap Molenweg"
    assert "Periode: 01-01-2025 tot en met 30-06-2025" in zaak.toelichting
    assert "Digitaal" in zaak.toelichting
    [rol] = zaak.rollen.all()
    assert rol.inp_bsn == persoon.burgerservicenummer
    assert rol.contactpersoon_rol_emailadres == "inwoner@example.nl"
    assert persoon.geslachtsnaam in rol.betrokkene_identificatie["geslachtsnaam"]  # the name from the BRP
    with tenancy.scope_for([gemeente.pk]):
        verzoek = WooVerzoek.objects.get(zaak_uuid=zaak.uuid)
        [(_relation, version)] = zaakdata.documenten(zaak)  # the request as sent, in the case file
        text = preview.text_of(version).replace("\n", " ")
    assert verzoek.ontvangen_op == today and verzoek.organisation_id == gemeente.pk
    assert version.informatieobjecttype.omschrijving == "Woo-verzoek"
    assert (version.titel, version.formaat) == ("Woo-verzoek: Bomenkap Molenweg", "application/pdf")
    for expected in ("Alle e-mails en verslagen", "Periode: 01-01-2025 tot en met 30-06-2025",
                     persoon.geslachtsnaam, zaak.identificatie):
        assert expected in text

    done = resident.get(response["Location"]).content.decode()
    assert zaak.identificatie in done and long_date(termijn) in done
    assert f"/mijn-zaken/{zaak.uuid}/" in done

    drain()  # the receipt confirmation: inbox message and e-mail, stating the term
    with tenancy.scope_for([gemeente.pk]):
        message = Message.objects.get(zaak_uuid=zaak.uuid)
    assert message.bsn == persoon.burgerservicenummer and f"{termijn:%d-%m-%Y}" in message.body
    assert [m.to for m in mail.outbox] == [["inwoner@example.nl"]]
    assert f"{termijn:%d-%m-%Y}" in mail.outbox[0].body


def test_the_request_appears_in_mijn_zaken(resident, gemeente, woo):
    resident.post(URL.format(org="voorbeeldstad"), GOOD)  # logged in: the e-mail is optional
    [zaak] = woo_zaken(gemeente)
    cases = resident.get("/portaal/voorbeeldstad/mijn-zaken/").content.decode()
    assert zaak.identificatie in cases
    case = resident.get(f"/portaal/voorbeeldstad/mijn-zaken/{zaak.uuid}/")
    assert case.status_code == 200 and "Ontvangen" in case.content.decode()


def test_an_anonymous_request_is_confirmed_by_email(client, gemeente, woo, drain):
    response = client.post(URL.format(org="voorbeeldstad"),
                           {**GOOD, "naam": "J. Jansen", "email": "verzoeker@example.nl"})
    assert response.status_code == 302
    [zaak] = woo_zaken(gemeente)
    [rol] = zaak.rollen.all()
    assert rol.inp_bsn == "" and rol.contactpersoon_rol_emailadres == "verzoeker@example.nl"
    assert rol.betrokkene_identificatie["geslachtsnaam"] == "J. Jansen"
    assert "per e-mail" in client.get(response["Location"]).content.decode()
    drain()
    assert [m.to for m in mail.outbox] == [["verzoeker@example.nl"]]
    assert f"{zaak.uiterlijke_einddatum_afdoening:%d-%m-%Y}" in mail.outbox[0].body


@pytest.mark.parametrize(
    "data, message",
    [
        ({}, "Dit veld is vereist"),
        ({**GOOD}, "E-mailadres: Dit veld is vereist"),  # anonymous: how else to answer?
        ({**GOOD, "email": "geen-adres"}, "geldig e-mailadres"),
        ({**GOOD, "email": "a@example.nl", "onderwerp": "ab"}, "ten minste 5 tekens"),
        ({**GOOD, "email": "a@example.nl", "omschrijving": "alles"}, "ten minste 20 tekens"),
        ({**GOOD, "email": "a@example.nl", "periode_van": "2025-07-01"}, "vóór de begindatum"),
        ({**GOOD, "email": "a@example.nl", "periode_tot": "2999-01-01"}, "niet in de toekomst"),
        ({**GOOD, "email": "a@example.nl", "periode_van": "31-31-2025"}, "geldige datum"),
        ({**GOOD, "email": "a@example.nl", "vorm": "fax"}, "geldige keuze"),
    ],
)
def test_bad_input_gives_dutch_field_errors_and_creates_nothing(client, gemeente, woo, data, message):
    response = client.post(URL.format(org="voorbeeldstad"), data)
    page = response.content.decode()
    assert response.status_code == 400
    assert message in page and "Er ging iets mis" in page  # the error summary
    assert woo_zaken(gemeente) == []


def test_without_a_woo_zaaktype_the_resident_is_told(client, gemeente):
    response = client.post(URL.format(org="voorbeeldstad"), {**GOOD, "email": "a@example.nl"})
    assert response.status_code == 400
    assert "kunnen nu niet online worden ingediend" in response.content.decode()


def test_the_request_lands_in_the_municipality_of_the_page(resident, gemeente, proefdorp, woo):
    response = resident.post(URL.format(org="proefdorp"), GOOD)
    assert response.status_code == 302
    [zaak] = woo_zaken(proefdorp)
    assert woo_zaken(gemeente) == []
    assert zaak.bronorganisatie == proefdorp.rsin
    with tenancy.scope_for([proefdorp.pk]):
        assert WooVerzoek.objects.get().organisation_id == proefdorp.pk
    with tenancy.scope_for([gemeente.pk]):
        assert not WooVerzoek.objects.exists()
    assert zaak.identificatie not in resident.get("/portaal/voorbeeldstad/mijn-zaken/").content.decode()
    assert zaak.identificatie in resident.get("/portaal/proefdorp/mijn-zaken/").content.decode()


def test_the_form_is_labelled_and_linked_from_the_catalogue(client, resident, gemeente, woo):
    product = client.get("/portaal/voorbeeldstad/producten/woo-verzoek/").content.decode()
    assert 'href="/portaal/voorbeeldstad/woo-verzoek/"' in product
    form = client.get(URL.format(org="voorbeeldstad")).content.decode()
    for field in ("onderwerp", "omschrijving", "periode_van", "periode_tot", "email"):
        assert f'for="id_{field}"' in form
    assert "utrecht-form-fieldset" in form and 'name="naam"' not in form  # logged in: name known
