from django.apps import AppConfig


class CatalogiConfig(AppConfig):
    name = "raadhuis.zgw.catalogi"
    label = "catalogi"
    verbose_name = "Catalogi API"

    def ready(self):
        # Imported for their side effects: the demo loader and the catalogi scopes register.
        from raadhuis.zgw.catalogi import demo, scopes  # noqa: F401
