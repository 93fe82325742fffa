from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncJsonWebsocketConsumer

from linija.accounts.selectors import staff_socket_allowed
from linija.inbox.live import STAFF_GROUP
from linija.privacy.sessions import StaffIdleSocket


class StaffConsumer(StaffIdleSocket, AsyncJsonWebsocketConsumer):
    """Pushes staff events to a signed-in, verified staff member's pages."""

    async def connect(self) -> None:
        allowed = database_sync_to_async(staff_socket_allowed)
        if not await allowed(self.scope["user"], self.scope.get("session")):
            await self.close(code=4403)
            return
        await self.channel_layer.group_add(STAFF_GROUP, self.channel_name)
        await self.accept()

    async def disconnect(self, code: int) -> None:
        await self.channel_layer.group_discard(STAFF_GROUP, self.channel_name)

    async def receive_json(self, content, **kwargs) -> None:
        if not await self.staff_session_alive(active=False):
            return
        if content == {"type": "ping"}:
            await self.send_json({"type": "pong"})
        else:
            await self.send_json({"type": "error", "error": "unknown frame"})

    async def staff_event(self, message: dict) -> None:
        await self.send_json({"type": "event", "event": message["event"], "data": message["data"]})
