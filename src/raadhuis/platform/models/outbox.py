"""The event outbox: events are written in the transaction of the change, delivered later."""

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from raadhuis.platform.tenancy import TenantModel


class OutboxEvent(TenantModel):
    """A domain event, e.g. the ZGW notification of a new zaak."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    kanaal = models.CharField(_("kanaal"), max_length=100, db_index=True)
    payload = models.JSONField()
    created_at = models.DateTimeField(auto_now_add=True)
    request_id = models.CharField(max_length=64, blank=True)

    class Meta:
        verbose_name = _("gebeurtenis")
        verbose_name_plural = _("gebeurtenissen")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.kanaal} {self.uuid}"


class Delivery(TenantModel):
    """The delivery of one event to one handler, retried on its own.

    A handler that is down does not hold up or repeat the others: each (event, handler)
    pair has its own attempts, backoff and state. Deliveries to one handler that share an
    ``ordering_key`` (a webhook subscriber and one hoofdObject) go out strictly in order.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("wacht op aflevering")
        DELIVERED = "delivered", _("afgeleverd")
        PARKED = "parked", _("geparkeerd na herhaald falen")
        SKIPPED = "skipped", _("overgeslagen")

    event = models.ForeignKey(OutboxEvent, on_delete=models.CASCADE, related_name="deliveries")
    handler = models.CharField(_("ontvanger"), max_length=200)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveIntegerField(_("pogingen"), default=0)
    next_attempt_at = models.DateTimeField(_("volgende poging"))
    leased_until = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(_("laatste fout"), blank=True)
    delivered_at = models.DateTimeField(_("afgeleverd op"), null=True, blank=True)
    # Empty: no order. Otherwise a later delivery waits while an earlier one with the same
    # handler and key is pending (delivered, parked or skipped lets the next one go).
    ordering_key = models.CharField(_("volgordesleutel"), max_length=255, blank=True, default="")
    last_status = models.PositiveSmallIntegerField(_("laatste HTTP-status"), null=True, blank=True)
    last_response = models.TextField(_("laatste antwoord van de ontvanger"), blank=True)

    class Meta:
        verbose_name = _("aflevering")
        verbose_name_plural = _("afleveringen")
        ordering = ["next_attempt_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["event", "handler"], name="unique_delivery_handler")
        ]
        indexes = [
            models.Index(
                fields=["next_attempt_at"],
                condition=models.Q(status="pending"),
                name="delivery_due_idx",
            ),
            models.Index(
                fields=["handler", "ordering_key", "id"],
                condition=models.Q(status="pending") & ~models.Q(ordering_key=""),
                name="delivery_order_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.handler} ← {self.event}"


class DeliveryAttempt(TenantModel):
    """One attempt of a delivery: when, how long, and what the receiver answered.

    Written by the dispatcher after the attempt; an attempt whose worker was killed leaves
    no row (the delivery's ``attempts`` still counts it).
    """

    class Outcome(models.TextChoices):
        DELIVERED = "delivered", _("afgeleverd")
        FAILED = "failed", _("mislukt, wordt opnieuw geprobeerd")
        PARKED = "parked", _("mislukt, geparkeerd")
        SKIPPED = "skipped", _("overgeslagen")

    delivery = models.ForeignKey(Delivery, on_delete=models.CASCADE, related_name="attempt_log")
    number = models.PositiveIntegerField(_("poging"))
    started_at = models.DateTimeField(_("begonnen op"))
    duration_ms = models.PositiveIntegerField(_("duur (ms)"))
    outcome = models.CharField(_("uitkomst"), max_length=16, choices=Outcome.choices)
    status_code = models.PositiveSmallIntegerField(_("HTTP-status"), null=True, blank=True)
    response = models.TextField(_("antwoord van de ontvanger"), blank=True)
    error = models.TextField(_("fout"), blank=True)

    class Meta:
        verbose_name = _("afleverpoging")
        verbose_name_plural = _("afleverpogingen")
        ordering = ["delivery_id", "id"]

    def __str__(self) -> str:
        return f"{self.delivery_id} #{self.number}: {self.outcome}"
