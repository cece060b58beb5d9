from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from raadhuis.platform.validators import validate_rsin

gemeentecode_validator = RegexValidator(r"^\d{4}$", _("Een CBS-gemeentecode bestaat uit 4 cijfers."))


class Organisation(models.Model):
    """A tenant: a municipality or another organisation sharing the installation."""

    name = models.CharField(_("naam"), max_length=200, unique=True)
    slug = models.SlugField(_("korte naam"), unique=True)
    rsin = models.CharField(_("RSIN"), max_length=9, unique=True, validators=[validate_rsin])
    gemeentecode = models.CharField(
        _("CBS-gemeentecode"),
        max_length=4,
        blank=True,
        validators=[gemeentecode_validator],
        help_text=_("Leeg voor organisaties die geen gemeente zijn."),
    )
    is_active = models.BooleanField(_("actief"), default=True)
    max_upload_bytes = models.PositiveBigIntegerField(
        _("maximale uploadgrootte (bytes)"), default=100 * 1024 * 1024
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("organisatie")
        verbose_name_plural = _("organisaties")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["gemeentecode"],
                condition=~models.Q(gemeentecode=""),
                name="unique_gemeentecode",
            )
        ]

    def __str__(self) -> str:
        return self.name
