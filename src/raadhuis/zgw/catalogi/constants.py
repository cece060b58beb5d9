"""Value lists of the Catalogi API 1.3 (enums of the OAS)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class IndicatieInternOfExtern(models.TextChoices):
    INTERN = "intern", _("Intern")
    EXTERN = "extern", _("Extern")


class AardRelatie(models.TextChoices):
    VERVOLG = "vervolg", _("Vervolg")
    BIJDRAGE = "bijdrage", _("Bijdrage")
    ONDERWERP = "onderwerp", _("Onderwerp")


class Richting(models.TextChoices):
    INKOMEND = "inkomend", _("Inkomend")
    INTERN = "intern", _("Intern")
    UITGAAND = "uitgaand", _("Uitgaand")


class RolOmschrijving(models.TextChoices):
    ADVISEUR = "adviseur", _("Adviseur")
    BEHANDELAAR = "behandelaar", _("Behandelaar")
    BELANGHEBBENDE = "belanghebbende", _("Belanghebbende")
    BESLISSER = "beslisser", _("Beslisser")
    INITIATOR = "initiator", _("Initiator")
    KLANTCONTACTER = "klantcontacter", _("Klantcontacter")
    ZAAKCOORDINATOR = "zaakcoordinator", _("Zaakcoördinator")
    MEDE_INITIATOR = "mede_initiator", _("Mede-initiator")


class FormaatEigenschap(models.TextChoices):
    TEKST = "tekst", _("Tekst")
    GETAL = "getal", _("Getal")
    DATUM = "datum", _("Datum")
    DATUM_TIJD = "datum_tijd", _("Datum/tijd")


class Archiefnominatie(models.TextChoices):
    BLIJVEND_BEWAREN = "blijvend_bewaren", _("Blijvend bewaren")
    VERNIETIGEN = "vernietigen", _("Vernietigen")


class Afleidingswijze(models.TextChoices):
    AFGEHANDELD = "afgehandeld", _("Afgehandeld")
    ANDER_DATUMKENMERK = "ander_datumkenmerk", _("Ander datumkenmerk")
    EIGENSCHAP = "eigenschap", _("Eigenschap")
    GERELATEERDE_ZAAK = "gerelateerde_zaak", _("Gerelateerde zaak")
    HOOFDZAAK = "hoofdzaak", _("Hoofdzaak")
    INGANGSDATUM_BESLUIT = "ingangsdatum_besluit", _("Ingangsdatum besluit")
    TERMIJN = "termijn", _("Termijn")
    VERVALDATUM_BESLUIT = "vervaldatum_besluit", _("Vervaldatum besluit")
    ZAAKOBJECT = "zaakobject", _("Zaakobject")


class ObjecttypeArchief(models.TextChoices):
    """Objecttypen of ``brondatumArchiefprocedure.objecttype`` (ObjecttypeEnum)."""

    ADRES = "adres", _("Adres")
    BESLUIT = "besluit", _("Besluit")
    BUURT = "buurt", _("Buurt")
    ENKELVOUDIG_DOCUMENT = "enkelvoudig_document", _("Enkelvoudig document")
    GEMEENTE = "gemeente", _("Gemeente")
    GEMEENTELIJKE_OPENBARE_RUIMTE = "gemeentelijke_openbare_ruimte", _("Gemeentelijke openbare ruimte")
    HUISHOUDEN = "huishouden", _("Huishouden")
    INRICHTINGSELEMENT = "inrichtingselement", _("Inrichtingselement")
    KADASTRALE_ONROERENDE_ZAAK = "kadastrale_onroerende_zaak", _("Kadastrale onroerende zaak")
    KUNSTWERKDEEL = "kunstwerkdeel", _("Kunstwerkdeel")
    MAATSCHAPPELIJKE_ACTIVITEIT = "maatschappelijke_activiteit", _("Maatschappelijke activiteit")
    MEDEWERKER = "medewerker", _("Medewerker")
    NATUURLIJK_PERSOON = "natuurlijk_persoon", _("Natuurlijk persoon")
    NIET_NATUURLIJK_PERSOON = "niet_natuurlijk_persoon", _("Niet-natuurlijk persoon")
    OPENBARE_RUIMTE = "openbare_ruimte", _("Openbare ruimte")
    ORGANISATORISCHE_EENHEID = "organisatorische_eenheid", _("Organisatorische eenheid")
    PAND = "pand", _("Pand")
    SPOORBAANDEEL = "spoorbaandeel", _("Spoorbaandeel")
    STATUS = "status", _("Status")
    TERREINDEEL = "terreindeel", _("Terreindeel")
    TERREIN_GEBOUWD_OBJECT = "terrein_gebouwd_object", _("Terrein gebouwd object")
    VESTIGING = "vestiging", _("Vestiging")
    WATERDEEL = "waterdeel", _("Waterdeel")
    WEGDEEL = "wegdeel", _("Wegdeel")
    WIJK = "wijk", _("Wijk")
    WOONPLAATS = "woonplaats", _("Woonplaats")
    WOZ_DEELOBJECT = "woz_deelobject", _("WOZ-deelobject")
    WOZ_OBJECT = "woz_object", _("WOZ-object")
    WOZ_WAARDE = "woz_waarde", _("WOZ-waarde")
    ZAKELIJK_RECHT = "zakelijk_recht", _("Zakelijk recht")
    OVERIGE = "overige", _("Overige")
