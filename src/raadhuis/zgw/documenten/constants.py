"""Value lists of the Documenten API 1.7, spelled as the standard spells them."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    IN_BEWERKING = "in_bewerking", _("In bewerking")
    TER_VASTSTELLING = "ter_vaststelling", _("Ter vaststelling")
    DEFINITIEF = "definitief", _("Definitief")
    GEARCHIVEERD = "gearchiveerd", _("Gearchiveerd")


class OndertekeningSoort(models.TextChoices):
    ANALOOG = "analoog", _("Analoog")
    DIGITAAL = "digitaal", _("Digitaal")
    PKI = "pki", _("PKI")


class Algoritme(models.TextChoices):
    CRC_16 = "crc_16", "CRC-16"
    CRC_32 = "crc_32", "CRC-32"
    CRC_64 = "crc_64", "CRC-64"
    FLETCHER_4 = "fletcher_4", "Fletcher-4"
    FLETCHER_8 = "fletcher_8", "Fletcher-8"
    FLETCHER_16 = "fletcher_16", "Fletcher-16"
    FLETCHER_32 = "fletcher_32", "Fletcher-32"
    HMAC = "hmac", "HMAC"
    MD5 = "md5", "MD5"
    SHA_1 = "sha_1", "SHA-1"
    SHA_256 = "sha_256", "SHA-256"
    SHA_512 = "sha_512", "SHA-512"
    SHA_3 = "sha_3", "SHA-3"


class ObjectType(models.TextChoices):
    BESLUIT = "besluit", _("Besluit")
    ZAAK = "zaak", _("Zaak")
    VERZOEK = "verzoek", _("Verzoek")


class AardRelatie(models.TextChoices):
    AFZENDER = "afzender", _("Afzender")
    GEADRESSEERDE = "geadresseerde", _("Geadresseerde")


class PostadresType(models.TextChoices):
    ANTWOORDNUMMER = "antwoordnummer", _("Antwoordnummer")
    POSTBUSNUMMER = "postbusnummer", _("Postbusnummer")


# Statuses a received document may not have (drc-005).
NOT_WHEN_RECEIVED = (Status.IN_BEWERKING, Status.TER_VASTSTELLING)
