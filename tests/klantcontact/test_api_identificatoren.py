"""``/partij-identificatoren`` and partijen found by their identificatoren (KISS searches a
resident by ``partijIdentificator__codeSoortObjectId=bsn&partijIdentificator__objectId=…``):
Open Klant's rules with clear 400s, scopes, tenancy, and the BSN the KCC console and the
portal chat find partijen by (ADR 0044)."""

from __future__ import annotations

import pytest

from raadhuis.klantcontact import console, services
from raadhuis.klantcontact.api import scopes
from raadhuis.klantcontact.models import PartijIdentificator
from raadhuis.platform import tenancy
from tests.klantcontact.apiclient import BASE, BSN, created, klant_betrokkene, post

KVK = "12345678"
BSN_2, BSN_3 = "111222333", "123456782"  # pass the elfproef


def identificator(soort="bsn", number=BSN, objecttype="natuurlijk_persoon", register="brp") -> dict:
    return {
        "codeObjecttype": objecttype,
        "codeSoortObjectId": soort,
        "objectId": number,
        "codeRegister": register,
    }


def persoon(api, *identificatoren) -> dict:
    return created(
        api,
        "partijen",
        {
            "soortPartij": "persoon",
            "indicatieActief": True,
            "partijIdentificatoren": [{"partijIdentificator": i} for i in identificatoren],
        },
    )


def organisatie(api, *identificatoren) -> dict:
    return created(
        api,
        "partijen",
        {
            "soortPartij": "organisatie",
            "indicatieActief": True,
            "partijIdentificatie": {"naam": "De Bol"},
            "partijIdentificatoren": [{"partijIdentificator": i} for i in identificatoren],
        },
    )


def kvk() -> dict:
    return identificator("kvk_nummer", KVK, "niet_natuurlijk_persoon", "hr")


def invalid(response) -> dict[str, str]:
    assert response.status_code == 400, response.json()
    assert response["Content-Type"] == "application/problem+json"
    return {p["name"]: p["code"] for p in response.json()["invalidParams"]}


def test_an_identificator_is_created_read_changed_found_and_deleted(writer, gemeente):
    partij = persoon(writer)
    made = created(
        writer,
        "partij-identificatoren",
        {"identificeerdePartij": {"uuid": partij["uuid"]}, "partijIdentificator": identificator()},
    )
    assert made["identificeerdePartij"]["uuid"] == partij["uuid"] and made["subIdentificatorVan"] is None
    assert made["partijIdentificator"] == identificator()
    assert made["url"].endswith(f"/klantinteracties/api/v1/partij-identificatoren/{made['uuid']}")

    assert writer.get(made["url"]).json()["partijIdentificator"]["objectId"] == BSN
    listed = writer.get(f"{BASE}/partij-identificatoren", {"partijIdentificatorObjectId": BSN}).json()
    assert [i["uuid"] for i in listed["results"]] == [made["uuid"]]
    shown = writer.get(f"{BASE}/partijen/{partij['uuid']}").json()
    assert [i["uuid"] for i in shown["partijIdentificatoren"]] == [made["uuid"]]

    found = writer.get(
        f"{BASE}/partijen",
        {
            "partijIdentificator__codeSoortObjectId": "bsn",
            "partijIdentificator__objectId": BSN,
            "partijIdentificator__codeRegister": "brp",
            "partijIdentificator__codeObjecttype": "natuurlijk_persoon",
        },
    ).json()
    assert [p["uuid"] for p in found["results"]] == [partij["uuid"]]

    changed = writer.patch(
        made["url"], {"anderePartijIdentificator": "klantnummer oud systeem"}, format="json"
    )
    assert (
        changed.status_code == 200
        and changed.json()["anderePartijIdentificator"] == "klantnummer oud systeem"
    )
    assert writer.delete(made["url"]).status_code == 204
    assert writer.get(f"{BASE}/partijen", {"partijIdentificator__objectId": BSN}).json()["count"] == 0

    from raadhuis.zgw.common import events

    with tenancy.scope_for([gemeente.pk]):
        trail = [(e.bron, e.actie) for e in events.trail(made["url"])]
    assert trail == [("KC", "create"), ("KC", "partial_update"), ("KC", "destroy")]


