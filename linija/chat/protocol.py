"""The chat sockets' frames: what each side may send, checked before anything else runs.

A frame is one JSON object with a ``type`` and exactly the fields of that type. Anything else
(not JSON, too large, an unknown type or field, a wrong value) is refused with a ``FrameError``
that the consumer sends back as ``{"type": "error", "code": …, "message": …}``.
"""

from __future__ import annotations

import json
import re
import time
from collections import deque
from collections.abc import Callable, Mapping
from typing import Any

from django.conf import settings
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

# A message of 4,000 characters, each escaped in JSON as \uXXXX, fits easily.
MAX_FRAME_CHARS = 32_000
CLIENT_ID = re.compile(r"^[A-Za-z0-9_.:-]{1,64}$")
MISSING = object()


class FrameError(Exception):
    def __init__(self, code: str, message: Any) -> None:
        super().__init__(code)
        self.code = code
        self.message = message


Check = Callable[[str, Any], Any]


def optional(check: Check, default: Any = None) -> Check:
    def clean(name: str, value: Any) -> Any:
        if value is MISSING or value is None:
            return default
        return check(name, value)

    return clean


def _required(name: str, value: Any) -> None:
    if value is MISSING:
        raise FrameError("bad_frame", _("The field “%(name)s” is missing.") % {"name": name})


def text(max_length: int, *, code: str = "too_long") -> Check:
    def clean(name: str, value: Any) -> str:
        _required(name, value)
        if not isinstance(value, str):
            raise FrameError("bad_frame", _("“%(name)s” must be text.") % {"name": name})
        if len(value) > max_length:
            raise FrameError(
                code,
                _("“%(name)s” can have at most %(count)s characters.")
                % {"name": name, "count": number_format(max_length, force_grouping=True)},
            )
        return value

    return clean


def body(name: str, value: Any) -> str:
    value = text(settings.LINIJA_CHAT_MAX_MESSAGE_LENGTH)(name, value)
    if not value.strip():
        raise FrameError("empty", _("Write something first."))
    return value


def client_id(name: str, value: Any) -> str:
    _required(name, value)
    if not isinstance(value, str) or not CLIENT_ID.match(value):
        raise FrameError(
            "bad_frame",
            _("“%(name)s” must be 1–64 letters, digits or - _ . :") % {"name": name},
        )
    return value


def integer(name: str, value: Any) -> int:
    _required(name, value)
    if not isinstance(value, int) or isinstance(value, bool) or not 0 < value < 2**53:
        raise FrameError("bad_frame", _("“%(name)s” must be a positive number.") % {"name": name})
    return value


def boolean(name: str, value: Any) -> bool:
    _required(name, value)
    if not isinstance(value, bool):
        raise FrameError("bad_frame", _("“%(name)s” must be true or false.") % {"name": name})
    return value


def choice(values: tuple[str, ...]) -> Check:
    def clean(name: str, value: Any) -> str:
        _required(name, value)
        if value not in values:
            raise FrameError(
                "bad_frame",
                _("“%(name)s” must be one of: %(values)s")
                % {"name": name, "values": ", ".join(values)},
            )
        return value

    return clean


def rating(name: str, value: Any) -> int:
    value = integer(name, value)
    if value > 5:
        raise FrameError("invalid", _("Choose a rating from 1 to 5."))
    return value


LANGUAGES = ("lt", "en")
SHORT = 254

VISITOR_FRAMES: Mapping[str, Mapping[str, Check]] = {
    "hello": {"token": optional(text(128)), "lang": optional(choice(LANGUAGES), "lt")},
    "start": {
        "start_key": client_id,
        "nickname": optional(text(200), ""),
        "caller_category": optional(text(50), ""),
        "topic": optional(text(50), ""),
    },
    "message": {"client_id": client_id, "body": body},
    "typing": {"active": boolean},
    "read": {"up_to": integer},
    "end": {"quick_exit": optional(boolean, False)},
    "survey": {
        "rating": rating,
        "comment": optional(text(settings.LINIJA_CHAT_MAX_COMMENT_LENGTH), ""),
    },
    "transcript": {"email": text(SHORT)},
    "offline_message": {
        "name": optional(text(SHORT), ""),
        "email": text(SHORT),
        "text": text(settings.LINIJA_CHAT_MAX_MESSAGE_LENGTH),
    },
    "callback": {
        "name": optional(text(SHORT), ""),
        "phone": text(SHORT),
        "preferred_at": text(64),
    },
    "ping": {},
}

STAFF_FRAMES: Mapping[str, Mapping[str, Check]] = {
    "accept": {"session": integer},
    "message": {
        "session": integer,
        "client_id": client_id,
        "body": body,
        "note": optional(boolean, False),
    },
    "typing": {"session": integer, "active": boolean},
    "read": {"session": integer, "up_to": integer},
    "transfer": {
        "session": integer,
        "to": optional(integer),
        "note": optional(text(settings.LINIJA_CHAT_MAX_NOTE_LENGTH), ""),
    },
    "end": {"session": integer},
    "presence": {"status": choice(("online", "away", "offline"))},
    "watch": {"session": integer},
    "ping": {},
}


def parse(raw: Any, frames: Mapping[str, Mapping[str, Check]]) -> dict:
    """The frame ``raw`` checked against ``frames``; raises ``FrameError`` when it is wrong."""
    if not isinstance(raw, str):
        raise FrameError("bad_frame", _("Send text frames of JSON."))
    if len(raw) > MAX_FRAME_CHARS:
        raise FrameError("too_large", _("The frame is too large."))
    try:
        data = json.loads(raw)
    except ValueError as invalid:
        raise FrameError("bad_json", _("The frame is not valid JSON.")) from invalid
    if not isinstance(data, dict):
        raise FrameError("bad_frame", _("A frame must be a JSON object with a “type”."))
    kind = data.get("type")
    if not isinstance(kind, str) or kind not in frames:
        raise FrameError("unknown_type", _("Unknown frame type."))
    fields = frames[kind]
    unexpected = sorted(set(data) - set(fields) - {"type"})
    if unexpected:
        raise FrameError(
            "bad_frame", _("Unexpected field: %(names)s") % {"names": ", ".join(unexpected)}
        )
    frame = {"type": kind}
    for name, check in fields.items():
        frame[name] = check(name, data.get(name, MISSING))
    return frame


class SlidingWindow:
    """At most ``limit`` events in any ``seconds``: a socket's frames, in its own memory."""

    def __init__(self, limit: int, seconds: float, clock: Callable[[], float] = time.monotonic):
        self.limit = limit
        self.seconds = seconds
        self.clock = clock
        self.events: deque[float] = deque()

    def allow(self) -> bool:
        now = self.clock()
        while self.events and now - self.events[0] >= self.seconds:
            self.events.popleft()
        if len(self.events) >= self.limit:
            return False
        self.events.append(now)
        return True
