from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistersConfig(AppConfig):
    name = "raadhuis.registers"
    label = "registers"
    verbose_name = _("Basisregistraties (BRP en BAG)")

    def ready(self):
        from raadhuis.registers import access, demo  # noqa: F401  (scopes, role grants, demo loader)
