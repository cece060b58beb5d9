"""Klantinteracties (VNG Klantinteracties API resource names) and the chatbot's own records.

A ``Klantcontact`` is a record of what was said: once saved it cannot be changed (the model
refuses an update; only the retention purge may delete it). Every chat turn is one
klantcontact with the speaking actor: the chatbot (an automated actor), the resident's partij
as betrokkene, or the KCC employee who took over.
"""

from __future__ import annotations

import uuid as uuidlib

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from raadhuis.platform.tenancy import TenantManager, TenantModel, TenantQuerySet


class Faq(TenantModel):
    """A question and answer the municipality maintains; the bot answers only from these and
    from the product pages."""

    class Soort(models.TextChoices):
        PRODUCT = "product_vraag", _("Vraag over een product of regel")
        CONTACT = "contact", _("Openingstijden, contact of afspraak")

    slug = models.SlugField(_("korte naam"), max_length=80)
    question = models.CharField(_("vraag"), max_length=300)
    answer = models.TextField(_("antwoord"))
    url = models.CharField(_("pagina met meer informatie (URL of pad)"), max_length=500)
    keywords = models.CharField(_("zoekwoorden"), max_length=400, blank=True)
    examples = models.TextField(_("andere manieren om het te vragen (één per regel)"), blank=True)
    soort = models.CharField(_("soort"), max_length=20, choices=Soort.choices, default=Soort.PRODUCT)
    published = models.BooleanField(_("gepubliceerd"), default=True)

    class Meta:
        verbose_name = _("veelgestelde vraag")
        verbose_name_plural = _("veelgestelde vragen")
        constraints = [models.UniqueConstraint(fields=["organisation", "slug"], name="klantcontact_faq_slug")]

    def __str__(self) -> str:
        return self.question


class ChatbotModel(TenantModel):
    """The trained bot of one municipality (joblib bytes), replaced by ``train-chatbot``."""

    trained_at = models.DateTimeField(auto_now=True)
    data = models.BinaryField()
    examples = models.PositiveIntegerField(default=0)
    documents = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["organisation"], name="klantcontact_one_model")]