def test_the_identificator_filters_match_one_identificator_together(writer):
    resident = persoon(writer, identificator())
    company = organisatie(writer, kvk())
    both = {"partijIdentificator__codeSoortObjectId": "bsn", "partijIdentificator__objectId": KVK}
    assert writer.get(f"{BASE}/partijen", both).json()["count"] == 0  # a bsn and a KvK-nummer, not one
    by_kind = writer.get(f"{BASE}/partijen", {"partijIdentificator__codeSoortObjectId": "kvk_nummer"}).json()
    assert [p["uuid"] for p in by_kind["results"]] == [company["uuid"]]
    contact = created(
        writer,
        "klantcontacten",
        {"kanaal": "telefoon", "onderwerp": "x", "taal": "nld", "vertrouwelijk": False},
    )
    klant_betrokkene(writer, contact, resident)
    found = writer.get(
        f"{BASE}/betrokkenen",
        {
            "wasPartij__partijIdentificator__objectId": BSN,
            "wasPartij__partijIdentificator__codeSoortObjectId": "bsn",
        },
    )
    assert found.json()["count"] == 1


def test_a_vestigingsnummer_lives_under_its_kvk_nummer(writer):
    company = organisatie(writer, kvk())
    parent = company["partijIdentificatoren"][0]
    vestiging = identificator("vestigingsnummer", "000012345678", "vestiging", "hr")
    body = {"identificeerdePartij": None, "partijIdentificator": vestiging}
    assert invalid(post(writer, "partij-identificatoren", body)) == {
        "subIdentificatorVan": "vestigingsnummer-needs-kvk"
    }
    child = created(
        writer, "partij-identificatoren", {**body, "subIdentificatorVan": {"uuid": parent["uuid"]}}
    )
    assert child["subIdentificatorVan"]["uuid"] == parent["uuid"]
    # The same vestigingsnummer under the same KvK-nummer once.
    again = post(writer, "partij-identificatoren", {**body, "subIdentificatorVan": {"uuid": parent["uuid"]}})
    assert invalid(again) == {"partijIdentificator": "unique"}
    # A parent with children is neither deleted nor changed, nor is its partij.
    assert invalid(writer.delete(parent["url"])) == {"nonFieldErrors": "protected"}
    gone = writer.delete(company["url"])
    assert (
        invalid(gone) == {"nonFieldErrors": "protected"}
        and "vestigingsnummers" in gone.json()["invalidParams"][0]["reason"]
    )
    moved = writer.patch(
        parent["url"], {"partijIdentificator": kvk() | {"objectId": "87654321"}}, format="json"
    )
    assert invalid(moved) == {"partijIdentificator": "has-sub-identificatoren"}
    itself = writer.patch(child["url"], {"subIdentificatorVan": {"uuid": child["uuid"]}}, format="json")
    assert invalid(itself) == {"subIdentificatorVan": "self-reference"}


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            {"partijIdentificator": identificator(number="123456789")},
            {"partijIdentificator.objectId": "invalid-bsn"},
        ),
        (
            {"partijIdentificator": identificator(number="12345")},
            {"partijIdentificator.objectId": "invalid-bsn"},
        ),
        (
            {"partijIdentificator": identificator("kvk_nummer", "1234", "niet_natuurlijk_persoon", "hr")},
            {"partijIdentificator.objectId": "invalid-kvk_nummer"},
        ),
        (
            {"partijIdentificator": identificator("rsin", "123456789", "niet_natuurlijk_persoon", "hr")},
            {"partijIdentificator.objectId": "invalid-rsin"},
        ),
        (
            {"partijIdentificator": identificator("kvk_nummer", KVK, "natuurlijk_persoon", "brp")},
            {"partijIdentificator.codeSoortObjectId": "invalid-soort"},
        ),
        (
            {"partijIdentificator": identificator(objecttype="vestiging")},
            {"partijIdentificator.codeObjecttype": "invalid-objecttype"},
        ),
        (
            {"partijIdentificator": identificator(soort="paspoort")},
            {"partijIdentificator.codeSoortObjectId": "invalid_choice"},
        ),
        (
            {"partijIdentificator": identificator() | {"codeRegister": ""}},
            {"partijIdentificator": "incomplete"},
        ),
        ({"partijIdentificator": "bsn 999993653"}, {"partijIdentificator.nonFieldErrors": "invalid"}),
        (
            {"partijIdentificator": identificator() | {"objectId": ["999993653"]}},
            {"partijIdentificator.objectId": "invalid"},
        ),
        (
            {
                "partijIdentificator": identificator(),
                "identificeerdePartij": {"uuid": "095be615-a8ad-4c33-8e9c-c7612fbf6c9f"},
            },
            {"identificeerdePartij.uuid": "does_not_exist"},
        ),
        (
            {"partijIdentificator": identificator(), "identificeerdePartij": "niet-een-object"},
            {"identificeerdePartij.nonFieldErrors": "invalid"},
        ),
    ],
)
def test_bad_identificatoren_get_clear_400s(writer, body, expected):
    persoon(writer)  # one organisation for the client's writes
    assert invalid(post(writer, "partij-identificatoren", body)) == expected


