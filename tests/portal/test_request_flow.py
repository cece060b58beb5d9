"""A resident applies for a parkeervergunning: prefill, steps, summary, payment, zaak."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from raadhuis.platform import tenancy
from raadhuis.platform.models import ProcessingLogEntry
from raadhuis.portal.models import Message, Payment, Submission
from raadhuis.zgw.catalogi import services as catalogi
from raadhuis.zgw.documenten import services as documenten
from raadhuis.zgw.zaken import services as zaken
from raadhuis.zgw.zaken import services_subresources as zaak_records
from tests.portal.conftest import PDF, upload

pytestmark = pytest.mark.django_db(transaction=False)
BASE = "/portaal/voorbeeldstad"


def start(client) -> Submission:
    response = client.post(f"{BASE}/producten/parkeervergunning/aanvragen/")
    assert response.status_code == 302
    return Submission.all_tenants.get()


def fill_in(client, submission, **vergunning):
    url = f"{BASE}/aanvraag/{submission.uuid}"
    assert client.post(f"{url}/stap/0/", {"email": "inwoner@example.nl"}).status_code == 302
    data = {"soort": "bewoner", "kenteken": "AB-123-C",
            "ingangsdatum": (timezone.localdate() + timedelta(days=3)).isoformat(),
            "kentekenbewijs": upload("kentekenbewijs.pdf", PDF), **vergunning}
    response = client.post(f"{url}/stap/1/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert response["Location"].endswith("/overzicht/")
    return url


def pay(client, submission, url, outcome="paid"):
    submission.refresh_from_db()
    response = client.post(f"{url}/overzicht/", {"submit_token": str(submission.submit_token),
                                                 "declaration": "on"})
    assert response.status_code == 302 and "testbetaling" in response["Location"]
    response = client.post(response["Location"], {"outcome": outcome})
    assert response.status_code == 302
    return client.get(response["Location"])


def test_prefill_shows_what_the_brp_knows_and_logs_the_read(resident, persoon):
    submission = start(resident)
    page = resident.get(f"{BASE}/aanvraag/{submission.uuid}/stap/0/").content.decode()
    assert persoon.geslachtsnaam in page
    assert persoon.verblijfplaats.postcode in page.replace(" ", "")
    with tenancy.system_scope():
        entry = ProcessingLogEntry.all_tenants.get(betrokkene_id=persoon.burgerservicenummer)
    assert entry.doelbinding.startswith("Vooraf invullen")
    assert entry.grondslag
    # data minimisation: the name and the address only, nothing else of the person
    assert set(entry.soorten_gegevens) <= {"naam", "verblijfplaats", "naam.volledigeNaam"} | {
        g for g in entry.soorten_gegevens if g.startswith(("naam.", "verblijfplaats."))}


def test_parkeervergunning_becomes_a_paid_zaak_with_documents(resident, persoon, gemeente):
    submission = start(resident)
    url = fill_in(resident, submission)
    summary = resident.get(f"{url}/overzicht/").content.decode()
    assert "AB-123-C" in summary and "€ 59,00" in summary and persoon.geslachtsnaam in summary

    response = pay(resident, submission, url)
    assert response.status_code == 302 and response["Location"].endswith("/ontvangen/")
    submission.refresh_from_db()
    assert submission.status == Submission.Status.REGISTERED
    assert Payment.all_tenants.get().status == Payment.Status.PAID
    with tenancy.scope_for([gemeente.pk]):
        zaak = zaken.get_zaak(submission.zaak_uuid)
        assert zaak.zaaktype.identificatie == "PARKVERG"
        assert zaak.betalingsindicatie == "geheel"
        assert zaak.einddatum_gepland == timezone.localdate() + timedelta(weeks=8)
        rol = zaak_records.rollen_of(zaak)[0]
        assert (rol.omschrijving_generiek, rol.inp_bsn) == ("initiator", persoon.burgerservicenummer)
        assert rol.contactpersoon_rol_emailadres == "inwoner@example.nl"
        eigenschappen = {e.naam: e.waarde for e in zaak.zaakeigenschappen.all()}
        assert eigenschappen == {"kenteken": "AB-123-C", "soort_vergunning": "bewoner"}
        versions = documenten.latest_versions_for_urls(zaken.informatieobject_urls_of(zaak))
        assert [v.formaat for v in versions] == ["application/pdf", "application/pdf"]
        pdf = b"".join(documenten.read_content(versions[0]))
        assert pdf.startswith(b"%PDF")
        assert [s.statustype.omschrijving for s in zaken.statussen_of(zaak)] == ["Ontvangen"]
    page = resident.get(f"{BASE}/aanvraag/{submission.uuid}/ontvangen/").content.decode()
    assert submission.zaak_identificatie in page


def test_a_double_submit_makes_one_zaak(resident, gemeente):
    submission = start(resident)
    url = fill_in(resident, submission)
    pay(resident, submission, url)
    again = resident.post(f"{url}/overzicht/", {"submit_token": str(submission.submit_token),
                                                "declaration": "on"})
    assert again.status_code == 302 and again["Location"].endswith("/ontvangen/")
    payment = Payment.all_tenants.get()
    resident.get(f"{BASE}/betaling/{payment.reference}/terug/")
    with tenancy.scope_for([gemeente.pk]):
        assert zaken.zaken_of_betrokkene(bsn=submission.bsn).count() == 1


@pytest.mark.parametrize("outcome", ["failed", "cancelled"])
def test_no_zaak_without_payment(resident, gemeente, outcome):
    submission = start(resident)
    url = fill_in(resident, submission)
    response = pay(resident, submission, url, outcome)
    assert response.status_code == 200
    submission.refresh_from_db()
    assert submission.status == Submission.Status.DRAFT and submission.zaak_uuid is None
    # and paying again afterwards works
    assert pay(resident, submission, url).status_code == 302
    submission.refresh_from_db()
    assert submission.status == Submission.Status.REGISTERED


def test_save_and_resume(resident):
    submission = start(resident)
    url = f"{BASE}/aanvraag/{submission.uuid}"
    response = resident.post(f"{url}/stap/0/", {"email": "later@example.nl", "save_later": "1"})
    assert response["Location"].endswith("/mijn-zaken/")
    assert "Parkeervergunning" in resident.get(f"{BASE}/mijn-zaken/").content.decode()
    assert start(resident).pk == submission.pk  # the same draft again
    assert "later@example.nl" in resident.get(f"{url}/stap/0/").content.decode()


def test_conditional_field_is_required_only_when_shown(resident):
    submission = start(resident)
    url = f"{BASE}/aanvraag/{submission.uuid}"
    resident.post(f"{url}/stap/0/", {"email": "a@example.nl"})
    base = {"kenteken": "AB-123-C", "ingangsdatum": timezone.localdate().isoformat()}
    missing = resident.post(f"{url}/stap/1/", {**base, "soort": "bedrijf"})
    assert missing.status_code == 400 and "Naam van uw bedrijf" in missing.content.decode()
    hidden = resident.post(f"{url}/stap/1/", {**base, "soort": "bewoner", "bedrijfsnaam": "Genegeerd BV"})
    assert hidden.status_code == 302
    submission.refresh_from_db()
    assert "bedrijfsnaam" not in submission.data


def test_status_change_informs_the_resident_by_message_and_email(resident, gemeente, drain):
    submission = start(resident)
    url = fill_in(resident, submission)
    pay(resident, submission, url)
    submission.refresh_from_db()
    drain()
    mail.outbox = []
    with tenancy.scope_for([gemeente.pk]):
        zaak = zaken.get_zaak(submission.zaak_uuid)
        tweede = catalogi.statustypen_for(zaak.zaaktype)[1]
        zaken.set_status({"zaak": zaak, "statustype": tweede, "datum_status_gezet": timezone.now(),
                          "statustoelichting": "Wij bekijken uw aanvraag."})
    drain()
    assert len(mail.outbox) == 1
    email = mail.outbox[0]
    assert email.to == ["inwoner@example.nl"]
    assert "In behandeling" in email.subject and "Wij bekijken uw aanvraag." in email.body
    drain()  # a second pass sends nothing twice
    assert len(mail.outbox) == 1
    message = Message.all_tenants.filter(subject=email.subject).get()
    inbox = resident.get(f"{BASE}/berichten/").content.decode()
    assert email.subject in inbox
    assert resident.get(f"{BASE}/berichten/{message.uuid}/").status_code == 200
    case = resident.get(f"{BASE}/mijn-zaken/{zaak.uuid}/").content.decode()
    assert "Uw zaak heeft de status: in behandeling." in case


def test_registration_failure_is_retried_from_the_outbox(resident, gemeente, drain, monkeypatch):
    from raadhuis.portal import registration

    submission = start(resident)
    url = fill_in(resident, submission)
    real = registration._create_case

    def broken(sub):
        raise RuntimeError("documentopslag onbereikbaar")

    monkeypatch.setattr(registration, "_create_case", broken)
    response = pay(resident, submission, url)
    assert response.status_code == 302
    submission.refresh_from_db()
    assert submission.status == Submission.Status.SUBMITTED
    assert "documentopslag onbereikbaar" in submission.registration_error
    with tenancy.scope_for([gemeente.pk]):
        assert zaken.zaken_of_betrokkene(bsn=submission.bsn).count() == 0
    page = resident.get(f"{BASE}/aanvraag/{submission.uuid}/ontvangen/").content.decode()
    assert "wordt nu verwerkt" in page
    monkeypatch.setattr(registration, "_create_case", real)
    with tenancy.system_scope():
        from raadhuis.platform.models import Delivery

        Delivery.all_tenants.filter(handler=registration.HANDLER).update(next_attempt_at=timezone.now())
    drain()
    submission.refresh_from_db()
    assert submission.status == Submission.Status.REGISTERED and submission.registration_error == ""


def test_a_product_may_name_its_zaaktype_by_url(gemeente):
    from raadhuis.portal.models import Product
    from raadhuis.portal.registration import zaaktype_of

    with tenancy.scope_for([gemeente.pk]):
        zaaktype = catalogi.current_zaaktype("PARKVERG")
        product = Product(zaaktype_identificatie=f"http://testserver/catalogi/api/v1/zaaktypen/{zaaktype.uuid}")
        assert zaaktype_of(product) == zaaktype
        assert zaaktype_of(Product(zaaktype_identificatie="https://elders.example/zaaktypen/x")) is None
        assert zaaktype_of(Product(zaaktype_identificatie="PARKVERG")) == zaaktype


def test_the_beheerder_sees_a_stuck_submission_and_retries_it(resident, gemeente, monkeypatch):
    from django.test import Client
    from django_otp import DEVICE_ID_SESSION_KEY

    from raadhuis.portal import registration
    from tests.factories import UserFactory, verified_device

    submission = start(resident)
    url = fill_in(resident, submission)
    real = registration._create_case

    def broken(sub):
        raise RuntimeError("kapot")

    monkeypatch.setattr(registration, "_create_case", broken)
    pay(resident, submission, url)
    monkeypatch.setattr(registration, "_create_case", real)

    with tenancy.system_scope():
        admin = UserFactory(username="portaalbeheer", is_staff=True, is_superuser=True)
        device = verified_device(admin)
    beheer = Client()
    beheer.force_login(admin)
    session = beheer.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    listing = beheer.get("/admin/portal/submission/?status__exact=submitted")
    assert listing.status_code == 200 and str(submission.uuid) in listing.content.decode()
    response = beheer.post("/admin/portal/submission/", {"action": "retry_registration",
                                                          "_selected_action": [submission.pk]})
    assert response.status_code == 302
    submission.refresh_from_db()
    assert submission.status == Submission.Status.REGISTERED
