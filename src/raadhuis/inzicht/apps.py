from django.apps import AppConfig


class InzichtConfig(AppConfig):
    name = "raadhuis.inzicht"
    label = "inzicht"
    verbose_name = "iNzicht"

    def ready(self) -> None:
        from raadhuis.inzicht import demo, permissions, sync  # noqa: F401 - registers handlers, roles, demo
