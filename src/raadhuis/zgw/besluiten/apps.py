from django.apps import AppConfig


class BesluitenConfig(AppConfig):
    name = "raadhuis.zgw.besluiten"
    label = "besluiten"
    verbose_name = "Besluiten API"
