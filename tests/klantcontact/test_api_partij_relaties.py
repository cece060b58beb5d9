"""``/vertegenwoordigingen``, ``/rekeningnummers``, ``/categorieen`` and ``/categorie-relaties``:
happy path, Open Klant's fields on the partij, clear 400s, scopes and tenancy."""

from __future__ import annotations

import pytest

from raadhuis.klantcontact.api import scopes
from tests.klantcontact.apiclient import BASE, created, post

IBAN = "NL91ABNA0417164300"  # a valid check number


def partij(api, **extra) -> dict:
    return created(api, "partijen", {"soortPartij": "persoon", "indicatieActief": True, **extra})


def names(response) -> dict[str, str]:
    assert response.status_code == 400 and response["Content-Type"] == "application/problem+json"
    return {p["name"]: p["code"] for p in response.json()["invalidParams"]}


def test_a_partij_represents_another(writer):
    ouder, kind = partij(writer, nummer="1"), partij(writer, nummer="2")
    link = created(
        writer,
        "vertegenwoordigingen",
        {
            "vertegenwoordigendePartij": {"uuid": ouder["uuid"]},
            "vertegenwoordigdePartij": {"uuid": kind["uuid"]},
        },
    )
    assert [p["uuid"] for p in writer.get(ouder["url"]).json()["vertegenwoordigden"]] == [kind["uuid"]]
    assert writer.get(kind["url"]).json()["vertegenwoordigden"] == []
    found = writer.get(f"{BASE}/partijen", {"vertegenwoordigdePartij__uuid": kind["uuid"]}).json()
    assert [p["uuid"] for p in found["results"]] == [ouder["uuid"]]
    listed = writer.get(
        f"{BASE}/vertegenwoordigingen", {"vertegenwoordigendePartij__url": ouder["url"]}
    ).json()
    assert [v["uuid"] for v in listed["results"]] == [link["uuid"]]
    again = post(
        writer,
        "vertegenwoordigingen",
        {
            "vertegenwoordigendePartij": {"uuid": ouder["uuid"]},
            "vertegenwoordigdePartij": {"uuid": kind["uuid"]},
        },
    )
    assert names(again) == {"nonFieldErrors": "unique"}
    itself = post(
        writer,
        "vertegenwoordigingen",
        {
            "vertegenwoordigendePartij": {"uuid": ouder["uuid"]},
            "vertegenwoordigdePartij": {"uuid": ouder["uuid"]},
        },
    )
    assert names(itself) == {"vertegenwoordigdePartij": "self-reference"}
    assert names(
        post(writer, "vertegenwoordigingen", {"vertegenwoordigdePartij": {"uuid": kind["uuid"]}})
    ) == {"vertegenwoordigendePartij": "required"}
    assert writer.delete(link["url"]).status_code == 204
    assert writer.get(ouder["url"]).json()["vertegenwoordigden"] == []


def test_rekeningnummers_of_a_partij(writer):
    klant = partij(writer)
    rekening = created(
        writer,
        "rekeningnummers",
        {"partij": {"uuid": klant["uuid"]}, "iban": IBAN.lower(), "bic": "ABNANL2A"},
    )
    assert rekening["iban"] == IBAN
    shown = writer.get(klant["url"]).json()
    assert [r["uuid"] for r in shown["rekeningnummers"]] == [rekening["uuid"]]
    chosen = writer.patch(
        klant["url"], {"voorkeursRekeningnummer": {"uuid": rekening["uuid"]}}, format="json"
    )
    assert chosen.status_code == 200 and chosen.json()["voorkeursRekeningnummer"]["uuid"] == rekening["uuid"]
    other = partij(writer)
    theirs = writer.patch(
        other["url"], {"voorkeursRekeningnummer": {"uuid": rekening["uuid"]}}, format="json"
    )
    assert names(theirs) == {"voorkeursRekeningnummer": "invalid"}
    assert writer.get(f"{BASE}/rekeningnummers", {"iban": IBAN.lower()}).json()["count"] == 1
    assert writer.delete(rekening["url"]).status_code == 204
    assert writer.get(klant["url"]).json()["voorkeursRekeningnummer"] is None


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ({"iban": "NL92ABNA0417164300"}, {"iban": "invalid-iban"}),
        ({"iban": "NL91 ABNA 0417 1643 00"}, {"iban": "invalid"}),
        ({"iban": IBAN, "bic": "ABN"}, {"bic": "min_length"}),
        ({"iban": IBAN, "bic": "ABNA NL2A"}, {"bic": "invalid"}),
        ({}, {"iban": "required"}),
        ({"iban": 12}, {"iban": "invalid"}),
        (
            {"iban": IBAN, "partij": {"uuid": "095be615-a8ad-4c33-8e9c-c7612fbf6c9f"}},
            {"partij.uuid": "does_not_exist"},
        ),
    ],
)
def test_bad_rekeningnummers_get_clear_400s(writer, body, expected):
    partij(writer)
    assert names(post(writer, "rekeningnummers", body)) == expected


