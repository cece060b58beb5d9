"""Files written during a transaction that then fails are deleted again.

File storage has no rollback: a resident's attachment or a document stored inside a
transaction would stay in storage, referred to by nothing, when the transaction rolls back.
Code that stores a file registers how to remove it (``on_failure``); the block
``removed_on_failure()`` around the transaction runs those removals when the block fails,
after the rollback. Nested blocks hand their files to the enclosing block when they succeed,
so a later failure of the whole still removes them.

Put the block *outside* ``transaction.atomic()`` (``with removed_on_failure(), atomic():``):
the removals must see the rolled-back state.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from contextlib import contextmanager
from contextvars import ContextVar

logger = logging.getLogger(__name__)
_pending: ContextVar[list[Callable[[], None]] | None] = ContextVar("portal_files_pending", default=None)


@contextmanager
def removed_on_failure():
    parent = _pending.get()
    mine: list[Callable[[], None]] = []
    token = _pending.set(mine)
    try:
        yield
    except BaseException:
        _pending.reset(token)
        for remove in reversed(mine):
            _run(remove)
        raise
    _pending.reset(token)
    if parent is not None:
        parent.extend(mine)


def on_failure(remove: Callable[[], None]) -> None:
    """Register how to remove a file just stored, should the enclosing block fail."""
    pending = _pending.get()
    if pending is not None:
        pending.append(remove)


def _run(remove: Callable[[], None]) -> None:
    try:
        remove()
    except Exception:  # the original failure matters more; the file is logged as left behind
        logger.exception("Could not remove a file stored by a failed transaction")
