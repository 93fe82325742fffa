"""The OpenAPI 3.0 description of the CTI webhook, served at ``/api/v1/cti/openapi.json``.

It describes the generic CTI contract as Linija reads it (``linija.phone.cti``): keep the two
in step; the schemathesis test posts what this description allows and checks every answer.
"""

from __future__ import annotations

from typing import Any

from linija.phone.cti import MAX_CALL_ID, MAX_CAUSE, MAX_NAME, MAX_NUMBER, MAX_USERS
from linija.phone.models import Direction, HangupCause

NO_CONTROL = r"^[^\x00-\x1f\x7f-\x9f]*$"
PATH_SEGMENT = r"^[A-Za-z0-9_-]{1,100}$"


def _text(description: str, limit: int, *, min_length: int = 0) -> dict[str, Any]:
    schema: dict[str, Any] = {
        "type": "string",
        "maxLength": limit,
        "pattern": NO_CONTROL,
        "description": description,
    }
    if min_length:
        schema["minLength"] = min_length
    return schema


def _fields(*, event: str, direction: list[str], user_key: str) -> dict[str, Any]:
    user_item = _text("A staff member's name, user name or extension.", MAX_NAME)
    user = (
        {"type": "array", "items": user_item, "maxItems": MAX_USERS}
        if user_key == "user[]"
        else {"oneOf": [user_item, {"type": "array", "items": user_item, "maxItems": MAX_USERS}]}
    )
    return {
        "event": {"type": "string", "enum": [event]},
        "callId": _text(
            "Unique per call; later events name the call with it.", MAX_CALL_ID, min_length=1
        ),
        "direction": {"type": "string", "enum": direction},
        "from": _text("The calling number.", MAX_NUMBER),
        "to": _text("The called number.", MAX_NUMBER),
        user_key: {
            **user,
            "description": (
                "Who is involved: the caller of an outgoing call, the people rung by an "
                "incoming one, the one who answered."
            ),
        },
        "queue": _text("The exchange's queue; its members in Linija see the pop-up.", 100),
    }


def _event_schemas(user_key: str) -> dict[str, Any]:
    both = list(Direction.values)
    new_in = _fields(event="newCall", direction=["in"], user_key=user_key)
    new_in["from"] = _text(
        "The caller: a number, a sip: or tel: URI, a service code, or “anonymous” "
        "(“restricted”, “unknown”, “private”, in any case) when withheld. Kept only as a "
        "keyed pseudonym.",
        MAX_NUMBER,
    )
    new_out = _fields(event="newCall", direction=["out"], user_key=user_key)
    new_out["to"] = _text(
        "The number called (any of the forms of “from”, but not withheld).",
        MAX_NUMBER,
        min_length=1,
    )
    answer = _fields(event="answer", direction=both, user_key=user_key)
    answer["answeringNumber"] = _text(
        "The extension (or its sip: URI), user name or e-mail address of who answered; "
        "“voicemail” (here or as the user) when voicemail took the call, which then waits "
        "for a call back.",
        MAX_NAME,
    )
    hangup = _fields(event="hangup", direction=both, user_key=user_key)
    hangup["answeringNumber"] = answer["answeringNumber"]
    hangup["cause"] = {
        "type": "string",
        "maxLength": MAX_CAUSE,
        "examples": list(HangupCause.values),
        "description": "Why the call ended, optional; any other word is kept as given and "
        "the call still ends. An incoming call ended unanswered (and not forwarded) is a "
        "missed call.",
    }
    return {
        "NewIncomingCall": {
            "type": "object",
            "required": ["event", "callId", "direction", "to"],
            "properties": new_in,
        },
        "NewOutgoingCall": {
            "type": "object",
            "required": ["event", "callId", "direction", "to"],
            "properties": new_out,
        },
        "Answer": {"type": "object", "required": ["event", "callId"], "properties": answer},
        "Hangup": {
            "type": "object",
            "required": ["event", "callId"],
            "properties": hangup,
        },
    }


def _one_of(prefix: str) -> dict[str, Any]:
    names = ["NewIncomingCall", "NewOutgoingCall", "Answer", "Hangup"]
    return {"oneOf": [{"$ref": f"#/components/schemas/{prefix}{name}"} for name in names]}


