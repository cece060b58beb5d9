"""The committed OAS of the Klantinteracties API is current, served, and keeps the standard's
operations, field names, filters and expansions.

The constants below are what Raadhuis offers of the Klantinteracties OAS of Open Klant 2.x
(maykinmedia/open-klant ``src/openklant/components/klantinteracties/openapi.yaml``, EUPL-1.2,
info.version 0.1.2), copied from it by hand (the file is not shipped with Raadhuis); what is not
offered is named in docs/modules/klantcontact.md. A field Raadhuis adds must be ``x-experimental``.
"""

import pytest
from django.core.management import call_command

from raadhuis.klantcontact.api import oas

CRUD = {"get", "post"}, {"get", "put", "patch", "delete"}
RESOURCES = (
    "partijen",
    "partij-identificatoren",
    "digitaleadressen",
    "actoren",
    "actorklantcontacten",
    "betrokkenen",
    "onderwerpobjecten",
    "bijlagen",
    "internetaken",
    "vertegenwoordigingen",
    "rekeningnummers",
    "categorieen",
    "categorie-relaties",
)
OPERATIONS = {
    **{f"/{name}": CRUD[0] for name in (*RESOURCES, "klantcontacten")},
    **{f"/{name}/{{uuid}}": CRUD[1] for name in RESOURCES},
    "/klantcontacten/{uuid}": {"get"},  # a record: not changed, not deleted
    "/maak-klantcontact": {"post"},
}
# operationIds of the reference for the resources added by ADR 0044.
OPERATION_IDS = {
    ("/partij-identificatoren", "get"): "partijIdentificatorenList",
    ("/partij-identificatoren", "post"): "partijIdentificatorenCreate",
    ("/partij-identificatoren/{uuid}", "get"): "partijIdentificatorenRetrieve",
    ("/partij-identificatoren/{uuid}", "put"): "partijIdentificatorenUpdate",
    ("/partij-identificatoren/{uuid}", "patch"): "partijIdentificatorenPartialUpdate",
    ("/partij-identificatoren/{uuid}", "delete"): "partijIdentificatorenDestroy",
    ("/actorklantcontacten", "get"): "actorklantcontactenList",
    ("/actorklantcontacten", "post"): "actorklantcontactenCreate",
    ("/actorklantcontacten/{uuid}", "get"): "actorklantcontactenRetrieve",
    ("/actorklantcontacten/{uuid}", "put"): "actorklantcontactenUpdate",
    ("/actorklantcontacten/{uuid}", "patch"): "actorklantcontactenPartialUpdate",
    ("/actorklantcontacten/{uuid}", "delete"): "actorklantcontactenDestroy",
    ("/maak-klantcontact", "post"): "maakKlantcontactCreate",
    ("/vertegenwoordigingen", "get"): "vertegenwoordigingenList",
    ("/vertegenwoordigingen/{uuid}", "patch"): "vertegenwoordigingenPartialUpdate",
    ("/rekeningnummers", "post"): "rekeningnummersCreate",
    ("/rekeningnummers/{uuid}", "delete"): "rekeningnummersDestroy",
    ("/categorieen", "get"): "categorieenList",
    ("/categorieen/{uuid}", "put"): "categorieenUpdate",
    ("/categorie-relaties", "get"): "categorieRelatiesList",
    ("/categorie-relaties/{uuid}", "get"): "categorieRelatiesRetrieve",
    ("/partijen", "get"): "partijenList",
    ("/internetaken/{uuid}", "patch"): "internetakenPartialUpdate",
}
# List parameters of the reference (besides page and pageSize).
PARAMETERS = {
    "/partij-identificatoren": {
        "anderePartijIdentificator",
        "partijIdentificatorCodeObjecttype",
        "partijIdentificatorCodeRegister",
        "partijIdentificatorCodeSoortObjectId",
        "partijIdentificatorObjectId",
    },
    "/actorklantcontacten": {"actor__url", "actor__uuid", "klantcontact__url", "klantcontact__uuid"},
    "/vertegenwoordigingen": {
        "vertegenwoordigdePartij__url",
        "vertegenwoordigdePartij__uuid",
        "vertegenwoordigendePartij__url",
        "vertegenwoordigendePartij__uuid",
    },
    "/rekeningnummers": {"bic", "iban", "uuid"},
    "/categorieen": set(),
    "/categorie-relaties": {
        "beginDatum",
        "eindDatum",
        "categorie__naam",
        "categorie__url",
        "categorie__uuid",
        "partij__nummer",
        "partij__url",
        "partij__uuid",
    },
    "/partijen": {
        "bezoekadresAdresregel1",
        "bezoekadresAdresregel2",
        "bezoekadresAdresregel3",
        "bezoekadresLand",
        "bezoekadresNummeraanduidingId",
        "categorierelatie__categorie__naam",
        "correspondentieadresAdresregel1",
        "correspondentieadresAdresregel2",
        "correspondentieadresAdresregel3",
        "correspondentieadresLand",
        "correspondentieadresNummeraanduidingId",
        "expand",
        "indicatieActief",
        "indicatieGeheimhouding",
        "nummer",
        "partijIdentificator__codeObjecttype",
        "partijIdentificator__codeRegister",
        "partijIdentificator__codeSoortObjectId",
        "partijIdentificator__objectId",
        "soortPartij",
        "vertegenwoordigdePartij__url",
        "vertegenwoordigdePartij__uuid",
    },
}


