"""The zaaktypecatalogus after the Catalogi API 1.3 (ImZTC 2.2).

Every record belongs to the organisation of its catalogus (copied on save), so the tenant
filter applies to each table without joins. Zaaktype, Informatieobjecttype and Besluittype
are versioned: versions share ``identificatie`` (zaaktype) or ``omschrijving`` (the others)
within a catalogus, and references between them are stored by those names, as the 1.3
history model prescribes, so that a new version does not break them. The types under a
zaaktype (statustypen, roltypen, …) belong to one zaaktype version.
"""

from __future__ import annotations

import uuid
from datetime import date

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from raadhuis.platform.tenancy import TenantModel
from raadhuis.zgw.catalogi import constants
from raadhuis.zgw.catalogi.durations import validate_duration
from raadhuis.zgw.common.validators import validate_http_url
from raadhuis.zgw.common.vertrouwelijkheid import VertrouwelijkheidsAanduiding


def duration_field(verbose_name, **kwargs):
    """An ISO 8601 duration kept as text (see durations.py for why)."""
    return models.CharField(verbose_name, max_length=40, blank=True, validators=[validate_duration],
                            **kwargs)


def url_field(verbose_name, max_length=1000, **kwargs):
    return models.CharField(verbose_name, max_length=max_length, blank=True,
                            validators=[validate_http_url], **kwargs)


class ListField(models.JSONField):
    """A JSON list of strings (trefwoorden, omschrijvingen). Its own class so that the
    ``has`` lookup below stays local to this app."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("default", list)
        kwargs.setdefault("blank", True)
        super().__init__(*args, **kwargs)


@ListField.register_lookup
class ListHas(models.Lookup):
    """``field__has="x"``: the list contains the string, on PostgreSQL and SQLite alike."""

    lookup_name = "has"

    def get_prep_lookup(self):
        return self.rhs

    def as_sql(self, compiler, connection):
        import json

        lhs, lhs_params = self.process_lhs(compiler, connection)
        if connection.vendor == "postgresql":
            return f"({lhs})::jsonb @> %s::jsonb", [*lhs_params, json.dumps([self.rhs])]
        # lhs is a column reference compiled by Django; the value is a parameter.
        return (f"EXISTS (SELECT 1 FROM json_each({lhs}) WHERE json_each.value = %s)",  # noqa: S608
                [*lhs_params, self.rhs])


class Geldigheid(models.Model):
    """Validity of one version (beginGeldigheid … eindeGeldigheid, inclusive) and of the
    object across its versions (beginObject … eindeObject)."""

    begin_geldigheid = models.DateField(_("datum begin geldigheid"))
    einde_geldigheid = models.DateField(_("datum einde geldigheid"), null=True, blank=True)
    begin_object = models.DateField(_("datum begin object"), null=True, blank=True)
    einde_object = models.DateField(_("datum einde object"), null=True, blank=True)

    class Meta:
        abstract = True

    def geldig_op(self, day: date) -> bool:
        return self.begin_geldigheid <= day and (
            self.einde_geldigheid is None or self.einde_geldigheid >= day)


def geldig_op(day: date, prefix: str = "") -> Q:
    """Records valid on ``day``; ``prefix`` for types whose validity is their zaaktype's."""
    return Q(**{f"{prefix}begin_geldigheid__lte": day}) & (
        Q(**{f"{prefix}einde_geldigheid__isnull": True})
        | Q(**{f"{prefix}einde_geldigheid__gte": day}))


class Catalogus(TenantModel):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    domein = models.CharField(_("domein"), max_length=5)
    rsin = models.CharField(_("rsin"), max_length=9)
    contactpersoon_beheer_naam = models.CharField(_("naam contactpersoon"), max_length=40)
    contactpersoon_beheer_telefoonnummer = models.CharField(_("telefoonnummer"), max_length=20,
                                                            blank=True)
    contactpersoon_beheer_emailadres = models.EmailField(_("e-mailadres"), max_length=254, blank=True)
    naam = models.CharField(_("naam"), max_length=200, blank=True)
    versie = models.CharField(_("versie"), max_length=20, blank=True)
    begindatum_versie = models.DateField(_("begindatum versie"), null=True, blank=True)

    class Meta:
        verbose_name = _("catalogus")
        verbose_name_plural = _("catalogussen")
        constraints = [models.UniqueConstraint(fields=["organisation", "domein", "rsin"],
                                               name="catalogus_unique_domein_rsin")]

    def __str__(self) -> str:
        return self.naam or f"{self.domein} - {self.rsin}"

    @property
    def catalogus(self) -> Catalogus:  # uniform access for code shared by all types
        return self


