"""The KCC console: find a resident in the BRP, their zaken and contacts, record a contact with
an answer from the catalogue, call-back tasks; roles, tenancy, confidentiality, bad input."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from raadhuis.klantcontact import console
from raadhuis.klantcontact.models import InterneTaak, Klantcontact, Partij
from raadhuis.platform import tenancy
from raadhuis.platform.models import AuditEntry, ProcessingLogEntry
from raadhuis.werkplek.models import Team
from tests.factories import member
from tests.portal.conftest import living_adult
from tests.portal.test_cases import make_case

KCC = "/klantcontact/kcc/"


@pytest.fixture
def kcc(gemeente, employee_client):
    user = member(gemeente, "kcc", username="kcc-1", first_name="Kim", last_name="Klant")
    client = employee_client(user)
    client.user = user
    return client


def _partij(client, bsn: str, org: str = "voorbeeldstad") -> Partij:
    response = client.post(KCC + "inwoners/", {"bsn": bsn, "org": org})
    assert response.status_code == 302
    uuid = response["Location"].rstrip("/").rsplit("/", 1)[-1]
    with tenancy.system_scope():
        return Partij.objects.get(uuid=uuid)


def _contact(**extra) -> dict:
    return {"kanaal": "telefoon", "onderwerp": "Parkeervergunning",
            "vraag": "Wanneer krijg ik mijn vergunning?", "gelukt": "on", **extra}


# --- Finding a resident ----------------------------------------------------------------------


def test_find_resident_three_ways_each_read_logged_with_purpose(kcc, gemeente, persoon):
    adres = persoon.verblijfplaats
    searches = [
        {"bsn": persoon.burgerservicenummer},
        {"geslachtsnaam": persoon.geslachtsnaam, "geboortedatum": persoon.geboortedatum.isoformat()},
        {"postcode": adres.postcode[:4] + " " + adres.postcode[4:].lower(), "huisnummer": adres.huisnummer,
         "huisletter": adres.huisletter, "huisnummertoevoeging": adres.huisnummertoevoeging},
    ]
    with tenancy.system_scope():
        before = ProcessingLogEntry.objects.filter(betrokkene_id=persoon.burgerservicenummer).count()
    for search in searches:
        page = kcc.post(KCC, search)
        assert page.status_code == 200, page.content.decode()
        assert f'name="bsn" value="{persoon.burgerservicenummer}"' in page.content.decode()
        assert persoon.geslachtsnaam in page.content.decode()
    with tenancy.system_scope():
        reads = list(ProcessingLogEntry.objects.filter(betrokkene_id=persoon.burgerservicenummer)
                     .order_by("pk")[before:])
    assert len(reads) == 3
    assert {r.doelbinding for r in reads} == {console.DOEL}
    assert [r.verwerkingsactiviteit for r in reads] == [
        "KCC: inwoner zoeken op BSN", "KCC: inwoner zoeken op naam en geboortedatum",
        "KCC: inwoner zoeken op postcode en huisnummer"]


def test_found_residents_take_the_focus_from_the_search_field(kcc, gemeente, persoon):
    """One autofocus per page: htmx (the werkplek boosts forms) focuses the first one it swaps in."""
    empty = kcc.get(KCC).content.decode()
    assert empty.count("autofocus") == 1 and re.search(r'<input[^>]*name="bsn"[^>]*autofocus', empty)
    found = kcc.post(KCC, {"bsn": persoon.burgerservicenummer}).content.decode()
    assert found.count("autofocus") == 1 and re.search(r"<button[^>]*autofocus>Kies ", found)
    nobody = kcc.post(KCC, {"geslachtsnaam": "Nergens", "geboortedatum": "1901-01-01"}).content.decode()
    assert "Niemand gevonden" in nobody
    assert nobody.count("autofocus") == 1 and re.search(r'<input[^>]*name="bsn"[^>]*autofocus', nobody)


@pytest.mark.parametrize("data, message", [
    ({}, "Vul een BSN in, of achternaam en geboortedatum, of postcode en huisnummer."),
    ({"bsn": "123456789"}, "11-proef"),
    ({"bsn": "12ab"}, "11-proef"),
    ({"postcode": "1234AB"}, "Vul postcode en huisnummer allebei in."),
    ({"postcode": "0123 AB", "huisnummer": "3"}, "Een postcode is vier cijfers en twee letters"),
    ({"geslachtsnaam": "Jansen"}, "Vul achternaam en geboortedatum allebei in."),
    ({"geslachtsnaam": "J<script>", "geboortedatum": "1980-01-01"}, "Gebruik alleen letters"),
    ({"geslachtsnaam": "Ja*", "geboortedatum": "1980-01-01"}, "patroon"),
    ({"geslachtsnaam": "Jansen", "geboortedatum": "1980-02-31"}, "geldige datum"),
    ({"postcode": "1234AB", "huisnummer": "0"}, "minstens 1"),
])
def test_bad_search_gets_a_dutch_field_error(kcc, data, message):
    response = kcc.post(KCC, data)
    assert response.status_code == 400
    assert message in response.content.decode()


def test_search_sees_only_the_chosen_municipality(kcc, gemeente, proefdorp):
    elsewhere = living_adult(proefdorp)
    page = kcc.post(KCC, {"bsn": elsewhere.burgerservicenummer}).content.decode()
    assert "0 personen gevonden" in page
    # A municipality the employee does not work for cannot be chosen.
    assert kcc.post(KCC, {"bsn": elsewhere.burgerservicenummer, "org": "proefdorp"}).status_code == 404
    chosen = kcc.post(KCC + "inwoners/", {"bsn": elsewhere.burgerservicenummer, "org": "proefdorp"})
    assert chosen.status_code == 404


def test_resident_page_shows_brp_visible_zaken_and_earlier_contacts(kcc, gemeente, proefdorp, persoon):
    bsn = persoon.burgerservicenummer
    own = make_case(gemeente, bsn)
    secret = make_case(gemeente, bsn, level="vertrouwelijk")  # above a KCC-medewerker's level
    other_org = make_case(proefdorp, bsn)
    partij = _partij(kcc, bsn)
    assert kcc.post(f"{KCC}partijen/{partij.uuid}/", _contact(onderwerp="Eerste vraag")).status_code == 302
    page = kcc.get(f"{KCC}partijen/{partij.uuid}/").content.decode()
    assert persoon.geslachtsnaam in page
    assert str(own.uuid) in page
    assert str(secret.uuid) not in page and str(other_org.uuid) not in page
    assert "Eerste vraag" in page
    with tenancy.system_scope():
        assert ProcessingLogEntry.objects.filter(
            betrokkene_id=bsn, verwerkingsactiviteit="KCC: zaken van de inwoner tonen").exists()
    # The secret zaak cannot be linked either: it is not a choice.
    refused = kcc.post(f"{KCC}partijen/{partij.uuid}/", _contact(zaak=str(secret.uuid)))
    assert refused.status_code == 400 and "Selecteer een geldige keuze" in refused.content.decode()


# --- Recording a contact ---------------------------------------------------------------------


def test_register_contact_with_zaak_answer_and_call_back(kcc, gemeente, persoon):
    zaak = make_case(gemeente, persoon.burgerservicenummer)
    with tenancy.scope_for([gemeente.pk]):
        team = Team.objects.create(organisation=gemeente, naam="Parkeren", code="parkeren")
    partij = _partij(kcc, persoon.burgerservicenummer)
    deadline = timezone.localdate() + timedelta(days=3)
    response = kcc.post(f"{KCC}partijen/{partij.uuid}/", _contact(
        kanaal="balie", zaak=str(zaak.uuid), antwoord="De vergunning komt binnen 8 weken.",
        product="product:parkeervergunning", terugbellen="on", terugbelnummer="06 1234 5678",
        toegewezen_aan="team:parkeren", uiterlijk_op=deadline.isoformat(), toelichting="Bel na 14 uur",
    ))
    assert response.status_code == 302
    with tenancy.scope_for([gemeente.pk]):
        record = Klantcontact.objects.get(onderwerp="Parkeervergunning")
        assert (record.kanaal, record.actor.naam, record.had_betrokkene) == ("balie", "Kim Klant", True)
        assert record.inhoud == ("Wanneer krijg ik mijn vergunning?\n\nAntwoord:\n"
                                 "De vergunning komt binnen 8 weken.")
        betrokkene = record.betrokkenen.get()
        assert betrokkene.was_partij == partij
        assert betrokkene.digitale_adressen.get().adres == "0612345678"
        assert sorted((o.code_objecttype, o.object_id) for o in record.onderwerpobjecten.all()) == [
            ("product", "product:parkeervergunning"), ("zaak", str(zaak.uuid))]
        taak = record.interne_taken.get()
        assert (taak.gevraagde_handeling, taak.uiterlijk_op, taak.toegewezen_aan_actor.naam) == (
            "Terugbellen", deadline, f"Team {team.naam}")
        assert AuditEntry.objects.filter(resource="klantcontact", actie="create",
                                         gebruikers_id=kcc.user.username).exists()
    # The channel used last is the default of the next contact.
    page = kcc.get(f"{KCC}partijen/{partij.uuid}/").content.decode()
    assert re.search(r'<input type="radio" name="kanaal" value="balie"[^>]* checked', page)
    assert not re.search(r'<input type="radio" name="kanaal" value="telefoon"[^>]* checked', page)


def test_contact_without_resident_and_bad_input(kcc, gemeente):
    missing = kcc.post(KCC + "contact/", {"kanaal": "fax", "onderwerp": "", "vraag": "x" * 4001,
                                          "terugbellen": "on", "terugbelnummer": "12",
                                          "uiterlijk_op": "2000-01-01"})
    assert missing.status_code == 400
    text = missing.content.decode()
    for message in ("Selecteer een geldige keuze", "Dit veld is vereist", "niet meer dan 4000 tekens",
                    "Geen geldig telefoonnummer", "Kies het team of de medewerker",
                    "De termijn kan niet in het verleden liggen"):
        assert message in text, message
    assert kcc.post(KCC + "contact/", _contact(kanaal="e-mail")).status_code == 302
    with tenancy.scope_for([gemeente.pk]):
        record = Klantcontact.objects.get()
        assert record.kanaal == "e-mail" and record.betrokkenen.get().was_partij is None


def test_answer_from_the_catalogue_is_found_and_inserted_without_recording(kcc, gemeente):
    found = kcc.get(KCC + "contact/?pdc=paspoort+kwijt").content.decode()
    assert 'value="product:paspoort"' in found
    inserted = kcc.post(KCC + "contact/", {"kanaal": "telefoon", "vraag": "Paspoort verloren",
                                           "invoegen": "product:paspoort"})
    assert inserted.status_code == 200
    page = inserted.content.decode()
    assert "Bron: Paspoort" in page and "Paspoort verloren" in page
    assert 'name="product" value="product:paspoort"' in page
    assert not re.search(r'<input type="checkbox" name="gelukt"[^>]* checked', page)  # kept unticked
    with tenancy.scope_for([gemeente.pk]):
        assert not Klantcontact.objects.exists()


def test_a_recorded_contact_cannot_be_changed(kcc, gemeente):
    kcc.post(KCC + "contact/", _contact())
    with tenancy.scope_for([gemeente.pk]):
        record = Klantcontact.objects.get()
        record.onderwerp = "Iets anders"
        with pytest.raises(PermissionError):
            record.save()
        with pytest.raises(PermissionError):
            Klantcontact.objects.filter(pk=record.pk).update(inhoud="weg")
    # The contact's page only adds tasks; posted contact fields change nothing.
    response = kcc.post(f"{KCC}contacten/{record.uuid}/", {"onderwerp": "Iets anders", "vraag": "weg"})
    assert response.status_code == 400
    with tenancy.scope_for([gemeente.pk]):
        record.refresh_from_db()
        assert (record.onderwerp, record.inhoud) == ("Parkeervergunning", "Wanneer krijg ik mijn vergunning?")
        assert not InterneTaak.objects.exists()


def test_a_confidential_contact_shows_only_to_its_author(kcc, gemeente, persoon, employee_client):
    partij = _partij(kcc, persoon.burgerservicenummer)
    kcc.post(f"{KCC}partijen/{partij.uuid}/", _contact(onderwerp="Schuldhulp", vertrouwelijk="on"))
    assert "Schuldhulp" in kcc.get(f"{KCC}partijen/{partij.uuid}/").content.decode()
    kcc.logout()
    colleague = employee_client(member(gemeente, "kcc", username="kcc-2"))
    page = colleague.get(f"{KCC}partijen/{partij.uuid}/").content.decode()
    assert "Schuldhulp" not in page and "Vertrouwelijk contact" in page


# --- Tasks -----------------------------------------------------------------------------------


def _task_for(client, gemeente, assignee: str, *, days: int = 2) -> InterneTaak:
    deadline = timezone.localdate() + timedelta(days=days)
    client.post(KCC + "contact/", _contact(terugbellen="on", toegewezen_aan=assignee,
                                           uiterlijk_op=deadline.isoformat()))
    with tenancy.scope_for([gemeente.pk]):
        return InterneTaak.objects.select_related("toegewezen_aan_actor").latest("pk")


def test_tasks_list_overdue_first_pick_up_and_complete(kcc, gemeente, employee_client):
    colleague = member(gemeente, "kcc", username="kcc-3", first_name="Piet", last_name="Post")
    with tenancy.scope_for([gemeente.pk]):
        team = Team.objects.create(organisation=gemeente, naam="Terugbellers", code="terugbel")
        team.leden.add(kcc.user)
    mine = _task_for(kcc, gemeente, "team:terugbel", days=1)
    theirs = _task_for(kcc, gemeente, f"medewerker:{colleague.pk}", days=5)
    with tenancy.scope_for([gemeente.pk]):
        InterneTaak.objects.filter(pk=mine.pk).update(uiterlijk_op=timezone.localdate() - timedelta(days=1))
    own_list = kcc.get(KCC + "taken/").content.decode()
    assert str(mine.uuid) in own_list and str(theirs.uuid) not in own_list  # mine: via my team
    assert "kcc-taak--verlopen" in own_list and "Te laat" in own_list
    all_list = kcc.get(KCC + "taken/?wie=alle").content.decode()
    assert all_list.index(str(mine.uuid)) < all_list.index(str(theirs.uuid))  # first deadline first

    assert kcc.post(f"{KCC}taken/{mine.uuid}/", {"actie": "oppakken"}).status_code == 302
    with tenancy.scope_for([gemeente.pk]):
        mine.refresh_from_db()
        assert mine.opgepakt_door.gebruiker == kcc.user and mine.toegewezen_aan_actor.code == "team:terugbel"
    kcc.logout()
    other = employee_client(colleague)
    refused = other.post(f"{KCC}taken/{mine.uuid}/", {"actie": "afronden"}, follow=True)
    assert "Deze taak is opgepakt door Kim Klant." in refused.content.decode()
    other.logout()
    kcc = employee_client(kcc.user)
    done = kcc.post(f"{KCC}taken/{mine.uuid}/", {"actie": "afronden", "toelichting": "Teruggebeld"})
    assert done.status_code == 302
    with tenancy.scope_for([gemeente.pk]):
        mine.refresh_from_db()
        assert mine.status == "verwerkt" and mine.afgehandeld_op is not None
        assert mine.toelichting.endswith("Afgerond door Kim Klant: Teruggebeld")
    assert str(mine.uuid) not in kcc.get(KCC + "taken/?wie=alle").content.decode()
    again = kcc.post(f"{KCC}taken/{mine.uuid}/", {"actie": "afronden"}, follow=True)
    assert "Deze taak is al afgerond." in again.content.decode()
    assert "Onbekende actie" in kcc.post(f"{KCC}taken/{theirs.uuid}/", {"actie": "wissen"},
                                         follow=True).content.decode()


def test_task_on_an_earlier_contact(kcc, gemeente):
    kcc.post(KCC + "contact/", _contact())
    with tenancy.scope_for([gemeente.pk]):
        record = Klantcontact.objects.get()
    bad = kcc.post(f"{KCC}contacten/{record.uuid}/", {"handeling": "Terugbellen",
                                                     "toegewezen_aan": "team:bestaat-niet",
                                                     "uiterlijk_op": timezone.localdate().isoformat()})
    assert bad.status_code == 400 and "Selecteer een geldige keuze" in bad.content.decode()
    good = kcc.post(f"{KCC}contacten/{record.uuid}/", {"handeling": "Brief sturen",
                                                      "toegewezen_aan": f"medewerker:{kcc.user.pk}",
                                                      "uiterlijk_op": timezone.localdate().isoformat()})
    assert good.status_code == 302
    with tenancy.scope_for([gemeente.pk]):
        assert record.interne_taken.get().gevraagde_handeling == "Brief sturen"


def test_default_deadline_is_two_working_days():
    from datetime import date

    assert console.standaard_termijn(date(2026, 12, 4)) == date(2026, 12, 8)  # Friday -> Tuesday
    assert console.standaard_termijn(date(2026, 12, 24)) == date(2026, 12, 29)  # over Christmas


# --- Roles and tenancy -----------------------------------------------------------------------


def test_only_kcc_employees_of_the_municipality(kcc, gemeente, proefdorp, persoon, employee_client):
    partij = _partij(kcc, persoon.burgerservicenummer)
    kcc.post(f"{KCC}partijen/{partij.uuid}/", _contact(
        terugbellen="on", toegewezen_aan=f"medewerker:{kcc.user.pk}",
        uiterlijk_op=timezone.localdate().isoformat()))
    with tenancy.scope_for([gemeente.pk]):
        record = Klantcontact.objects.get()
        taak = InterneTaak.objects.get()
    kcc.logout()
    pages = [KCC, KCC + "contact/", KCC + "taken/", f"{KCC}partijen/{partij.uuid}/",
             f"{KCC}contacten/{record.uuid}/"]
    behandelaar = employee_client(member(gemeente, "behandelaar", username="beh-kcc"))
    for url in pages:
        assert behandelaar.get(url).status_code == 403, url
    assert behandelaar.post(KCC, {"bsn": persoon.burgerservicenummer}).status_code == 403
    assert behandelaar.post(f"{KCC}taken/{taak.uuid}/", {"actie": "afronden"}).status_code == 403
    behandelaar.logout()
    elsewhere = employee_client(member(proefdorp, "kcc", username="kcc-proefdorp"))
    for url in pages[3:]:
        assert elsewhere.get(url).status_code == 404, url
    assert elsewhere.post(f"{KCC}taken/{taak.uuid}/", {"actie": "afronden"}).status_code == 404
    assert str(taak.uuid) not in elsewhere.get(KCC + "taken/?wie=alle").content.decode()
    assert elsewhere.get(KCC + "contact/?org=voorbeeldstad").status_code == 404
    with tenancy.scope_for([gemeente.pk]):
        taak.refresh_from_db()
        assert taak.status == "te_verwerken"
