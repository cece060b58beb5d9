from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlatformConfig(AppConfig):
    name = "raadhuis.platform"
    label = "platform"
    verbose_name = _("Platform")

    def ready(self):
        from raadhuis.platform import checks, signals  # noqa: F401  (registers checks/receivers)
