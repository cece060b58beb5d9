"""Mijn zaken: only one's own cases, confidentiality of documents, messages and uploads."""

from __future__ import annotations

import uuid

import pytest
from django.utils import timezone

from raadhuis.platform import tenancy
from raadhuis.portal import registration
from raadhuis.portal.models import Message
from raadhuis.zgw.catalogi import services as catalogi
from raadhuis.zgw.zaken import services as zaken
from tests.portal.conftest import PDF, PNG, upload

BASE = "/portaal/voorbeeldstad"
OTHER_BSN = "123456782"  # passes the 11-proef; nobody in the demo register


def make_case(org, bsn: str, *, level: str = "", documents=()):
    """A PARKVERG zaak with this person as initiator and documents (title, vertrouwelijkheid)."""
    with tenancy.scope_for([org.pk]):
        zaaktype = catalogi.current_zaaktype("PARKVERG")
        attrs = {
            "zaaktype": zaaktype,
            "bronorganisatie": org.rsin,
            "verantwoordelijke_organisatie": org.rsin,
            "omschrijving": "Parkeervergunning",
            "startdatum": timezone.localdate(),
        }
        if level:
            attrs["vertrouwelijkheidaanduiding"] = level
        zaak = zaken.create_zaak(attrs)
        registration.first_status(zaak, zaaktype)
        registration.add_initiator(zaak, zaaktype, bsn=bsn, name="Test")
        for title, vertrouwelijkheid in documents:
            registration.attach_document(
                zaak,
                registration.document_type(zaaktype, "Aanvraag"),
                title=title,
                filename=f"{title}.pdf",
                content_type="application/pdf",
                content=PDF,
                vertrouwelijkheid=vertrouwelijkheid,
            )
    return zaak


@pytest.fixture
def own_case(gemeente, persoon):
    return make_case(
        gemeente,
        persoon.burgerservicenummer,
        documents=[
            ("Aanvraagformulier", "zaakvertrouwelijk"),
            ("Intern advies", "intern"),
            ("Geheim verslag", "geheim"),
        ],
    )


def test_my_cases_lists_only_my_cases(resident, gemeente, own_case):
    other = make_case(gemeente, OTHER_BSN)
    page = resident.get(f"{BASE}/mijn-zaken/").content.decode()
    assert own_case.identificatie in page and other.identificatie not in page
    assert "Ontvangen" in page  # the current status, from the one list query


def test_someone_elses_case_is_404(resident, gemeente, own_case):
    other = make_case(gemeente, OTHER_BSN)
    for path in ("", f"documenten/{uuid.uuid4()}/"):
        assert resident.get(f"{BASE}/mijn-zaken/{other.uuid}/{path}").status_code == 404
    assert (
        resident.post(f"{BASE}/mijn-zaken/{other.uuid}/bericht/", {"subject": "x", "body": "y"}).status_code
        == 404
    )
    assert resident.get(f"{BASE}/mijn-zaken/{uuid.uuid4()}/").status_code == 404
    assert resident.get(f"{BASE}/mijn-zaken/niet-een-uuid/").status_code == 404


def test_a_case_of_the_same_bsn_in_another_municipality_is_404(resident, proefdorp, persoon):
    elsewhere = make_case(proefdorp, persoon.burgerservicenummer) if _has_catalogue(proefdorp) else None
    if elsewhere is None:
        pytest.skip("no catalogue in the other municipality")
    assert resident.get(f"{BASE}/mijn-zaken/{elsewhere.uuid}/").status_code == 404


def _has_catalogue(org) -> bool:
    with tenancy.scope_for([org.pk]):
        return catalogi.current_zaaktype("PARKVERG") is not None


def test_case_page_shows_timeline_and_only_documents_for_the_parties(resident, own_case):
    page = resident.get(f"{BASE}/mijn-zaken/{own_case.uuid}/").content.decode()
    assert "Uw zaak heeft de status: ontvangen." in page
    assert "Besluit genomen" in page and "nog niet bereikt" in page
    assert "Aanvraagformulier" in page
    assert "Intern advies" not in page and "Geheim verslag" not in page