def test_a_bsn_is_for_a_persoon_and_once_per_organisation_and_partij(writer, kic, proefdorp):
    company = organisatie(writer)
    on_company = post(
        writer,
        "partij-identificatoren",
        {"identificeerdePartij": {"uuid": company["uuid"]}, "partijIdentificator": identificator()},
    )
    assert invalid(on_company) == {"partijIdentificator.codeSoortObjectId": "bsn-only-persoon"}
    nested = post(
        writer,
        "partijen",
        {
            "soortPartij": "organisatie",
            "indicatieActief": True,
            "partijIdentificatoren": [{"partijIdentificator": identificator()}],
        },
    )
    assert invalid(nested) == {
        "partijIdentificatoren.0.partijIdentificator.codeSoortObjectId": "bsn-only-persoon"
    }

    resident = persoon(writer, identificator())
    assert invalid(
        post(
            writer,
            "partijen",
            {
                "soortPartij": "persoon",
                "indicatieActief": True,
                "partijIdentificatoren": [{"partijIdentificator": identificator()}],
            },
        )
    ) == {"partijIdentificatoren.0": "unique"}
    second = post(
        writer,
        "partij-identificatoren",
        {
            "identificeerdePartij": {"uuid": resident["uuid"]},
            "partijIdentificator": identificator(number=BSN_2),
        },
    )
    assert invalid(second) == {"partijIdentificator.codeSoortObjectId": "unique"}
    two = post(
        writer,
        "partijen",
        {
            "soortPartij": "persoon",
            "indicatieActief": True,
            "partijIdentificatoren": [
                {"partijIdentificator": identificator(number=BSN_2)},
                {"partijIdentificator": identificator(number=BSN_3)},
            ],
        },
    )
    assert invalid(two) == {"partijIdentificatoren.1": "unique"}
    turned = writer.patch(
        f"{BASE}/partijen/{resident['uuid']}", {"soortPartij": "organisatie"}, format="json"
    )
    assert invalid(turned) == {"soortPartij": "bsn-only-persoon"}

    # Another municipality keeps its own partij for the same resident.
    elsewhere = kic(proefdorp, scopes.LEZEN, scopes.AANMAKEN)
    assert persoon(elsewhere, identificator())["uuid"] != resident["uuid"]


