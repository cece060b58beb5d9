from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KlantcontactConfig(AppConfig):
    name = "raadhuis.klantcontact"
    label = "klantcontact"
    verbose_name = _("Klantcontact (KCC en chatbot)")

    def ready(self) -> None:
        # The demo FAQ of Voorbeeldstad and the KCC role's permissions.
        from raadhuis.klantcontact import demo, permissions  # noqa: F401
