from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class NotificatiesConfig(AppConfig):
    name = "raadhuis.zgw.notificaties"
    label = "notificaties"
    verbose_name = _("Notificaties API")

    def ready(self):
        from raadhuis.platform import outbox, roles
        from raadhuis.platform.models import Role
        from raadhuis.zgw.notificaties import checks, delivery, kanalen  # noqa: F401 - checks

        # Every process type (web, worker, dispatcher) loads the apps, so each knows how to
        # resolve and deliver ``abonnement:<uuid>``.
        outbox.register_resolver(delivery.PREFIX, delivery.resolve, delivery.deliver)
        post_migrate.connect(kanalen.register_after_migrate, sender=self)
        roles.grant(
            Role.BEHEERDER,
            "notificaties.view_kanaal",
            "notificaties.view_abonnement",
            "notificaties.change_abonnement",
            "notificaties.delete_abonnement",
        )
