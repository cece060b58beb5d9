"""A notification consumer on 127.0.0.1, as the consumer API of the standard describes it.

It answers 401 without the right Authorization header, 204 to the test notification sent
when an abonnement is made, and otherwise ``status`` — or 500 at random, seeded, when
``fail_rate`` is set. It can be stopped (down) and started again on the same port.
"""

from __future__ import annotations

import json
import random
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

TOKEN = "Bearer ontvanger-geheim"


@dataclass
class Request:
    body: dict
    headers: dict
    status: int
    at: float = field(default_factory=time.monotonic)


class NotificationReceiver:
    def __init__(self, token: str = TOKEN, status: int = 204, fail_rate: float = 0.0, seed: int = 0,
                 delay: float = 0.0) -> None:
        self.token, self.status, self.fail_rate, self.delay = token, status, fail_rate, delay
        self.random = random.Random(seed)  # noqa: S311 - a test's coin, not security
        self.requests: list[Request] = []  # when answered
        self.arrivals: list[dict] = []  # as they come in, before any delay
        self.first_request = threading.Event()
        self.port = 0
        self._server: ThreadingHTTPServer | None = None
        self._lock = threading.Lock()
        self.start()
        self.stop()  # the port is ours now; the receiver starts "down" until start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/api/v1/notificaties"

    def start(self) -> NotificationReceiver:
        self._server = ThreadingHTTPServer(("127.0.0.1", self.port), self._handler())
        self._server.daemon_threads = True
        self.port = self._server.server_address[1]
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    # --- What arrived -----------------------------------------------------------------

    def notifications(self) -> list[Request]:
        """Every notification request (not the test ones), answered however."""
        return [r for r in self.requests if r.body.get("kanaal") != "test"]

    def accepted(self) -> list[dict]:
        """The notifications answered with success, in the order they arrived."""
        return [r.body for r in self.notifications() if 200 <= r.status < 300]

    def _answer(self, body: dict, headers: dict) -> int:
        if headers.get("Authorization") != self.token:
            return 401
        if body.get("kanaal") == "test":
            return 204
        with self._lock:
            failed = self.fail_rate and self.random.random() < self.fail_rate
        return 500 if failed else self.status

    def _handler(self):
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802 - http.server's naming
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])) or b"{}")
                headers = dict(self.headers.items())
                with receiver._lock:
                    receiver.arrivals.append(body)
                if body.get("kanaal") != "test":
                    receiver.first_request.set()
                time.sleep(receiver.delay)
                status = receiver._answer(body, headers)
                with receiver._lock:
                    receiver.requests.append(Request(body, headers, status))
                try:
                    self.send_response(status)
                    payload = b"kapot" if status >= 500 else b""
                    self.send_header("Content-Length", str(len(payload)))
                    self.end_headers()
                    self.wfile.write(payload)
                except OSError:  # the sender gave up (timeout) or was killed
                    pass

            def log_message(self, *args):
                pass

        return Handler
