"""The Woo path through the services: import, search, request as zaak, dossier, review, publish."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from raadhuis.platform import tenancy
from raadhuis.woo import search, services
from raadhuis.woo.models import ArchiveDocument, Beoordeling, Lakking, PublicTerm
from raadhuis.zgw.zaken import services as zaken
from tests.woo.conftest import LETTER, SECRETS, make_pdf

EML = b"""From: Fleur Visser <f.visser@aadorp.nl>
To: Hanneke de Wit <h.dewit@aadorp.nl>
Subject: Kap van drie eiken aan de Molenweg
Date: Mon, 6 Jan 2025 10:00:00 +0100
Message-ID: <a1@aadorp.nl>
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="XX"

--XX
Content-Type: text/plain; charset=utf-8

Hoi Hanneke, de bomenkap gaat door. Bewoner Piet de Vries belde op 06-12345678.
--XX
Content-Type: text/plain; charset=utf-8
Content-Disposition: attachment; filename="notitie.txt"

Notitie over de bomenkap, BSN 123456782.
--XX--
"""
REPLY = b"""From: Hanneke de Wit <h.dewit@aadorp.nl>
To: Fleur Visser <f.visser@aadorp.nl>
Subject: RE: Kap van drie eiken aan de Molenweg
Date: Tue, 7 Jan 2025 09:00:00 +0100
Message-ID: <a2@aadorp.nl>
In-Reply-To: <a1@aadorp.nl>
References: <a1@aadorp.nl>
Content-Type: text/plain; charset=utf-8

