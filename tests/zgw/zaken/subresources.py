"""Helpers of the sub-resource tests (rollen, zaakobjecten, …): catalogue types of a zaaktype
and URLs as clients send them."""

from raadhuis.platform import tenancy
from raadhuis.zgw.catalogi import models as catalogi
from tests.zgw.zaken.conftest import BASE, zaaktype_url

ROLLEN = f"{BASE}/rollen"
ZAAKOBJECTEN = f"{BASE}/zaakobjecten"
ZIOS = f"{BASE}/zaakinformatieobjecten"
KLANTCONTACTEN = f"{BASE}/klantcontacten"
ZAAKCONTACTMOMENTEN = f"{BASE}/zaakcontactmomenten"
ZAAKVERZOEKEN = f"{BASE}/zaakverzoeken"
ZAAKNOTITIES = f"{BASE}/zaaknotities"
STATUSSEN = f"{BASE}/statussen"
RESULTATEN = f"{BASE}/resultaten"
DOCUMENT = "https://documenten.example/api/v1/enkelvoudiginformatieobjecten/0c47fe5e-4fe1-4781-8583-168e0730c9b6"
BSN = "111222333"  # passes the 11-proef


def roltype(zaaktype, omschrijving="Aanvrager", generiek="initiator"):
    with tenancy.system_scope():
        return catalogi.Roltype.objects.create(zaaktype=zaaktype, organisation=zaaktype.organisation,
                                               omschrijving=omschrijving, omschrijving_generiek=generiek)


def eigenschap(zaaktype, naam="aanvraagdatum", formaat="datum", lengte="8", waarden=()):
    with tenancy.system_scope():
        return catalogi.Eigenschap.objects.create(
            zaaktype=zaaktype, organisation=zaaktype.organisation, naam=naam, definitie="Definitie",
            specificatie_formaat=formaat, specificatie_lengte=lengte, specificatie_kardinaliteit="1",
            specificatie_waardenverzameling=list(waarden))


def zaakobjecttype(zaaktype):
    with tenancy.system_scope():
        return catalogi.Zaakobjecttype.objects.create(
            zaaktype=zaaktype, organisation=zaaktype.organisation, relatie_omschrijving="Boom",
            objecttype="https://objecttypen.example/api/v2/objecttypes/1")


def roltype_url(record):
    return zaaktype_url(record, "roltypen")


def eigenschap_url(record):
    return zaaktype_url(record, "eigenschappen")


def zaakobjecttype_url(record):
    return zaaktype_url(record, "zaakobjecttypen")


def codes(response) -> set[str]:
    return {p["code"] for p in response.json().get("invalidParams", [])}


def rol_payload(zaak, roltype_, **overrides):
    return {
        "zaak": zaak["url"], "betrokkeneType": "natuurlijk_persoon", "roltype": roltype_url(roltype_),
        "roltoelichting": "Aanvrager van de vergunning",
        "betrokkeneIdentificatie": {"inpBsn": BSN, "geslachtsnaam": "Jansen", "voorletters": "J."},
        **overrides,
    }


def close(api, zaak, zaaktype):
    """Give the zaak a resultaat and its eindstatus (zrc-007)."""
    resultaat = api.post(RESULTATEN, {"zaak": zaak["url"], "resultaattype": zaaktype_url(
        zaaktype.resultaattype, "resultaattypen")}, format="json")
    assert resultaat.status_code == 201, resultaat.json()
    status = api.post(STATUSSEN, {"zaak": zaak["url"],
                                  "statustype": zaaktype_url(zaaktype.eind, "statustypen"),
                                  "datumStatusGezet": "2026-03-01T10:00:00+01:00"}, format="json")
    assert status.status_code == 201, status.json()


def queries_of(api, url: str, params=None) -> int:
    """How many SQL queries one GET costs."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        assert api.get(url, params or {}).status_code == 200
    return len(queries)