class Partij(TenantModel):
    class Soort(models.TextChoices):
        PERSOON = "persoon", _("Persoon")
        ORGANISATIE = "organisatie", _("Organisatie")
        CONTACTPERSOON = "contactpersoon", _("Contactpersoon")

    uuid = models.UUIDField(default=uuidlib.uuid4, unique=True, editable=False)
    nummer = models.CharField(max_length=10, blank=True)
    soort_partij = models.CharField(max_length=20, choices=Soort.choices, default=Soort.PERSOON)
    indicatie_actief = models.BooleanField(default=True)
    interne_notitie = models.CharField(max_length=1000, blank=True)
    indicatie_geheimhouding = models.BooleanField(null=True, blank=True)
    voorkeurstaal = models.CharField(max_length=3, blank=True)
    voorkeurs_digitaal_adres = models.ForeignKey(
        "DigitaalAdres", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    voorkeurs_rekeningnummer = models.ForeignKey(
        "Rekeningnummer", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The partijen this one represents (a parent for a child, a bewindvoerder for a client).
    vertegenwoordigde = models.ManyToManyField(
        "self", through="Vertegenwoordigden",
        through_fields=("vertegenwoordigende_partij", "vertegenwoordigde_partij"),
        symmetrical=False, related_name="vertegenwoordigd_door", blank=True,
    )
    # Gegevensgroepen of the standard, kept whole: contactnaam or naam, and the two addresses.
    partij_identificatie = models.JSONField(default=dict, blank=True)
    bezoekadres = models.JSONField(default=dict, blank=True)
    correspondentieadres = models.JSONField(default=dict, blank=True)

    class Meta:
        verbose_name = _("partij")
        verbose_name_plural = _("partijen")

    @property
    def bsn(self) -> str:
        """The partij's BSN (its ``brp``/``bsn`` identificator), or "". Uses the prefetched
        identificatoren when there are any."""
        for identificator in self.partij_identificatoren.all():
            if identificator.is_bsn:
                return identificator.object_id
        return ""


class PartijIdentificator(TenantModel):
    """A number that identifies a partij in a register: a BSN (brp), a KvK-nummer, RSIN or
    vestigingsnummer (hr), or anything else (overig). Unique per organisation, as Open Klant
    makes it unique per installation; a vestigingsnummer is unique under its KvK-nummer
    (``sub_identificator_van``). See ADR 0044."""

    class Objecttype(models.TextChoices):
        NATUURLIJK_PERSOON = "natuurlijk_persoon", _("Natuurlijk persoon")
        NIET_NATUURLIJK_PERSOON = "niet_natuurlijk_persoon", _("Niet-natuurlijk persoon")
        VESTIGING = "vestiging", _("Vestiging")
        OVERIG = "overig", _("Overig")

    class SoortObjectId(models.TextChoices):
        BSN = "bsn", _("Burgerservicenummer")
        VESTIGINGSNUMMER = "vestigingsnummer", _("Vestigingsnummer")
        KVK_NUMMER = "kvk_nummer", _("KvK-nummer")
        RSIN = "rsin", _("RSIN")
        OVERIG = "overig", _("Overig")

    class Register(models.TextChoices):
        BRP = "brp", _("Basisregistratie Personen")
        HR = "hr", _("Handelsregister")
        OVERIG = "overig", _("Overig")

    uuid = models.UUIDField(default=uuidlib.uuid4, unique=True, editable=False)
    identificeerde_partij = models.ForeignKey(
        Partij, null=True, blank=True, on_delete=models.CASCADE, related_name="partij_identificatoren"
    )
    andere_partij_identificator = models.CharField(max_length=200, blank=True)
    code_objecttype = models.CharField(max_length=30, blank=True, choices=Objecttype.choices)
    code_soort_object_id = models.CharField(max_length=30, blank=True, choices=SoortObjectId.choices)
    object_id = models.CharField(max_length=200, blank=True)
    code_register = models.CharField(max_length=30, blank=True, choices=Register.choices)
    # A vestigingsnummer is unique under its KvK-nummer; a parent with children is kept.
    sub_identificator_van = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="sub_identificatoren"
    )

    KEY = ("code_objecttype", "code_soort_object_id", "object_id", "code_register")

    class Meta:
        verbose_name = _("partij-identificator")
        verbose_name_plural = _("partij-identificatoren")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "code_objecttype", "code_soort_object_id", "object_id",
                        "code_register"],
                condition=models.Q(sub_identificator_van__isnull=True),
                name="klantcontact_partijidentificator_uniek",
            ),
            models.UniqueConstraint(
                fields=["sub_identificator_van", "code_objecttype", "code_soort_object_id", "object_id",
                        "code_register"],
                condition=models.Q(sub_identificator_van__isnull=False),
                name="klantcontact_partijidentificator_uniek_onder",
            ),
            models.UniqueConstraint(
                fields=["identificeerde_partij", "code_soort_object_id"],
                condition=models.Q(identificeerde_partij__isnull=False) & ~models.Q(code_soort_object_id=""),
                name="klantcontact_partijidentificator_een_per_soort",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code_soort_object_id or self.andere_partij_identificator} {self.object_id}"

    @property
    def is_bsn(self) -> bool:
        return (self.code_register, self.code_soort_object_id) == ("brp", "bsn")


class Vertegenwoordigden(TenantModel):
    """One partij represents another (``/vertegenwoordigingen``)."""

    uuid = models.UUIDField(default=uuidlib.uuid4, unique=True, editable=False)
    vertegenwoordigende_partij = models.ForeignKey(Partij, on_delete=models.CASCADE, related_name="+")
    vertegenwoordigde_partij = models.ForeignKey(Partij, on_delete=models.CASCADE, related_name="+")

    class Meta:
        verbose_name = _("vertegenwoordiging")
        verbose_name_plural = _("vertegenwoordigingen")
        constraints = [models.UniqueConstraint(
            fields=["vertegenwoordigende_partij", "vertegenwoordigde_partij"],
            name="klantcontact_vertegenwoordiging_eenmaal")]

    def __str__(self) -> str:
        return f"{self.vertegenwoordigende_partij_id} -> {self.vertegenwoordigde_partij_id}"


