"""Confidentiality levels of the ZGW standards, ordered from open to secret."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class VertrouwelijkheidsAanduiding(models.TextChoices):
    OPENBAAR = "openbaar", _("Openbaar")
    BEPERKT_OPENBAAR = "beperkt_openbaar", _("Beperkt openbaar")
    INTERN = "intern", _("Intern")
    ZAAKVERTROUWELIJK = "zaakvertrouwelijk", _("Zaakvertrouwelijk")
    VERTROUWELIJK = "vertrouwelijk", _("Vertrouwelijk")
    CONFIDENTIEEL = "confidentieel", _("Confidentieel")
    GEHEIM = "geheim", _("Geheim")
    ZEER_GEHEIM = "zeer_geheim", _("Zeer geheim")


ORDER = list(VertrouwelijkheidsAanduiding.values)


def up_to(maximum: str) -> list[str]:
    """Every level at or below ``maximum`` (inclusive), for filtering."""
    return ORDER[: ORDER.index(maximum) + 1]


def rank(level: str) -> int:
    return ORDER.index(level)
