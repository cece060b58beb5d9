"""``raadhuis serve``: the production web server (gunicorn) for Raadhuis."""

import os

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import connections
from gunicorn.app.base import BaseApplication


def _sqlite() -> bool:
    return settings.DATABASES["default"]["ENGINE"].endswith("sqlite3")


def default_workers() -> int:
    """One process on SQLite (one writer at a time; threads serve the concurrency), else the
    usual 2 × CPU + 1, at least 2 and capped to keep database connections in bounds."""
    if _sqlite():
        return 1
    return max(2, min(2 * (os.cpu_count() or 1) + 1, 8))


def post_fork(server, worker) -> None:
    # Embedded mode has no worker processes: each web worker delivers the outbox itself, so
    # retries due later go out even when no new commit wakes a dispatcher.
    if settings.OUTBOX_IN_PROCESS:
        from raadhuis.platform.outbox import InProcessDispatcher

        InProcessDispatcher.instance()


def worker_exit(server, worker) -> None:
    if settings.OUTBOX_IN_PROCESS:
        from raadhuis.platform.outbox import InProcessDispatcher

        InProcessDispatcher.shutdown()


class RaadhuisServer(BaseApplication):
    """Gunicorn configured in code, so ``raadhuis serve`` needs no config file."""

    def __init__(self, options: dict) -> None:
        self.options = options
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self):
        from raadhuis.wsgi import application

        return application


class Command(BaseCommand):
    help = "Serve Raadhuis with gunicorn (raadhuis.wsgi:application)."

    def add_arguments(self, parser):
        parser.add_argument("--bind", default=os.environ.get("BIND", "127.0.0.1:8000"),
                            help="Address to listen on (default 127.0.0.1:8000, env BIND).")
        parser.add_argument("--workers", type=int, default=None,
                            help="Worker processes (default: 1 on SQLite, 2+ on PostgreSQL).")
        parser.add_argument("--threads", type=int, default=4, help="Threads per worker.")
        parser.add_argument("--timeout", type=int, default=60,
                            help="Seconds before a silent worker is restarted.")

    def handle(self, *args, **options):
        workers = options["workers"] or default_workers()
        if _sqlite() and workers > 1:
            self.stderr.write("Several workers on SQLite contend for its single write lock.")
        # Forked workers must not inherit (and share) this process's database connection.
        connections.close_all()
        RaadhuisServer({
            "bind": options["bind"],
            "workers": workers,
            "threads": options["threads"],
            "worker_class": "gthread",
            "timeout": options["timeout"],
            "graceful_timeout": 30,
            "accesslog": "-",
            "errorlog": "-",
            "post_fork": post_fork,
            "worker_exit": worker_exit,
        }).run()
