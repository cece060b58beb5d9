from django.apps import AppConfig


class WooConfig(AppConfig):
    name = "raadhuis.woo"
    label = "woo"
    verbose_name = "Woo-verzoeken"

    def ready(self):
        from raadhuis.platform import roles
        from raadhuis.platform.models import Role

        roles.grant(Role.WOO_JURIST, "woo.behandelen", "woo.view_publicterm")
        roles.grant(Role.BEHEERDER, "woo.view_publicterm", "woo.add_publicterm", "woo.change_publicterm",
                    "woo.delete_publicterm")
        from raadhuis.woo import demo  # noqa: F401 - registers the demo loader
