from django.apps import AppConfig


class WooConfig(AppConfig):
    name = "raadhuis.woo"
    label = "woo"
    verbose_name = "Woo-verzoeken"

    def ready(self):
        from raadhuis.platform import roles
        from raadhuis.platform.models import Role

        roles.grant(Role.WOO_JURIST, "woo.behandelen")
        from raadhuis.woo import demo  # noqa: F401 - registers the demo loader
