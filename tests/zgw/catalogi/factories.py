"""Factories for the catalogue; records are valid concepts unless told otherwise."""

from datetime import date

import factory

from raadhuis.zgw.catalogi import models
from tests.factories import OrganisationFactory


class CatalogusFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Catalogus

    organisation = factory.SubFactory(OrganisationFactory)
    domein = factory.Sequence(lambda n: f"D{n:04d}"[:5])
    rsin = factory.LazyAttribute(lambda o: o.organisation.rsin)
    contactpersoon_beheer_naam = "Beheerder"
    naam = factory.Sequence(lambda n: f"Catalogus {n}")


class ZaaktypeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Zaaktype

    catalogus = factory.SubFactory(CatalogusFactory)
    organisation = factory.LazyAttribute(lambda o: o.catalogus.organisation)
    identificatie = factory.Sequence(lambda n: f"ZT-{n}")
    omschrijving = factory.Sequence(lambda n: f"Zaaktype {n}")
    vertrouwelijkheidaanduiding = "openbaar"
    doel = "Doel"
    aanleiding = "Aanleiding"
    indicatie_intern_of_extern = "extern"
    handeling_initiator = "Aanvragen"
    onderwerp = "Onderwerp"
    handeling_behandelaar = "Behandelen"
    doorlooptijd_behandeling = "P8W"
    opschorting_en_aanhouding_mogelijk = False
    verlenging_mogelijk = False
    publicatie_indicatie = False
    referentieproces_naam = "Referentieproces"
    verantwoordelijke = "Team Vergunningen"
    begin_geldigheid = date(2024, 1, 1)
    versiedatum = date(2024, 1, 1)


class InformatieobjecttypeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Informatieobjecttype

    catalogus = factory.SubFactory(CatalogusFactory)
    organisation = factory.LazyAttribute(lambda o: o.catalogus.organisation)
    omschrijving = factory.Sequence(lambda n: f"Document {n}")
    vertrouwelijkheidaanduiding = "openbaar"
    informatieobjectcategorie = "Aanvraag"
    begin_geldigheid = date(2024, 1, 1)


class BesluittypeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Besluittype

    catalogus = factory.SubFactory(CatalogusFactory)
    organisation = factory.LazyAttribute(lambda o: o.catalogus.organisation)
    omschrijving = factory.Sequence(lambda n: f"Besluit {n}")
    publicatie_indicatie = False
    begin_geldigheid = date(2024, 1, 1)


class InZaaktypeFactory(factory.django.DjangoModelFactory):
    zaaktype = factory.SubFactory(ZaaktypeFactory)
    organisation = factory.LazyAttribute(lambda o: o.zaaktype.organisation)


class StatustypeFactory(InZaaktypeFactory):
    class Meta:
        model = models.Statustype

    omschrijving = factory.Sequence(lambda n: f"Status {n}")
    volgnummer = factory.Sequence(lambda n: n + 1)


class RoltypeFactory(InZaaktypeFactory):
    class Meta:
        model = models.Roltype

    omschrijving = "Aanvrager"
    omschrijving_generiek = "initiator"


class EigenschapFactory(InZaaktypeFactory):
    class Meta:
        model = models.Eigenschap

    naam = factory.Sequence(lambda n: f"eigenschap{n}")
    definitie = "Definitie"
    specificatie_formaat = "tekst"
    specificatie_lengte = "20"
    specificatie_kardinaliteit = "1"


class ResultaattypeFactory(InZaaktypeFactory):
    class Meta:
        model = models.Resultaattype

    omschrijving = "Verleend"
    resultaattypeomschrijving = "https://selectielijst.example/api/v1/resultaattypeomschrijvingen/1"
    selectielijstklasse = "https://selectielijst.example/api/v1/resultaten/1"
    archiefnominatie = "vernietigen"
    archiefactietermijn = "P5Y"
    brondatum_archiefprocedure_afleidingswijze = "afgehandeld"


class ZaakobjecttypeFactory(InZaaktypeFactory):
    class Meta:
        model = models.Zaakobjecttype

    objecttype = "https://objecttypen.example/api/v2/objecttypes/1"
    relatie_omschrijving = "Object"


class ZaaktypeInformatieobjecttypeFactory(InZaaktypeFactory):
    class Meta:
        model = models.ZaaktypeInformatieobjecttype

    informatieobjecttype = "Aanvraag"
    volgnummer = factory.Sequence(lambda n: n + 1)
    richting = "inkomend"
