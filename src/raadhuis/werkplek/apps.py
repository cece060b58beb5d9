from django.apps import AppConfig


class WerkplekConfig(AppConfig):
    name = "raadhuis.werkplek"
    label = "werkplek"
    verbose_name = "Werkplek"

    def ready(self) -> None:
        from raadhuis.werkplek import demo, permissions, sync  # noqa: F401 - registers handlers, roles, demo
