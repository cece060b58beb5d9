"""Virus scanning with ClamAV's ``clamd``, over its INSTREAM protocol.

The protocol is small (a command, length-prefixed chunks, a zero length, one reply line), so
it is spoken here directly rather than through a client library. ``CLAMD_URL`` names the
daemon: ``tcp://host:3310`` or ``unix:///run/clamav/clamd.ctl``; empty means no scanning.
"""

from __future__ import annotations

import socket
import struct
from urllib.parse import urlsplit

from django.conf import settings

TIMEOUT_SECONDS = 30.0


class ScannerUnavailable(Exception):
    """clamd could not be reached or did not answer: the upload cannot be judged."""


class Scan:
    """One INSTREAM session: ``feed`` the bytes, then ``verdict`` (None when clean, else the
    name of what was found)."""

    def __init__(self, url: str):
        self._socket = _connect(url)
        self._send(b"zINSTREAM\0")

    def feed(self, chunk: bytes) -> None:
        if chunk:
            self._send(struct.pack("!L", len(chunk)) + chunk)

    def verdict(self) -> str | None:
        self._send(struct.pack("!L", 0))
        reply = self._reply()
        self.close()
        if reply.endswith("OK"):
            return None
        if reply.endswith("FOUND"):
            return reply.split(":", 1)[-1].removesuffix("FOUND").strip()
        # "INSTREAM size limit exceeded. ERROR" and the like: clamd could not judge the file.
        raise ScannerUnavailable(reply)

    def close(self) -> None:
        self._socket.close()

    def _send(self, data: bytes) -> None:
        try:
            self._socket.sendall(data)
        except OSError as error:
            self.close()
            raise ScannerUnavailable(str(error)) from error

    def _reply(self) -> str:
        data = b""
        try:
            while not data.endswith(b"\0"):
                chunk = self._socket.recv(4096)
                if not chunk:
                    break
                data += chunk
        except OSError as error:
            raise ScannerUnavailable(str(error)) from error
        return data.rstrip(b"\0\n").decode("utf-8", "replace")


def start() -> Scan | None:
    """A scan session when CLAMD_URL is set, else None (no scanning configured)."""
    url = settings.CLAMD_URL
    return Scan(url) if url else None


def _connect(url: str) -> socket.socket:
    parts = urlsplit(url)
    try:
        if parts.scheme == "unix":
            sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            sock.settimeout(TIMEOUT_SECONDS)
            sock.connect(parts.path)
            return sock
        return socket.create_connection((parts.hostname, parts.port or 3310), timeout=TIMEOUT_SECONDS)
    except OSError as error:
        raise ScannerUnavailable(str(error)) from error
