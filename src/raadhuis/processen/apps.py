from django.apps import AppConfig


class ProcessenConfig(AppConfig):
    name = "raadhuis.processen"
    label = "processen"
    verbose_name = "Processen"

    def ready(self) -> None:
        from raadhuis.processen import demo, handlers, operations  # noqa: F401 - registers handlers and demo
