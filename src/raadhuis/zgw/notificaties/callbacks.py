"""Outgoing webhook calls: only to allowed addresses, pinned to the checked address, with timeouts.

A callback URL names a host; before every call the host is resolved and *every* address
must be allowed (see ``address_allowed``). The connection then goes to the address that was
checked (the URL's host is sent as ``Host``, TLS SNI and certificate name), so a DNS answer
that changes between check and connect (DNS rebinding) cannot steer the call inside.
Redirects are not followed: a 3xx is just an answer.
"""

from __future__ import annotations

import functools
import ipaddress
import json
import logging
import os
import socket
import threading
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass
from urllib.parse import urlsplit

import urllib3
from django.conf import settings

logger = logging.getLogger(__name__)

NOT_ALLOWED = "callback-url-not-allowed"
INVALID = "invalid-callback-url"
NO_AUTH = "no-auth-on-callback-url"
ANSWER_LIMIT = 2000  # bytes of an answer we read and keep
USER_AGENT = "Raadhuis-Notificaties/1.0.1"

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


class CallbackError(Exception):
    """A callback that may not or could not be called; ``code`` is the API error code."""

    def __init__(self, message: str, code: str) -> None:
        super().__init__(message)
        self.code = code


@dataclass(frozen=True)
class Target:
    scheme: str
    host: str  # as in the URL: for Host, SNI and the certificate
    port: int
    path: str  # path and query
    address: str  # the checked address we connect to
    host_header: str


@dataclass(frozen=True)
class Answer:
    status: int
    body: str


# --- Which addresses are allowed ---------------------------------------------------------


@functools.lru_cache(maxsize=8)
def _networks(entries: tuple[str, ...]) -> tuple:
    return tuple(ipaddress.ip_network(entry.strip(), strict=False) for entry in entries if entry.strip())


def allowed_networks() -> tuple:
    return _networks(tuple(settings.NOTIFICATIES_ALLOWED_CALLBACK_NETWORKS))


def address_allowed(address: IPAddress) -> bool:
    """In an allowed network; or public (globally routable) when public callbacks are on.
    Private, loopback, link-local (cloud metadata), shared, reserved and multicast
    addresses are thereby refused unless a network allows them explicitly."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        address = address.ipv4_mapped  # ::ffff:127.0.0.1 is 127.0.0.1
    if any(address in network for network in allowed_networks()):
        return True
    return settings.NOTIFICATIES_ALLOW_PUBLIC_CALLBACKS and address.is_global and not address.is_multicast


def host_allowed(host: str) -> bool:
    """No host list: any name. Otherwise the name itself, or a subdomain of a ``.suffix``."""
    allowed = [e.strip().lower() for e in settings.NOTIFICATIES_ALLOWED_CALLBACK_HOSTS if e.strip()]
    host = host.lower().rstrip(".")
    return not allowed or any(
        host == entry or (entry.startswith(".") and (host.endswith(entry) or host == entry[1:]))
        for entry in allowed
    )


def check(url: str) -> Target:
    """The target of a callback URL, or CallbackError when it may not be called."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    if parts.scheme not in ("http", "https") or not host:
        raise CallbackError("Alleen http- en https-URL's met een host zijn toegestaan.", INVALID)
    if not host_allowed(host):
        raise CallbackError(f"De host {host} staat niet in de toegestane hosts.", NOT_ALLOWED)
    port = parts.port or (443 if parts.scheme == "https" else 80)
    addresses = _resolve(host, port)
    refused = [a for a in addresses if not address_allowed(a)]
    if refused:
        logger.warning("Callback %s refused: %s resolves to %s", url, host, ", ".join(map(str, refused)))
        raise CallbackError(f"De host {host} verwijst naar een adres dat niet is toegestaan.", NOT_ALLOWED)
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    return Target(parts.scheme, host, port, path, str(addresses[0]), parts.netloc.rpartition("@")[2])


# --- Resolving, with a deadline ----------------------------------------------------------

_resolvers: dict[int, ThreadPoolExecutor] = {}  # per process: a forked worker has no threads


def _resolver_pool() -> ThreadPoolExecutor:
    pool = _resolvers.get(os.getpid())
    if pool is None:
        pool = _resolvers[os.getpid()] = ThreadPoolExecutor(max_workers=4, thread_name_prefix="nrc-dns")
    return pool