class InCatalogus(TenantModel):
    """A record directly in a catalogus; its organisation is the catalogus's."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    catalogus = models.ForeignKey(Catalogus, on_delete=models.PROTECT, verbose_name=_("catalogus"))

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.organisation_id = self.catalogus.organisation_id
        super().save(*args, **kwargs)


class Zaaktype(InCatalogus, Geldigheid):
    identificatie = models.CharField(_("identificatie"), max_length=50)
    omschrijving = models.CharField(_("omschrijving"), max_length=80)
    omschrijving_generiek = models.CharField(_("omschrijving generiek"), max_length=80, blank=True)
    vertrouwelijkheidaanduiding = models.CharField(
        _("vertrouwelijkheidaanduiding"), max_length=20, choices=VertrouwelijkheidsAanduiding.choices)
    doel = models.TextField(_("doel"))
    aanleiding = models.TextField(_("aanleiding"))
    toelichting = models.TextField(_("toelichting"), blank=True)
    indicatie_intern_of_extern = models.CharField(
        _("indicatie intern of extern"), max_length=6, choices=constants.IndicatieInternOfExtern.choices)
    handeling_initiator = models.CharField(_("handeling initiator"), max_length=20)
    onderwerp = models.CharField(_("onderwerp"), max_length=80)
    handeling_behandelaar = models.CharField(_("handeling behandelaar"), max_length=20)
    # API name ``doorlooptijd``; ImZTC calls it doorlooptijd behandeling.
    doorlooptijd_behandeling = duration_field(_("doorlooptijd behandeling"))
    servicenorm_behandeling = duration_field(_("servicenorm behandeling"))
    opschorting_en_aanhouding_mogelijk = models.BooleanField(_("opschorting/aanhouding mogelijk"))
    verlenging_mogelijk = models.BooleanField(_("verlenging mogelijk"))
    verlengingstermijn = duration_field(_("verlengingstermijn"))
    trefwoorden = ListField(_("trefwoorden"))
    publicatie_indicatie = models.BooleanField(_("publicatie indicatie"))
    publicatietekst = models.TextField(_("publicatietekst"), blank=True)
    verantwoordingsrelatie = ListField(_("verantwoordingsrelatie"))
    producten_of_diensten = ListField(_("producten of diensten"))
    selectielijst_procestype = url_field(_("selectielijst procestype"), max_length=200)
    referentieproces_naam = models.CharField(_("referentieprocesnaam"), max_length=80)
    referentieproces_link = url_field(_("referentieproceslink"), max_length=200)
    verantwoordelijke = models.CharField(_("verantwoordelijke"), max_length=50)
    broncatalogus_url = url_field(_("URL-referentie broncatalogus"), max_length=200)
    broncatalogus_domein = models.CharField(_("broncatalogus domein"), max_length=5, blank=True)
    broncatalogus_rsin = models.CharField(_("broncatalogus rsin"), max_length=9, blank=True)
    bronzaaktype_url = url_field(_("URL-referentie bronzaaktype"), max_length=200)
    bronzaaktype_identificatie = models.CharField(_("bronzaaktype identificatie"), max_length=50,
                                                  blank=True)
    bronzaaktype_omschrijving = models.CharField(_("bronzaaktype omschrijving"), max_length=80,
                                                 blank=True)
    # Version-independent references (history model of 1.3): names, resolved on reading.
    besluittype_omschrijving = ListField(_("besluittype omschrijvingen"))
    deelzaaktype_identificaties = ListField(_("deelzaaktype identificaties"))
    versiedatum = models.DateField(_("versiedatum"))
    concept = models.BooleanField(_("concept"), default=True)

    class Meta:
        verbose_name = _("zaaktype")
        verbose_name_plural = _("zaaktypen")
        indexes = [models.Index(fields=["catalogus", "identificatie"])]

    def __str__(self) -> str:
        return f"{self.omschrijving} ({self.identificatie}, {self.versiedatum})"


class Informatieobjecttype(InCatalogus, Geldigheid):
    omschrijving = models.CharField(_("omschrijving"), max_length=80)
    vertrouwelijkheidaanduiding = models.CharField(
        _("vertrouwelijkheidaanduiding"), max_length=20, choices=VertrouwelijkheidsAanduiding.choices)
    informatieobjectcategorie = models.CharField(_("categorie"), max_length=80)
    trefwoord = ListField(_("trefwoord"))
    omschrijving_generiek_informatieobjecttype = models.CharField(
        _("informatieobjecttype omschrijving generiek"), max_length=80, blank=True)
    omschrijving_generiek_definitie = models.CharField(_("definitie"), max_length=255, blank=True)
    omschrijving_generiek_herkomst = models.CharField(_("herkomst"), max_length=12, blank=True)
    omschrijving_generiek_hierarchie = models.CharField(_("hiërarchie"), max_length=80, blank=True)
    omschrijving_generiek_opmerking = models.CharField(_("opmerking"), max_length=255, blank=True)
    concept = models.BooleanField(_("concept"), default=True)

    class Meta:
        verbose_name = _("informatieobjecttype")
        verbose_name_plural = _("informatieobjecttypen")
        indexes = [models.Index(fields=["catalogus", "omschrijving"])]

    def __str__(self) -> str:
        return f"{self.omschrijving} ({self.begin_geldigheid})"


class Besluittype(InCatalogus, Geldigheid):
    omschrijving = models.CharField(_("omschrijving"), max_length=80, blank=True)
    omschrijving_generiek = models.CharField(_("omschrijving generiek"), max_length=80, blank=True)
    besluitcategorie = models.CharField(_("besluitcategorie"), max_length=40, blank=True)
    reactietermijn = duration_field(_("reactietermijn"))
    publicatie_indicatie = models.BooleanField(_("publicatie indicatie"))
    publicatietekst = models.TextField(_("publicatietekst"), blank=True)
    publicatietermijn = duration_field(_("publicatietermijn"))
    toelichting = models.TextField(_("toelichting"), blank=True)
    informatieobjecttype_omschrijvingen = ListField(_("informatieobjecttype omschrijvingen"))
    concept = models.BooleanField(_("concept"), default=True)

    class Meta:
        verbose_name = _("besluittype")
        verbose_name_plural = _("besluittypen")
        indexes = [models.Index(fields=["catalogus", "omschrijving"])]

    def __str__(self) -> str:
        return f"{self.omschrijving} ({self.begin_geldigheid})"


class InZaaktype(TenantModel):
    """A type that belongs to one zaaktype version. Its validity mirrors the zaaktype's
    (kept in its own columns because the API lets a client state them)."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    # ``zaaktype`` is declared by each subclass, with its own related_name.
    begin_geldigheid = models.DateField(_("datum begin geldigheid"), null=True, blank=True)
    einde_geldigheid = models.DateField(_("datum einde geldigheid"), null=True, blank=True)
    begin_object = models.DateField(_("datum begin object"), null=True, blank=True)
    einde_object = models.DateField(_("datum einde object"), null=True, blank=True)

    class Meta:
        abstract = True

    @property
    def catalogus(self) -> Catalogus:
        return self.zaaktype.catalogus

    def save(self, *args, **kwargs):
        self.organisation_id = self.zaaktype.organisation_id
        if self.begin_geldigheid is None:
            self.begin_geldigheid = self.zaaktype.begin_geldigheid
        super().save(*args, **kwargs)


