from django.apps import AppConfig


class DocumentenConfig(AppConfig):
    name = "raadhuis.zgw.documenten"
    label = "documenten"
    verbose_name = "Documenten API"

    def ready(self):
        from raadhuis.zgw.documenten import hooks

        hooks.register()
