"""Staff WebSockets end with the staff session: idle past the timeout or logged out. A left-open
console or inbox tab does not stay signed in."""

import time

import pytest
from channels.db import database_sync_to_async
from channels.testing import WebsocketCommunicator
from django.contrib.sessions.backends.db import SessionStore

from linija.asgi import application
from linija.privacy import sessions
from linija.privacy.sessions import LAST_SEEN, SESSION_ENDED
from linija.testing.aio import SAME_ORIGIN, run_async

pytestmark = pytest.mark.django_db(transaction=True)

ORIGIN = SAME_ORIGIN
STAFF_SOCKETS = ["/ws/staff/", "/ws/chat/staff/"]


@pytest.fixture(autouse=True)
def _check_every_frame(monkeypatch):
    monkeypatch.setattr(sessions, "SOCKET_CHECK_SECONDS", 0)


def signed_in(client, user) -> tuple[list, str]:
    client.force_login(user)
    key = client.cookies["sessionid"].value
    return [*ORIGIN, (b"cookie", f"sessionid={key}".encode())], key


def last_seen(key: str, seconds_ago: float) -> None:
    store = SessionStore(session_key=key)
    store[LAST_SEEN] = time.time() - seconds_ago
    store.save()


@database_sync_to_async
def stored_last_seen(key: str) -> float:
    return SessionStore(session_key=key)[LAST_SEEN]


async def ping_after(path, headers, change):
    """Open the socket, ``change`` the session, ping: the frames and the close it gets."""
    socket = WebsocketCommunicator(application, path, headers=headers)
    connected, _ = await socket.connect()
    assert connected
    await database_sync_to_async(change)()
    await socket.send_json_to({"type": "ping"})
    answer = await socket.receive_json_from(timeout=5)
    closed = await socket.receive_output(timeout=5)
    await socket.wait()
    return answer, closed


@pytest.mark.parametrize("path", STAFF_SOCKETS)
def test_it_refuses_a_staff_socket_of_a_session_idle_past_the_timeout(client, specialist, path):
    headers, key = signed_in(client, specialist)
    last_seen(key, 31 * 60)

    async def scenario():
        socket = WebsocketCommunicator(application, path, headers=headers)
        connected, code = await socket.connect()
        await socket.disconnect()
        return connected, code

    connected, code = run_async(scenario())

    assert not connected
    assert code == 4403


@pytest.mark.parametrize("path", STAFF_SOCKETS)
def test_it_ends_an_open_staff_socket_once_the_session_is_idle(client, specialist, path):
    headers, key = signed_in(client, specialist)
    last_seen(key, 60)

    answer, closed = run_async(ping_after(path, headers, lambda: last_seen(key, 31 * 60)))

    assert answer["type"] == "error"
    assert answer["code"] == "session_expired"
    assert answer["message"] == "Jūsų sesija baigėsi. Prisijunkite iš naujo."
    assert closed == {"type": "websocket.close", "code": SESSION_ENDED}


@pytest.mark.parametrize("path", STAFF_SOCKETS)
def test_it_ends_an_open_staff_socket_after_a_logout(client, specialist, path):
    headers, _key = signed_in(client, specialist)

    answer, closed = run_async(ping_after(path, headers, client.logout))

    assert answer["code"] == "session_expired"
    assert closed["code"] == SESSION_ENDED


def test_it_counts_console_actions_as_activity_but_not_pings(client, specialist, settings):
    settings.LINIJA_STAFF_IDLE_MINUTES = 30
    headers, key = signed_in(client, specialist)
    last_seen(key, 20 * 60)

    async def scenario():
        socket = WebsocketCommunicator(application, "/ws/chat/staff/", headers=headers)
        await socket.connect()
        await socket.send_json_to({"type": "ping"})
        await socket.receive_json_from(timeout=5)
        after_ping = await stored_last_seen(key)
        await socket.send_json_to({"type": "presence", "status": "away"})
        presence = await socket.receive_json_from(timeout=5)
        after_action = await stored_last_seen(key)
        await socket.disconnect()
        return after_ping, presence, after_action

    after_ping, presence, after_action = run_async(scenario())

    assert time.time() - after_ping > 19 * 60
    assert presence == {"type": "presence", "status": "away"}
    assert time.time() - after_action < 60


def test_it_reads_the_session_at_most_every_half_minute(client, specialist, monkeypatch):
    monkeypatch.setattr(sessions, "SOCKET_CHECK_SECONDS", 30)
    headers, key = signed_in(client, specialist)

    async def scenario():
        socket = WebsocketCommunicator(application, "/ws/staff/", headers=headers)
        await socket.connect()
        await socket.send_json_to({"type": "ping"})
        first = await socket.receive_json_from(timeout=5)
        await database_sync_to_async(last_seen)(key, 31 * 60)
        await socket.send_json_to({"type": "ping"})
        second = await socket.receive_json_from(timeout=5)
        await socket.disconnect()
        return first, second

    assert run_async(scenario()) == ({"type": "pong"}, {"type": "pong"})
