"""The parkeervergunning process (shipped BPMN + DMN): decided automatically when the rules
allow it, otherwise by a behandelaar; every step logged on the zaak with its rule and data."""

import io
import zipfile

import pytest

from raadhuis.platform import tenancy
from raadhuis.platform.models import AuditEntry, ProcessingLogEntry
from raadhuis.processen import services as processen
from raadhuis.processen.models import Procesinstantie, Stap
from raadhuis.werkplek import services as werkplek
from raadhuis.werkplek import zaakdata
from raadhuis.werkplek.models import Bericht, WorkItem
from raadhuis.zgw.besluiten import services as besluiten
from raadhuis.zgw.documenten import services as documenten
from raadhuis.zgw.zaken import services as zaken
from tests.werkplek.conftest import zaaktype

pytestmark = pytest.mark.django_db
AANVRAAG = {"zone": "centrum", "kenteken": "AB-123-C", "aantal_autos": "1"}


def new_zaak(gemeente, behandelaar, as_user, data=None, bsn="999993653"):
    with as_user(behandelaar):
        zaak = werkplek.intake(
            organisation=gemeente,
            zaaktype=zaaktype(gemeente, "PARKVERG"),
            omschrijving="Parkeervergunning",
            bsn=bsn,
            naam="Jansen",
        )
        processen.start(zaak, data if data is not None else AANVRAAG)
    return zaak


def state(zaak):
    with tenancy.system_scope():
        return (
            zaken.get_zaak(zaak.uuid),
            Procesinstantie.objects.get(zaak_uuid=zaak.uuid),
            list(Stap.objects.filter(zaak_uuid=zaak.uuid)),
            WorkItem.objects.get(zaak_uuid=zaak.uuid),
        )


def test_automatic_path_decides_flags_the_besluit_and_closes(
    met_processen, behandelaar, as_user, brp, run_outbox
):
    zaak = new_zaak(met_processen, behandelaar, as_user)
    run_outbox()
    zaak, instantie, stappen, item = state(zaak)
    assert instantie.status == "afgerond"
    assert zaak.is_closed and not item.is_open
    with tenancy.system_scope():
        assert zaakdata.resultaat(zaak).resultaattype.omschrijving == "Verleend"
        besluit = besluiten.besluiten_of_zaak(zaak)[0]
    assert "automatisch genomen" in besluit.toelichting and "R1" in besluit.toelichting
    assert "zone centrum" in besluit.toelichting and "75.00" in besluit.toelichting

    by_task = {s.taak: s for s in stappen}
    regel = by_task["Beslisregel parkeervergunning"]
    assert regel.soort == "regel" and "regel 1" in regel.regel
    assert regel.invoer == {
        "Woont in de zone": True,
        "Aantal auto's": 1,
        "Openstaande boetes": 0,
        "Kenteken opgegeven": True,
    }
    assert regel.uitkomst["uitkomst"] == "verlenen" and regel.versie == 1
    besluit_stap = by_task["Besluit nemen (automatisch)"]
    assert besluit_stap.geautomatiseerd_besluit and besluit_stap.besluit_uuid == besluit.uuid
    assert by_task["Woonadres controleren (BRP)"].invoer == {"zone": "centrum", "postcode": "9901"}
    assert brp.calls and brp.calls[0][0] == "999993653"

    # The letter (the zaaktype's Word template) names the automation and went to the inbox.
    with tenancy.system_scope():
        letter = next(v for _r, v in zaakdata.documenten(zaak) if v.titel.startswith("Besluit"))
        text = (
            zipfile.ZipFile(io.BytesIO(b"".join(documenten.read_inhoud(letter))))
            .read("word/document.xml")
            .decode()
        )
        bericht = Bericht.objects.get(zaak_uuid=zaak.uuid)
        logged_steps = AuditEntry.objects.filter(
            hoofd_object=zaken.zaak_url(zaak), bron="processen", actie="stap_regel"
        ).exists()
    assert "automatisch genomen" in text and "J. Jansen" in text and "Kerkplein 1" in text
    assert bericht.document_url.endswith(str(letter.document.uuid))
    assert logged_steps


def test_human_path_when_the_rules_do_not_allow_it(
    met_processen, behandelaar, as_user, brp, run_outbox, employee_client
):
    brp.postcode = "9950ZZ"  # not in zone centrum
    zaak = new_zaak(met_processen, behandelaar, as_user)
    run_outbox()
    zaak, instantie, stappen, item = state(zaak)
    assert instantie.status == "wacht" and not zaak.is_closed
    assert item.procestaak == "Aanvraag beoordelen" and item.team.code == "vergunningen"
    assert next(s for s in stappen if s.soort == "regel").uitkomst["uitkomst"] == "behandelaar"

    # The behandelaar sees the task in the queue and on the case page, and decides.
    web = employee_client(behandelaar)
    queue = web.get("/werkplek/?wie=team").content.decode()
    assert zaak.identificatie in queue and "Aanvraag beoordelen" in queue
    page = web.get(f"/werkplek/zaken/{zaak.uuid}/")
    taak = page.context["proces"]["taken"][0]
    url = f"/werkplek/zaken/{zaak.uuid}/taken/{taak['id']}/"
    assert web.post(url, {"beoordeling": "misschien", "motivering": "x"}).status_code == 302  # refused
    assert state(zaak)[1].status == "wacht"
    response = web.post(url, {"beoordeling": "verlenen", "motivering": "Woont sinds kort in de zone."})
    assert response.status_code == 302
    run_outbox()
    zaak, instantie, stappen, item = state(zaak)
    assert instantie.status == "afgerond" and zaak.is_closed and item.procestaak == ""
    with tenancy.system_scope():
        besluit = besluiten.besluiten_of_zaak(zaak)[0]
    assert besluit.toelichting == "Woont sinds kort in de zone."
    assert not any(s.geautomatiseerd_besluit for s in stappen)
    medewerker = next(s for s in stappen if s.soort == "medewerker")
    assert medewerker.door == "Bea Behandel" and medewerker.uitkomst["beoordeling"] == "verlenen"


