"""Catalogue records for zaken tests: a published zaaktype with statustypen and resultaattypen."""

from datetime import date

import factory

from raadhuis.zgw.catalogi import models as catalogi
from tests.factories import OrganisationFactory


class CatalogusFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = catalogi.Catalogus

    organisation = factory.SubFactory(OrganisationFactory)
    domein = factory.Sequence(lambda n: f"Z{n:04d}"[:5])
    rsin = factory.LazyAttribute(lambda o: o.organisation.rsin)
    contactpersoon_beheer_naam = "Beheerder"


class ZaaktypeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = catalogi.Zaaktype

    catalogus = factory.SubFactory(CatalogusFactory)
    organisation = factory.LazyAttribute(lambda o: o.catalogus.organisation)
    identificatie = factory.Sequence(lambda n: f"ZAAKTYPE-{n}")
    omschrijving = factory.Sequence(lambda n: f"Zaaktype {n}")
    vertrouwelijkheidaanduiding = "openbaar"
    doel = "Doel"
    aanleiding = "Aanleiding"
    indicatie_intern_of_extern = "extern"
    handeling_initiator = "Aanvragen"
    onderwerp = "Onderwerp"
    handeling_behandelaar = "Behandelen"
    doorlooptijd_behandeling = "P8W"
    opschorting_en_aanhouding_mogelijk = True
    verlenging_mogelijk = True
    verlengingstermijn = "P2W"
    publicatie_indicatie = False
    referentieproces_naam = "Referentieproces"
    verantwoordelijke = "Team Vergunningen"
    producten_of_diensten = ["https://pdc.example/producten/1", "https://pdc.example/producten/2"]
    begin_geldigheid = date(2024, 1, 1)
    versiedatum = date(2024, 1, 1)
    concept = False


class StatustypeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = catalogi.Statustype

    zaaktype = factory.SubFactory(ZaaktypeFactory)
    organisation = factory.LazyAttribute(lambda o: o.zaaktype.organisation)
    omschrijving = factory.Sequence(lambda n: f"Status {n}")
    volgnummer = factory.Sequence(lambda n: n + 1)


class ResultaattypeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = catalogi.Resultaattype

    zaaktype = factory.SubFactory(ZaaktypeFactory)
    organisation = factory.LazyAttribute(lambda o: o.zaaktype.organisation)
    omschrijving = "Verleend"
    resultaattypeomschrijving = "https://selectielijst.example/api/v1/resultaattypeomschrijvingen/1"
    selectielijstklasse = "https://selectielijst.example/api/v1/resultaten/1"
    archiefnominatie = "vernietigen"
    archiefactietermijn = "P5Y"
    brondatum_archiefprocedure_afleidingswijze = "afgehandeld"


def published_zaaktype(organisation, **kwargs):
    """A published zaaktype with two statustypen (1 begin, 2 eind) and one resultaattype."""
    zaaktype = ZaaktypeFactory(catalogus=CatalogusFactory(organisation=organisation), **kwargs)
    zaaktype.begin = StatustypeFactory(zaaktype=zaaktype, volgnummer=1, omschrijving="Ontvangen")
    zaaktype.eind = StatustypeFactory(zaaktype=zaaktype, volgnummer=2, omschrijving="Afgehandeld")
    zaaktype.resultaattype = ResultaattypeFactory(zaaktype=zaaktype)
    return zaaktype
