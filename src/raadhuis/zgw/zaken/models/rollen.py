"""ROL: a betrokkene (person, organisation, employee …) in a role at a zaak.

``betrokkene_identificatie`` holds the identifying data of the betrokkene as validated JSON
of its ``betrokkene_type`` (the serializers validate its shape; one table per type would buy
nothing). The identifiers that clients search on are copied into indexed columns on save, so
that "all zaken of this BSN" (the portal's "Mijn zaken") is an index lookup, not a JSON scan.
"""

from __future__ import annotations

import uuid

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from raadhuis.zgw.common.validators import validate_http_url
from raadhuis.zgw.zaken.constants_subresources import BetrokkeneType, IndicatieMachtiging, RolOmschrijving
from raadhuis.zgw.zaken.models.zaken import InZaak, Zaak

# Indexed search column → the key in betrokkene_identificatie, per betrokkene_type.
SEARCH_KEYS = {
    BetrokkeneType.NATUURLIJK_PERSOON: {"inp_bsn": "inp_bsn", "anp_identificatie": "anp_identificatie",
                                        "inp_a_nummer": "inp_a_nummer"},
    BetrokkeneType.NIET_NATUURLIJK_PERSOON: {"inn_nnp_id": "inn_nnp_id",
                                             "ann_identificatie": "ann_identificatie"},
    BetrokkeneType.VESTIGING: {"vestigings_nummer": "vestigings_nummer"},
    BetrokkeneType.ORGANISATORISCHE_EENHEID: {"identificatie": "identificatie"},
    BetrokkeneType.MEDEWERKER: {"identificatie": "identificatie"},
}
SEARCH_COLUMNS = ("inp_bsn", "anp_identificatie", "inp_a_nummer", "inn_nnp_id", "ann_identificatie",
                  "vestigings_nummer", "identificatie")


def _search_index(column: str) -> models.Index:
    # Partial: most rollen leave most identifiers empty, and only given values are searched.
    return models.Index(fields=[column], condition=~Q(**{column: ""}), name=f"rol_{column}_idx")


class Rol(InZaak):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    zaak = models.ForeignKey(Zaak, on_delete=models.CASCADE, related_name="rollen")
    betrokkene = models.CharField(_("betrokkene"), max_length=1000, blank=True,
                                  validators=[validate_http_url])
    betrokkene_type = models.CharField(_("betrokkene type"), max_length=24, choices=BetrokkeneType.choices)
    afwijkende_naam_betrokkene = models.CharField(_("afwijkende naam betrokkene"), max_length=625,
                                                  blank=True)
    roltype = models.ForeignKey("catalogi.Roltype", on_delete=models.PROTECT, related_name="+",
                                verbose_name=_("roltype"))
    # Copied from the roltype when the rol is created (the standard: "afgeleid uit het ROLTYPE").
    omschrijving = models.CharField(_("omschrijving"), max_length=100, editable=False)
    omschrijving_generiek = models.CharField(_("omschrijving generiek"), max_length=20, editable=False,
                                             choices=RolOmschrijving.choices)
    roltoelichting = models.CharField(_("roltoelichting"), max_length=1000, blank=True)
    registratiedatum = models.DateTimeField(_("registratiedatum"), auto_now_add=True)
    indicatie_machtiging = models.CharField(_("indicatie machtiging"), max_length=16, blank=True,
                                            choices=IndicatieMachtiging.choices)
    # Gegevensgroep contactpersoonRol, flattened as the zaak's groups are; all empty = null.
    contactpersoon_rol_emailadres = models.EmailField(_("e-mailadres contactpersoon"), blank=True)
    contactpersoon_rol_functie = models.CharField(_("functie contactpersoon"), max_length=50, blank=True)
    contactpersoon_rol_telefoonnummer = models.CharField(_("telefoonnummer contactpersoon"), max_length=20,
                                                         blank=True)
    contactpersoon_rol_naam = models.CharField(_("naam contactpersoon"), max_length=40, blank=True)
    betrokkene_identificatie = models.JSONField(_("betrokkene identificatie"), null=True, blank=True)
    # Search keys derived from betrokkene_identificatie (see SEARCH_KEYS).
    inp_bsn = models.CharField(max_length=9, blank=True, editable=False)
    anp_identificatie = models.CharField(max_length=17, blank=True, editable=False)
    inp_a_nummer = models.CharField(max_length=10, blank=True, editable=False)
    inn_nnp_id = models.CharField(max_length=9, blank=True, editable=False)
    ann_identificatie = models.CharField(max_length=17, blank=True, editable=False)
    vestigings_nummer = models.CharField(max_length=24, blank=True, editable=False)
    identificatie = models.CharField(max_length=254, blank=True, editable=False)

    class Meta:
        verbose_name = _("rol")
        verbose_name_plural = _("rollen")
        ordering = ["id"]
        indexes = [
            *[_search_index(column) for column in SEARCH_COLUMNS],
            models.Index(fields=["betrokkene"], condition=~Q(betrokkene=""), name="rol_betrokkene_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.omschrijving} ({self.get_betrokkene_type_display()})"

    def save(self, *args, **kwargs):
        self.derive_search_keys()
        super().save(*args, **kwargs)

    def derive_search_keys(self) -> None:
        identificatie = self.betrokkene_identificatie or {}
        keys = SEARCH_KEYS.get(self.betrokkene_type, {})
        for column in SEARCH_COLUMNS:
            value = identificatie.get(keys[column], "") if column in keys else ""
            setattr(self, column, str(value or "")[: self._meta.get_field(column).max_length])

    @property
    def contactpersoon_rol(self) -> dict | None:
        values = {name: getattr(self, f"contactpersoon_rol_{name}")
                  for name in ("emailadres", "functie", "telefoonnummer", "naam")}
        return values if any(values.values()) else None
