from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "raadhuis.portal"
    label = "portal"
    verbose_name = _("Mijn gemeente (portaal)")

    def ready(self) -> None:
        # Outbox handlers (registration retries, status e-mails) and the demo loader.
        from raadhuis.portal import demo, notifications, registration  # noqa: F401
