"""Value lists of the Zaken API 1.7 sub-resources (enums of the OAS): rollen, zaakobjecten,
zaakinformatieobjecten and zaaknotities. The zaak's own lists are in ``constants.py``."""

from django.db import models
from django.utils.translation import gettext_lazy as _

# The value lists the Zaken API shares with the Catalogi API: a rol's omschrijvingGeneriek is
# its roltype's, and a zaakobject's objectType the RGBZ objecttypen of the archiving rules.
from raadhuis.zgw.catalogi.constants import ObjecttypeArchief as ObjectType  # noqa: F401 - re-exported
from raadhuis.zgw.catalogi.constants import RolOmschrijving  # noqa: F401 - re-exported


class BetrokkeneType(models.TextChoices):
    NATUURLIJK_PERSOON = "natuurlijk_persoon", _("Natuurlijk persoon")
    NIET_NATUURLIJK_PERSOON = "niet_natuurlijk_persoon", _("Niet-natuurlijk persoon")
    VESTIGING = "vestiging", _("Vestiging")
    ORGANISATORISCHE_EENHEID = "organisatorische_eenheid", _("Organisatorische eenheid")
    MEDEWERKER = "medewerker", _("Medewerker")


class IndicatieMachtiging(models.TextChoices):
    GEMACHTIGDE = "gemachtigde", _("Gemachtigde")
    MACHTIGINGGEVER = "machtiginggever", _("Machtiginggever")


class Geslachtsaanduiding(models.TextChoices):
    MAN = "m", _("Man")
    VROUW = "v", _("Vrouw")
    ONBEKEND = "o", _("Onbekend")


class InnRechtsvorm(models.TextChoices):
    BESLOTEN_VENNOOTSCHAP = "besloten_vennootschap", _("Besloten vennootschap")
    COOPERATIE_EES = ("cooperatie_europees_economische_samenwerking",
                      _("Coöperatie, Europees Economische Samenwerking"))
    # Misspelt in the standard and deprecated there; still accepted for existing clients.
    EUROPESE_COOPERATIEVE_VENOOTSCHAP = ("europese_cooperatieve_venootschap",
                                         _("Europese Coöperatieve Vennootschap (verouderd)"))
    EUROPESE_COOPERATIEVE_VENNOOTSCHAP = ("europese_cooperatieve_vennootschap",
                                          _("Europese Coöperatieve Vennootschap"))
    EUROPESE_NAAMLOZE_VENNOOTSCHAP = "europese_naamloze_vennootschap", _("Europese Naamloze Vennootschap")
    KERKELIJKE_ORGANISATIE = "kerkelijke_organisatie", _("Kerkelijke Organisatie")
    NAAMLOZE_VENNOOTSCHAP = "naamloze_vennootschap", _("Naamloze Vennootschap")
    ONDERLINGE_WAARBORG_MAATSCHAPPIJ = ("onderlinge_waarborg_maatschappij",
                                        _("Onderlinge Waarborg Maatschappij"))
    OVERIG_PRIVAATRECHTELIJKE_RECHTSPERSOON = ("overig_privaatrechtelijke_rechtspersoon",
                                               _("Overig privaatrechtelijke rechtspersoon"))
    STICHTING = "stichting", _("Stichting")
    VERENIGING = "vereniging", _("Vereniging")
    VERENIGING_VAN_EIGENAARS = "vereniging_van_eigenaars", _("Vereniging van Eigenaars")
    PUBLIEKRECHTELIJKE_RECHTSPERSOON = ("publiekrechtelijke_rechtspersoon",
                                        _("Publiekrechtelijke Rechtspersoon"))
    VENNOOTSCHAP_ONDER_FIRMA = "vennootschap_onder_firma", _("Vennootschap onder Firma")
    MAATSCHAP = "maatschap", _("Maatschap")
    REDERIJ = "rederij", _("Rederij")
    COMMANDITAIRE_VENNOOTSCHAP = "commanditaire_vennootschap", _("Commanditaire vennootschap")
    KAPITAALVENNOOTSCHAP_BINNEN_EER = "kapitaalvennootschap_binnen_eer", _("Kapitaalvennootschap binnen EER")
    OVERIGE_BUITENLANDSE_RECHTSPERSOON = ("overige_buitenlandse_rechtspersoon_vennootschap",
                                          _("Overige buitenlandse rechtspersoon vennootschap"))
    KAPITAALVENNOOTSCHAP_BUITEN_EER = "kapitaalvennootschap_buiten_eer", _("Kapitaalvennootschap buiten EER")


class InrichtingselementType(models.TextChoices):
    BAK = "bak", _("Bak")
    BORD = "bord", _("Bord")
    INSTALLATIE = "installatie", _("Installatie")
    KAST = "kast", _("Kast")
    MAST = "mast", _("Mast")
    PAAL = "paal", _("Paal")
    SENSOR = "sensor", _("Sensor")
    STRAATMEUBILAIR = "straatmeubilair", _("Straatmeubilair")
    WATERINRICHTINGSELEMENT = "waterinrichtingselement", _("Waterinrichtingselement")
    WEGINRICHTINGSELEMENT = "weginrichtingselement", _("Weginrichtingselement")


class KunstwerkdeelType(models.TextChoices):
    KEERMUUR = "keermuur", _("Keermuur")
    OVERKLUIZING = "overkluizing", _("Overkluizing")
    DUIKER = "duiker", _("Duiker")
    FAUNAVOORZIENING = "faunavoorziening", _("Faunavoorziening")
    VISPASSAGE = "vispassage", _("Vispassage")
    BODEMVAL = "bodemval", _("Bodemval")
    COUPURE = "coupure", _("Coupure")
    PONTON = "ponton", _("Ponton")
    VOORDE = "voorde", _("Voorde")
    HOOGSPANNINGSMAST = "hoogspanningsmast", _("Hoogspanningsmast")
    GEMAAL = "gemaal", _("Gemaal")
    PERRON = "perron", _("Perron")
    SLUIS = "sluis", _("Sluis")
    STREKDAM = "strekdam", _("Strekdam")
    STEIGER = "steiger", _("Steiger")
    STUW = "stuw", _("Stuw")


class SpoorbaandeelType(models.TextChoices):
    BREEDSPOOR = "breedspoor", _("breedspoor")
    NORMAALSPOOR = "normaalspoor", _("normaalspoor")
    SMALSPOOR = "smalspoor", _("smalspoor")
    SPOORBAAN = "spoorbaan", _("spoorbaan")


class TypeWaterdeel(models.TextChoices):
    ZEE = "zee", _("Zee")
    WATERLOOP = "waterloop", _("Waterloop")
    WATERVLAKTE = "watervlakte", _("Watervlakte")
    GREPPEL_DROGE_SLOOT = "greppel_droge_sloot", _("Greppel, droge sloot")


class AardRelatieInformatieobject(models.TextChoices):
    """RGBZ relation of an informatieobject to its object; for a zaak always ``hoort_bij``."""

    HOORT_BIJ = "hoort_bij", _("Hoort bij, omgekeerd: kent")
    LEGT_VAST = "legt_vast", _("Legt vast, omgekeerd: kan vastgelegd zijn als")


class NotitieType(models.TextChoices):
    INTERN = "intern", _("Intern")
    EXTERN = "extern", _("Extern")


class NotitieStatus(models.TextChoices):
    CONCEPT = "concept", _("Concept")
    DEFINITIEF = "definitief", _("Definitief")
