"""Value lists of the Zaken API 1.7 (enums of the OAS)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

# The same value list in the Catalogi API (the resultaattype's) and the Zaken API (the zaak's).
from raadhuis.zgw.catalogi.constants import Archiefnominatie  # noqa: F401 - re-exported


class Betalingsindicatie(models.TextChoices):
    NVT = "nvt", _("Er is geen sprake van te betalen, met de zaak gemoeide, kosten.")
    NOG_NIET = "nog_niet", _("De met de zaak gemoeide kosten zijn (nog) niet betaald.")
    GEDEELTELIJK = "gedeeltelijk", _("De met de zaak gemoeide kosten zijn gedeeltelijk betaald.")
    GEHEEL = "geheel", _("De met de zaak gemoeide kosten zijn geheel betaald.")


class Archiefstatus(models.TextChoices):
    NOG_TE_ARCHIVEREN = "nog_te_archiveren", _("Nog te archiveren")
    GEARCHIVEERD = "gearchiveerd", _("Gearchiveerd")
    GEARCHIVEERD_PROCESTERMIJN_ONBEKEND = (
        "gearchiveerd_procestermijn_onbekend", _("Gearchiveerd (procestermijn onbekend)"))
    OVERGEDRAGEN = "overgedragen", _("Overgedragen")


class AardRelatie(models.TextChoices):
    VERVOLG = "vervolg", _("Vervolg")
    ONDERWERP = "onderwerp", _("Onderwerp")
    BIJDRAGE = "bijdrage", _("Bijdrage")
