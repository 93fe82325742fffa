"""The generic CTI contract (as Zammad documents it): reading one event an exchange posts.

An exchange posts ``event`` (newCall, answer, hangup), ``from``, ``to``, ``direction``,
``callId`` (or ``call_id``), ``user`` (one name or a list; ``user[]`` in a form), optionally
``queue``; an answer may add ``answeringNumber`` (``voicemail`` as the answering user or number:
nobody answered), a hangup adds ``cause``. The fields may come in the query string as well as in
the body (the body wins where both name one). Fields the contract does not know are ignored, so
an exchange already set up for Zammad works unchanged.

``from`` and ``to`` may be any text: a number, a ``sip:``/``tel:`` URI (its user part counts), a
word for a withheld number, a service code like ``**21``.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _

from linija.phone.models import Direction

NEW_CALL = "newCall"
ANSWER = "answer"
HANGUP = "hangup"
EVENTS = (NEW_CALL, ANSWER, HANGUP)
# What exchanges write for a withheld number, compared without regard to case.
WITHHELD = frozenset({"anonymous", "restricted", "unknown", "private"})
# The answering user or number of an answer that voicemail took.
VOICEMAIL = "voicemail"
URI_SCHEMES = ("sip:", "sips:", "tel:")
MAX_CALL_ID = 250
MAX_NUMBER = 100
MAX_NAME = 150
MAX_CAUSE = 100
MAX_USERS = 50
# A number as exchanges write it: digits with an optional "+" and separators.
NUMBER = re.compile(r"\+?[0-9][0-9 ()./-]{0,39}")
NOT_DIGITS = re.compile(r"[^0-9]")


class CtiError(Exception):
    """An event that cannot be applied; ``code`` is for machines, ``message`` for people."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


@dataclass(frozen=True)
class CallEvent:
    event: str
    call_id: str
    direction: str  # "" when an answer or hangup leaves it out
    from_number: str  # as sent
    to_number: str  # as sent
    users: tuple[str, ...] = ()
    queue: str = ""
    answering_number: str = ""
    cause: str = ""

    @property
    def by_voicemail(self) -> bool:
        names = (self.answering_number, *self.users)
        return any(name.strip().casefold() == VOICEMAIL for name in names)


def printable(value: str) -> bool:
    """No control characters or lone surrogates (which no database column takes)."""
    return not any(unicodedata.category(char) in {"Cc", "Cs"} for char in value)


def invalid_field(field: str, message: str) -> CtiError:
    return CtiError(
        "invalid_field",
        _("Invalid field “%(field)s”: %(message)s")
        % {
            "field": field,
            "message": message,
        },
    )


def _text(data: Mapping[str, Any], field: str, *, limit: int, required: bool = False) -> str:
    value = data.get(field)
    if value is None or value == "":
        if required:
            raise invalid_field(field, _("it is required."))
        return ""
    if not isinstance(value, str):
        raise invalid_field(field, _("it must be a string."))
    if not printable(value):
        raise invalid_field(field, _("it contains control characters."))
    if len(value) > limit:
        raise invalid_field(field, _("it is longer than %(limit)d characters.") % {"limit": limit})
    return value


def party_number(value: str) -> str:
    """The number (or handle) in what an exchange writes for a party: "" when withheld.

    A ``sip:``/``tel:`` URI gives its user part; spaces around are dropped (a form posted
    without encoding turns "+370…" into " 370…").
    """
    value = value.strip()
    lowered = value.casefold()
    for scheme in URI_SCHEMES:
        if lowered.startswith(scheme):
            value = value[len(scheme) :].split("@", 1)[0].split(";", 1)[0].strip()
            break
    return "" if value.casefold() in WITHHELD else value


def _users(data: Mapping[str, Any]) -> tuple[str, ...]:
    value = data.get("user")
    if value is None or value == "":
        return ()
    values = value if isinstance(value, list) else [value]
    if len(values) > MAX_USERS or not all(
        isinstance(item, str) and printable(item) for item in values
    ):
        raise invalid_field("user", _("it must be a name or a list of names."))
    names = tuple(item for item in values if item)
    if any(len(name) > MAX_NAME for name in names):
        raise invalid_field(
            "user", _("a name is longer than %(limit)d characters.") % {"limit": MAX_NAME}
        )
    return names


def _choice(data: Mapping[str, Any], field: str, choices: tuple[str, ...], required: bool) -> str:
    value = _text(data, field, limit=30, required=required)
    if value and value not in choices:
        raise invalid_field(
            field, _("it must be one of: %(choices)s.") % {"choices": ", ".join(choices)}
        )
    return value


def parse_event(data: Mapping[str, Any]) -> CallEvent:
    """Read and check one event; raise ``CtiError`` naming the first wrong field.

    A new call needs ``to`` (an outgoing one, a number that is not withheld); answers and
    hangups only name the call.
    """
    if not isinstance(data, Mapping):
        raise CtiError("invalid_body", _("The body must be an object of fields."))
    event = _choice(data, "event", EVENTS, required=True)
    new_call = event == NEW_CALL
    direction = _choice(data, "direction", tuple(Direction.values), required=new_call)
    from_number = _text(data, "from", limit=MAX_NUMBER)
    to_number = _text(data, "to", limit=MAX_NUMBER, required=new_call)
    if new_call and direction == Direction.OUT and not party_number(to_number):
        raise invalid_field("to", _("an outgoing call needs the number called."))
    return CallEvent(
        event=event,
        call_id=_text(
            data,
            "call_id" if "call_id" in data and "callId" not in data else "callId",
            limit=MAX_CALL_ID,
            required=True,
        ),
        direction=direction,
        from_number=from_number,
        to_number=to_number,
        users=_users(data),
        queue=_text(data, "queue", limit=100),
        answering_number=_text(data, "answeringNumber", limit=MAX_NAME),
        # Any cause or none is taken: a call must end on a word the contract does not list.
        cause=_text(data, "cause", limit=MAX_CAUSE),
    )


def _form_fields(form: Any) -> dict[str, Any]:
    """The fields of a form or query string, where ``user[]`` may repeat."""
    fields: dict[str, Any] = {name: form.get(name) for name in form if not name.startswith("user")}
    users = form.getlist("user[]") + form.getlist("user")
    if users:
        fields["user"] = users
    return fields


def request_fields(request: HttpRequest) -> dict[str, Any]:
    """The query string's fields overlaid with the posted ones (a JSON object or a form)."""
    return _form_fields(request.GET) | _body_fields(request)


def _body_fields(request: HttpRequest) -> dict[str, Any]:
    """The posted fields, from a JSON object or a form (where ``user[]`` may repeat)."""
    if request.content_type in {"application/json", "text/json"} or request.content_type.endswith(
        "+json"
    ):
        try:
            data = json.loads(request.body or b"null")
        except (UnicodeDecodeError, ValueError) as error:
            raise CtiError("invalid_body", _("The body is not valid JSON.")) from error
        if not isinstance(data, dict):
            raise CtiError("invalid_body", _("The body must be an object of fields."))
        return data
    return _form_fields(request.POST)
