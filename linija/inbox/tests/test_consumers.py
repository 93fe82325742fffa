import pytest
from channels.db import database_sync_to_async
from channels.testing import WebsocketCommunicator
from django.db import transaction

from linija.asgi import application
from linija.consultations.services import conversation_claim, conversation_open
from linija.inbox.live import staff_broadcast
from linija.testing.aio import SAME_ORIGIN, run_async

pytestmark = pytest.mark.django_db(transaction=True)


def headers_for(client, user=None):
    headers = list(SAME_ORIGIN)
    if user is not None:
        client.force_login(user)
        headers.append((b"cookie", f"sessionid={client.cookies['sessionid'].value}".encode()))
    return headers


def socket_with(headers):
    return WebsocketCommunicator(application, "/ws/staff/", headers=headers)


@database_sync_to_async
def announce(data):
    with transaction.atomic():
        staff_broadcast(event="inbox.changed", data=data)


def test_it_pushes_a_committed_event_to_staff(client, specialist):
    headers = headers_for(client, specialist)

    async def scenario():
        socket = socket_with(headers)
        connected, _ = await socket.connect()
        await announce({"id": 7})
        event = await socket.receive_json_from(timeout=3)
        await socket.send_json_to({"type": "ping"})
        pong = await socket.receive_json_from()
        await socket.send_json_to({"type": "shout"})
        error = await socket.receive_json_from()
        await socket.disconnect()
        return connected, event, pong, error

    connected, event, pong, error = run_async(scenario())
    assert connected
    assert event == {"type": "event", "event": "inbox.changed", "data": {"id": 7}}
    assert pong == {"type": "pong"}
    assert error["type"] == "error"


def test_it_sends_nothing_when_the_transaction_rolls_back(client, specialist):
    @database_sync_to_async
    def announce_and_fail():
        with pytest.raises(RuntimeError), transaction.atomic():
            staff_broadcast(event="inbox.changed", data={"id": 8})
            raise RuntimeError("rolled back")

    headers = headers_for(client, specialist)

    async def scenario():
        socket = socket_with(headers)
        await socket.connect()
        await announce_and_fail()
        nothing = await socket.receive_nothing(timeout=0.5)
        await socket.disconnect()
        return nothing

    assert run_async(scenario()) is True


@pytest.mark.parametrize("who", ["anonymous", "outsider"])
def test_it_refuses_anyone_but_staff(client, outsider, who):
    headers = headers_for(client, outsider if who == "outsider" else None)

    async def scenario():
        socket = socket_with(headers)
        connected, code = await socket.connect()
        return connected, code

    connected, code = run_async(scenario())
    assert not connected
    assert code == 4403


def test_it_refuses_an_unverified_session_when_2fa_is_required(client, specialist, settings):
    settings.LINIJA_REQUIRE_2FA = True

    headers = headers_for(client, specialist)

    async def scenario():
        return await socket_with(headers).connect()

    assert run_async(scenario()) == (False, 4403)


def test_it_tells_staff_pages_when_a_conversation_is_claimed(client, specialist, supervisor):
    conversation = conversation_open(channel="chat")
    headers = headers_for(client, supervisor)

    @database_sync_to_async
    def claim():
        conversation_claim(conversation=conversation, user=specialist)

    async def scenario():
        socket = socket_with(headers)
        await socket.connect()
        await claim()
        event = await socket.receive_json_from(timeout=3)
        await socket.disconnect()
        return event

    assert run_async(scenario()) == {
        "type": "event",
        "event": "inbox.changed",
        "data": {
            "key": f"conversation-{conversation.pk}",
            "channel": "chat",
            "status": "open",
            "assignee_id": specialist.pk,
        },
    }