def test_documents_download_only_when_visible(resident, own_case):
    with tenancy.system_scope():
        from raadhuis.zgw.documenten import services as documenten

        versions = documenten.latest_versions_for_urls(zaken.informatieobject_urls_of(own_case))
    by_title = {v.titel: v for v in versions}
    ok = resident.get(
        f"{BASE}/mijn-zaken/{own_case.uuid}/documenten/{by_title['Aanvraagformulier'].document.uuid}/"
    )
    assert ok.status_code == 200 and b"".join(ok.streaming_content).startswith(b"%PDF")
    hidden = resident.get(
        f"{BASE}/mijn-zaken/{own_case.uuid}/documenten/{by_title['Intern advies'].document.uuid}/"
    )
    assert hidden.status_code == 404


def test_a_very_confidential_case_is_not_shown(resident, gemeente, persoon):
    secret = make_case(gemeente, persoon.burgerservicenummer, level="geheim")
    assert secret.identificatie not in resident.get(f"{BASE}/mijn-zaken/").content.decode()
    assert resident.get(f"{BASE}/mijn-zaken/{secret.uuid}/").status_code == 404


def test_send_a_message_to_the_case(resident, gemeente, own_case):
    response = resident.post(
        f"{BASE}/mijn-zaken/{own_case.uuid}/bericht/", {"subject": "Vraag", "body": "Wanneer hoor ik iets?"}
    )
    assert response.status_code == 302
    assert Message.all_tenants.get().direction == Message.Direction.FROM_RESIDENT
    with tenancy.scope_for([gemeente.pk]):
        contact = own_case.klantcontacten.get()
    assert (contact.kanaal, contact.onderwerp, contact.toelichting) == (
        "portaal",
        "Vraag",
        "Wanneer hoor ik iets?",
    )


@pytest.mark.parametrize(
    "data", [{}, {"subject": "x"}, {"subject": "x", "body": "y" * 1001}, {"subject": "s" * 201, "body": "y"}]
)
def test_bad_messages(resident, own_case, data):
    response = resident.post(f"{BASE}/mijn-zaken/{own_case.uuid}/bericht/", data)
    assert response.status_code == 400 and not Message.all_tenants.exists()


def test_upload_an_extra_document(resident, gemeente, own_case):
    response = resident.post(
        f"{BASE}/mijn-zaken/{own_case.uuid}/document-toevoegen/",
        {"title": "Nieuwe foto", "file": upload("foto.png", PNG)},
    )
    assert response.status_code == 302
    assert "Nieuwe foto" in resident.get(f"{BASE}/mijn-zaken/{own_case.uuid}/").content.decode()


@pytest.mark.parametrize(
    "data, message",
    [
        ({"title": "Virus", "file": upload("echt.pdf", b"MZ\x90\x00 program")}, "niet toegestaan"),
        ({"title": "Groot", "file": upload("groot.pdf", PDF + b"0" * (10 * 1024 * 1024))}, "te groot"),
        ({"title": "", "file": upload("a.pdf", PDF)}, "vereist"),
        ({"title": "Geen bestand"}, "vereist"),
    ],
)
def test_bad_uploads(resident, own_case, data, message):
    response = resident.post(f"{BASE}/mijn-zaken/{own_case.uuid}/document-toevoegen/", data)
    assert response.status_code == 400 and message in response.content.decode()


def test_a_closed_case_takes_no_messages(resident, gemeente, own_case):
    with tenancy.scope_for([gemeente.pk]):
        zaaktype = own_case.zaaktype
        resultaattype = zaaktype.resultaattypen.first()
        zaken.save_resultaat(None, {"zaak": own_case, "resultaattype": resultaattype})
        zaken.set_status(
            {
                "zaak": own_case,
                "statustype": catalogi.statustypen_for(zaaktype)[-1],
                "datum_status_gezet": timezone.now(),
            }
        )
    response = resident.post(f"{BASE}/mijn-zaken/{own_case.uuid}/bericht/", {"subject": "x", "body": "y"})
    assert response.status_code == 400 and "afgesloten" in response.content.decode()
    page = resident.get(f"{BASE}/mijn-zaken/").content.decode()
    assert "Afgehandeld" in page


