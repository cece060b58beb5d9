"""List endpoints run a constant number of queries, whatever the page size (DESIGN.md)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from raadhuis.platform import tenancy
from raadhuis.zgw.catalogi import services
from tests.zgw.catalogi.conftest import url
from tests.zgw.catalogi.factories import (
    BesluittypeFactory,
    EigenschapFactory,
    InformatieobjecttypeFactory,
    ResultaattypeFactory,
    RoltypeFactory,
    StatustypeFactory,
    ZaakobjecttypeFactory,
    ZaaktypeFactory,
    ZaaktypeInformatieobjecttypeFactory,
)


def _fill(catalogus, count: int) -> None:
    with tenancy.system_scope():
        InformatieobjecttypeFactory(catalogus=catalogus, omschrijving="Aanvraag", concept=False)
        BesluittypeFactory(catalogus=catalogus, omschrijving="Besluit", concept=False,
                           informatieobjecttype_omschrijvingen=["Aanvraag"])
        for _ in range(count):
            zaaktype = ZaaktypeFactory(
                catalogus=catalogus, concept=False, besluittype_omschrijving=["Besluit"],
                deelzaaktype_identificaties=["ZT-X"])
            StatustypeFactory(zaaktype=zaaktype, volgnummer=1)
            StatustypeFactory(zaaktype=zaaktype, volgnummer=2)
            RoltypeFactory(zaaktype=zaaktype)
            EigenschapFactory(zaaktype=zaaktype)
            ResultaattypeFactory(zaaktype=zaaktype, besluittype_omschrijving=["Besluit"])
            ZaakobjecttypeFactory(zaaktype=zaaktype)
            ZaaktypeInformatieobjecttypeFactory(zaaktype=zaaktype, informatieobjecttype="Aanvraag")
            services.save(type(zaaktype), zaaktype, {"gerelateerde_zaaktypen": [
                {"gerelateerd_zaaktype": "ZT-X", "aard_relatie": "vervolg"}]}, force=True)


def _queries(client, path) -> int:
    with CaptureQueriesContext(connection) as queries:
        # catalogussen and zaakobjecttypen have no status filter in the OAS
        query = {} if path in ("catalogussen", "zaakobjecttypen") else {"status": "alles"}
        response = client.get(url(path), query)
    assert response.status_code == 200, response.json()
    return len(queries)


@pytest.mark.parametrize("path", ["catalogussen", "zaaktypen", "informatieobjecttypen", "besluittypen",
                                  "statustypen", "roltypen", "eigenschappen", "resultaattypen",
                                  "zaakobjecttypen", "zaaktype-informatieobjecttypen"])
def test_list_queries_do_not_grow_with_the_page(beheer, catalogus, path):
    _fill(catalogus, 1)
    few = _queries(beheer, path)
    _fill(catalogus, 4)
    assert _queries(beheer, path) == few
