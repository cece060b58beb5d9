"""Applicaties (API clients) and their autorisaties, after the Autorisaties API 1.1."""

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from raadhuis.platform.tenancy import TenantModel
from raadhuis.zgw.common.validators import validate_http_url
from raadhuis.zgw.common.vertrouwelijkheid import VertrouwelijkheidsAanduiding


class Component(models.TextChoices):
    AC = "ac", _("Autorisaties API")
    NRC = "nrc", _("Notificaties API")
    ZRC = "zrc", _("Zaken API")
    ZTC = "ztc", _("Catalogi API")
    DRC = "drc", _("Documenten API")
    BRC = "brc", _("Besluiten API")


class Applicatie(TenantModel):
    """A consumer of the APIs. It belongs to its organisation and may be given access to
    more (``extra_organisaties``), e.g. a regional service centre working for several."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    label = models.CharField(_("label"), max_length=100)
    heeft_alle_autorisaties = models.BooleanField(_("heeft alle autorisaties"), default=False)
    alleen_is_gereed_voor_publicatie = models.BooleanField(default=False)
    extra_organisaties = models.ManyToManyField(
        "platform.Organisation", blank=True, related_name="+",
        verbose_name=_("ook werkzaam voor"),
    )

    class Meta:
        verbose_name = _("applicatie")
        verbose_name_plural = _("applicaties")

    def __str__(self) -> str:
        return self.label

    @property
    def client_ids(self) -> list[str]:
        return [credential.client_id for credential in self.credentials.all()]


class ClientCredential(models.Model):
    """A ``client_id`` with its JWT secret. A client_id identifies one applicatie (ac-001)."""

    applicatie = models.ForeignKey(Applicatie, on_delete=models.CASCADE, related_name="credentials")
    client_id = models.CharField(_("client id"), max_length=50, unique=True)
    secret = models.CharField(_("secret"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("client-id")
        verbose_name_plural = _("client-ids")
        ordering = ["id"]

    def __str__(self) -> str:
        return self.client_id


class Autorisatie(models.Model):
    applicatie = models.ForeignKey(Applicatie, on_delete=models.CASCADE, related_name="autorisaties")
    component = models.CharField(_("component"), max_length=3, choices=Component.choices)
    scopes = models.JSONField(_("scopes"), default=list)
    zaaktype = models.CharField(
        _("zaaktype"), max_length=1000, blank=True, validators=[validate_http_url]
    )
    informatieobjecttype = models.CharField(
        _("informatieobjecttype"), max_length=1000, blank=True, validators=[validate_http_url]
    )
    besluittype = models.CharField(
        _("besluittype"), max_length=1000, blank=True, validators=[validate_http_url]
    )
    max_vertrouwelijkheidaanduiding = models.CharField(
        max_length=20, choices=VertrouwelijkheidsAanduiding.choices, blank=True
    )
    # The uuid at the end of the type URL, kept to filter records without parsing URLs.
    type_uuid = models.UUIDField(null=True, blank=True, db_index=True, editable=False)

    class Meta:
        verbose_name = _("autorisatie")
        verbose_name_plural = _("autorisaties")
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.get_component_display()}: {', '.join(self.scopes)}"

    @property
    def type_url(self) -> str:
        return self.zaaktype or self.informatieobjecttype or self.besluittype

    def save(self, *args, **kwargs):
        self.type_uuid = uuid_from_url(self.type_url)
        super().save(*args, **kwargs)


def uuid_from_url(url: str) -> uuid.UUID | None:
    try:
        return uuid.UUID(url.rstrip("/").rsplit("/", 1)[-1]) if url else None
    except ValueError:
        return None
