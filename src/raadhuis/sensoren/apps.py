import importlib

from django.apps import AppConfig


class SensorenConfig(AppConfig):
    name = "raadhuis.sensoren"
    label = "sensoren"
    verbose_name = "Sensoren (OGC SensorThings API)"

    def ready(self):
        # The demo loader and the outbox handler that publishes changes over MQTT.
        for module in ("demo", "publishing"):
            importlib.import_module(f"raadhuis.sensoren.{module}")