def _identificator(prefix: str) -> set[str]:
    return {f"{prefix}{part}" for part in ("CodeObjecttype", "CodeRegister", "CodeSoortObjectId", "ObjectId")}


def _partij_identificator(prefix: str) -> set[str]:
    return {
        f"{prefix}__partijIdentificator__{part}"
        for part in ("codeObjecttype", "codeRegister", "codeSoortObjectId", "objectId")
    }


PARAMETERS |= {
    "/klantcontacten": {
        "expand",
        "hadBetrokkene__url",
        "hadBetrokkene__uuid",
        *_partij_identificator("hadBetrokkene__wasPartij"),
        "hadBetrokkene__wasPartij__url",
        "hadBetrokkene__wasPartij__uuid",
        "indicatieContactGelukt",
        "inhoud",
        "kanaal",
        "nummer",
        "onderwerp",
        *_identificator("onderwerpobject__onderwerpobjectidentificator"),
        "onderwerpobject__url",
        "onderwerpobject__uuid",
        "plaatsgevondenOp",
        "vertrouwelijk",
        *_identificator("wasOnderwerpobject__onderwerpobjectidentificator"),
        "wasOnderwerpobject__url",
        "wasOnderwerpobject__uuid",
    },
    "/betrokkenen": {
        "contactnaamAchternaam",
        "contactnaamVoorletters",
        "contactnaamVoornaam",
        "contactnaamVoorvoegselAchternaam",
        "expand",
        "hadKlantcontact__nummer",
        "hadKlantcontact__url",
        "hadKlantcontact__uuid",
        "organisatienaam",
        "verstrektedigitaalAdres__adres",
        "verstrektedigitaalAdres__url",
        "verstrektedigitaalAdres__uuid",
        "wasPartij__nummer",
        *_partij_identificator("wasPartij"),
        "wasPartij__url",
        "wasPartij__uuid",
    },
    "/digitaleadressen": {
        "adres",
        "adres__icontains",
        "expand",
        "omschrijving",
        "referentie",
        "soortDigitaalAdres",
        "verstrektDoorBetrokkene__rol",
        "verstrektDoorBetrokkene__url",
        "verstrektDoorBetrokkene__uuid",
        *_partij_identificator("verstrektDoorPartij"),
        "verstrektDoorPartij__soortPartij",
        "verstrektDoorPartij__url",
        "verstrektDoorPartij__uuid",
    },
    "/internetaken": {
        "aanleidinggevendKlantcontact__url",
        "aanleidinggevendKlantcontact__uuid",
        "actoren__naam",
        "klantcontact__nummer",
        "klantcontact__uuid",
        "nummer",
        "status",
        "toegewezenAanActor__url",
        "toegewezenAanActor__uuid",
        "toegewezenOp",
    },
    "/actoren": {*_identificator("actoridentificator"), "indicatieActief", "naam", "soortActor"},
    "/onderwerpobjecten": _identificator("onderwerpobjectidentificator"),
    "/bijlagen": _identificator("bijlageidentificator"),
}

