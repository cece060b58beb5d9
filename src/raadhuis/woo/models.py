"""Woo: the archive to search, requests with their dossier, redactions, and publications."""

from __future__ import annotations

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from raadhuis.platform.tenancy import TenantModel

VERTROUWELIJKHEID = [
    ("openbaar", "Openbaar"),
    ("beperkt_openbaar", "Beperkt openbaar"),
    ("intern", "Intern"),
    ("zaakvertrouwelijk", "Zaakvertrouwelijk"),
    ("vertrouwelijk", "Vertrouwelijk"),
    ("confidentieel", "Confidentieel"),
    ("geheim", "Geheim"),
    ("zeer_geheim", "Zeer geheim"),
]
VERTROUWELIJKHEID_RANK = {code: rank for rank, (code, _label) in enumerate(VERTROUWELIJKHEID)}


class PublicTerm(TenantModel):
    """Names and contact details that stay public: officials in their public role (mayor,
    aldermen, spokespersons) and the organisation's own address, postcode and phone."""

    class Soort(models.TextChoices):
        AMBTSDRAGER = "ambtsdrager", _("Ambtsdrager in publieke rol")
        ORGANISATIE = "organisatie", _("Gegeven van de organisatie")

    waarde = models.CharField(_("naam of gegeven"), max_length=200)
    soort = models.CharField(_("soort"), max_length=20, choices=Soort.choices, default=Soort.AMBTSDRAGER)
    functie = models.CharField(_("functie"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("openbaar gegeven")
        verbose_name_plural = _("openbare gegevens (Woo)")
        unique_together = [("organisation", "waarde")]

    def __str__(self):
        return f"{self.waarde} ({self.functie})" if self.functie else self.waarde


class ArchiveDocument(TenantModel):
    """One document of the archive, as imported: its text, its metadata, its PDF rendition."""

    class Bron(models.TextChoices):
        DOCUMENTEN_API = "documenten_api", _("Documenten API")
        MAP = "map", _("Map met bestanden")
        EMAIL = "email", _("E-mail")
        UPLOAD = "upload", _("Upload")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    titel = models.CharField(_("titel"), max_length=500)
    auteur = models.CharField(_("auteur"), max_length=200, blank=True)
    datum = models.DateField(_("datum"), null=True, blank=True, db_index=True)
    zaaktype = models.CharField(_("zaaktype"), max_length=100, blank=True, db_index=True)
    bron = models.CharField(_("bron"), max_length=20, choices=Bron.choices)
    bron_referentie = models.CharField(_("bronverwijzing"), max_length=1000, blank=True)
    bestandsnaam = models.CharField(_("bestandsnaam"), max_length=255, blank=True)
    formaat = models.CharField(_("formaat"), max_length=255, blank=True)
    vertrouwelijkheidaanduiding = models.CharField(
        max_length=20, choices=VERTROUWELIJKHEID, default="openbaar"
    )
    inhoud = models.TextField(_("inhoud"), blank=True)
    pdf = models.FileField(_("PDF"), upload_to="woo/archief/", blank=True)
    pagina_s = models.PositiveIntegerField(default=0)
    sha256 = models.CharField(max_length=64, db_index=True, blank=True)
    # E-mail threads: the Message-ID, the message it answers, and the thread (root message).
    message_id = models.CharField(max_length=500, blank=True, db_index=True)
    in_reply_to = models.CharField(max_length=500, blank=True)
    thread_id = models.CharField(_("thread"), max_length=500, blank=True, db_index=True)
    # Family: an attachment points to its e-mail.
    ouder = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="bijlagen"
    )
    minhash = models.BinaryField(null=True, blank=True)
    duplicaat_van = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="duplicaten"
    )
    aangemaakt = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("archiefdocument")
        verbose_name_plural = _("archiefdocumenten")
        indexes = [
            models.Index(fields=["organisation", "datum"]),
            models.Index(fields=["organisation", "auteur"]),
        ]

    def __str__(self):
        return self.titel


