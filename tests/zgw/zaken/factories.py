"""Catalogue records for zaken tests: a published zaaktype with statustypen and resultaattypen.

Built on the Catalogi test factories (one definition of each catalogue record); only what
zaken tests need differently is set here: zaaktypen are published and allow opschorting and
verlenging, as the zaken rules exercise them."""

import factory

from tests.zgw.catalogi import factories as catalogi

CatalogusFactory = catalogi.CatalogusFactory


class ZaaktypeFactory(catalogi.ZaaktypeFactory):
    identificatie = factory.Sequence(lambda n: f"ZAAKTYPE-{n}")
    opschorting_en_aanhouding_mogelijk = True
    verlenging_mogelijk = True
    verlengingstermijn = "P2W"
    producten_of_diensten = ["https://pdc.example/producten/1", "https://pdc.example/producten/2"]
    concept = False


class StatustypeFactory(catalogi.StatustypeFactory):
    zaaktype = factory.SubFactory(ZaaktypeFactory)


class ResultaattypeFactory(catalogi.ResultaattypeFactory):
    zaaktype = factory.SubFactory(ZaaktypeFactory)


def published_zaaktype(organisation, **kwargs):
    """A published zaaktype with two statustypen (1 begin, 2 eind) and one resultaattype."""
    zaaktype = ZaaktypeFactory(catalogus=CatalogusFactory(organisation=organisation), **kwargs)
    zaaktype.begin = StatustypeFactory(zaaktype=zaaktype, volgnummer=1, omschrijving="Ontvangen")
    zaaktype.eind = StatustypeFactory(zaaktype=zaaktype, volgnummer=2, omschrijving="Afgehandeld")
    zaaktype.resultaattype = ResultaattypeFactory(zaaktype=zaaktype)
    return zaaktype