def test_partij_writes_its_identificatoren_as_open_klant_does(writer):
    resident = persoon(writer, identificator())
    url = f"{BASE}/partijen/{resident['uuid']}"
    kept = resident["partijIdentificatoren"][0]
    # With its uuid an identificator is updated (and keeps its uuid); the others are deleted.
    body = {
        "partijIdentificatoren": [
            {"uuid": kept["uuid"], "anderePartijIdentificator": "x", "partijIdentificator": identificator()}
        ]
    }
    response = writer.patch(url, body, format="json")
    assert response.status_code == 200, response.json()
    assert [
        (i["uuid"], i["anderePartijIdentificator"]) for i in response.json()["partijIdentificatoren"]
    ] == [(kept["uuid"], "x")]
    # Without a uuid the list replaces them: the same BSN again is no conflict with itself.
    replaced = writer.patch(
        url, {"partijIdentificatoren": [{"partijIdentificator": identificator()}]}, format="json"
    ).json()["partijIdentificatoren"]
    assert len(replaced) == 1 and replaced[0]["uuid"] != kept["uuid"]
    assert (
        writer.patch(url, {"partijIdentificatoren": []}, format="json").json()["partijIdentificatoren"] == []
    )
    assert writer.get(f"{BASE}/partij-identificatoren").json()["count"] == 0
    other = persoon(writer)
    stolen = writer.patch(
        f"{BASE}/partijen/{other['uuid']}",
        {
            "partijIdentificatoren": [
                {"uuid": "095be615-a8ad-4c33-8e9c-c7612fbf6c9f", "partijIdentificator": identificator()}
            ]
        },
        format="json",
    )
    assert invalid(stolen) == {"partijIdentificatoren.0.uuid": "does_not_exist"}


def test_scopes_and_tenancy_of_partij_identificatoren(writer, kic, zgw_client, gemeente, proefdorp):
    resident = persoon(writer, identificator())
    url = resident["partijIdentificatoren"][0]["url"]
    assert zgw_client(gemeente).get(f"{BASE}/partij-identificatoren").status_code == 403
    reader = kic(gemeente, scopes.LEZEN)
    assert reader.get(url).status_code == 200
    assert (
        post(
            reader, "partij-identificatoren", {"partijIdentificator": identificator(number=BSN_2)}
        ).status_code
        == 403
    )
    assert reader.delete(url).status_code == 403

    other = kic(proefdorp, scopes.LEZEN, scopes.AANMAKEN, scopes.BIJWERKEN, scopes.VERWIJDEREN)
    assert other.get(f"{BASE}/partij-identificatoren").json()["count"] == 0
    assert other.get(url).status_code == 404 and other.delete(url).status_code == 404
    assert other.get(f"{BASE}/partijen", {"partijIdentificator__objectId": BSN}).json()["count"] == 0
    attach = post(
        other,
        "partij-identificatoren",
        {
            "identificeerdePartij": {"uuid": resident["uuid"]},
            "partijIdentificator": identificator(number=BSN_2),
        },
    )
    assert invalid(attach) == {"identificeerdePartij.uuid": "does_not_exist"}


def test_console_and_chat_find_the_partij_by_its_bsn_identificator(writer, gemeente):
    with tenancy.scope_for([gemeente.pk]):
        by_console = console.partij_voor(gemeente, BSN)
        by_chat = services.start_gesprek(gemeente, bsn=BSN).partij
        assert by_chat == by_console and by_console.bsn == BSN
        assert PartijIdentificator.objects.filter(object_id=BSN).count() == 1
    found = writer.get(
        f"{BASE}/partijen",
        {"partijIdentificator__codeSoortObjectId": "bsn", "partijIdentificator__objectId": BSN},
    ).json()
    assert [p["uuid"] for p in found["results"]] == [str(by_console.uuid)]
    # A partij a client made over the API is the one the console opens.
    other = persoon(writer, identificator(number=BSN_2))
    with tenancy.scope_for([gemeente.pk]):
        assert str(console.partij_voor(gemeente, BSN_2).uuid) == other["uuid"]


def test_finding_a_resident_by_bsn_is_in_the_verwerkingenlog(writer, gemeente):
    from raadhuis.platform.models import ProcessingLogEntry

    partij = persoon(writer, identificator())
    writer.get(f"{BASE}/partijen", {"partijIdentificator__objectId": BSN})
    writer.get(f"{BASE}/partijen/{partij['uuid']}")
    writer.get(f"{BASE}/partijen", {"soortPartij": "persoon"})  # browsing, no search: not per partij
    with tenancy.scope_for([gemeente.pk]):
        logged = list(
            ProcessingLogEntry.objects.filter(betrokkene_id=BSN).values_list(
                "verwerkingsactiviteit", flat=True
            )
        )
    assert sorted(logged) == [
        "Partij raadplegen (Klantinteracties API)",
        "Partij zoeken op partij-identificator (Klantinteracties API)",
    ]