def test_refusal_by_the_behandelaar_sends_a_letter_and_closes_as_geweigerd(
    met_processen, behandelaar, as_user, brp, run_outbox
):
    zaak = new_zaak(
        met_processen,
        behandelaar,
        as_user,
        data={"zone": "centrum", "kenteken": "AB-123-C", "aantal_autos": "2"},
    )
    run_outbox()
    with as_user(behandelaar):
        task = processen.overview(zaken.get_zaak(zaak.uuid))["taken"][0]
        processen.complete_user_task(
            zaken.get_zaak(zaak.uuid),
            task["id"],
            {"beoordeling": "weigeren", "motivering": "Twee auto's."},
            user=behandelaar,
        )
    run_outbox()
    zaak, instantie, _stappen, _item = state(zaak)
    with tenancy.system_scope():
        assert zaakdata.resultaat(zaak).resultaattype.omschrijving == "Geweigerd"
        assert "Twee auto's." in Bericht.objects.get(zaak_uuid=zaak.uuid).tekst
        assert besluiten.besluiten_of_zaak(zaak) == []


def test_open_fines_send_it_to_a_person_and_the_brp_read_is_logged(
    met_processen, behandelaar, as_user, run_outbox, monkeypatch
):
    from raadhuis.registers import services as registers

    logged = []

    def get_persoon(bsn, *, fields, doel, grondslag, verwerking=""):
        logged.append((doel, grondslag))
        return {"verblijfplaats": {"verblijfadres": {"postcode": "9902AA"}}}

    monkeypatch.setattr(registers, "get_persoon", get_persoon)
    zaak = new_zaak(
        met_processen,
        behandelaar,
        as_user,
        data={"zone": "centrum", "kenteken": "XX-999-X", "aantal_autos": "1"},
    )
    run_outbox()
    _zaak, instantie, stappen, _item = state(zaak)
    assert instantie.status == "wacht"
    assert next(s for s in stappen if s.taak == "Openstaande boetes controleren").uitkomst == {
        "open_boetes": 2
    }
    assert logged and all(doel and grondslag for doel, grondslag in logged)


def test_a_zaak_created_elsewhere_starts_its_process_from_the_notification(
    met_processen, behandelaar, as_user, run_outbox, brp
):
    with as_user(behandelaar):
        zaak = werkplek.intake(
            organisation=met_processen,
            zaaktype=zaaktype(met_processen, "PARKVERG"),
            omschrijving="Via de API",
            bsn="999993653",
        )
    run_outbox()
    _zaak, instantie, _stappen, item = state(zaak)
    # No request data: the rules cannot decide, so a behandelaar gets it.
    assert instantie.status == "wacht" and item.procestaak == "Aanvraag beoordelen"


def test_process_state_survives_a_restart(met_processen, behandelaar, as_user, brp, run_outbox):
    """The instance is only its stored state: throw the engine's caches away and go on."""
    from raadhuis.processen import engine

    brp.postcode = "9950ZZ"
    zaak = new_zaak(met_processen, behandelaar, as_user)
    run_outbox()
    engine._cached.cache_clear()
    with as_user(behandelaar):
        fresh = zaken.get_zaak(zaak.uuid)
        task = processen.overview(fresh)["taken"][0]
        processen.complete_user_task(
            fresh, task["id"], {"beoordeling": "verlenen", "motivering": "Ok."}, user=behandelaar
        )
    run_outbox()
    assert state(zaak)[1].status == "afgerond"


def test_processing_log_is_written_for_the_automatic_brp_check(
    met_processen, behandelaar, as_user, run_outbox
):
    """Against the real (local) register: an unknown BSN gives no address, so no automatic decision,
    and nothing is read without purpose."""
    zaak = new_zaak(met_processen, behandelaar, as_user, bsn="999990019")
    run_outbox()
    assert state(zaak)[1].status == "wacht"
    with tenancy.system_scope():
        assert all(e.doelbinding for e in ProcessingLogEntry.objects.all())


def test_a_person_can_take_over_from_the_machine(
    met_processen, behandelaar, as_user, brp, run_outbox, employee_client
):
    brp.postcode = "9950ZZ"
    zaak = new_zaak(met_processen, behandelaar, as_user)
    run_outbox()
    web = employee_client(behandelaar)
    assert web.post(f"/werkplek/zaken/{zaak.uuid}/overnemen/").status_code == 302
    _zaak, instantie, _stappen, item = state(zaak)
    assert instantie.status == "overgenomen" and item.procestaak == "" and item.behandelaar == behandelaar
    assert not _zaak.is_closed
    with as_user(behandelaar), pytest.raises(ValueError):
        processen.complete_user_task(_zaak, "00000000-0000-0000-0000-000000000000", {}, user=behandelaar)
