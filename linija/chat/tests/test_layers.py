import asyncio
import time

from linija.chat import layers
from linija.chat.layers import ThrottledInMemoryChannelLayer
from linija.testing.aio import run_async


def test_it_relays_a_group_message():
    async def scenario():
        layer = ThrottledInMemoryChannelLayer()
        channel = await layer.new_channel()
        await layer.group_add("chat-1-staff", channel)
        await layer.group_send("chat-1-staff", {"type": "chat.message", "id": 1})
        return await asyncio.wait_for(layer.receive(channel), 1)

    assert run_async(scenario()) == {"type": "chat.message", "id": 1}


def test_it_looks_for_expired_messages_at_most_once_a_second(monkeypatch):
    clock = [100.0]
    monkeypatch.setattr(layers.time, "monotonic", lambda: clock[0])

    def expired_message(layer, channel):
        queue = layer.channels.setdefault(channel, asyncio.Queue())
        queue.put_nowait((time.time() - 1, {"type": "old"}))

    async def scenario():
        layer = ThrottledInMemoryChannelLayer()
        await layer.group_send("lobby", {"type": "nothing"})
        expired_message(layer, "specific.a!1")
        await layer.group_send("lobby", {"type": "nothing"})
        kept = "specific.a!1" in layer.channels
        clock[0] += 1.0
        await layer.group_send("lobby", {"type": "nothing"})
        return kept, "specific.a!1" in layer.channels

    kept_within_the_second, kept_after = run_async(scenario())
    assert kept_within_the_second
    assert not kept_after