class Rekeningnummer(TenantModel):
    uuid = models.UUIDField(default=uuidlib.uuid4, unique=True, editable=False)
    partij = models.ForeignKey(Partij, null=True, blank=True, on_delete=models.CASCADE,
                               related_name="rekeningnummers")
    iban = models.CharField(max_length=34)
    bic = models.CharField(max_length=11, blank=True)

    class Meta:
        verbose_name = _("rekeningnummer")
        verbose_name_plural = _("rekeningnummers")

    def __str__(self) -> str:
        return f"rekeningnummer {self.uuid}"  # not the IBAN: audit rows show this text


class Categorie(TenantModel):
    """A label for partijen (Open Klant marks categorieën EXPERIMENTEEL)."""

    uuid = models.UUIDField(default=uuidlib.uuid4, unique=True, editable=False)
    naam = models.CharField(max_length=80)

    class Meta:
        verbose_name = _("categorie")
        verbose_name_plural = _("categorieën")

    def __str__(self) -> str:
        return self.naam


class CategorieRelatie(TenantModel):
    uuid = models.UUIDField(default=uuidlib.uuid4, unique=True, editable=False)
    partij = models.ForeignKey(Partij, null=True, blank=True, on_delete=models.CASCADE,
                               related_name="categorie_relaties")
    categorie = models.ForeignKey(Categorie, null=True, blank=True, on_delete=models.PROTECT,
                                  related_name="relaties")
    begin_datum = models.DateField(null=True, blank=True)
    eind_datum = models.DateField(null=True, blank=True)

    class Meta:
        verbose_name = _("categorie-relatie")
        verbose_name_plural = _("categorie-relaties")

    def __str__(self) -> str:
        return f"{self.categorie} ({self.partij_id})"


class DigitaalAdres(TenantModel):
    class Soort(models.TextChoices):
        EMAIL = "email", _("E-mailadres")
        TELEFOON = "telefoonnummer", _("Telefoonnummer")
        OVERIG = "overig", _("Overig")

    uuid = models.UUIDField(default=uuidlib.uuid4, unique=True, editable=False)
    verstrekt_door_partij = models.ForeignKey(
        Partij, null=True, blank=True, on_delete=models.CASCADE, related_name="digitale_adressen"
    )
    verstrekt_door_betrokkene = models.ForeignKey(
        "Betrokkene", null=True, blank=True, on_delete=models.CASCADE, related_name="digitale_adressen"
    )
    soort_digitaal_adres = models.CharField(max_length=20, choices=Soort.choices)
    adres = models.CharField(max_length=80)
    omschrijving = models.CharField(max_length=40, blank=True)
    is_standaard_adres = models.BooleanField(default=False)
    referentie = models.CharField(max_length=50, blank=True)


class Actor(TenantModel):
    class Soort(models.TextChoices):
        MEDEWERKER = "medewerker", _("Medewerker")
        GEAUTOMATISEERDE_ACTOR = "geautomatiseerde_actor", _("Geautomatiseerde actor")
        ORGANISATORISCHE_EENHEID = "organisatorische_eenheid", _("Organisatorische eenheid")

    uuid = models.UUIDField(default=uuidlib.uuid4, unique=True, editable=False)
    naam = models.CharField(max_length=200)
    soort_actor = models.CharField(max_length=30, choices=Soort.choices)
    indicatie_actief = models.BooleanField(default=True)
    # actoridentificator: the employee's account, or a code for the bot or the team.
    gebruiker = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    code = models.CharField(max_length=80, blank=True)
    actoridentificator = models.JSONField(default=dict, blank=True)
    actor_identificatie = models.JSONField(default=dict, blank=True)

    class Meta:
        verbose_name = _("actor")
        verbose_name_plural = _("actoren")

    def __str__(self) -> str:
        return self.naam


