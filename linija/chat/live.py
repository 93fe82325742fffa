"""The chat's channel-layer groups and the broadcasts the services make.

Every broadcast leaves only when the transaction commits, so a socket never shows what the
database does not hold. A session has two groups: its visitor's sockets and the sockets of
the staff working on it; internal notes go to the staff group only.

Inside the ASGI server the services run in the database thread of ``database_sync_to_async``.
There a commit hands its broadcasts to one sender task on the server's event loop and goes on:
waiting for the loop would hold up every other socket's database work meanwhile. The one task
sends them in commit order, so messages never overtake each other. Anywhere else (a command,
the worker, a test) the broadcast is sent before the commit returns.
"""

from __future__ import annotations

import asyncio
import logging
import os
import weakref
from collections.abc import Sequence

from asgiref.sync import SyncToAsync, async_to_sync
from channels.layers import get_channel_layer
from django.db import transaction

LOBBY = "chat-lobby"

logger = logging.getLogger(__name__)
Sends = Sequence[tuple[str, dict]]


def visitor_group(session_id: int) -> str:
    return f"chat-{session_id}-visitor"


def staff_group(session_id: int) -> str:
    return f"chat-{session_id}-staff"


def user_group(user_id: int) -> str:
    return f"chat-user-{user_id}"


async def send_all(sends: Sends) -> None:
    layer = get_channel_layer()
    for group, message in sends:
        await layer.group_send(group, message)


class Sender:
    """The event loop's one task that sends the committed broadcasts in order."""

    def __init__(self, loop: asyncio.AbstractEventLoop) -> None:
        self.queue: asyncio.Queue[Sends] = asyncio.Queue()
        self.task = loop.create_task(self.run())

    async def run(self) -> None:
        while True:
            sends = await self.queue.get()
            try:
                await send_all(sends)
            except Exception:
                logger.exception("A chat broadcast could not be sent")


senders: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, Sender] = weakref.WeakKeyDictionary()


def server_loop() -> asyncio.AbstractEventLoop | None:
    """The running event loop this database thread works for, if any (asgiref notes it)."""
    local = SyncToAsync.threadlocal
    loop = getattr(local, "main_event_loop", None)
    if loop is None or getattr(local, "main_event_loop_pid", None) != os.getpid():
        return None
    return loop if loop.is_running() else None


def enqueue(loop: asyncio.AbstractEventLoop, sends: Sends) -> None:
    """On the loop: hand ``sends`` to its sender task."""
    sender = senders.get(loop)
    if sender is None:
        sender = senders[loop] = Sender(loop)
    sender.queue.put_nowait(sends)


def send_now(sends: Sends) -> None:
    loop = server_loop()
    if loop is None:
        async_to_sync(send_all)(sends)
    else:
        loop.call_soon_threadsafe(enqueue, loop, sends)


def broadcast(*sends: tuple[str, dict]) -> None:
    """Send each ``(group, message)`` once the transaction commits."""
    if sends:
        transaction.on_commit(lambda: send_now(sends))
