"""``raadhuis dispatch_outbox``: deliver outbox events in the foreground."""

import json
import logging
import signal
import threading

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import close_old_connections

from raadhuis.platform import outbox, tenancy

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = (
        "Deliver due outbox events, then keep polling every OUTBOX_POLL_SECONDS until "
        "stopped. Safe beside other dispatchers and workers: deliveries are leased."
    )

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true",
                            help="Deliver what is due now and exit.")
        parser.add_argument("--status", action="store_true",
                            help="Print delivery counts per status as JSON and exit.")

    def handle(self, *args, **options):
        with tenancy.system_scope():
            if options["status"]:
                self.stdout.write(json.dumps(outbox.stats()))
            elif options["once"]:
                self._report(outbox.drain())
            else:
                self._loop()

    def _loop(self) -> None:
        stop = threading.Event()
        for signum in (signal.SIGTERM, signal.SIGINT):
            signal.signal(signum, lambda *_: stop.set())
        self.stdout.write(f"Dispatching outbox events (poll {settings.OUTBOX_POLL_SECONDS}s).")
        while not stop.is_set():
            try:
                outbox.drain(stop=stop)
            except Exception:  # the database may be restarting: try again at the next poll
                logger.exception("Outbox dispatch pass failed.")
            finally:
                close_old_connections()
            stop.wait(settings.OUTBOX_POLL_SECONDS)
        self.stdout.write("Stopped.")

    def _report(self, result) -> None:
        self.stdout.write(
            f"delivered={len(result.delivered)} failed={len(result.failed)} "
            f"parked={len(result.parked)}"
        )