class Zaakobjecttype(InZaaktype):
    zaaktype = models.ForeignKey(Zaaktype, on_delete=models.CASCADE, related_name="zaakobjecttypen",
                                 verbose_name=_("zaaktype"))
    ander_objecttype = models.BooleanField(_("ander objecttype"), default=False)
    objecttype = url_field(_("objecttype"), max_length=200)
    relatie_omschrijving = models.CharField(_("relatie omschrijving"), max_length=80)

    class Meta:
        verbose_name = _("zaakobjecttype")
        verbose_name_plural = _("zaakobjecttypen")

    def __str__(self) -> str:
        return self.relatie_omschrijving


class Statustype(InZaaktype):
    zaaktype = models.ForeignKey(Zaaktype, on_delete=models.CASCADE, related_name="statustypen",
                                 verbose_name=_("zaaktype"))
    omschrijving = models.CharField(_("omschrijving"), max_length=80)
    omschrijving_generiek = models.CharField(_("omschrijving generiek"), max_length=80, blank=True)
    statustekst = models.CharField(_("statustekst"), max_length=1000, blank=True)
    volgnummer = models.PositiveIntegerField(_("statustypevolgnummer"))
    informeren = models.BooleanField(_("informeren"), default=False)
    doorlooptijd = duration_field(_("doorlooptijd status"))
    toelichting = models.CharField(_("toelichting"), max_length=1000, blank=True)
    checklistitem_statustype = models.JSONField(_("checklistitems"), default=list, blank=True)
    # ImZTC 2.2: a status may concern a zaakobjecttype (ZaakObjectType.statustypen).
    zaakobjecttype = models.ForeignKey(Zaakobjecttype, null=True, blank=True, on_delete=models.SET_NULL,
                                       related_name="statustypen", verbose_name=_("zaakobjecttype"))

    class Meta:
        verbose_name = _("statustype")
        verbose_name_plural = _("statustypen")
        ordering = ["zaaktype_id", "volgnummer"]
        constraints = [models.UniqueConstraint(fields=["zaaktype", "volgnummer"],
                                               name="statustype_unique_volgnummer")]

    def __str__(self) -> str:
        return f"{self.volgnummer}. {self.omschrijving}"

    def is_eindstatus(self) -> bool:
        """The status with the highest volgnummer of its zaaktype ends the zaak."""
        last = self.zaaktype.statustypen.order_by("-volgnummer").values_list("pk", flat=True).first()
        return last == self.pk


