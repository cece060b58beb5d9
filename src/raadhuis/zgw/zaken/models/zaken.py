"""The zaak and the value tables that belong to it alone (kenmerken, relevante andere zaken)."""

from __future__ import annotations

import uuid
from datetime import date

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from raadhuis.platform.tenancy import TenantModel
from raadhuis.platform.validators import validate_rsin
from raadhuis.zgw.common.validators import validate_http_url
from raadhuis.zgw.common.vertrouwelijkheid import VertrouwelijkheidsAanduiding
from raadhuis.zgw.zaken.constants import AardRelatie, Archiefnominatie, Archiefstatus, Betalingsindicatie


def url_field(verbose_name, max_length=1000, **kwargs):
    return models.CharField(verbose_name, max_length=max_length, blank=True,
                            validators=[validate_http_url], **kwargs)


class Zaak(TenantModel):
    """A case (ZAAK) after the Zaken API 1.7.

    Gegevensgroepen (verlenging, opschorting, processobject) are flattened into columns, as
    in the RGBZ. ``zaakgeometrie`` is GeoJSON; its bounding box is kept in four indexed
    columns so that a geo search can narrow down in SQL before the exact test (ADR 0004).
    """

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    identificatie = models.CharField(_("identificatie"), max_length=40)
    bronorganisatie = models.CharField(_("bronorganisatie"), max_length=9, validators=[validate_rsin])
    omschrijving = models.CharField(_("omschrijving"), max_length=80, blank=True)
    toelichting = models.CharField(_("toelichting"), max_length=1000, blank=True)
    zaaktype = models.ForeignKey("catalogi.Zaaktype", on_delete=models.PROTECT, related_name="+",
                                 verbose_name=_("zaaktype"))
    registratiedatum = models.DateField(_("registratiedatum"), default=date.today)
    verantwoordelijke_organisatie = models.CharField(
        _("verantwoordelijke organisatie"), max_length=9, validators=[validate_rsin])
    startdatum = models.DateField(_("startdatum"))
    einddatum = models.DateField(_("einddatum"), null=True, blank=True)
    einddatum_gepland = models.DateField(_("einddatum gepland"), null=True, blank=True)
    uiterlijke_einddatum_afdoening = models.DateField(_("uiterlijke einddatum afdoening"),
                                                      null=True, blank=True)
    publicatiedatum = models.DateField(_("publicatiedatum"), null=True, blank=True)
    communicatiekanaal = url_field(_("communicatiekanaal"))
    producten_of_diensten = models.JSONField(_("producten of diensten"), default=list, blank=True)
    vertrouwelijkheidaanduiding = models.CharField(
        _("vertrouwelijkheidaanduiding"), max_length=20, choices=VertrouwelijkheidsAanduiding.choices)
    betalingsindicatie = models.CharField(_("betalingsindicatie"), max_length=12, blank=True,
                                          choices=Betalingsindicatie.choices)
    laatste_betaaldatum = models.DateTimeField(_("laatste betaaldatum"), null=True, blank=True)
    zaakgeometrie = models.JSONField(_("zaakgeometrie"), null=True, blank=True)
    # Bounding box of zaakgeometrie (WGS84), derived on save: the SQL prefilter of _zoek.
    geometrie_min_x = models.FloatField(null=True, blank=True, editable=False)
    geometrie_min_y = models.FloatField(null=True, blank=True, editable=False)
    geometrie_max_x = models.FloatField(null=True, blank=True, editable=False)
    geometrie_max_y = models.FloatField(null=True, blank=True, editable=False)
    verlenging_reden = models.CharField(_("reden verlenging"), max_length=200, blank=True)
    verlenging_duur = models.CharField(_("duur verlenging"), max_length=40, blank=True)
    opschorting_indicatie = models.BooleanField(_("indicatie opschorting"), default=False)
    opschorting_reden = models.CharField(_("reden opschorting"), max_length=200, blank=True)
    selectielijstklasse = url_field(_("selectielijstklasse"))
    hoofdzaak = models.ForeignKey("self", on_delete=models.CASCADE, null=True, blank=True,
                                  related_name="deelzaken", verbose_name=_("is deelzaak van"))
    archiefnominatie = models.CharField(_("archiefnominatie"), max_length=20, blank=True,
                                        choices=Archiefnominatie.choices)
    archiefstatus = models.CharField(_("archiefstatus"), max_length=40, choices=Archiefstatus.choices,
                                     default=Archiefstatus.NOG_TE_ARCHIVEREN)
    archiefactiedatum = models.DateField(_("archiefactiedatum"), null=True, blank=True)
    opdrachtgevende_organisatie = models.CharField(_("opdrachtgevende organisatie"), max_length=9,
                                                   blank=True)
    processobjectaard = models.CharField(_("procesobjectaard"), max_length=200, blank=True)
    startdatum_bewaartermijn = models.DateField(_("startdatum bewaartermijn"), null=True, blank=True)
    processobject_datumkenmerk = models.CharField(_("datumkenmerk"), max_length=250, blank=True)
    processobject_identificatie = models.CharField(_("identificatie"), max_length=250, blank=True)
    processobject_objecttype = models.CharField(_("objecttype"), max_length=250, blank=True)
    processobject_registratie = models.CharField(_("registratie"), max_length=250, blank=True)

    class Meta:
        verbose_name = _("zaak")
        verbose_name_plural = _("zaken")
        constraints = [
            models.UniqueConstraint(fields=["bronorganisatie", "identificatie"],
                                    name="zaak_unique_identificatie_per_bronorganisatie"),
            models.CheckConstraint(condition=~Q(hoofdzaak=models.F("pk")), name="zaak_not_own_hoofdzaak"),
        ]
        indexes = [
            # zrc-006: every read filters on the client's zaaktypen up to a level per zaaktype.
            models.Index(fields=["organisation", "zaaktype", "vertrouwelijkheidaanduiding"],
                         name="zaak_visibility_idx"),
            # The orderings the list offers, within the tenant filter.
            models.Index(fields=["organisation", "registratiedatum", "id"], name="zaak_registratie_idx"),
            models.Index(fields=["organisation", "startdatum", "id"], name="zaak_startdatum_idx"),
            models.Index(fields=["organisation", "einddatum", "id"], name="zaak_einddatum_idx"),
            models.Index(fields=["organisation", "publicatiedatum", "id"], name="zaak_publicatie_idx"),
            models.Index(fields=["organisation", "identificatie"], name="zaak_identificatie_idx"),
            # Archiving runs: what is due (archiefstatus + archiefactiedatum).
            models.Index(fields=["organisation", "archiefstatus", "archiefactiedatum"],
                         name="zaak_archief_idx"),
            models.Index(fields=["geometrie_min_x", "geometrie_max_x", "geometrie_min_y",
                                 "geometrie_max_y"], name="zaak_bbox_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.bronorganisatie} - {self.identificatie}"

    @property
    def is_closed(self) -> bool:
        return self.einddatum is not None


class InZaak(TenantModel):
    """A record that belongs to one zaak: its organisation is the zaak's (copied on save, so
    the tenant filter needs no join). Sub-resources (rollen, zaakobjecten, …) inherit this."""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.organisation_id = self.zaak.organisation_id
        super().save(*args, **kwargs)


class Zaakkenmerk(InZaak):
    zaak = models.ForeignKey(Zaak, on_delete=models.CASCADE, related_name="kenmerken")
    kenmerk = models.CharField(_("kenmerk"), max_length=40)
    bron = models.CharField(_("bron"), max_length=40)

    class Meta:
        verbose_name = _("zaakkenmerk")
        verbose_name_plural = _("zaakkenmerken")
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.bron}: {self.kenmerk}"


class RelevanteAndereZaak(InZaak):
    """A relation to another zaak. ``andere_zaak`` is the local record (all relevante zaken
    are in this installation for now, see docs/modules/zaken.md); ``url`` keeps the URL as
    given, for zaken in other installations later."""

    zaak = models.ForeignKey(Zaak, on_delete=models.CASCADE, related_name="relevante_andere_zaken")
    andere_zaak = models.ForeignKey(Zaak, on_delete=models.CASCADE, null=True, blank=True,
                                    related_name="+")
    url = models.CharField(_("URL-referentie naar de ZAAK"), max_length=1000)
    aard_relatie = models.CharField(_("aard relatie"), max_length=20, choices=AardRelatie.choices)

    class Meta:
        verbose_name = _("relevante andere zaak")
        verbose_name_plural = _("relevante andere zaken")
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.aard_relatie}: {self.url}"
