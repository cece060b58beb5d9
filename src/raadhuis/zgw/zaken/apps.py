from django.apps import AppConfig


class ZakenConfig(AppConfig):
    name = "raadhuis.zgw.zaken"
    label = "zaken"
    verbose_name = "Zaken API"

    def ready(self):
        from raadhuis.zgw.zaken import scopes  # noqa: F401 - registers the zaken scopes
