"""``raadhuis worker``: a Celery worker for background tasks and outbox delivery."""

import os

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connections


class Command(BaseCommand):
    help = (
        "Start a Celery worker (app raadhuis.celery:app) with an embedded beat scheduler for "
        "the periodic outbox sweep. Run extra workers with --no-beat: one beat is enough."
    )
    requires_system_checks = []  # the worker checks its broker itself; keep start-up fast

    def add_arguments(self, parser):
        parser.add_argument("--no-beat", action="store_true",
                            help="Do not run the beat scheduler in this worker.")
        parser.add_argument("--concurrency", type=int, default=None,
                            help="Worker processes (default: the number of CPUs).")
        parser.add_argument("--loglevel", default=settings.LOG_LEVEL)

    def handle(self, *args, **options):
        if not settings.BROKER_URL:
            raise CommandError(
                "BROKER_URL is not set, so there is no queue to work on. Set it to a Redis or "
                "RabbitMQ URL (redis://host:6379/0, amqp://user:password@host:5672//); without "
                "it, 'raadhuis serve' delivers events and runs tasks in-process."
            )
        from raadhuis.celery import app

        # The forked pool processes must not share this process's database connection.
        connections.close_all()
        app.worker_main(self._argv(options))

    @staticmethod
    def _argv(options) -> list[str]:
        # A unique node name, so several workers on one host do not clash.
        argv = ["worker", f"--loglevel={options['loglevel']}",
                f"--hostname=raadhuis-{os.getpid()}@%h"]
        if options["concurrency"]:
            argv.append(f"--concurrency={options['concurrency']}")
        if not options["no_beat"]:
            argv.append("--beat")
        return argv
