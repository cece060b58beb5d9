"""Fees (leges): a payment-provider interface and the built-in test provider.

A provider starts a payment (returns the URL to send the resident to) and, when the resident
comes back, tells the outcome. The portal stores the outcome on the ``Payment``; only a paid
submission is submitted and becomes a zaak (docs/modules/portal.md, "Fees").

The test provider is a page of Raadhuis itself with three buttons (geslaagd, mislukt,
geannuleerd). Like the DigiD simulator it is refused in production mode.
"""

from __future__ import annotations

from typing import Protocol

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.module_loading import import_string

from raadhuis.portal.models import Payment, Submission


class PaymentProvider(Protocol):
    name: str

    def start(self, payment: Payment, *, org: str, return_url: str) -> str:
        """Register the payment with the provider; the URL to send the resident to."""

    def outcome(self, payment: Payment) -> str:
        """The payment's status as the provider knows it: one of Payment.Status."""


class TestProvider:
    """Pays nothing, asks the resident which outcome to simulate. Never in production."""

    name = "test"

    def start(self, payment: Payment, *, org: str, return_url: str) -> str:
        if settings.PRODUCTION:
            raise ImproperlyConfigured("The test payment provider is not available in production mode.")
        return reverse("portal:testpay", kwargs={"org": org, "reference": payment.reference})

    def outcome(self, payment: Payment) -> str:
        return payment.status  # the test page wrote it


def provider() -> PaymentProvider:
    return import_string(settings.PORTAL_PAYMENT_PROVIDER)()


def start_payment(submission: Submission, *, org: str) -> tuple[Payment, str]:
    chosen = provider()
    with transaction.atomic():
        payment = Payment.objects.create(
            organisation=submission.organisation,
            submission=submission,
            provider=chosen.name,
            amount_cents=submission.product.fee_cents,
        )
        Submission.objects.filter(pk=submission.pk).update(status=Submission.Status.AWAITING_PAYMENT)
    return_url = reverse("portal:payment-return", kwargs={"org": org, "reference": payment.reference})
    return payment, chosen.start(payment, org=org, return_url=return_url)


def complete(payment: Payment, status: str) -> Payment:
    """Store an outcome once; a paid payment stays paid whatever arrives later."""
    with transaction.atomic():
        locked = Payment.objects.select_for_update().get(pk=payment.pk)
        if locked.status == Payment.Status.OPEN and status in Payment.Status.values:
            locked.status = status
            locked.completed_at = timezone.now()
            locked.save(update_fields=["status", "completed_at"])
    return locked


def format_euro(cents: int) -> str:
    return f"€ {cents // 100},{cents % 100:02d}"
