"""Staff sessions end after ``LINIJA_STAFF_IDLE_MINUTES`` without activity: the HTTP
middleware (``StaffIdleTimeoutMiddleware``) and the staff WebSockets (``StaffIdleSocket``) both
keep the time of the last activity in the session and read it here."""

from __future__ import annotations

import json
import time
from importlib import import_module
from typing import Any

from channels.db import database_sync_to_async
from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.backends.base import UpdateError
from django.utils import translation
from django.utils.translation import gettext as _

LAST_SEEN = "linija_last_seen"
# The last activity is written at most this often: each write is a database commit, and a
# commit on every staff request made the inbox wait on the disk while the public site was busy.
TOUCH_SECONDS = 60
# How often a staff socket reads its session again (each frame would be a database read).
SOCKET_CHECK_SECONDS = 30
# The close code of a staff socket whose session ended.
SESSION_ENDED = 4401


def idle_expired(session: Any, now: float | None = None) -> bool:
    """Whether the last activity of ``session`` is older than the idle timeout."""
    last_seen = session.get(LAST_SEEN)
    now = time.time() if now is None else now
    return last_seen is not None and now - last_seen > settings.LINIJA_STAFF_IDLE_MINUTES * 60


def session_touch(session: Any, now: float) -> None:
    """Record activity in ``session`` at ``now``, unless it was recorded in the last minute."""
    if now - session.get(LAST_SEEN, 0) >= TOUCH_SECONDS:
        session[LAST_SEEN] = now


def session_alive(*, session_key: str | None, user_id: int, touch: bool) -> bool:
    """Whether the stored session ``session_key`` still belongs to ``user_id`` (not logged
    out) and is not idle; ``touch`` records activity in it."""
    if not session_key:
        return False
    store = import_module(settings.SESSION_ENGINE).SessionStore(session_key=session_key)
    if str(store.get(SESSION_KEY)) != str(user_id) or idle_expired(store):
        return False
    if touch:
        session_touch(store, time.time())
    if store.modified:
        try:
            store.save()
        except UpdateError:
            return False
    return True


class StaffIdleSocket:
    """A staff WebSocket that ends when its session has ended: logged out, or idle past the
    timeout. Frames other than a ping count as activity. The check runs on received frames,
    at most every ``SOCKET_CHECK_SECONDS``; a socket that is ended hears an error frame
    ``session_expired`` and the close code ``SESSION_ENDED``."""

    idle_checked_at = 0.0
    idle_active = False

    async def staff_session_alive(self, *, active: bool) -> bool:
        self.idle_active = self.idle_active or active
        now = time.time()
        if now - self.idle_checked_at < SOCKET_CHECK_SECONDS:
            return True
        self.idle_checked_at = now
        user_id = self.scope["user"].pk
        session_key = getattr(self.scope.get("session"), "session_key", None)
        alive = await database_sync_to_async(session_alive)(
            session_key=session_key, user_id=user_id, touch=self.idle_active
        )
        self.idle_active = False
        if not alive:
            with translation.override(getattr(self, "language", "lt")):
                message = _("Your session has ended. Log in again.")
            await self.send(
                text_data=json.dumps(
                    {"type": "error", "code": "session_expired", "message": message}
                )
            )
            await self.close(code=SESSION_ENDED)
        return alive

    async def handle(self, frame: dict) -> None:
        if await self.staff_session_alive(active=frame["type"] != "ping"):
            await super().handle(frame)
