"""The worker's locks expire with their holder: a live holder keeps its lock, a dead one's runs
out (Huey's own locks stayed held for ever after a ``kill -9``; see mail/tests/test_worker.py)."""

import datetime
import threading
import time

import pytest
from django.utils import timezone

from linija.health.locks import lease_task
from linija.health.models import Lease
from linija.health.services import lease_take


def counted():
    calls = []

    @lease_task("linija-test")
    def task():
        calls.append(1)
        return "done"

    return task, calls


@pytest.mark.django_db
def test_it_skips_a_run_while_a_live_holder_has_the_lock():
    assert lease_take(name="linija-test", holder="the other worker", seconds=60)
    task, calls = counted()
    assert task() is None
    assert calls == []
    assert Lease.objects.get(name="linija-test").holder == "the other worker"


@pytest.mark.django_db
def test_it_takes_over_a_lock_whose_holder_stopped_renewing():
    Lease.objects.create(
        name="linija-test",
        holder="a killed worker",
        expires_at=timezone.now() - datetime.timedelta(seconds=1),
    )
    task, calls = counted()
    assert task() == "done"
    assert calls == [1]
    assert not Lease.objects.filter(name="linija-test").exists()


def test_it_renews_the_lock_while_a_long_task_runs(transactional_db, settings):
    settings.LINIJA_WORKER_LOCK_SECONDS = 0.6
    renewed = threading.Event()
    taken_meanwhile = []

    @lease_task("linija-test")
    def long_task():
        first = Lease.objects.get(name="linija-test").expires_at
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and not renewed.is_set():
            if Lease.objects.get(name="linija-test").expires_at > first:
                renewed.set()
        # Past the first lease's end: still held, so another worker cannot take it.
        while timezone.now() <= first:
            pass
        taken_meanwhile.append(lease_take(name="linija-test", holder="another", seconds=60))

    long_task()
    assert renewed.is_set()
    assert taken_meanwhile == [False]
    assert not Lease.objects.exists()
