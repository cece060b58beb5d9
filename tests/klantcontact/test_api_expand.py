"""``expand`` as Open Klant offers it: the related records whole under ``_expand`` (nested paths
inside the expanded record's own ``_expand``), vertrouwelijk klantcontacten left out for a
client without the scope, unknown values a 400, and a constant number of queries."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from raadhuis.klantcontact.api import scopes
from tests.klantcontact.apiclient import BASE, BSN, created, klant_betrokkene, klantcontact


def _contact_with_partij(api, **extra) -> tuple[dict, dict, dict]:
    partij = created(
        api,
        "partijen",
        {
            "soortPartij": "persoon",
            "indicatieActief": True,
            "partijIdentificatie": {"contactnaam": {"voornaam": "Jan", "achternaam": "Jansen"}},
        },
    )
    contact = klantcontact(api, **extra)
    betrokkene = klant_betrokkene(api, contact, partij)
    created(
        api,
        "digitaleadressen",
        {
            "verstrektDoorBetrokkene": {"uuid": betrokkene["uuid"]},
            "soortDigitaalAdres": "telefoonnummer",
            "adres": "0612345678",
        },
    )
    created(
        api,
        "internetaken",
        {
            "gevraagdeHandeling": "Terugbellen",
            "status": "te_verwerken",
            "aanleidinggevendKlantcontact": {"uuid": contact["uuid"]},
        },
    )
    return partij, contact, betrokkene


def test_klantcontacten_expand_betrokkenen_their_partij_and_tasks(writer):
    partij, contact, betrokkene = _contact_with_partij(writer)
    url = f"{BASE}/klantcontacten/{contact['uuid']}"
    plain = writer.get(url).json()
    assert "_expand" not in plain
    body = writer.get(
        url,
        {
            "expand": "hadBetrokkenen.wasPartij,hadBetrokkenen.digitaleAdressen,"
            "leiddeTotInterneTaken,gingOverOnderwerpobjecten"
        },
    ).json()
    expanded = body["_expand"]
    assert set(expanded) == {"hadBetrokkenen", "leiddeTotInterneTaken", "gingOverOnderwerpobjecten"}
    [who] = expanded["hadBetrokkenen"]
    assert who["uuid"] == betrokkene["uuid"] and who["volledigeNaam"] == ""
    assert who["_expand"]["wasPartij"]["partijIdentificatie"]["volledigeNaam"] == "Jan Jansen"
    assert who["_expand"]["digitaleAdressen"][0]["adres"] == "0612345678"
    assert expanded["leiddeTotInterneTaken"][0]["gevraagdeHandeling"] == "Terugbellen"
    assert expanded["gingOverOnderwerpobjecten"] == []
    listed = writer.get(
        f"{BASE}/klantcontacten",
        {"expand": "hadBetrokkenen", "hadBetrokkene__wasPartij__uuid": partij["uuid"]},
    ).json()
    assert listed["results"][0]["_expand"]["hadBetrokkenen"][0]["uuid"] == betrokkene["uuid"]


def test_partijen_and_digitale_adressen_expand_but_hide_vertrouwelijke_klantcontacten(
    trusted_writer, kic, gemeente
):
    partij, geheim, _betrokkene = _contact_with_partij(trusted_writer, vertrouwelijk=True)
    trusted = kic(gemeente, scopes.LEZEN, scopes.VERTROUWELIJK_LEZEN)
    reader = kic(gemeente, scopes.LEZEN)
    url = f"{BASE}/partijen/{partij['uuid']}"
    params = {"expand": "betrokkenen.hadKlantcontact,digitaleAdressen"}
    seen = trusted.get(url, params).json()["_expand"]
    assert seen["betrokkenen"][0]["_expand"]["hadKlantcontact"]["uuid"] == geheim["uuid"]
    assert seen["digitaleAdressen"] == []  # the number was given for the contact, not kept on the partij
    # Without the scope the contact and what belongs to it (its betrokkene) stay out.
    assert reader.get(url, params).json()["_expand"]["betrokkenen"] == []

    path = "verstrektDoorBetrokkene.hadKlantcontact.leiddeTotInterneTaken"
    adres = reader.get(f"{BASE}/digitaleadressen", {"expand": path}).json()["results"][0]
    assert adres["_expand"]["verstrektDoorBetrokkene"] is None
    adres = trusted.get(adres["url"], {"expand": path}).json()
    contact = adres["_expand"]["verstrektDoorBetrokkene"]["_expand"]["hadKlantcontact"]
    assert contact["vertrouwelijk"] is True
    assert contact["_expand"]["leiddeTotInterneTaken"][0]["gevraagdeHandeling"] == "Terugbellen"


def test_what_belongs_to_a_vertrouwelijk_klantcontact_is_hidden_too(trusted_writer, kic, gemeente):
    _partij, geheim, betrokkene = _contact_with_partij(trusted_writer, vertrouwelijk=True)
    created(
        trusted_writer,
        "onderwerpobjecten",
        {
            "klantcontact": {"uuid": geheim["uuid"]},
            "onderwerpobjectidentificator": {"codeObjecttype": "zaak"},
        },
    )
    created(trusted_writer, "bijlagen", {"wasBijlageVanKlantcontact": {"uuid": geheim["uuid"]}})
    reader = kic(gemeente, scopes.LEZEN)
    trusted = kic(gemeente, scopes.LEZEN, scopes.VERTROUWELIJK_LEZEN)
    for path in ("betrokkenen", "internetaken", "onderwerpobjecten", "bijlagen"):
        assert reader.get(f"{BASE}/{path}").json()["count"] == 0, path
        assert trusted.get(f"{BASE}/{path}").json()["count"] == 1, path
    assert reader.get(betrokkene["url"]).status_code == 404
    assert trusted.get(betrokkene["url"]).status_code == 200


def test_betrokkenen_expand_their_digitale_adressen(writer):
    _partij, _contact, betrokkene = _contact_with_partij(writer)
    body = writer.get(f"{BASE}/betrokkenen/{betrokkene['uuid']}", {"expand": "digitaleAdressen"}).json()
    assert [a["adres"] for a in body["_expand"]["digitaleAdressen"]] == ["0612345678"]


def test_an_expansion_the_resource_does_not_offer_is_a_400(writer):
    for path, value in (
        ("klantcontacten", "wasPartij"),
        ("betrokkenen", "wasPartij"),
        ("partijen", "vertegenwoordigden"),
        ("klantcontacten", "hadBetrokkenen..x"),
    ):
        response = writer.get(f"{BASE}/{path}", {"expand": value})
        assert response.status_code == 400, path
        assert response.json()["invalidParams"][0]["name"] == "expand"
    assert writer.get(f"{BASE}/internetaken", {"expand": "aanleidinggevendKlantcontact"}).status_code == 400


@pytest.mark.parametrize("resource, expand", [
    ("klantcontacten", "hadBetrokkenen.wasPartij,hadBetrokkenen.digitaleAdressen,leiddeTotInterneTaken"),
    ("partijen", "betrokkenen.hadKlantcontact,digitaleAdressen,categorieRelaties"),
])
def test_an_expanded_list_costs_the_same_queries_for_one_or_many_records(writer, resource, expand):
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            response = writer.get(f"{BASE}/{resource}", {"expand": expand})
        assert response.status_code == 200
        return len(captured)

    _contact_with_partij(writer)
    one = queries()
    for _ in range(3):
        _contact_with_partij(writer)
    assert queries() == one


def test_expanded_partijen_show_their_identificatoren(writer):
    partij = created(
        writer,
        "partijen",
        {
            "soortPartij": "persoon",
            "indicatieActief": True,
            "partijIdentificatoren": [
                {
                    "partijIdentificator": {
                        "codeObjecttype": "natuurlijk_persoon",
                        "codeSoortObjectId": "bsn",
                        "objectId": BSN,
                        "codeRegister": "brp",
                    }
                }
            ],
        },
    )
    contact = klantcontact(writer)
    klant_betrokkene(writer, contact, partij)
    found = writer.get(
        f"{BASE}/klantcontacten",
        {
            "hadBetrokkene__wasPartij__partijIdentificator__objectId": BSN,
            "expand": "hadBetrokkenen.wasPartij",
        },
    ).json()
    wie = found["results"][0]["_expand"]["hadBetrokkenen"][0]["_expand"]["wasPartij"]
    assert wie["partijIdentificatoren"][0]["partijIdentificator"]["objectId"] == BSN


def test_a_vertrouwelijk_klantcontact_cannot_be_referred_to_without_the_scope(writer, kic, gemeente):
    geheim = klantcontact(writer, vertrouwelijk=True)
    creator = kic(gemeente, scopes.LEZEN, scopes.AANMAKEN)
    response = creator.post(
        f"{BASE}/internetaken",
        {
            "gevraagdeHandeling": "x",
            "status": "te_verwerken",
            "aanleidinggevendKlantcontact": {"uuid": geheim["uuid"]},
        },
        format="json",
    )
    assert response.status_code == 400
    assert response.json()["invalidParams"][0] == {
        "name": "aanleidinggevendKlantcontact.uuid",
        "code": "does_not_exist",
        "reason": f"Er bestaat geen klantcontact met uuid {geheim['uuid']}.",
    }
    trusted = kic(gemeente, scopes.LEZEN, scopes.AANMAKEN, scopes.VERTROUWELIJK_LEZEN)
    assert (
        trusted.post(
            f"{BASE}/internetaken",
            {
                "gevraagdeHandeling": "x",
                "status": "te_verwerken",
                "aanleidinggevendKlantcontact": {"uuid": geheim["uuid"]},
            },
            format="json",
        ).status_code
        == 201
    )