# ``expand`` values of the reference per path.
EXPAND = {
    "/partijen": ["betrokkenen", "betrokkenen.hadKlantcontact", "categorieRelaties", "digitaleAdressen"],
    "/klantcontacten": [
        "gingOverOnderwerpobjecten",
        "hadBetrokkenen",
        "hadBetrokkenen.digitaleAdressen",
        "hadBetrokkenen.wasPartij",
        "leiddeTotInterneTaken",
        "omvatteBijlagen",
    ],
    "/betrokkenen": ["digitaleAdressen"],
    "/digitaleadressen": [
        "verstrektDoorBetrokkene",
        "verstrektDoorBetrokkene.hadKlantcontact",
        "verstrektDoorBetrokkene.hadKlantcontact.leiddeTotInterneTaken",
    ],
}
# The reference gives a betrokkene the same fields whether read alone or inside a klantcontact.
BETROKKENE = {
    "uuid", "url", "wasPartij", "hadKlantcontact", "digitaleAdressen", "bezoekadres",
    "correspondentieadres", "contactnaam", "volledigeNaam", "rol", "organisatienaam", "initiator",
}
FIELDS = {
    "Klantcontact": {
        "uuid",
        "url",
        "gingOverOnderwerpobjecten",
        "hadBetrokkenActoren",
        "omvatteBijlagen",
        "hadBetrokkenen",
        "leiddeTotInterneTaken",
        "nummer",
        "kanaal",
        "onderwerp",
        "inhoud",
        "indicatieContactGelukt",
        "taal",
        "vertrouwelijk",
        "plaatsgevondenOp",
    },
    "Betrokkene": BETROKKENE,
    "DigitaalAdres": {
        "uuid",
        "url",
        "verstrektDoorBetrokkene",
        "verstrektDoorPartij",
        "adres",
        "soortDigitaalAdres",
        "isStandaardAdres",
        "omschrijving",
        "referentie",
    },
    "InterneTaak": {
        "uuid",
        "url",
        "nummer",
        "gevraagdeHandeling",
        "aanleidinggevendKlantcontact",
        "toegewezenAanActor",
        "toegewezenAanActoren",
        "toelichting",
        "status",
        "toegewezenOp",
        "afgehandeldOp",
    },
    "Onderwerpobject": {"uuid", "url", "klantcontact", "wasKlantcontact", "onderwerpobjectidentificator"},
    "Bijlage": {"uuid", "url", "wasBijlageVanKlantcontact", "bijlageidentificator"},
    "PartijForeignKey": {"uuid", "url"},
    "PartijIdentificator": {
        "uuid",
        "url",
        "identificeerdePartij",
        "anderePartijIdentificator",
        "partijIdentificator",
        "subIdentificatorVan",
    },
    "PartijIdentificatorGroepType": {"codeObjecttype", "codeSoortObjectId", "objectId", "codeRegister"},
    "PartijIdentificatorForeignkey": {"uuid", "url"},
    "ActorKlantcontact": {"uuid", "url", "actor", "klantcontact"},
    "MaakKlantcontact": {"klantcontact", "betrokkene", "onderwerpobject"},
    "BetrokkeneKlantcontactReadOnly": BETROKKENE,
    "OnderwerpobjectKlantcontactReadOnly": {
        "uuid",
        "url",
        "klantcontact",
        "wasKlantcontact",
        "onderwerpobjectidentificator",
    },
    "Vertegenwoordigden": {"uuid", "url", "vertegenwoordigendePartij", "vertegenwoordigdePartij"},
    "Rekeningnummer": {"uuid", "url", "partij", "iban", "bic"},
    "RekeningnummerForeignKey": {"uuid", "url"},
    "Categorie": {"uuid", "url", "naam"},
    "CategorieForeignKey": {"uuid", "url", "naam"},
    "CategorieRelatie": {"uuid", "url", "partij", "categorie", "beginDatum", "eindDatum"},
    "CategorieRelatieForeignKey": {"uuid", "url", "categorieNaam", "beginDatum", "eindDatum"},
    "PartijForeignkeyBase": {"uuid", "url"},
    # Base_PartijSerializer of the reference plus partijIdentificatie of its oneOf parts.
    "Partij": {
        "uuid",
        "url",
        "nummer",
        "interneNotitie",
        "betrokkenen",
        "categorieRelaties",
        "digitaleAdressen",
        "voorkeursDigitaalAdres",
        "vertegenwoordigden",
        "rekeningnummers",
        "voorkeursRekeningnummer",
        "partijIdentificatoren",
        "soortPartij",
        "indicatieGeheimhouding",
        "voorkeurstaal",
        "indicatieActief",
        "bezoekadres",
        "correspondentieadres",
        "partijIdentificatie",
    },
}
# Raadhuis's additions, each marked x-experimental.
EXPERIMENTAL = {"InterneTaak": {"uiterlijkAfgehandeldOp"}}
# The standard's Partij and Actor fields that Raadhuis has (see the module docs for the rest).
SUBSETS = {
    "Actor": {
        "uuid",
        "url",
        "naam",
        "soortActor",
        "indicatieActief",
        "actoridentificator",
        "actorIdentificatie",
    },
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
    for name, expected in FIELDS.items():
        properties = schemas[name]["properties"]
        extra = EXPERIMENTAL.get(name, set())
        assert set(properties) == expected | extra, name
        assert all(properties[field].get("x-experimental") for field in extra), name
    for name, expected in SUBSETS.items():
        assert set(schemas[name]["properties"]) == expected, name
    for name in (
        "PaginatedExpandKlantcontactList",
        "PaginatedExpandPartijList",
        "PaginatedPartijIdentificatorList",
        "PaginatedActorKlantcontactList",
        "PaginatedInterneTaakList",
    ):
        assert set(schemas[name]["properties"]) == {"count", "next", "previous", "results"}


def test_operation_ids_of_the_standard(schema):
    for (path, method), operation_id in OPERATION_IDS.items():
        assert schema["paths"][path][method]["operationId"] == operation_id


def _parameters(schema, path: str, method: str = "get") -> dict:
    return {p["name"]: p for p in schema["paths"][path][method].get("parameters", [])}


def test_list_parameters_of_the_standard(schema):
    for path, expected in PARAMETERS.items():
        assert set(_parameters(schema, path)) == expected | {"page", "pageSize"}, path


def test_expand_of_the_standard(schema):
    schemas = schema["components"]["schemas"]
    for path, values in EXPAND.items():
        for operation in (_parameters(schema, path), _parameters(schema, f"{path}/{{uuid}}")):
            expand = operation["expand"]
            assert expand["schema"]["items"]["enum"] == values
            assert (expand["style"], expand["explode"]) == ("form", False)
        name = (
            "Expand"
            + schema["paths"][f"{path}/{{uuid}}"]["get"]["responses"]["200"]["content"]["application/json"][
                "schema"
            ]["$ref"].rsplit("/Expand", 1)[1]
        )
        assert set(schemas[name]["properties"]["_expand"]["properties"]) == {v.split(".")[0] for v in values}
        assert "_expand" not in schemas[name].get("required", [])
        assert "Expand" not in schemas[name]["properties"]
    listed = schema["paths"]["/partijen"]["get"]["responses"]["200"]["content"]["application/json"]["schema"]
    assert listed["$ref"].endswith("/PaginatedExpandPartijList")
    assert "expand" not in _parameters(schema, "/internetaken")  # the reference has none there
