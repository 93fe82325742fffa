"""Which pages may open Linija's WebSockets: only its own, the same origin as the socket.

A browser sends the page's origin with every WebSocket handshake and lets any site open a
socket to any server, with the server's cookies. ``SameOriginValidator`` refuses the
handshake (close code 403) unless the ``Origin`` header names exactly the socket's own
scheme, host and port: the scheme the socket came in on (``wss`` behind the TLS proxy, which
uvicorn's ``--proxy-headers`` reports), the ``Host`` header (which must be one of
``ALLOWED_HOSTS``), and its port, the default one counted as written or not. It wraps every
socket route in ``asgi.py``: the visitor's chat, the staff chat and ``/ws/staff/``. The widget
needs nothing more: its frame is one of Linija's own pages.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from channels.security.websocket import WebsocketDenier
from django.conf import settings
from django.http.request import split_domain_port, validate_host

DEFAULT_PORTS = {"http": 80, "https": 443}


def _origin(url: str) -> tuple[str, str, int] | None:
    """(scheme, host, port) of ``url``, or None when it is not an http(s) origin."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return None
    if parts.scheme not in DEFAULT_PORTS or not parts.hostname:
        return None
    if parts.path not in ("", "/") or parts.query or parts.fragment or parts.username:
        return None
    return parts.scheme, parts.hostname.lower(), port or DEFAULT_PORTS[parts.scheme]


def own_origin(scope: dict) -> tuple[str, str, int] | None:
    """The socket's own origin from its scheme and ``Host`` header; None for an unknown host."""
    host = dict(scope.get("headers") or []).get(b"host", b"").decode("latin-1")
    domain, _port = split_domain_port(host)
    if not domain or not validate_host(domain, settings.ALLOWED_HOSTS):
        return None
    scheme = "https" if scope.get("scheme") in ("wss", "https") else "http"
    return _origin(f"{scheme}://{host}")


def same_origin(scope: dict) -> bool:
    """Whether the handshake comes from a page of the socket's own origin."""
    sent = dict(scope.get("headers") or []).get(b"origin", b"").decode("latin-1")
    expected = own_origin(scope)
    return expected is not None and _origin(sent) == expected


class SameOriginValidator:
    """ASGI middleware: a WebSocket from any other origin is refused before it is routed."""

    def __init__(self, application: Any) -> None:
        self.application = application

    async def __call__(self, scope: dict, receive: Any, send: Any) -> Any:
        if scope["type"] == "websocket" and not same_origin(scope):
            return await WebsocketDenier()(scope, receive, send)
        return await self.application(scope, receive, send)