class Beoordeling(models.TextChoices):
    OPENBAAR = "openbaar", _("Openbaar")
    DEELS_OPENBAAR = "deels_openbaar", _("Deels openbaar")
    NIET_OPENBAAR = "niet_openbaar", _("Niet openbaar")
    REEDS_OPENBAAR = "reeds_openbaar", _("Reeds openbaar")


class WooVerzoek(TenantModel):
    """A Woo request: a zaak of the Woo zaaktype, with the facts its terms follow from."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    zaak_uuid = models.UUIDField(_("zaak"), db_index=True)
    zaak_identificatie = models.CharField(_("zaaknummer"), max_length=40)
    onderwerp = models.CharField(_("onderwerp"), max_length=500)
    omschrijving = models.TextField(_("verzoek"), blank=True)
    verzoeker = models.CharField(_("verzoeker"), max_length=200)
    ontvangen_op = models.DateField(_("ontvangen op"))
    te_algemeen = models.BooleanField(_("te algemeen verzoek"), default=False)
    verdaging_weken = models.PositiveSmallIntegerField(_("verdaging (weken)"), default=0)
    verdaging_gemeld_op = models.DateField(null=True, blank=True)
    verdaging_reden = models.TextField(blank=True)
    besluit_bekendgemaakt = models.DateField(_("besluit bekendgemaakt"), null=True, blank=True)
    derde_bedenkingen = models.BooleanField(_("derde-belanghebbende heeft bedenkingen"), default=False)
    besluit_pdf = models.FileField(upload_to="woo/besluiten/", blank=True)
    gepubliceerd_op = models.DateTimeField(null=True, blank=True)
    aangemaakt = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Woo-verzoek")
        verbose_name_plural = _("Woo-verzoeken")

    def __str__(self):
        return f"{self.zaak_identificatie} {self.onderwerp}"


class Opschorting(TenantModel):
    verzoek = models.ForeignKey(WooVerzoek, on_delete=models.CASCADE, related_name="opschortingen")
    van = models.DateField()
    tot = models.DateField(null=True, blank=True)
    reden = models.CharField(max_length=200)


class DossierItem(TenantModel):
    """A document selected for a request, with its assessment and redacted rendition."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    verzoek = models.ForeignKey(WooVerzoek, on_delete=models.CASCADE, related_name="items")
    document = models.ForeignKey(ArchiveDocument, on_delete=models.PROTECT, related_name="+")
    volgnummer = models.PositiveIntegerField()
    beoordeling = models.CharField(max_length=20, choices=Beoordeling.choices, blank=True)
    motivering = models.TextField(_("motivering"), blank=True)
    gelakt_pdf = models.FileField(upload_to="woo/gelakt/", blank=True)
    gedetecteerd = models.BooleanField(default=False)

    class Meta:
        unique_together = [("verzoek", "document")]
        ordering = ["volgnummer"]

    def __str__(self):
        return f"{self.volgnummer}. {self.document.titel}"


class Lakking(TenantModel):
    """One passage to withhold, proposed by detection or added by the jurist."""

    class Status(models.TextChoices):
        VOORGESTELD = "voorgesteld", _("Voorgesteld")
        GEACCEPTEERD = "geaccepteerd", _("Geaccepteerd")
        AFGEWEZEN = "afgewezen", _("Afgewezen")

    item = models.ForeignKey(DossierItem, on_delete=models.CASCADE, related_name="lakkingen")
    start = models.PositiveIntegerField(null=True, blank=True)
    end = models.PositiveIntegerField(null=True, blank=True)
    # A box drawn on a page (no text offsets): page index and rectangle in PDF points.
    pagina = models.PositiveIntegerField(null=True, blank=True)
    x0 = models.FloatField(null=True, blank=True)
    y0 = models.FloatField(null=True, blank=True)
    x1 = models.FloatField(null=True, blank=True)
    y1 = models.FloatField(null=True, blank=True)
    tekst = models.TextField(blank=True)
    soort = models.CharField(max_length=20)
    grond = models.CharField(max_length=10)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.VOORGESTELD)
    suggestie = models.BooleanField(default=False)
    bron = models.CharField(max_length=20, default="detectie")

    class Meta:
        ordering = ["start", "pk"]
