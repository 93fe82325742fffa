"""The chat's settings, each read from Django settings or else from the environment.

``LINIJA_CHAT_RESUME_MINUTES`` (default 30): how long after a chat ended (or after the person
left a waiting or active chat) their token still opens it. ``LINIJA_CHAT_MAX_CHATS``
(default 3): a specialist's chats at once unless their own limit says otherwise.
``LINIJA_CHAT_ALLOWED_ORIGINS`` (comma-separated, e.g. ``https://www.globoscentrai.lt``): the
other sites that may show the chat in a frame (the widget). ``LINIJA_CHAT_FOLLOW_HOURS``: see
``follows_hours``. ``LINIJA_CHAT_PRESENCE_TIMEOUT`` (seconds, default 90): see
``presence_timeout``.
"""

from __future__ import annotations

import os
from datetime import timedelta

from django.conf import settings

# The longest message, nickname, survey comment.
MAX_MESSAGE_LENGTH = 4000
MAX_NICKNAME_LENGTH = 40
MAX_COMMENT_LENGTH = 1000
MAX_NOTE_LENGTH = 1000
# Transcripts one chat may send by e-mail (a typo may need a second try; no more).
MAX_TRANSCRIPTS = 3
# The estimated wait: the median of this many recent waits; a default when there are none.
RECENT_WAITS = 20
DEFAULT_WAIT = timedelta(seconds=90)


def _setting(name: str, default: str) -> str:
    value = getattr(settings, name, None)
    if value is None:
        value = os.environ.get(name, default)
    return value


def resume_window() -> timedelta:
    return timedelta(minutes=int(_setting("LINIJA_CHAT_RESUME_MINUTES", "30")))


def max_chats() -> int:
    return int(_setting("LINIJA_CHAT_MAX_CHATS", "3"))


def presence_timeout() -> timedelta:
    """A console not heard from for this long no longer counts (it pings every 25 s)."""
    return timedelta(seconds=int(_setting("LINIJA_CHAT_PRESENCE_TIMEOUT", "90")))


def follows_hours() -> bool:
    """Whether the chat opens only in the line's hours (default in production), or whenever
    a specialist is present (default in development, so a demo works in the evening too)."""
    value = _setting("LINIJA_CHAT_FOLLOW_HOURS", "1" if settings.PRODUCTION else "0")
    if isinstance(value, str):
        return value.strip().lower() in {"1", "true", "yes", "on"}
    return bool(value)


def allowed_origins() -> list[str]:
    value = _setting("LINIJA_CHAT_ALLOWED_ORIGINS", "")
    items = value.split(",") if isinstance(value, str) else value
    return [item.strip().rstrip("/") for item in items if item.strip()]
