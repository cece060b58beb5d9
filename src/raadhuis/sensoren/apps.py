import importlib

from django.apps import AppConfig


class SensorenConfig(AppConfig):
    name = "raadhuis.sensoren"
    label = "sensoren"
    verbose_name = "Sensoren (OGC SensorThings API)"

    def ready(self):
        # The demo loader, the outbox handler that publishes changes over MQTT, and the lock
        # that a stream or feature takes before it is deleted (bulk).
        for module in ("demo", "publishing", "bulk"):
            importlib.import_module(f"raadhuis.sensoren.{module}")
