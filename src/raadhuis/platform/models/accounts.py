from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    BEHANDELAAR = "behandelaar", _("Behandelaar")
    KCC = "kcc", _("KCC-medewerker")
    WOO_JURIST = "woo_jurist", _("Woo-jurist")
    WEGBEHEERDER = "wegbeheerder", _("Wegbeheerder")
    BEHEERDER = "beheerder", _("Functioneel beheerder")
    MANAGER = "manager", _("Manager")


class User(AbstractUser):
    """An employee account. Residents log in through DigiD in the portal, not here."""

    class Meta:
        verbose_name = _("medewerker")
        verbose_name_plural = _("medewerkers")

    def organisation_ids(self) -> list[int]:
        if not hasattr(self, "_organisation_ids"):
            self._organisation_ids = list(
                self.memberships.filter(organisation__is_active=True)
                .values_list("organisation_id", flat=True)
                .distinct()
            )
        return self._organisation_ids

    def roles_in(self, organisation) -> set[str]:
        return set(
            self.memberships.filter(organisation=organisation).values_list("role", flat=True)
        )

    def has_role(self, role: str, organisation=None) -> bool:
        memberships = self.memberships.filter(role=role)
        if organisation is not None:
            memberships = memberships.filter(organisation=organisation)
        return memberships.exists()


class Membership(models.Model):
    """A user's role in one organisation; a user may hold several roles in several."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    organisation = models.ForeignKey(
        "platform.Organisation", on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("rol"), max_length=32, choices=Role.choices)

    class Meta:
        verbose_name = _("lidmaatschap")
        verbose_name_plural = _("lidmaatschappen")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation", "role"], name="unique_membership_role"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()} ({self.organisation})"