class Gesprek(TenantModel):
    """One chat conversation: its dialogue state and whether a person must take over."""

    class Overdracht(models.TextChoices):
        GEEN = "", _("Chatbot")
        GEVRAAGD = "gevraagd", _("Wacht op medewerker")
        OVERGENOMEN = "overgenomen", _("Door medewerker overgenomen")
        AFGESLOTEN = "afgesloten", _("Afgesloten")

    uuid = models.UUIDField(default=uuidlib.uuid4, unique=True, editable=False)
    partij = models.ForeignKey(Partij, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    state = models.JSONField(default=dict, blank=True)
    overdracht = models.CharField(
        max_length=20, choices=Overdracht.choices, default="", blank=True, db_index=True
    )
    medewerker = models.ForeignKey(Actor, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    started_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("gesprek")
        verbose_name_plural = _("gesprekken")


class ImmutableRecord(models.Model):
    """A record that is written once: saving an existing one is refused."""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise PermissionError("A klantcontact cannot be changed once it is recorded.")
        super().save(*args, **kwargs)


class RecordQuerySet(TenantQuerySet):
    def update(self, **kwargs):
        raise PermissionError("A klantcontact cannot be changed once it is recorded.")


class RecordManager(TenantManager.from_queryset(RecordQuerySet)):
    pass


class Klantcontact(ImmutableRecord, TenantModel):
    uuid = models.UUIDField(default=uuidlib.uuid4, unique=True, editable=False)
    nummer = models.CharField(max_length=10, blank=True)
    # The chat conversation it is part of; none for a contact registered through the API.
    gesprek = models.ForeignKey(
        Gesprek, null=True, blank=True, on_delete=models.CASCADE, related_name="klantcontacten"
    )
    had_betrokkene = models.BooleanField(default=False, help_text="True when the resident spoke.")
    actor = models.ForeignKey(Actor, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    kanaal = models.CharField(max_length=50, default="chat")
    onderwerp = models.CharField(max_length=200, blank=True)
    inhoud = models.TextField()
    indicatie_contact_gelukt = models.BooleanField(null=True, default=True)
    taal = models.CharField(max_length=3, default="nld")
    vertrouwelijk = models.BooleanField(default=False)
    plaatsgevonden_op = models.DateTimeField(default=timezone.now, db_index=True)

    objects = RecordManager()

    class Meta:
        verbose_name = _("klantcontact")
        verbose_name_plural = _("klantcontacten")
        ordering = ["plaatsgevonden_op", "pk"]

    def __str__(self) -> str:
        return f"{self.kanaal} {self.plaatsgevonden_op:%Y-%m-%d %H:%M}"


class ActorKlantcontact(TenantModel):
    """An actor involved in a klantcontact (``hadBetrokkenActoren``). The actor who spoke in
    a chat turn is linked when the turn is recorded; clients such as KISS add the employee."""

    uuid = models.UUIDField(default=uuidlib.uuid4, unique=True, editable=False)
    actor = models.ForeignKey(Actor, on_delete=models.PROTECT, related_name="actorklantcontacten")
    klantcontact = models.ForeignKey(Klantcontact, on_delete=models.CASCADE,
                                     related_name="actorklantcontacten")

    class Meta:
        verbose_name = _("actor klantcontact")
        verbose_name_plural = _("actor klantcontacten")
        constraints = [models.UniqueConstraint(fields=["actor", "klantcontact"],
                                               name="klantcontact_actor_eenmaal")]

    def __str__(self) -> str:
        return f"{self.actor_id} / {self.klantcontact_id}"


class Betrokkene(TenantModel):
    class Rol(models.TextChoices):
        KLANT = "klant", _("Klant")
        VERTEGENWOORDIGER = "vertegenwoordiger", _("Vertegenwoordiger")

    uuid = models.UUIDField(default=uuidlib.uuid4, unique=True, editable=False)
    had_klantcontact = models.ForeignKey(Klantcontact, on_delete=models.CASCADE, related_name="betrokkenen")
    was_partij = models.ForeignKey(
        Partij, null=True, blank=True, on_delete=models.SET_NULL, related_name="betrokkenen"
    )
    rol = models.CharField(max_length=20, choices=Rol.choices, default=Rol.KLANT)
    initiator = models.BooleanField(default=True)
    organisatienaam = models.CharField(max_length=200, blank=True)
    contactnaam = models.JSONField(default=dict, blank=True)
    bezoekadres = models.JSONField(default=dict, blank=True)
    correspondentieadres = models.JSONField(default=dict, blank=True)


class Onderwerpobject(TenantModel):
    """What a klantcontact was about, e.g. the zaak it created (by URL, as the standard links)."""

    uuid = models.UUIDField(default=uuidlib.uuid4, unique=True, editable=False)
    klantcontact = models.ForeignKey(
        Klantcontact, null=True, blank=True, on_delete=models.CASCADE, related_name="onderwerpobjecten"
    )
    # An earlier klantcontact as the subject ("this call is about that e-mail").
    was_klantcontact = models.ForeignKey(
        Klantcontact, null=True, blank=True, on_delete=models.CASCADE, related_name="was_onderwerpobjecten"
    )
    code_objecttype = models.CharField(max_length=200, blank=True)
    code_register = models.CharField(max_length=200, blank=True)
    code_soort_object_id = models.CharField(max_length=200, blank=True)
    object_id = models.CharField(max_length=200, blank=True)


class Bijlage(TenantModel):
    uuid = models.UUIDField(default=uuidlib.uuid4, unique=True, editable=False)
    is_bijlage_van = models.ForeignKey(Klantcontact, on_delete=models.CASCADE, related_name="bijlagen")
    code_objecttype = models.CharField(max_length=200, default="informatieobject", blank=True)
    code_register = models.CharField(max_length=200, default="drc", blank=True)
    code_soort_object_id = models.CharField(max_length=200, blank=True)
    object_id = models.CharField(max_length=200, blank=True)


class InterneTaak(TenantModel):
    class Status(models.TextChoices):
        TE_VERWERKEN = "te_verwerken", _("Te verwerken")
        VERWERKT = "verwerkt", _("Verwerkt")

    uuid = models.UUIDField(default=uuidlib.uuid4, unique=True, editable=False)
    nummer = models.CharField(max_length=10, blank=True)
    gevraagde_handeling = models.CharField(max_length=200)
    aanleidinggevend_klantcontact = models.ForeignKey(
        Klantcontact, on_delete=models.CASCADE, related_name="interne_taken"
    )
    toegewezen_aan_actor = models.ForeignKey(
        Actor, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    toelichting = models.TextField(blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.TE_VERWERKEN)
    toegewezen_op = models.DateTimeField(auto_now_add=True)
    afgehandeld_op = models.DateTimeField(null=True, blank=True)
    # Not in the standard: the KCC's promise ("we call you back by Thursday") and who of the
    # team took the task, so that the team stays visible as the assignee (ADR 0036).
    uiterlijk_op = models.DateField(_("uiterlijk afgehandeld op"), null=True, blank=True, db_index=True)
    opgepakt_door = models.ForeignKey(
        Actor, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("interne taak")
        verbose_name_plural = _("interne taken")

    @property
    def toegewezen_aan_actoren(self) -> list[Actor]:
        """The standard's actors of the task: the first (``toegewezen_aan_actor``, which the KCC
        console works with: a team or a colleague) and any others (say, the colleague within
        the team), in the order they were given."""
        first = [self.toegewezen_aan_actor] if self.toegewezen_aan_actor else []
        return first + [link.actor for link in sorted(self.extra_actoren.all(), key=lambda link: link.pk)]


class InterneTaakActor(TenantModel):
    """A second or further actor of an interne taak (the first is ``toegewezen_aan_actor``)."""

    taak = models.ForeignKey(InterneTaak, on_delete=models.CASCADE, related_name="extra_actoren")
    actor = models.ForeignKey(Actor, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["taak", "actor"],
                                               name="klantcontact_taak_actor_eenmaal")]


class ApiToegang(TenantModel):
    """What an API client (a ZGW applicatie) may do in the Klantinteracties API.

    The Autorisaties API 1.1 knows no klantinteracties component, so its grants are kept here,
    by the applicatie's uuid, with the scopes of ``klantcontact.api.scopes``. An applicatie with
    ``heeftAlleAutorisaties`` needs no record (see ADR 0026)."""

    applicatie_uuid = models.UUIDField(_("applicatie (uuid)"), unique=True)
    label = models.CharField(_("omschrijving"), max_length=100, blank=True)
    scopes = models.JSONField(_("scopes"), default=list)

    class Meta:
        verbose_name = _("toegang Klantinteracties API")
        verbose_name_plural = _("toegang Klantinteracties API")

    def __str__(self) -> str:
        return self.label or str(self.applicatie_uuid)
