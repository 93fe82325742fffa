"""The staff's live connection: one WebSocket per open staff page, for every channel.

A service announces a change with ``staff_broadcast`` inside its transaction; the event leaves
only after the commit. Events carry ids and what a list row shows, never a person's history:
a page that needs more asks for it over HTTP, through the access checks. Inside
``staff_broadcasts_together`` (a batch of letters stored in one transaction) the committed
events leave together at its end, in one trip to the channel layer.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.db import transaction

logger = logging.getLogger(__name__)

STAFF_GROUP = "staff"

_held = threading.local()


def _send(messages: list[dict]) -> None:
    layer = get_channel_layer()

    async def send_all() -> None:
        for message in messages:
            await layer.group_send(STAFF_GROUP, message)

    async_to_sync(send_all)()


def staff_broadcast(*, event: str, data: dict) -> None:
    """Send ``event`` with ``data`` to every connected staff page once the transaction commits.
    A layer that fails (Redis down) loses the event, never what was committed: the pages
    read again when they reconnect."""
    message = {"type": "staff.event", "event": event, "data": data}

    def send() -> None:
        held = getattr(_held, "messages", None)
        if held is None:
            _send([message])
        else:
            held.append(message)

    transaction.on_commit(send, robust=True)


@contextmanager
def staff_broadcasts_together() -> Iterator[None]:
    """Hold the events committed inside and send them together, in order, at the end (lost,
    like any event, when the layer fails)."""
    if getattr(_held, "messages", None) is not None:
        yield
        return
    _held.messages = []
    try:
        yield
    finally:
        held, _held.messages = _held.messages, None
        if held:
            try:
                _send(held)
            except Exception:
                logger.exception("%d staff events could not be sent", len(held))
