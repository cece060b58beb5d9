"""The resident portal's own records: products, themes, submissions, payments, messages.

Cases and documents are not stored here: a submission becomes a zaak through the ZGW
services, and the portal keeps only the link (``zaak_uuid``) and what it needs before
that moment (the draft, the uploaded attachments, the payment).
"""

from __future__ import annotations

import uuid as uuidlib

from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from raadhuis.platform.tenancy import TenantModel

hex_colour = RegexValidator(r"^#[0-9a-fA-F]{6}$", _("Geef een kleur als #RRGGBB."))


class Theme(TenantModel):
    """The municipality's look on the portal: logo and colours (NL Design System tokens)."""

    logo = models.FileField(_("logo (SVG of PNG)"), upload_to="portal/logos/", blank=True)
    logo_alt = models.CharField(_("alternatieve tekst logo"), max_length=200, blank=True)
    primary_colour = models.CharField(
        _("hoofdkleur"), max_length=7, default="#154273", validators=[hex_colour]
    )
    primary_text_colour = models.CharField(
        _("tekstkleur op hoofdkleur"), max_length=7, default="#ffffff", validators=[hex_colour]
    )
    link_colour = models.CharField(_("linkkleur"), max_length=7, default="#01689b", validators=[hex_colour])
    contact_text = models.TextField(_("contactgegevens (voettekst)"), blank=True)

    class Meta:
        verbose_name = _("portaalthema")
        verbose_name_plural = _("portaalthema's")
        constraints = [models.UniqueConstraint(fields=["organisation"], name="portal_theme_per_org")]

    def __str__(self) -> str:
        return str(self.organisation)


class Product(TenantModel):
    """A product or service of the PDC: what it is, conditions, costs, how to apply."""

    slug = models.SlugField(_("korte naam (URL)"), max_length=80)
    name = models.CharField(_("naam"), max_length=200)
    summary = models.CharField(_("samenvatting"), max_length=400)
    description = models.TextField(_("beschrijving"))
    conditions = models.TextField(_("voorwaarden"), blank=True)
    costs = models.TextField(_("kosten (tekst)"), blank=True)
    fee_cents = models.PositiveIntegerField(
        _("leges (in centen)"), default=0, help_text=_("0: geen betaalstap.")
    )
    how_to_apply = models.TextField(_("hoe aanvragen"), blank=True)
    apply_path = models.CharField(
        _("aanvragen via (pad)"),
        max_length=200,
        blank=True,
        validators=[RegexValidator(r"^[a-z0-9][a-z0-9/-]*$", _("Alleen een pad binnen het portaal."))],
        help_text=_("Een pagina van dit portaal voor producten zonder formulier, bv. 'melding/'."),
    )
    keywords = models.CharField(_("zoekwoorden"), max_length=400, blank=True)
    zaaktype_identificatie = models.CharField(
        _("zaaktype (identificatie of URL)"),
        max_length=200,
        blank=True,
        help_text=_(
            "De identificatie van het zaaktype in de catalogus (bv. PARKVERG: de versie die vandaag "
            "geldt) of de URL van één zaaktypeversie. Leeg: geen online aanvraag."
        ),
    )
    form_definition = models.JSONField(_("formulier (JSON)"), default=dict, blank=True)
    published = models.BooleanField(_("gepubliceerd"), default=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("product")
        verbose_name_plural = _("producten")
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["organisation", "slug"], name="portal_product_slug")]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        from raadhuis.portal.formdefs import validate_definition

        validate_definition(self.form_definition)

    @property
    def can_apply(self) -> bool:
        return bool(self.zaaktype_identificatie and self.form_definition)


class Submission(TenantModel):
    """A resident's request, from draft to zaak."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("concept")
        AWAITING_PAYMENT = "awaiting_payment", _("wacht op betaling")
        SUBMITTED = "submitted", _("ingediend, wordt geregistreerd")
        REGISTERED = "registered", _("geregistreerd als zaak")

    uuid = models.UUIDField(default=uuidlib.uuid4, unique=True, editable=False)
    product = models.ForeignKey(Product, on_delete=models.PROTECT, related_name="submissions")
    bsn = models.CharField(_("BSN"), max_length=9, blank=True, db_index=True)
    kvk = models.CharField(_("KvK-nummer"), max_length=8, blank=True, db_index=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    step = models.PositiveSmallIntegerField(_("stap"), default=0)
    data = models.JSONField(_("ingevulde gegevens"), default=dict, blank=True)
    prefill = models.JSONField(_("vooringevulde gegevens"), default=dict, blank=True)
    declaration_accepted = models.BooleanField(default=False)
    # One token per submit form shown; a second submit with it finds the work done.
    submit_token = models.UUIDField(default=uuidlib.uuid4, editable=False)
    zaak_uuid = models.UUIDField(null=True, blank=True)
    zaak_identificatie = models.CharField(max_length=40, blank=True)
    registration_error = models.TextField(_("laatste fout bij registreren"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("aanvraag")
        verbose_name_plural = _("aanvragen")
        indexes = [models.Index(fields=["bsn", "product", "status"], name="portal_sub_draft_idx")]

    def __str__(self) -> str:
        return f"{self.product} ({self.get_status_display()})"


class Attachment(TenantModel):
    """A file a resident uploaded for a submission, kept until it becomes a document."""

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="attachments")
    field = models.CharField(max_length=64)
    file = models.FileField(upload_to="portal/attachments/%Y/%m/")
    filename = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField()

    class Meta:
        verbose_name = _("bijlage")
        verbose_name_plural = _("bijlagen")


class Payment(TenantModel):
    class Status(models.TextChoices):
        OPEN = "open", _("open")
        PAID = "paid", _("betaald")
        FAILED = "failed", _("mislukt")
        CANCELLED = "cancelled", _("geannuleerd")

    reference = models.UUIDField(default=uuidlib.uuid4, unique=True, editable=False)
    submission = models.ForeignKey(Submission, on_delete=models.PROTECT, related_name="payments")
    provider = models.CharField(max_length=50)
    amount_cents = models.PositiveIntegerField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    created_at = models.DateTimeField(auto_now_add=True)
    completed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("betaling")
        verbose_name_plural = _("betalingen")


class Message(TenantModel):
    """A message between the municipality and a resident, in the portal inbox."""

    class Direction(models.TextChoices):
        TO_RESIDENT = "to_resident", _("aan inwoner")
        FROM_RESIDENT = "from_resident", _("van inwoner")

    uuid = models.UUIDField(default=uuidlib.uuid4, unique=True, editable=False)
    bsn = models.CharField(max_length=9, blank=True, db_index=True)
    kvk = models.CharField(max_length=8, blank=True, db_index=True)
    email = models.EmailField(blank=True)
    zaak_uuid = models.UUIDField(null=True, blank=True, db_index=True)
    direction = models.CharField(max_length=16, choices=Direction.choices)
    subject = models.CharField(_("onderwerp"), max_length=200)
    body = models.TextField(_("bericht"))
    # The event that caused it: a redelivered status event creates no second message.
    event_key = models.CharField(max_length=100, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("bericht")
        verbose_name_plural = _("berichten")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["event_key", "email", "bsn"],
                condition=~models.Q(event_key=""),
                name="portal_message_once_per_event",
            )
        ]

    def __str__(self) -> str:
        return self.subject