def test_categorieen_label_partijen(writer):
    klant = partij(writer, nummer="42")
    categorie = created(writer, "categorieen", {"naam": "Ondernemer"})
    relatie = created(
        writer,
        "categorie-relaties",
        {
            "partij": {"uuid": klant["uuid"]},
            "categorie": {"uuid": categorie["uuid"]},
            "beginDatum": "2026-01-01",
        },
    )
    assert relatie["categorie"] == {"uuid": categorie["uuid"], "url": categorie["url"], "naam": "Ondernemer"}
    [shown] = writer.get(klant["url"]).json()["categorieRelaties"]
    assert (shown["uuid"], shown["categorieNaam"], shown["beginDatum"], shown["eindDatum"]) == (
        relatie["uuid"],
        "Ondernemer",
        "2026-01-01",
        None,
    )
    expanded = writer.get(klant["url"], {"expand": "categorieRelaties"}).json()["_expand"][
        "categorieRelaties"
    ]
    assert expanded[0]["categorie"]["naam"] == "Ondernemer"
    found = writer.get(f"{BASE}/partijen", {"categorierelatie__categorie__naam": "Ondernemer"}).json()
    assert [p["uuid"] for p in found["results"]] == [klant["uuid"]]
    for query in ({"partij__nummer": "42"}, {"categorie__naam": "Ondernemer"}, {"beginDatum": "2026-01-01"}):
        assert writer.get(f"{BASE}/categorie-relaties", query).json()["count"] == 1, query
    assert names(writer.delete(categorie["url"])) == {"nonFieldErrors": "protected"}
    backwards = writer.patch(relatie["url"], {"eindDatum": "2025-12-31"}, format="json")
    assert names(backwards) == {"eindDatum": "date-mismatch"}
    assert writer.get(f"{BASE}/categorie-relaties", {"beginDatum": "gisteren"}).status_code == 400
    assert names(post(writer, "categorieen", {"naam": "x" * 81})) == {"naam": "max_length"}


def test_scopes_and_tenancy_of_the_partij_relations(writer, kic, gemeente, proefdorp):
    klant = partij(writer)
    rekening = created(writer, "rekeningnummers", {"partij": {"uuid": klant["uuid"]}, "iban": IBAN})
    categorie = created(writer, "categorieen", {"naam": "Ondernemer"})
    reader = kic(gemeente, scopes.LEZEN)
    assert reader.get(rekening["url"]).status_code == 200
    assert post(reader, "categorieen", {"naam": "x"}).status_code == 403
    assert reader.delete(categorie["url"]).status_code == 403

    other = kic(proefdorp, scopes.LEZEN, scopes.AANMAKEN, scopes.VERWIJDEREN)
    for path in ("rekeningnummers", "categorieen", "categorie-relaties", "vertegenwoordigingen"):
        assert other.get(f"{BASE}/{path}").json()["count"] == 0, path
    assert other.get(rekening["url"]).status_code == 404 and other.delete(categorie["url"]).status_code == 404
    own = created(other, "partijen", {"soortPartij": "persoon", "indicatieActief": True})
    across = post(
        other,
        "vertegenwoordigingen",
        {
            "vertegenwoordigendePartij": {"uuid": own["uuid"]},
            "vertegenwoordigdePartij": {"uuid": klant["uuid"]},
        },
    )
    assert names(across) == {"vertegenwoordigdePartij.uuid": "does_not_exist"}
    label = post(
        other,
        "categorie-relaties",
        {"partij": {"uuid": own["uuid"]}, "categorie": {"uuid": categorie["uuid"]}},
    )
    assert names(label) == {"categorie.uuid": "does_not_exist"}


@pytest.mark.parametrize(
    "resource",
    [
        "partij-identificatoren",
        "vertegenwoordigingen",
        "rekeningnummers",
        "categorieen",
        "categorie-relaties",
        "actorklantcontacten",
        "maak-klantcontact",
    ],
)
def test_malformed_json_and_a_list_for_an_object_are_400s(writer, resource):
    broken = writer.post(f"{BASE}/{resource}", '{"naam": ', content_type="application/json")
    assert broken.status_code == 400 and broken.json()["code"] == "parse_error"
    listed = writer.post(f"{BASE}/{resource}", "[]", content_type="application/json")
    assert listed.status_code == 400 and listed["Content-Type"] == "application/problem+json"


def test_a_partij_names_its_digitale_adressen_and_rekeningnummers(writer):
    adres = created(writer, "digitaleadressen", {"soortDigitaalAdres": "email", "adres": "jan@example.nl"})
    rekening = created(writer, "rekeningnummers", {"iban": IBAN})
    klant = partij(
        writer,
        digitaleAdressen=[{"uuid": adres["uuid"]}],
        voorkeursDigitaalAdres={"uuid": adres["uuid"]},
        rekeningnummers=[{"uuid": rekening["uuid"]}],
        voorkeursRekeningnummer={"uuid": rekening["uuid"]},
    )
    assert [a["uuid"] for a in klant["digitaleAdressen"]] == [adres["uuid"]]
    assert klant["voorkeursRekeningnummer"]["uuid"] == rekening["uuid"]
    assert writer.get(adres["url"]).json()["verstrektDoorPartij"]["uuid"] == klant["uuid"]
    emptied = writer.patch(
        klant["url"], {"digitaleAdressen": [], "rekeningnummers": []}, format="json"
    ).json()
    assert (emptied["digitaleAdressen"], emptied["voorkeursDigitaalAdres"]) == ([], None)
    assert (emptied["rekeningnummers"], emptied["voorkeursRekeningnummer"]) == ([], None)
    assert writer.get(adres["url"]).json()["verstrektDoorPartij"] is None
    elsewhere = post(
        writer,
        "partijen",
        {
            "soortPartij": "persoon",
            "indicatieActief": True,
            "voorkeursDigitaalAdres": {"uuid": adres["uuid"]},
        },
    )
    assert names(elsewhere) == {"voorkeursDigitaalAdres": "invalid"}
    unknown = post(
        writer,
        "partijen",
        {
            "soortPartij": "persoon",
            "indicatieActief": True,
            "digitaleAdressen": [{"uuid": "095be615-a8ad-4c33-8e9c-c7612fbf6c9f"}],
        },
    )
    assert names(unknown) == {"digitaleAdressen.0.uuid": "does_not_exist"}