def _error(description: str) -> dict[str, Any]:
    return {
        "description": description,
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
    }


def _operation(*, token_in_path: bool) -> dict[str, Any]:
    """Posting one event, the token in the address or in ``Authorization: Bearer``."""
    operation: dict[str, Any] = {
        "operationId": "ctiEvent" if token_in_path else "ctiEventTokenInHeader",
        "summary": "Report one event of a call",
        "requestBody": {
            "required": True,
            "content": {
                "application/json": {"schema": _one_of("")},
                "application/x-www-form-urlencoded": {"schema": _one_of("Form")},
            },
        },
        "responses": {
            "200": {
                "description": "Applied; a blocked caller's new call is to be rejected; an "
                "outgoing new call is told its caller ID when a rule gives one.",
                "content": {
                    "application/json": {
                        "schema": {
                            "oneOf": [
                                {"$ref": "#/components/schemas/Ok"},
                                {"$ref": "#/components/schemas/Reject"},
                                {"$ref": "#/components/schemas/Dial"},
                            ]
                        }
                    }
                },
            },
            "401": _error("No exchange has this token."),
            "413": _error("The body is larger than 64 KB."),
            "422": _error(
                "The exchange is disabled, a field is missing or invalid, a new call's callId "
                "is already known, or an answer or hangup names an unknown callId. Nothing was "
                "changed."
            ),
        },
    }
    if token_in_path:
        operation["parameters"] = [
            {
                "name": "token",
                "in": "path",
                "required": True,
                "description": "The exchange's secret token.",
                "schema": {"type": "string", "pattern": PATH_SEGMENT},
            }
        ]
    else:
        operation["security"] = [{"exchangeToken": []}]
    return operation


def cti_openapi() -> dict[str, Any]:
    """The description as a dict (served as JSON)."""
    schemas: dict[str, Any] = {}
    for name, schema in _event_schemas("user").items():
        schemas[name] = schema
    for name, schema in _event_schemas("user[]").items():
        schemas[f"Form{name}"] = schema
    schemas["Ok"] = {
        "type": "object",
        "maxProperties": 0,
        "description": "The event was applied (or was already known: answers and hangups "
        "are safe to repeat).",
    }
    schemas["Reject"] = {
        "type": "object",
        "required": ["action", "reason"],
        "properties": {
            "action": {"type": "string", "enum": ["reject"]},
            "reason": {"type": "string", "enum": ["busy"]},
        },
        "description": "An incoming call from a blocked number: the exchange should reject it.",
    }
    schemas["Dial"] = {
        "type": "object",
        "required": ["action", "caller_id", "number"],
        "properties": {
            "action": {"type": "string", "enum": ["dial"]},
            "caller_id": {"type": "string", "description": "The caller ID to show."},
            "number": {"type": "string", "description": "The number to dial, as sent."},
        },
        "description": "An outgoing call: dial with this caller ID (the administrator's rule "
        "with the longest prefix of the number, else the default rule).",
    }
    schemas["Error"] = {
        "type": "object",
        "required": ["error", "code"],
        "properties": {
            "error": {"type": "string", "description": "What is wrong, for people."},
            "code": {
                "type": "string",
                "enum": [
                    "invalid_token",
                    "too_large",
                    "disabled",
                    "invalid_body",
                    "invalid_field",
                    "duplicate_call",
                    "unknown_call",
                ],
            },
        },
    }
    return {
        "openapi": "3.0.3",
        "info": {
            "title": "Linija CTI webhook",
            "version": "1",
            "description": (
                "The generic CTI contract (newCall, answer, hangup) as Zammad documents it: an "
                "exchange set up for it can post to Linija unchanged. Each exchange has its own "
                "token, set by the administrator. A call's number is kept only as a keyed "
                "pseudonym."
            ),
        },
        "paths": {
            "/api/v1/cti/{token}": {"post": _operation(token_in_path=True)},
            "/api/v1/cti": {"post": _operation(token_in_path=False)},
        },
        "components": {
            "schemas": schemas,
            "securitySchemes": {
                "exchangeToken": {
                    "type": "http",
                    "scheme": "bearer",
                    "description": "The exchange's secret token, for exchanges that can send "
                    "a header: it then stays out of every access log.",
                }
            },
        },
    }
