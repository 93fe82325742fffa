"""The chat's channel-layer groups and the broadcasts the services make.

Every broadcast leaves only when the transaction commits, so a socket never shows what the
database does not hold. A consumer runs a service with ``call``: what the service broadcast
then leaves from the consumer's own event loop after the commit, in order, instead of each
commit hopping from the database thread back into the loop (``async_to_sync``). A session
has two groups: its visitor's sockets and the sockets of the staff working on it; internal
notes go to the staff group only.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from contextvars import ContextVar
from typing import Any

from asgiref.sync import async_to_sync
from channels.db import database_sync_to_async
from channels.layers import get_channel_layer
from django.db import transaction

logger = logging.getLogger(__name__)

# The committed sends of the service a consumer's ``call`` runs; None outside one.
_outgoing: ContextVar[list[tuple[str, dict]] | None] = ContextVar("outgoing", default=None)

LOBBY = "chat-lobby"


def visitor_group(session_id: int) -> str:
    return f"chat-{session_id}-visitor"


def staff_group(session_id: int) -> str:
    return f"chat-{session_id}-staff"


def user_group(user_id: int) -> str:
    return f"chat-user-{user_id}"


async def send_all(sends: Sequence[tuple[str, dict]]) -> None:
    layer = get_channel_layer()
    for group, message in sends:
        await layer.group_send(group, message)


def broadcast(*sends: tuple[str, dict]) -> None:
    """Send each ``(group, message)`` once the transaction commits, in this order; a layer
    that fails (Redis down) loses them, never what was committed."""
    if sends:
        transaction.on_commit(lambda: _committed(sends), robust=True)


def _committed(sends: Sequence[tuple[str, dict]]) -> None:
    outgoing = _outgoing.get()
    if outgoing is None:
        async_to_sync(send_all)(sends)
    else:
        outgoing.extend(sends)


async def call(service: Callable[..., Any], /, **kwargs: Any) -> Any:
    """``service(**kwargs)`` in the database thread; what it broadcast leaves from this loop
    once it returns (or raises after a commit), before the caller answers its socket."""
    outgoing: list[tuple[str, dict]] = []

    def run() -> Any:
        token = _outgoing.set(outgoing)
        try:
            return service(**kwargs)
        finally:
            _outgoing.reset(token)

    try:
        return await database_sync_to_async(run)()
    finally:
        if outgoing:
            try:
                await send_all(outgoing)
            except Exception:
                logger.exception("%d chat events could not be sent", len(outgoing))