def _resolve(host: str, port: int) -> list[IPAddress]:
    try:
        return [ipaddress.ip_address(host)]
    except ValueError:
        pass
    # getaddrinfo has no timeout of its own; a hanging resolver must not hold a worker.
    future = _resolver_pool().submit(socket.getaddrinfo, host, port, type=socket.SOCK_STREAM)
    try:
        infos = future.result(timeout=settings.NOTIFICATIES_CONNECT_TIMEOUT)
    except (OSError, FutureTimeout) as error:
        raise CallbackError(f"De host {host} is niet te vinden.", INVALID) from error
    addresses = list(dict.fromkeys(ipaddress.ip_address(info[4][0].split("%")[0]) for info in infos))
    if not addresses:
        raise CallbackError(f"De host {host} is niet te vinden.", INVALID)
    return addresses


# --- Calling -----------------------------------------------------------------------------

_pools: dict[tuple, urllib3.HTTPConnectionPool] = {}
_pools_lock = threading.Lock()
MAX_POOLS = 128
os.register_at_fork(after_in_child=_pools.clear)  # never share a socket with the parent


def post(url: str, message: dict, headers: dict[str, str]) -> Answer:
    """POST ``message`` as JSON to an allowed callback URL; the answer, whatever its status.
    Raises CallbackError when the URL is refused or the receiver cannot be reached."""
    target = check(url)
    body = json.dumps(message).encode("utf-8")
    headers = {"Content-Type": "application/json", "User-Agent": USER_AGENT, **headers,
               "Host": target.host_header}
    try:
        response = _pool(target).urlopen(
            "POST", target.path, body=body, headers=headers, retries=False, redirect=False,
            assert_same_host=False, preload_content=False, timeout=_timeout())
    except urllib3.exceptions.HTTPError as error:
        raise CallbackError(f"{target.host} is niet bereikbaar: {error}", INVALID) from error
    return _answer(response)


def _timeout() -> urllib3.Timeout:
    return urllib3.Timeout(connect=settings.NOTIFICATIES_CONNECT_TIMEOUT,
                           read=settings.NOTIFICATIES_READ_TIMEOUT)


def _answer(response) -> Answer:
    try:
        body = response.read(ANSWER_LIMIT)
    except urllib3.exceptions.HTTPError:
        body = b""
    if response.length_remaining == 0:
        response.release_conn()  # fully read: the connection can be reused
    else:
        response.close()  # a long or unknown-length answer: not worth reading on
    return Answer(response.status, body.decode("utf-8", errors="replace"))


def _pool(target: Target) -> urllib3.HTTPConnectionPool:
    key = (target.scheme, target.address, target.port, target.host)
    with _pools_lock:
        pool = _pools.get(key)
        if pool is None:
            if len(_pools) >= MAX_POOLS:
                _pools.pop(next(iter(_pools))).close()
            pool = _pools[key] = _new_pool(target)
        return pool


def _new_pool(target: Target) -> urllib3.HTTPConnectionPool:
    if target.scheme == "https":
        return urllib3.HTTPSConnectionPool(
            target.address, target.port, maxsize=4, cert_reqs="CERT_REQUIRED",
            server_hostname=target.host, assert_hostname=target.host)
    return urllib3.HTTPConnectionPool(target.address, target.port, maxsize=4)


# --- Verifying a callback when an abonnement is made -------------------------------------

TEST_MESSAGE = {
    "kanaal": "test",
    "hoofdObject": "http://some.hoofdobject.nl/",
    "resource": "some_resource",
    "resourceUrl": "http://some.resource.nl/",
    "actie": "create",
    "aanmaakdatum": "2019-01-01T12:00:00Z",
    "kenmerken": {},
}


def verify(url: str, auth: str) -> None:
    """The checks of the reference implementations: the callback accepts a test notification
    with the abonnement's Authorization header (2xx), and refuses one without (401/403) —
    the standard says the endpoint MUST be secured with that header."""
    if not settings.NOTIFICATIES_VERIFY_CALLBACK:
        check(url)
        return
    answer = post(url, TEST_MESSAGE, {"Authorization": auth})
    if not 200 <= answer.status < 300:
        raise CallbackError(
            f"De callback-URL kan geen notificaties ontvangen (HTTP {answer.status}).", INVALID)
    if settings.NOTIFICATIES_REQUIRE_CALLBACK_AUTH:
        answer = post(url, TEST_MESSAGE, {})
        if answer.status not in (401, 403):
            raise CallbackError("De callback-URL is niet beveiligd met autorisatie: zonder "
                                f"Authorization-header antwoordt hij HTTP {answer.status}.", NO_AUTH)
