"""Every WebSocket route takes a handshake only from a page of its own origin."""

import pytest
from channels.testing import WebsocketCommunicator
from django.test import Client

from linija.asgi import application
from linija.privacy.sockets import same_origin
from linija.testing.aio import run_async

pytestmark = pytest.mark.django_db(transaction=True)

ROUTES = ["ws/chat/", "ws/chat/staff/", "ws/staff/"]


def handshake(route: str, origin: bytes | None, cookie: list) -> bool:
    headers = [(b"host", b"testserver"), *cookie]
    if origin is not None:
        headers.append((b"origin", origin))

    async def connect() -> bool:
        socket = WebsocketCommunicator(application, f"/{route}", headers=headers)
        connected, _code = await socket.connect()
        await socket.disconnect()
        return connected

    return run_async(connect())


@pytest.mark.parametrize("route", ROUTES)
def test_it_opens_a_socket_to_a_page_of_the_same_origin_only(route, specialist):
    client = Client()
    client.force_login(specialist)
    cookie = [(b"cookie", f"sessionid={client.cookies['sessionid'].value}".encode())]

    assert handshake(route, b"http://testserver", cookie)
    assert handshake(route, b"http://TestServer:80", cookie)
    for origin in (
        b"https://testserver",
        b"http://testserver:8080",
        b"ws://testserver",
        b"http://testserver.evil.example",
        b"http://evil.example",
        b"http://testserver/page",
        b"null",
        b"",
        None,
    ):
        assert not handshake(route, origin, cookie), origin


@pytest.mark.parametrize(
    ("scheme", "host", "origin", "allowed"),
    [
        ("wss", "linija.example", "https://linija.example", True),
        ("wss", "linija.example", "https://linija.example:443", True),
        ("wss", "linija.example", "http://linija.example", False),
        ("ws", "linija.example", "https://linija.example", False),
        ("ws", "linija.example:8000", "http://linija.example:8000", True),
        ("ws", "linija.example:8000", "http://linija.example", False),
        ("ws", "[::1]:8000", "http://[::1]:8000", True),
        ("ws", "elsewhere.example", "http://elsewhere.example", False),
        ("ws", "", "http://linija.example", False),
    ],
)
def test_it_compares_scheme_host_and_port_of_the_origin(settings, scheme, host, origin, allowed):
    settings.ALLOWED_HOSTS = ["linija.example", "[::1]"]
    scope = {
        "type": "websocket",
        "scheme": scheme,
        "headers": [(b"host", host.encode()), (b"origin", origin.encode())],
    }

    assert same_origin(scope) is allowed
