"""The production parts that ride on Redis: the channel layer and the worker's queue."""

import asyncio
import uuid
from concurrent.futures import ThreadPoolExecutor

import pytest
from channels_redis.core import RedisChannelLayer
from huey import RedisHuey

pytestmark = pytest.mark.services


def test_it_relays_a_group_message_through_redis(redis_url):
    async def relay():
        prefix = f"linija-test-{uuid.uuid4().hex}"
        sender = RedisChannelLayer(hosts=[redis_url], prefix=prefix)
        receiver = RedisChannelLayer(hosts=[redis_url], prefix=prefix)
        channel = await receiver.new_channel()
        await receiver.group_add("conversation-1", channel)
        await sender.group_send("conversation-1", {"type": "chat.message", "text": "Labas"})
        message = await asyncio.wait_for(receiver.receive(channel), timeout=5)
        await receiver.group_discard("conversation-1", channel)
        await sender.flush()
        return message

    # A thread of its own: a browser test may have left an event loop in this one.
    with ThreadPoolExecutor(1) as thread:
        message = thread.submit(asyncio.run, relay()).result(timeout=10)
    assert message == {"type": "chat.message", "text": "Labas"}


def test_it_queues_and_runs_a_task_through_redis(redis_url):
    huey = RedisHuey(name=f"linija-test-{uuid.uuid4().hex}", url=redis_url)

    @huey.task()
    def add(a, b):
        return a + b

    result = add(2, 3)
    assert huey.pending_count() == 1
    task = huey.dequeue()
    huey.execute(task)
    assert result.get() == 5
    huey.flush()