def test_inbox_shows_only_my_messages(resident, gemeente, persoon):
    from raadhuis.portal import services as portal

    with tenancy.scope_for([gemeente.pk]):
        mine = portal.send_message_to_resident(
            organisation=gemeente, subject="Voor u", body="Hallo", bsn=persoon.burgerservicenummer
        )
        theirs = portal.send_message_to_resident(
            organisation=gemeente, subject="Niet voor u", body="x", bsn=OTHER_BSN
        )
    page = resident.get(f"{BASE}/berichten/").content.decode()
    assert "Voor u" in page and "Niet voor u" not in page
    assert resident.get(f"{BASE}/berichten/{theirs.uuid}/").status_code == 404
    assert resident.get(f"{BASE}/berichten/{mine.uuid}/").status_code == 200
    mine.refresh_from_db()
    assert mine.read_at is not None


def test_a_business_sees_its_cases_by_kvk_number(client, gemeente):
    with tenancy.scope_for([gemeente.pk]):
        zaaktype = catalogi.current_zaaktype("PARKVERG")
        zaak = zaken.create_zaak(
            {
                "zaaktype": zaaktype,
                "bronorganisatie": gemeente.rsin,
                "verantwoordelijke_organisatie": gemeente.rsin,
                "startdatum": timezone.localdate(),
            }
        )
        registration.add_initiator(zaak, zaaktype, kvk="12345678", name="Bakkerij De Korrel BV")
    client.post(
        f"{BASE}/inloggen/simulator/", {"kind": "eherkenning", "identifier": "12345678", "level": "midden"}
    )
    assert zaak.identificatie in client.get(f"{BASE}/mijn-zaken/").content.decode()
    assert client.get(f"{BASE}/mijn-zaken/{zaak.uuid}/").status_code == 200
    client.post(
        f"{BASE}/inloggen/simulator/", {"kind": "eherkenning", "identifier": "87654321", "level": "midden"}
    )
    assert client.get(f"{BASE}/mijn-zaken/{zaak.uuid}/").status_code == 404


def _besluit(zaak, *, toelichting: str, datum):
    """A besluit on the zaak through the Besluiten services, of a besluittype of its zaaktype."""
    from raadhuis.zgw.besluiten import services as besluiten
    from raadhuis.zgw.catalogi.models import Besluittype

    with tenancy.scope_for([zaak.organisation_id]):
        zaaktype = zaak.zaaktype
        besluittype, _ = Besluittype.objects.get_or_create(
            catalogus=zaaktype.catalogus, omschrijving="Parkeervergunning verlenen",
            defaults={"organisation_id": zaak.organisation_id, "publicatie_indicatie": False,
                      "begin_geldigheid": datum, "concept": False})
        zaaktype.besluittype_omschrijving = ["Parkeervergunning verlenen"]
        zaaktype.save(update_fields=["besluittype_omschrijving"])
        return besluiten.create_besluit({
            "verantwoordelijke_organisatie": zaak.bronorganisatie, "besluittype": besluittype, "zaak": zaak,
            "datum": datum, "ingangsdatum": datum, "toelichting": toelichting,
            "bestuursorgaan": "college van burgemeester en wethouders"})


def test_case_page_shows_the_besluiten_of_this_case_only(resident, gemeente, persoon, own_case):
    from datetime import date

    _besluit(own_case, toelichting="Vergunning voor zone <centrum>.", datum=date(2026, 3, 2))
    other = make_case(gemeente, OTHER_BSN)
    _besluit(other, toelichting="Vergunning voor iemand anders.", datum=date(2026, 3, 3))

    page = resident.get(f"{BASE}/mijn-zaken/{own_case.uuid}/").content.decode()
    assert "Besluiten" in page and "Parkeervergunning verlenen" in page
    assert "genomen op 2 maart 2026, geldig vanaf 2 maart 2026" in page
    assert "Vergunning voor zone &lt;centrum&gt;." in page  # the toelichting, escaped
    assert "iemand anders" not in page

    without = make_case(gemeente, persoon.burgerservicenummer)  # my case without a besluit
    assert "Besluiten" not in resident.get(f"{BASE}/mijn-zaken/{without.uuid}/").content.decode()
