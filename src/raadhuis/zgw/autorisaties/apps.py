from django.apps import AppConfig


class AutorisatiesConfig(AppConfig):
    name = "raadhuis.zgw.autorisaties"
    label = "autorisaties"
    verbose_name = "Autorisaties API"
