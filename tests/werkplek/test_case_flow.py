"""A zaak from intake to closing in the werkplek, through the screens, as a logged-in
(password + TOTP) behandelaar; and the manager who reopens it."""

import io
import zipfile

import pytest

from raadhuis.platform import tenancy
from raadhuis.platform.models import AuditEntry
from raadhuis.werkplek.models import Bericht, WorkItem
from raadhuis.zgw.besluiten import services as besluiten
from raadhuis.zgw.zaken import services as zaken
from tests.werkplek.conftest import zaaktype

pytestmark = pytest.mark.django_db


def _choice(form, field, label):
    return next(value for value, text in form.fields[field].choices if text == label)


def _zaak(uuid):
    with tenancy.system_scope():
        return zaken.get_zaak(uuid)


def _item(uuid):
    with tenancy.system_scope():
        return WorkItem.objects.select_related("behandelaar").get(zaak_uuid=uuid)


def test_intake_to_closing_and_reopening(gemeente, behandelaar, manager, employee_client, client):
    web = employee_client(behandelaar)
    parkverg = zaaktype(gemeente, "PARKVERG")

    # Intake at the counter: the zaak, its first status, the initiator and the deadline.
    response = web.post(
        "/werkplek/nieuw/",
        {
            "zaaktype": parkverg.pk,
            "omschrijving": "Parkeervergunning Kerkplein",
            "bsn": "999993653",
            "naam": "Jansen",
            "startdatum": "2025-01-06",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    zaak_url = response["Location"]
    zaak_uuid = zaak_url.rstrip("/").rsplit("/", 1)[-1]
    zaak = _zaak(zaak_uuid)
    assert zaak.uiterlijke_einddatum_afdoening.isoformat() == "2025-03-03"  # 6 Jan + 8 weeks
    item = _item(zaak_uuid)
    assert item.status == "Ontvangen" and item.is_open and item.behandelaar is None

    page = web.get(zaak_url)
    assert page.status_code == 200
    html = page.content.decode()
    assert zaak.identificatie in html and "03-03-2025" in html and "Zo is de termijn berekend" in html

    # Pick it up, set a status, write a note, upload a document.
    assert web.post(f"{zaak_url}oppakken/").status_code == 302
    assert _item(zaak_uuid).behandelaar == behandelaar
    form = page.context["status_form"]
    assert (
        web.post(
            f"{zaak_url}status/",
            {"statustype": _choice(form, "statustype", "In behandeling"), "toelichting": "Gestart"},
        ).status_code
        == 302
    )
    assert _item(zaak_uuid).status == "In behandeling"
    assert (
        web.post(f"{zaak_url}notitie/", {"onderwerp": "Gebeld", "tekst": "Aanvrager gebeld."}).status_code
        == 302
    )
    upload = io.BytesIO(b"Kopie kentekenbewijs AB-123-C")
    upload.name = "kenteken.txt"
    doc_form = page.context["document_form"]
    response = web.post(
        f"{zaak_url}document/",
        {
            "titel": "Kentekenbewijs",
            "bestand": upload,
            "informatieobjecttype": _choice(doc_form, "informatieobjecttype", "Aanvraag"),
        },
    )
    assert response.status_code == 302

    # Suspend (Awb 4:15) and resume: the deadline moves; extend once (Awb 4:14).
    assert web.post(f"{zaak_url}opschorten/", {"reden": "Wacht op kentekenbewijs"}).status_code == 302
    assert _zaak(zaak_uuid).opschorting_indicatie
    assert _item(zaak_uuid).opgeschort
    assert web.post(f"{zaak_url}hervatten/").status_code == 302
    assert not _zaak(zaak_uuid).opschorting_indicatie
    assert web.post(f"{zaak_url}verlengen/", {"reden": "Advies nodig", "duur": ""}).status_code == 302
    zaak = _zaak(zaak_uuid)
    assert zaak.verlenging_duur == "P6W"
    # Suspended and resumed the same day: no day lost (Awb 4:15); 3 March + 6 weeks = Monday 14 April.
    assert zaak.uiterlijke_einddatum_afdoening.isoformat() == "2025-04-14"
    assert web.post(f"{zaak_url}verlengen/", {"reden": "Nog eens"}).status_code == 302  # refused, message
    assert _zaak(zaak_uuid).verlenging_duur == "P6W"

    # The besluit with its letter (the zaaktype's Word template), then a message to the resident.
    besluit_form = page.context["besluit_form"]
    response = web.post(
        f"{zaak_url}besluit/",
        {
            "besluittype": _choice(besluit_form, "besluittype", "Parkeervergunning verlenen"),
            "toelichting": "U krijgt een vergunning voor zone centrum.",
            "brief": "on",
        },
    )
    assert response.status_code == 302
    with tenancy.system_scope():
        besluit = besluiten.besluiten_of_zaak(_zaak(zaak_uuid))[0]
    assert besluit.toelichting == "U krijgt een vergunning voor zone centrum."
    assert (
        web.post(f"{zaak_url}bericht/", {"onderwerp": "Uw vergunning", "tekst": "Zie de brief."}).status_code
        == 302
    )
    with tenancy.system_scope():
        assert Bericht.objects.get(zaak_uuid=zaak_uuid).onderwerp == "Uw vergunning"

    page = web.get(zaak_url)
    html = page.content.decode()
    letter = next(
        version for _rel, version, _shown in page.context["documenten"] if version.titel.startswith("Besluit")
    )
    assert letter.bestandsnaam.endswith(".docx")
    download = web.get(f"{zaak_url}documenten/{letter.document.uuid}/")
    assert download.status_code == 200
    content = b"".join(download.streaming_content)
    text = zipfile.ZipFile(io.BytesIO(content)).read("word/document.xml").decode()
    assert zaak.identificatie in text and "U krijgt een vergunning voor zone centrum." in text
    assert besluit.identificatie in text and "Gemeente Voorbeeldstad" in text
    assert "Kentekenbewijs" in html and "Gebeld" in html and "Uw vergunning" in html

    # Close with a resultaat; the zaak leaves the open queue.
    afsluiten = page.context["afsluiten_form"]
    response = web.post(
        f"{zaak_url}afsluiten/",
        {
            "resultaattype": _choice(afsluiten, "resultaattype", "Verleend"),
            "toelichting": "Vergunning verleend",
        },
    )
    assert response.status_code == 302
    zaak = _zaak(zaak_uuid)
    assert zaak.is_closed and not _item(zaak_uuid).is_open
    assert (
        web.post(f"{zaak_url}notitie/", {"onderwerp": "Te laat", "tekst": "x"}).status_code == 302
    )  # refused
    assert web.post(f"{zaak_url}heropenen/", {"reden": "Fout"}).status_code == 403  # behandelaar may not

    # The manager reopens it.
    manager_web = employee_client(manager)
    assert manager_web.post(f"{zaak_url}heropenen/", {"reden": "Bezwaar gegrond"}).status_code == 302
    assert not _zaak(zaak_uuid).is_closed and _item(zaak_uuid).is_open

    # Everything is in the zaak's audit trail, with who did it.
    with tenancy.system_scope():
        trail = list(AuditEntry.objects.filter(hoofd_object=zaken.zaak_url(zaak)))
    assert {"create", "bericht"} <= {e.actie for e in trail}
    assert {"bea", "manon"} <= {e.gebruikers_id for e in trail}
