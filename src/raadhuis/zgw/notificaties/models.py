"""Kanalen, abonnementen and their kenmerk filters (Notificaties API 1.0.1).

Kanalen are global: the standard makes a kanaal's name unique, and a kanaal describes a
source (the Zaken API, an external system), not an organisation's data. Abonnementen belong
to an organisation and receive only notifications of the organisations they may reach.
"""

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from raadhuis.platform.tenancy import TenantModel
from raadhuis.zgw.common.validators import validate_http_url


class Kanaal(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    naam = models.CharField(_("naam"), max_length=50, unique=True)
    documentatie_link = models.CharField(
        _("documentatielink"), max_length=200, blank=True, validators=[validate_http_url])
    filters = models.JSONField(_("filters"), default=list, blank=True,
                               help_text=_("De kenmerken waarop abonnementen kunnen filteren."))
    ingebouwd = models.BooleanField(
        _("ingebouwd"), default=False, editable=False,
        help_text=_("Geregistreerd door een component van Raadhuis zelf."))
    aangemaakt_door = models.CharField(_("aangemaakt door (client-id)"), max_length=50, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("kanaal")
        verbose_name_plural = _("kanalen")
        ordering = ["naam"]

    def __str__(self) -> str:
        return self.naam


class Abonnement(TenantModel):
    """A consumer's webhook. ``organisation`` owns it; ``organisaties`` are the organisations
    whose notifications it may receive (its client's organisations when it was saved),
    checked again at every delivery against what the client may see then."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    callback_url = models.CharField(_("callback-URL"), max_length=1000, validators=[validate_http_url])
    auth = models.CharField(
        _("Authorization-header"), max_length=1000,
        help_text=_("De waarde van de Authorization-header bij het afleveren, bijv. Bearer a4daa31…"))
    client_id = models.CharField(
        _("client-id"), max_length=50, blank=True,
        help_text=_("De API-client die het abonnement nam; leeg als het in de beheeromgeving is gemaakt."))
    organisaties = models.ManyToManyField(
        "platform.Organisation", related_name="+", verbose_name=_("ontvangt notificaties van"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("abonnement")
        verbose_name_plural = _("abonnementen")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.callback_url


class FilterGroup(models.Model):
    """One kanaal of an abonnement, with the kenmerk values a notification must have."""

    abonnement = models.ForeignKey(Abonnement, on_delete=models.CASCADE, related_name="kanalen")
    kanaal = models.ForeignKey(Kanaal, on_delete=models.PROTECT, related_name="+")
    filters = models.JSONField(_("filters"), default=dict, blank=True,
                               help_text=_('Kenmerk → waarde; "*" staat elke waarde toe.'))

    class Meta:
        verbose_name = _("kanaal van het abonnement")
        verbose_name_plural = _("kanalen van het abonnement")
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.kanaal}: {self.filters or '-'}"
