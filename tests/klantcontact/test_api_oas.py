"""The committed OAS of the Klantinteracties API is current, served, and keeps the standard's
operations and field names.

OFFICIAL lists what Raadhuis offers of the Klantinteracties OAS of Open Klant 2.x
(maykinmedia/open-klant ``src/openklant/components/klantinteracties/openapi.yaml``, EUPL-1.2),
checked by hand against it; what is not offered is named in docs/modules/klantcontact.md.
"""

import pytest
from django.core.management import call_command

from raadhuis.klantcontact.api import oas

CRUD = {"get", "post"}, {"get", "put", "patch", "delete"}
OPERATIONS = {
    **{f"/{name}": CRUD[0] for name in ("partijen", "digitaleadressen", "actoren", "klantcontacten",
                                         "betrokkenen", "onderwerpobjecten", "bijlagen", "internetaken")},
    **{f"/{name}/{{uuid}}": CRUD[1] for name in ("partijen", "digitaleadressen", "actoren", "betrokkenen",
                                                 "onderwerpobjecten", "bijlagen", "internetaken")},
    "/klantcontacten/{uuid}": {"get"},  # a record: not changed, not deleted
}
FIELDS = {
    "Klantcontact": {"uuid", "url", "gingOverOnderwerpobjecten", "hadBetrokkenActoren", "omvatteBijlagen",
                     "hadBetrokkenen", "leiddeTotInterneTaken", "nummer", "kanaal", "onderwerp", "inhoud",
                     "indicatieContactGelukt", "taal", "vertrouwelijk", "plaatsgevondenOp"},
    "Betrokkene": {"uuid", "url", "wasPartij", "hadKlantcontact", "digitaleAdressen", "bezoekadres",
                   "correspondentieadres", "contactnaam", "volledigeNaam", "rol", "organisatienaam",
                   "initiator"},
    "DigitaalAdres": {"uuid", "url", "verstrektDoorBetrokkene", "verstrektDoorPartij", "adres",
                      "soortDigitaalAdres", "isStandaardAdres", "omschrijving", "referentie"},
    "InterneTaak": {"uuid", "url", "nummer", "gevraagdeHandeling", "aanleidinggevendKlantcontact",
                    "toegewezenAanActor", "toegewezenAanActoren", "toelichting", "status", "toegewezenOp",
                    "afgehandeldOp"},
    "Onderwerpobject": {"uuid", "url", "klantcontact", "wasKlantcontact", "onderwerpobjectidentificator"},
    "Bijlage": {"uuid", "url", "wasBijlageVanKlantcontact", "bijlageidentificator"},
    "PartijForeignKey": {"uuid", "url"},
}
# The standard's Partij and Actor fields that Raadhuis has (see the module docs for the rest).
SUBSETS = {
    "Partij": {"uuid", "url", "nummer", "interneNotitie", "betrokkenen", "digitaleAdressen",
               "voorkeursDigitaalAdres", "partijIdentificatoren", "soortPartij", "indicatieGeheimhouding",
               "voorkeurstaal", "indicatieActief", "bezoekadres", "correspondentieadres",
               "partijIdentificatie"},
    "Actor": {"uuid", "url", "naam", "soortActor", "indicatieActief", "actoridentificator",
              "actorIdentificatie"},
}


@pytest.fixture(scope="module")
def schema():
    return oas.generate_schema()


def test_committed_oas_is_current():
    call_command("klantinteracties_oas", "--check")


def test_served_schema_is_the_committed_one(client):
    response = client.get("/klantinteracties/api/v1/schema")
    assert response.status_code == 200
    assert response.content.decode("utf-8") == oas.COMMITTED.read_text(encoding="utf-8")


def test_operations_and_ids_of_the_standard(schema):
    for path, methods in OPERATIONS.items():
        assert set(schema["paths"][path]) == methods, path
    assert schema["paths"]["/partijen"]["get"]["operationId"] == "partijenList"
    assert schema["paths"]["/internetaken/{uuid}"]["patch"]["operationId"] == "internetakenPartialUpdate"


def test_field_names_of_the_standard(schema):
    schemas = schema["components"]["schemas"]
    for name, expected in (FIELDS | SUBSETS).items():
        assert set(schemas[name]["properties"]) == expected, name
    for name in ("PaginatedKlantcontactList", "PaginatedPartijList"):
        assert set(schemas[name]["properties"]) == {"count", "next", "previous", "results"}


def test_list_parameters_of_the_standard(schema):
    names = {p["name"] for p in schema["paths"]["/klantcontacten"]["get"]["parameters"]}
    assert {"hadBetrokkene__wasPartij__uuid", "onderwerpobject__onderwerpobjectidentificatorObjectId",
            "plaatsgevondenOp", "vertrouwelijk", "page", "pageSize"} <= names
    names = {p["name"] for p in schema["paths"]["/internetaken"]["get"]["parameters"]}
    assert {"status", "aanleidinggevendKlantcontact__uuid", "toegewezenAanActor__url", "nummer"} <= names
