"""Two ASGI server processes on one Redis and one database: the visitor on one, the specialist
on the other. Messages, typing and presence cross from process to process."""

import asyncio
import json

import pytest
import websockets
from channels.db import database_sync_to_async

from linija.chat.models import ChatSession
from linija.testing.aio import run_async

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]


async def next_of(socket, kind, timeout=10):
    while True:
        frame = json.loads(await asyncio.wait_for(socket.recv(), timeout))
        if frame["type"] == kind:
            return frame


def test_it_relays_across_two_server_processes(asgi_server, redis_url, client, specialist):
    first = asgi_server(REDIS_URL=redis_url)
    second = asgi_server(REDIS_URL=redis_url)
    client.force_login(specialist)
    cookie = f"sessionid={client.cookies['sessionid'].value}"

    async def scenario():
        visitor = await websockets.connect(
            f"{first.ws_url}/ws/chat/", additional_headers={"Origin": first.url}
        )
        await visitor.send(json.dumps({"type": "hello", "lang": "en"}))
        before = await next_of(visitor, "welcome")

        staff = await websockets.connect(
            f"{second.ws_url}/ws/chat/staff/",
            additional_headers={"Origin": second.url, "Cookie": cookie},
        )
        await staff.send(json.dumps({"type": "presence", "status": "online"}))
        presence = await next_of(visitor, "availability")

        await visitor.send(json.dumps({"type": "start", "start_key": "k-1"}))
        chat = await next_of(visitor, "chat")
        session_id = await database_sync_to_async(lambda: ChatSession.objects.get().pk)()
        await staff.send(json.dumps({"type": "accept", "session": session_id}))
        joined = await next_of(visitor, "state")

        await visitor.send(json.dumps({"type": "typing", "active": True}))
        typing = await next_of(staff, "typing")
        await visitor.send(json.dumps({"type": "message", "client_id": "c-1", "body": "Labas"}))
        to_staff = await next_of(staff, "message")
        await staff.send(json.dumps({"type": "typing", "session": session_id, "active": True}))
        typing_back = await next_of(visitor, "typing")
        await staff.send(
            json.dumps(
                {"type": "message", "session": session_id, "client_id": "s-1", "body": "Sveiki"}
            )
        )
        to_visitor = await next_of(visitor, "message")
        await staff.close()
        await visitor.close()
        return before, presence, chat, joined, typing, to_staff, typing_back, to_visitor

    before, presence, chat, joined, typing, to_staff, typing_back, to_visitor = run_async(
        scenario(), timeout=60
    )
    assert before["availability"]["available"] is False
    assert presence["available"] is True
    assert chat["state"]["state"] == "waiting"
    assert joined["state"]["specialist"] == "Ona"
    assert typing["active"] is True
    assert to_staff["message"]["body"] == "Labas"
    assert typing_back == {"type": "typing", "active": True}
    assert to_visitor["message"]["body"] == "Sveiki"
