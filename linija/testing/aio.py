"""Running a coroutine from a sync test.

A thread with its own event loop: a browser test (Playwright's sync API) may have left a
running loop in the test's own thread.
"""

import asyncio
from collections.abc import Coroutine
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from channels.layers import channel_layers


def run_async(coroutine: Coroutine, timeout: float = 30) -> Any:
    # A channel layer's connections and locks belong to the event loop that made them: each
    # new loop gets fresh layers.
    channel_layers.backends.clear()
    thread = ThreadPoolExecutor(1)
    try:
        return thread.submit(asyncio.run, coroutine).result(timeout=timeout)
    finally:
        # Not ``with``: its exit would wait for a coroutine stuck past the timeout, forever.
        thread.shutdown(wait=False)


# The handshake headers of a page of this server (``testserver``) opening a socket to it.
SAME_ORIGIN = [(b"host", b"testserver"), (b"origin", b"http://testserver")]
