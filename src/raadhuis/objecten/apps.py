from django.apps import AppConfig


class ObjectenConfig(AppConfig):
    name = "raadhuis.objecten"
    label = "objecten"
    verbose_name = "Objecttypes API en Objects API"

    def ready(self):
        from raadhuis.objecten import demo  # noqa: F401 - registers the demo loader
