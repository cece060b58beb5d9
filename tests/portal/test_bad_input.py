"""Bad input on every form: missing, malformed, oversized, wrong file type, tampered hidden
fields, someone else's ids in the URL (404, telling nothing)."""

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest
from django.utils import timezone

from raadhuis.portal.models import Attachment, Submission
from tests.portal.conftest import PDF, PNG, living_adult, upload

BASE = "/portaal/voorbeeldstad"


@pytest.fixture
def draft(resident):
    resident.post(f"{BASE}/producten/parkeervergunning/aanvragen/")
    submission = Submission.all_tenants.get()
    assert (
        resident.post(f"{BASE}/aanvraag/{submission.uuid}/stap/0/", {"email": "a@example.nl"}).status_code
        == 302
    )
    return submission


def step2(resident, submission, **changes):
    data = {"soort": "bewoner", "kenteken": "AB-123-C", "ingangsdatum": timezone.localdate().isoformat()}
    data.update(changes)
    return resident.post(
        f"{BASE}/aanvraag/{submission.uuid}/stap/1/", {k: v for k, v in data.items() if v is not None}
    )


def test_missing_required_fields(resident, draft):
    response = step2(resident, draft, kenteken=None, soort=None)
    page = response.content.decode()
    assert response.status_code == 400
    assert page.count("Dit veld is vereist.") >= 2  # Dutch field errors, with an error summary
    assert 'href="#id_kenteken"' in page


@pytest.mark.parametrize(
    "changes, message",
    [
        ({"kenteken": "<script>"}, "Vul het kenteken in"),
        ({"ingangsdatum": "31-02-2026"}, "Voer een geldige datum in"),
        ({"ingangsdatum": (timezone.localdate() - timedelta(days=1)).isoformat()}, "mag niet voor"),
        ({"soort": "iets-anders"}, "Selecteer een geldige keuze"),
        ({"kenteken": "A" * 5000}, "10 tekens"),
    ],
)
def test_malformed_values(resident, draft, changes, message):
    response = step2(resident, draft, **changes)
    assert response.status_code == 400
    assert message in response.content.decode()


def test_wrong_email(resident):
    resident.post(f"{BASE}/producten/parkeervergunning/aanvragen/")
    submission = Submission.all_tenants.get()
    response = resident.post(f"{BASE}/aanvraag/{submission.uuid}/stap/0/", {"email": "geen-adres"})
    assert response.status_code == 400 and "geldig e-mailadres" in response.content.decode()


def test_attachment_type_is_checked_by_content(resident, draft):
    fake = upload("kentekenbewijs.pdf", b"MZ\x90\x00 this is a windows program", "application/pdf")
    response = step2(resident, draft, kentekenbewijs=fake)
    assert response.status_code == 400
    assert "Dit bestandstype is niet toegestaan" in response.content.decode()
    assert not Attachment.all_tenants.exists()


def test_attachment_size_is_limited(resident, draft):
    response = step2(resident, draft, kentekenbewijs=upload("groot.pdf", PDF + b"0" * (5 * 1024 * 1024 + 1)))
    assert response.status_code == 400 and "te groot" in response.content.decode()


def test_empty_attachment(resident, draft):
    response = step2(resident, draft, kentekenbewijs=upload("leeg.pdf", b""))
    assert response.status_code == 400


def test_a_good_attachment_is_kept(resident, draft):
    assert step2(resident, draft, kentekenbewijs=upload("k.png", PNG)).status_code == 302
    attachment = Attachment.all_tenants.get()
    assert attachment.content_type == "image/png" and attachment.filename == "k.png"


def test_tampered_prefill_is_ignored(resident, persoon):
    """The name comes from the BRP; a value posted for it changes nothing."""
    resident.post(f"{BASE}/producten/parkeervergunning/aanvragen/")
    submission = Submission.all_tenants.get()
    response = resident.post(
        f"{BASE}/aanvraag/{submission.uuid}/stap/0/",
        {"email": "a@example.nl", "naam": "Iemand Anders", "adres": "Nergensweg 1"},
    )
    assert response.status_code == 302
    submission.refresh_from_db()
    assert "naam" not in submission.data and "adres" not in submission.data
    assert persoon.geslachtsnaam in submission.prefill["naam"]


def test_tampered_submit_token_is_refused(resident, draft):
    step2(resident, draft)
    response = resident.post(
        f"{BASE}/aanvraag/{draft.uuid}/overzicht/", {"submit_token": str(uuid.uuid4()), "declaration": "on"}
    )
    assert response.status_code == 400 and "verlopen of aangepast" in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == Submission.Status.DRAFT


def test_declaration_is_required(resident, draft):
    step2(resident, draft)
    draft.refresh_from_db()
    response = resident.post(
        f"{BASE}/aanvraag/{draft.uuid}/overzicht/", {"submit_token": str(draft.submit_token)}
    )
    assert response.status_code == 400 and "verklaring" in response.content.decode()


def test_summary_before_the_last_step_goes_back_to_it(resident, draft):
    response = resident.get(f"{BASE}/aanvraag/{draft.uuid}/overzicht/")
    assert response.status_code == 302 and response["Location"].endswith("/stap/1/")


def test_skipping_steps_is_not_possible(resident):
    resident.post(f"{BASE}/producten/parkeervergunning/aanvragen/")
    submission = Submission.all_tenants.get()
    response = resident.get(f"{BASE}/aanvraag/{submission.uuid}/stap/1/")
    assert response.status_code == 302 and response["Location"].endswith("/stap/0/")
    assert resident.get(f"{BASE}/aanvraag/{submission.uuid}/stap/7/").status_code == 404


def test_test_payment_refuses_an_unknown_outcome(resident, draft):
    step2(resident, draft)
    draft.refresh_from_db()
    response = resident.post(
        f"{BASE}/aanvraag/{draft.uuid}/overzicht/",
        {"submit_token": str(draft.submit_token), "declaration": "on"},
    )
    response = resident.post(response["Location"], {"outcome": "gratis"})
    assert response.status_code == 400


def test_someone_elses_submission_and_payment_are_404(client, gemeente, draft):
    other = living_adult(gemeente)
    other = next(
        p
        for p in type(other).all_tenants.filter(organisation=gemeente, overlijdensdatum__isnull=True)
        if p.burgerservicenummer != draft.bsn
    )
    client.post(
        f"{BASE}/inloggen/simulator/",
        {"kind": "digid", "identifier": other.burgerservicenummer, "level": "midden"},
    )
    for path in ("stap/0/", "overzicht/", "ontvangen/"):
        assert client.get(f"{BASE}/aanvraag/{draft.uuid}/{path}").status_code == 404
    assert client.post(f"{BASE}/aanvraag/{draft.uuid}/stap/0/", {"email": "x@example.nl"}).status_code == 404
    assert client.get(f"{BASE}/betaling/{uuid.uuid4()}/terug/").status_code == 404


def test_unknown_municipality_and_product_are_404(client, gemeente):
    assert client.get("/portaal/nergenshuizen/").status_code == 404
    assert client.get(f"{BASE}/producten/bestaat-niet/").status_code == 404


def test_a_product_of_another_municipality_is_404(client, gemeente, proefdorp):
    assert client.get("/portaal/proefdorp/producten/parkeervergunning/").status_code == 404


def test_search_survives_odd_queries(client, gemeente):
    for query in ("", "'; DROP TABLE", "a" * 5000, "&|!:*()"):
        assert client.get(f"{BASE}/producten/", {"q": query}).status_code == 200
