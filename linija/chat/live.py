"""The chat's channel-layer groups and the broadcasts the services make.

Every broadcast leaves only when the transaction commits, so a socket never shows what the
database does not hold. A session has two groups: its visitor's sockets and the sockets of
the staff working on it; internal notes go to the staff group only.
"""

from __future__ import annotations

from collections.abc import Sequence

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.db import transaction

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
    """Send each ``(group, message)`` once the transaction commits, in this order."""
    if sends:
        transaction.on_commit(lambda: async_to_sync(send_all)(sends))
