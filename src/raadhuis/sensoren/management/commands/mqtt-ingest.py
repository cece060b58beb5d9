"""``raadhuis mqtt-ingest``: store Observations published over MQTT (SensorThings MQTT create).

``--processes N`` (ADR 0040) forks N listeners that share the work through one MQTT 5 shared
subscription (``$share/<client-id>/v1.1/…``), for machines with more free cores than one
listener uses (~15–20 µs of Python per message; on 2 busy cores one process was fastest).
Each listener keeps its own persistent session (``<client-id>`` for the first,
``<client-id>-p<n>`` for the others) and acknowledges a message after its batch committed, as
one process does (ADR 0029). When a listener dies the others are stopped and the command exits
with status 1, for the supervisor to restart it: unacknowledged messages stay in the dead
session and are delivered again when it reconnects.
``--retire-slots M`` first empties and ends the sessions of slots N..M-1 when an earlier start
ran M > N processes (the broker routes a share of the messages to offline members too).
"""

import gc
import multiprocessing
import signal
import sys
import threading

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connections

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
        parser.add_argument("--processes", type=int, default=1,
                            help="Processen die het werk delen via één gedeeld abonnement (MQTT 5).")
        parser.add_argument("--retire-slots", type=int, default=0, metavar="M",
                            help="Liep eerder --processes M (meer dan nu)? Dan worden eerst de sessies van "
                                 "de vervallen processen leeggemaakt en beëindigd.")
        parser.add_argument("--connections", type=int, default=1,
                            help="Sessies op één gedeeld abonnement binnen één proces.")
        parser.add_argument("--base-url", default="", help="Basis-URL voor selfLinks in publicaties.")
        parser.add_argument("--broker", default="",
                            help="Luister op deze broker (mqtt://…) in plaats van MQTT_URL; zonder MQTT_URL "
                                 "worden opgeslagen observaties niet gepubliceerd (benchmarks).")

    def handle(self, *args, **options):
        if not settings.MQTT_URL and not options["broker"]:
            raise CommandError("MQTT_URL is niet ingesteld; zonder broker is er geen MQTT-ingest.")
        if options["processes"] < 1:
            raise CommandError("--processes moet minstens 1 zijn.")
        for slot in range(options["processes"], options["retire_slots"]):
            self._retire(options, f"{options['client_id']}-p{slot}")
        if options["processes"] == 1:
            self._listen(options, options["client_id"], group=None)
            return
        self._supervise(options)

    def _retire(self, options, client_id: str) -> None:
        """A slot of an earlier, larger --processes: unsubscribe (the broker stops routing a share
        to it), store what its session still holds, end the session."""
        ingest = Ingest(publishing.mqtt_options(options["broker"]), client_id=client_id,
                        group=options["client_id"], batch_size=options["batch_size"],
                        base=options["base_url"], window=options["window"], retiring=True)
        ingest.start()
        stored = ingest.retire(quiet_seconds=max(2.0, 5 * options["flush_seconds"]))
        self.stdout.write(f"MQTT-ingest {client_id} opgeheven; {stored} achtergebleven berichten verwerkt.")

    def _listen(self, options, client_id: str, group: str | None) -> None:
        gc.freeze()  # the start-up heap out of the collector: full collections stay cheap (ADR 0029)
        stop = threading.Event()
        for sig in (signal.SIGINT, signal.SIGTERM):
            signal.signal(sig, lambda *_: stop.set())
        ingest = Ingest(publishing.mqtt_options(options["broker"]), client_id=client_id, group=group,
                        batch_size=options["batch_size"], base=options["base_url"],
                        flush_seconds=options["flush_seconds"], window=options["window"],
                        connections=options["connections"])
        ingest.start()
        self.stdout.write(f"MQTT-ingest {client_id} verbonden met {options['broker'] or settings.MQTT_URL}.")
        self.stdout.flush()
        try:
            ingest.run(stop)
        finally:
            ingest.stop()

    def _supervise(self, options) -> None:
        """Fork the listeners (no connection or thread is open yet); stop all when one ends."""
        group = options["client_id"]
        connections.close_all()  # each child opens its own database connection
        context = multiprocessing.get_context("fork")
        children = []
        for slot in range(options["processes"]):
            client_id = group if slot == 0 else f"{group}-p{slot}"
            child = context.Process(target=self._listen, args=(options, client_id, group), name=client_id)
            child.start()
            children.append(child)
        stop = threading.Event()
        for sig in (signal.SIGINT, signal.SIGTERM):
            signal.signal(sig, lambda *_: stop.set())
        while not stop.is_set() and all(child.is_alive() for child in children):
            stop.wait(0.5)
        for child in children:
            if child.is_alive():
                child.terminate()  # SIGTERM: the listener finishes its batch and disconnects
        for child in children:
            child.join()
        if not stop.is_set():
            dead = ", ".join(f"{c.name} ({c.exitcode})" for c in children if c.exitcode)
            self.stderr.write(f"MQTT-ingest gestopt: {dead or 'een proces'} beëindigd.")
            sys.exit(1)
