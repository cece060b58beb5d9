"""``raadhuis mqtt-ingest``: store Observations published over MQTT (SensorThings MQTT create)."""

import gc
import signal
import threading

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from raadhuis.sensoren import publishing
from raadhuis.sensoren.mqtt import Ingest


class Command(BaseCommand):
    help = "Luister naar v1.1/Observations en v1.1/Datastreams(id)/Observations op MQTT_URL."

    def add_arguments(self, parser):
        parser.add_argument("--client-id", default="raadhuis-sensoren-ingest")
        parser.add_argument("--batch-size", type=int, default=5000)
        parser.add_argument("--flush-seconds", type=float, default=0.2,
                            help="Hoogstens zo lang wacht een bericht op een volle batch.")
        parser.add_argument("--window", type=int, default=20_000,
                            help="Onbevestigde berichten die de broker tegelijk mag sturen (MQTT 5 receive "
                                 "maximum, ten hoogste 65535).")
        parser.add_argument("--connections", type=int, default=1,
                            help="Sessies op één gedeeld abonnement (bijvoorbeeld één per ingest-proces).")
        parser.add_argument("--base-url", default="", help="Basis-URL voor selfLinks in publicaties.")

    def handle(self, *args, **options):
        if not settings.MQTT_URL:
            raise CommandError("MQTT_URL is niet ingesteld; zonder broker is er geen MQTT-ingest.")
        gc.freeze()  # the start-up heap out of the collector: full collections stay cheap (ADR 0029)
        stop = threading.Event()
        for sig in (signal.SIGINT, signal.SIGTERM):
            signal.signal(sig, lambda *_: stop.set())
        ingest = Ingest(publishing.mqtt_options(), client_id=options["client_id"],
                        batch_size=options["batch_size"], base=options["base_url"],
                        flush_seconds=options["flush_seconds"], window=options["window"],
                        connections=options["connections"])
        ingest.start()
        self.stdout.write(f"MQTT-ingest verbonden met {settings.MQTT_URL}.")
        try:
            ingest.run(stop)
        finally:
            ingest.stop()
