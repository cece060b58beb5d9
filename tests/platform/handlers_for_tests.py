"""An outbox handler that POSTs events to a real HTTP receiver, and that receiver.

Imported by the tests, and by worker subprocesses through ``RAADHUIS_EXTRA_HANDLERS=
tests.platform.handlers_for_tests`` (with the repository root on ``PYTHONPATH``), so the
dispatcher in another process calls the same handler. The receiver's address comes from
``RAADHUIS_TEST_RECEIVER_URL`` at call time.
"""

from __future__ import annotations

import json
import os
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import requests

from raadhuis.platform import outbox

WEBHOOK = "tests.webhook"  # handler name and kanaal
RECEIVER_ENV = "RAADHUIS_TEST_RECEIVER_URL"
TIMEOUT_ENV = "RAADHUIS_TEST_RECEIVER_TIMEOUT"


def post_event(event) -> None:
    response = requests.post(
        os.environ[RECEIVER_ENV],
        json={"uuid": str(event.uuid), "kanaal": event.kanaal, "payload": event.payload},
        headers={"X-Sender-Pid": str(os.getpid())},
        timeout=float(os.environ.get(TIMEOUT_ENV, "5")),
    )
    response.raise_for_status()


outbox.register_handler(WEBHOOK, post_event, kanalen=[WEBHOOK])


class Receiver:
    """A webhook subscriber on 127.0.0.1 that can be down, slow, or failing.

    ``started`` holds the uuids of requests as they come in, ``received`` those answered
    with success, ``senders`` the process ids of the senders; ``first_request`` is set when
    any request arrives.
    """

    def __init__(self, port: int = 0, delay: float = 0.0, status: int = 204) -> None:
        self.port, self.delay, self.status = port, delay, status
        self.started: list[str] = []
        self.received: list[str] = []
        self.senders: set[str] = set()
        self.first_request = threading.Event()
        self._server: ThreadingHTTPServer | None = None
        self._lock = threading.Lock()
        if not port:  # reserve a port now, so that the receiver can start "down"
            self.start()
            self.stop()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/notificaties"

    def start(self) -> Receiver:
        self._server = ThreadingHTTPServer(("127.0.0.1", self.port), self._handler_class())
        self._server.daemon_threads = True
        self.port = self._server.server_address[1]
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def _record(self, bucket: list[str], uuid: str) -> None:
        with self._lock:
            bucket.append(uuid)

    def _handler_class(self):
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802 - http.server's naming
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                receiver._record(receiver.started, body["uuid"])
                receiver.first_request.set()
                time.sleep(receiver.delay)
                if receiver.status < 300:
                    receiver._record(receiver.received, body["uuid"])
                    receiver.senders.add(self.headers.get("X-Sender-Pid", ""))
                try:
                    self.send_response(receiver.status)
                    self.end_headers()
                except OSError:  # the sender was killed while we were slow
                    pass

            def log_message(self, *args):
                pass

        return Handler