class Eigenschap(InZaaktype):
    zaaktype = models.ForeignKey(Zaaktype, on_delete=models.CASCADE, related_name="eigenschappen",
                                 verbose_name=_("zaaktype"))
    naam = models.CharField(_("eigenschapnaam"), max_length=20)
    definitie = models.CharField(_("definitie"), max_length=255)
    toelichting = models.CharField(_("toelichting"), max_length=1000, blank=True)
    statustype = models.ForeignKey(Statustype, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="eigenschappen", verbose_name=_("statustype"))
    specificatie_groep = models.CharField(_("groep"), max_length=32, blank=True)
    specificatie_formaat = models.CharField(_("formaat"), max_length=10,
                                            choices=constants.FormaatEigenschap.choices)
    specificatie_lengte = models.CharField(_("lengte"), max_length=14)
    specificatie_kardinaliteit = models.CharField(_("kardinaliteit"), max_length=3)
    specificatie_waardenverzameling = ListField(_("waardenverzameling"))

    class Meta:
        verbose_name = _("eigenschap")
        verbose_name_plural = _("eigenschappen")

    def __str__(self) -> str:
        return self.naam


class Roltype(InZaaktype):
    zaaktype = models.ForeignKey(Zaaktype, on_delete=models.CASCADE, related_name="roltypen",
                                 verbose_name=_("zaaktype"))
    omschrijving = models.CharField(_("omschrijving"), max_length=100)
    omschrijving_generiek = models.CharField(_("omschrijving generiek"), max_length=20,
                                             choices=constants.RolOmschrijving.choices)

    class Meta:
        verbose_name = _("roltype")
        verbose_name_plural = _("roltypen")

    def __str__(self) -> str:
        return self.omschrijving