Dank, ik informeer de wethouder over de bomenkap.
"""


@pytest.fixture
def scope_a(woo_setup):
    with tenancy.scope_for([woo_setup["a"].pk]):
        yield woo_setup


def test_request_becomes_a_zaak_of_the_woo_zaaktype_with_its_term(scope_a):
    verzoek = services.create_verzoek(
        scope_a["a"], onderwerp="Bomenkap Molenweg", verzoeker="J. Jansen", ontvangen_op=date(2025, 1, 6)
    )
    zaak = zaken.get_zaak(verzoek.zaak_uuid)
    assert zaak.zaaktype.identificatie == "WOO" and zaak.identificatie == verzoek.zaak_identificatie
    assert zaak.uiterlijke_einddatum_afdoening == date(2025, 2, 3)
    assert zaken.current_status(zaak).statustype.omschrijving == "Ontvangen"
    services.schort_op(verzoek, van=date(2025, 1, 13), tot=date(2025, 1, 22), reden="Zienswijze derde")
    services.verdaag(verzoek, weken=2, reden="Omvang", gemeld_op=date(2025, 1, 20))
    termijnen = services.termijnen(verzoek, today=date(2025, 1, 23))
    assert termijnen.beslistermijn == date(2025, 2, 13) and termijnen.verdaagd_tot == date(2025, 2, 27)
    with pytest.raises(services.WooError, match="één keer"):
        services.verdaag(verzoek, weken=1, reden="nog eens", gemeld_op=date(2025, 1, 21))


def test_no_woo_zaaktype_is_a_clear_error(two_municipalities):
    with (
        tenancy.scope_for([two_municipalities[0].pk]),
        pytest.raises(services.WooError, match="zaaktype WOO"),
    ):
        services.create_verzoek(
            two_municipalities[0], onderwerp="x", verzoeker="y", ontvangen_op=date(2025, 1, 6)
        )


def test_email_import_keeps_family_and_thread(scope_a):
    mail = services.import_eml(scope_a["a"], EML)
    reply = services.import_eml(scope_a["a"], REPLY)
    assert len(mail) == 2 and mail[1].ouder == mail[0] and mail[1].titel == "notitie.txt"
    assert mail[0].thread_id == "<a1@aadorp.nl>" == reply[0].thread_id
    assert "Piet de Vries" in mail[0].inhoud and mail[0].datum == date(2025, 1, 6)


def test_bad_email_and_wrong_types_are_refused(scope_a, tmp_path):
    with pytest.raises(services.WooError):
        services.import_eml(scope_a["a"], b"\x00\x01 geen mail")
    (tmp_path / "a.pdf").write_bytes(make_pdf())
    (tmp_path / "b.exe").write_bytes(b"MZ\x90\x00")
    (tmp_path / "c.pdf").write_bytes(b"%PDF-1.4 kapot")
    imported, skipped = services.import_folder(scope_a["a"], tmp_path)
    assert [d.bestandsnaam for d in imported] == ["a.pdf"]
    assert any(s.startswith("b.exe") for s in skipped) and any(s.startswith("c.pdf") for s in skipped)


def test_dutch_search_with_phrases_exclusion_filters_and_tenancy(woo_setup):
    a, b = woo_setup["a"], woo_setup["b"]
    with tenancy.scope_for([a.pk]):
        kap = services.import_text(
            a,
            "Het college besluit tot de kap van bomen aan de Molenweg.",
            titel="Bomenkap",
            auteur="Team Groen",
            datum=date(2024, 5, 1),
        )
        services.import_text(
            a,
            "Verslag over parkeervergunningen in het centrum.",
            titel="Parkeren",
            auteur="Team Verkeer",
            datum=date(2023, 1, 1),
        )
        services.import_text(
            a, "Geheim advies over de kap van bomen.", titel="Advies kap", vertrouwelijkheid="geheim"
        )
    with tenancy.scope_for([b.pk]):
        services.import_text(b, "Ook in Beestad gaat de kap van bomen door.", titel="Kap Beestad")
    with tenancy.scope_for([a.pk]):
        assert [d.titel for d in search.search("kap bomen")] == ["Bomenkap"]
        assert [d.titel for d in search.search('"kap van bomen"')] == ["Bomenkap"]
        assert [d.titel for d in search.search("parkeervergunning")] == ["Parkeren"]  # stemming
        assert [d.titel for d in search.search("parkeervergunningen or bomen -molenweg")] == ["Parkeren"]
        assert search.search("bomen", search.Filters(van=date(2025, 1, 1))) == []
        assert [d.titel for d in search.search("", search.Filters(auteur="verkeer"))] == ["Parkeren"]
        assert kap in search.search("groen")  # metadata (author) is searched too
        everything = search.search("kap", search.Filters(max_vertrouwelijkheid="zeer_geheim"))
        assert {d.titel for d in everything} == {"Bomenkap", "Advies kap"}  # never Beestad's


def _dossier(setup):
    a = setup["a"]
    PublicTerm.objects.create(organisation=a, waarde="Anna Dijkstra", functie="burgemeester")
    verzoek = services.create_verzoek(
        a,
        onderwerp="Vergunning De Vries",
        verzoeker="K. Bakker",
        ontvangen_op=timezone.localdate() - timedelta(days=3),
    )
    letter = services.import_pdf(
        a, make_pdf(metadata={"author": "Marieke Hofstede"}), titel="Brief", datum=date(2024, 3, 1)
    )
    copy = services.import_pdf(a, make_pdf(LETTER + "\nP.S."), titel="Brief (kopie)", datum=date(2024, 3, 2))
    items = services.add_to_dossier(verzoek, [letter, copy])
    return verzoek, items


def test_near_duplicates_are_marked_in_the_dossier(scope_a):
    verzoek, items = _dossier(scope_a)
    copy = ArchiveDocument.objects.get(pk=items[1].document_id)
    assert copy.duplicaat_van_id == items[0].document_id


def test_review_and_publication_leak_nothing(scope_a):
    verzoek, items = _dossier(scope_a)
    item = items[0]
    proposals = services.detect_item(item)
    assert {p.grond for p in proposals} >= {"5.1.1e", "5.1.2e"}
    assert not any("Dijkstra" in p.tekst for p in proposals)
    services.accept_all(item)
    services.add_lakking(item, tekst="Vergunningverlener", grond="5.1.2e", alle_voorkomens=True)
    assert verzoek.items.get(pk=items[1].pk).lakkingen.filter(tekst="Vergunningverlener").exists()
    with pytest.raises(services.WooError, match="niet voor"):
        services.add_lakking(item, tekst="bestaat nergens", grond="5.1.2e")
    with pytest.raises(services.WooError, match="motiveer|Motiveer"):
        services.assess(item, beoordeling=Beoordeling.DEELS_OPENBAAR, motivering="kort")
    services.assess(
        item,
        beoordeling=Beoordeling.DEELS_OPENBAAR,
        motivering="Persoonsgegevens van de aanvrager en de medewerker zijn gelakt.",
    )
    with pytest.raises(services.WooError, match="Nog niet beoordeeld"):
        services.publish(verzoek)
    services.assess(
        items[1],
        beoordeling=Beoordeling.NIET_OPENBAAR,
        motivering="Dubbel exemplaar van document 1; de kopie voegt niets toe.",
    )
    services.publish(verzoek)
    item.refresh_from_db()
    with item.gelakt_pdf.open("rb") as handle:
        published = handle.read()
    from raadhuis.woo import redaction

    assert redaction.find_leaks(published, SECRETS + ["Vergunningverlener"]) == []
    assert not items[1].gelakt_pdf
    letter = services.decision_letter(verzoek)
    assert "5.1.1e" in letter and "Persoonsgegevens van de aanvrager" in letter
    rows = services.inventory_rows(verzoek, "https://gemeente.example")
    assert rows[0][5] == "Deels openbaar" and "5.1.1e" in rows[0][6] and rows[0][8].endswith(".pdf")
    assert rows[1][5] == "Niet openbaar" and rows[1][8] == ""
    assert services.inventory_csv(verzoek).startswith("\ufeff".encode())
    assert services.inventory_xlsx(verzoek)[:2] == b"PK"


def test_rejected_proposals_are_not_applied_and_suggestions_need_an_accept(scope_a):
    verzoek, items = _dossier(scope_a)
    item = items[0]
    services.detect_item(item)
    bsn = item.lakkingen.get(soort="bsn")
    services.decide(bsn, accept=False)
    services.accept_all(item)
    assert item.lakkingen.get(pk=bsn.pk).status == Lakking.Status.AFGEWEZEN
    text = services.document_text(item)
    assert all(m.text != "123456782" for m in services.marks_of(item, text))


def test_inventory_cells_cannot_be_formulas(scope_a):
    verzoek, items = _dossier(scope_a)
    document = items[0].document
    document.titel = '=HYPERLINK("http://evil")'
    document.save()
    assert b"'=HYPERLINK" in services.inventory_csv(verzoek)


def test_fts5_translation_follows_postgresqls_precedence():
    assert search.to_fts5('bomen or "kap van" -molenweg') == '("bomen"*) OR (("kap van") NOT "molenweg"*)'
    assert search.to_fts5("-alleen") == "" and search.to_fts5('"') == ""
    assert search.to_fts5("vergunningen") == '("vergunn"*)'  # matches vergunning, vergunningen
