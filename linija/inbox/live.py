"""The staff's live connection: one WebSocket per open staff page, for every channel.

A service announces a change with ``staff_broadcast`` inside its transaction; the event leaves
only after the commit. Events carry ids and what a list row shows, never a person's history:
a page that needs more asks for it over HTTP, through the access checks.
"""

from __future__ import annotations

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.db import transaction

STAFF_GROUP = "staff"


def staff_broadcast(*, event: str, data: dict) -> None:
    """Send ``event`` with ``data`` to every connected staff page once the transaction commits."""

    def send() -> None:
        async_to_sync(get_channel_layer().group_send)(
            STAFF_GROUP, {"type": "staff.event", "event": event, "data": data}
        )

    transaction.on_commit(send)
