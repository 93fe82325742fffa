"""A lock for the worker's tasks that expires with its holder, unlike Huey's ``lock_task``,
whose lock outlives a worker killed mid-task and then stops the task for good.

The holder renews its lease in a thread of its own while the task runs; a holder that dies
stops renewing, and the lease runs out after ``LINIJA_WORKER_LOCK_SECONDS``. Several workers
may share a queue: a live holder always keeps its lease, so the task never runs twice at once.
"""

from __future__ import annotations

import functools
import logging
import os
import socket
import threading
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

from django.conf import settings
from django.db import DatabaseError, connection

from linija.health.services import lease_release, lease_renew, lease_take

logger = logging.getLogger(__name__)
Result = TypeVar("Result")


def _renew_until(stop: threading.Event, *, name: str, holder: str, seconds: float) -> None:
    try:
        while not stop.wait(seconds / 3):
            try:
                renewed = lease_renew(name=name, holder=holder, seconds=seconds)
            except DatabaseError:  # a busy database: try again at the next turn
                logger.warning("The worker lock %s could not be renewed", name, exc_info=True)
                continue
            if not renewed:
                logger.warning("The worker lock %s was lost while its task ran", name)
                return
    finally:
        connection.close()


@contextmanager
def lease_held(name: str) -> Iterator[bool]:
    """Hold the lease ``name`` while the block runs; yields False (and holds nothing) when a
    live holder has it."""
    seconds = settings.LINIJA_WORKER_LOCK_SECONDS
    holder = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:12]}"
    if not lease_take(name=name, holder=holder, seconds=seconds):
        yield False
        return
    stop = threading.Event()
    renewer = threading.Thread(
        target=_renew_until,
        args=(stop,),
        kwargs={"name": name, "holder": holder, "seconds": seconds},
        name=f"lease-{name}",
        daemon=True,
    )
    renewer.start()
    try:
        yield True
    finally:
        stop.set()
        renewer.join()
        lease_release(name=name, holder=holder)


def lease_task(name: str) -> Callable[[Callable[..., Result]], Callable[..., Result | None]]:
    """Run the task only while holding the lease ``name``; skip this run (None) if another
    live worker is running it."""

    def decorator(function: Callable[..., Result]) -> Callable[..., Result | None]:
        @functools.wraps(function)
        def wrapper(*args: Any, **kwargs: Any) -> Result | None:
            with lease_held(name) as held:
                if not held:
                    logger.info("%s is still running elsewhere; this run is skipped", name)
                    return None
                return function(*args, **kwargs)

        return wrapper

    return decorator
