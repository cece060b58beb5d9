"""Who is acting, in which request: carried in context variables through the call stack.

The middleware (users) and the API authentication (clients) set the actor; the audit
trail, the processing log and the outbox read it, so services need not pass it around.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass


@dataclass(frozen=True)
class Actor:
    gebruikers_id: str = ""
    gebruikers_weergave: str = ""
    applicatie_id: str = ""
    applicatie_weergave: str = ""

    @property
    def display(self) -> str:
        return self.gebruikers_weergave or self.applicatie_weergave or "systeem"

    @property
    def identifier(self) -> str:
        return self.gebruikers_id or self.applicatie_id or "systeem"


SYSTEM_ACTOR = Actor(applicatie_id="raadhuis", applicatie_weergave="Raadhuis (systeem)")

_actor: ContextVar[Actor] = ContextVar("raadhuis_actor", default=SYSTEM_ACTOR)
_request_id: ContextVar[str] = ContextVar("raadhuis_request_id", default="")


def current_actor() -> Actor:
    return _actor.get()


def current_request_id() -> str:
    return _request_id.get()


@contextmanager
def acting_as(actor: Actor) -> Iterator[Actor]:
    token = _actor.set(actor)
    try:
        yield actor
    finally:
        _actor.reset(token)


@contextmanager
def request_id(value: str) -> Iterator[str]:
    token = _request_id.set(value)
    try:
        yield value
    finally:
        _request_id.reset(token)


def actor_for_user(user) -> Actor:
    if not user or not user.is_authenticated:
        return SYSTEM_ACTOR
    return Actor(
        gebruikers_id=user.get_username(),
        gebruikers_weergave=user.get_full_name() or user.get_username(),
        applicatie_id="raadhuis-werkplek",
        applicatie_weergave="Raadhuis",
    )


def enter_actor(actor: Actor):
    """Set the actor without a ``with`` block; pair with :func:`leave_actor`."""
    return _actor.set(actor)


def leave_actor(token) -> None:
    _actor.reset(token)