class Resultaattype(InZaaktype):
    zaaktype = models.ForeignKey(Zaaktype, on_delete=models.CASCADE, related_name="resultaattypen",
                                 verbose_name=_("zaaktype"))
    omschrijving = models.CharField(_("omschrijving"), max_length=30)
    # Reference data of the VNG Selectielijst, stored as the URLs the client gives.
    resultaattypeomschrijving = url_field(_("resultaattypeomschrijving"))
    omschrijving_generiek = models.CharField(_("omschrijving generiek"), max_length=80, blank=True)
    selectielijstklasse = url_field(_("selectielijstklasse"))
    toelichting = models.TextField(_("toelichting"), blank=True)
    archiefnominatie = models.CharField(_("archiefnominatie"), max_length=20, blank=True,
                                        choices=constants.Archiefnominatie.choices)
    archiefactietermijn = duration_field(_("archiefactietermijn"))
    brondatum_archiefprocedure_afleidingswijze = models.CharField(
        _("afleidingswijze brondatum"), max_length=20, blank=True, choices=constants.Afleidingswijze.choices)
    brondatum_archiefprocedure_datumkenmerk = models.CharField(_("datumkenmerk"), max_length=80, blank=True)
    brondatum_archiefprocedure_einddatum_bekend = models.BooleanField(_("einddatum bekend"), default=False)
    brondatum_archiefprocedure_objecttype = models.CharField(
        _("objecttype"), max_length=40, blank=True, choices=constants.ObjecttypeArchief.choices)
    brondatum_archiefprocedure_registratie = models.CharField(_("registratie"), max_length=80, blank=True)
    brondatum_archiefprocedure_procestermijn = duration_field(_("brondatum procestermijn"))
    procesobjectaard = models.CharField(_("procesobjectaard"), max_length=200, blank=True)
    indicatie_specifiek = models.BooleanField(_("indicatie specifiek"), null=True, blank=True)
    procestermijn = duration_field(_("procestermijn"))
    besluittype_omschrijving = ListField(_("besluittype omschrijvingen"))
    informatieobjecttype_omschrijving = ListField(_("informatieobjecttype omschrijvingen"))
    # ImZTC 2.2: a resultaat may concern a zaakobjecttype (ZaakObjectType.resultaattypen).
    zaakobjecttype = models.ForeignKey(Zaakobjecttype, null=True, blank=True, on_delete=models.SET_NULL,
                                       related_name="resultaattypen", verbose_name=_("zaakobjecttype"))

    class Meta:
        verbose_name = _("resultaattype")
        verbose_name_plural = _("resultaattypen")

    def __str__(self) -> str:
        return self.omschrijving


class ZaaktypeInformatieobjecttype(InZaaktype):
    zaaktype = models.ForeignKey(Zaaktype, on_delete=models.CASCADE, verbose_name=_("zaaktype"),
                                 related_name="zaaktypeinformatieobjecttypen")
    # The informatieobjecttype's omschrijving, not a URL: the 1.3 history model.
    informatieobjecttype = models.CharField(_("informatieobjecttype"), max_length=100)
    volgnummer = models.PositiveIntegerField(_("volgnummer"))
    richting = models.CharField(_("richting"), max_length=10, choices=constants.Richting.choices)
    statustype = models.ForeignKey(Statustype, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+", verbose_name=_("statustype"))

    class Meta:
        verbose_name = _("zaaktype-informatieobjecttype")
        verbose_name_plural = _("zaaktype-informatieobjecttypen")
        ordering = ["zaaktype_id", "volgnummer"]
        constraints = [models.UniqueConstraint(fields=["zaaktype", "volgnummer"],
                                               name="ziot_unique_volgnummer")]

    def __str__(self) -> str:
        return f"{self.volgnummer}. {self.informatieobjecttype}"


class ZaaktypenRelatie(TenantModel):
    """``gerelateerdeZaaktypen`` of a zaaktype: the other's identificatie, or its URL when it
    lives in another catalogue API."""

    zaaktype = models.ForeignKey(Zaaktype, on_delete=models.CASCADE, related_name="gerelateerde_zaaktypen")
    gerelateerd_zaaktype = models.CharField(_("gerelateerd zaaktype"), max_length=200)
    aard_relatie = models.CharField(_("aard relatie"), max_length=9, choices=constants.AardRelatie.choices)
    toelichting = models.CharField(_("toelichting"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("gerelateerd zaaktype")
        verbose_name_plural = _("gerelateerde zaaktypen")
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.aard_relatie}: {self.gerelateerd_zaaktype}"

    def save(self, *args, **kwargs):
        self.organisation_id = self.zaaktype.organisation_id
        super().save(*args, **kwargs)
