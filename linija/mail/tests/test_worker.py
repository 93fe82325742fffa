"""The real worker (``manage.py run_huey`` in a subprocess) killed with SIGKILL in the middle of
fetching the mailbox and sending the outbox: after a restart, mail flows again."""

import os
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from django.utils import timezone
from huey.contrib.djhuey import HUEY
from huey.storage import SqliteStorage

from linija.health.models import Beat, Lease
from linija.mail.models import Letter, OutboxMessage, OutboxStatus
from linija.mail.outbox import outbox_add
from linija.mail.selectors import MAIL_FETCH
from linija.mail.tasks import mail_fetch_every_minute, outbox_send_now
from linija.testing.asgi_server import ROOT, database_url

LETTER = (
    b"From: Ona <ona@example.lt>\r\nTo: linija@pastoge.lt\r\nSubject: Globa\r\n"
    b"Message-ID: <worker-kill@example.lt>\r\nDate: Thu, 3 Dec 2026 10:00:00 +0200\r\n\r\n"
    b"Kaip tapti globeju?\r\n"
)


class SilentServer:
    """Accepts connections and never answers: a mail server that hangs mid-conversation."""

    def __init__(self):
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.accepted = threading.Event()
        self.held: list[socket.socket] = []
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self):
        while True:
            try:
                held, _address = self.listener.accept()
            except OSError:
                return
            self.held.append(held)
            self.accepted.set()

    def close(self):
        self.listener.close()
        for held in self.held:
            held.close()


def wait_for(condition, *, seconds: float, what: str):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.2)
    raise AssertionError(f"{what} did not happen in {seconds} s")


@pytest.fixture
def worker(tmp_path, settings):
    """Start ``manage.py run_huey`` on the test database with its own queue file."""
    started: list[subprocess.Popen] = []
    queue = SqliteStorage("linija", filename=str(tmp_path / "huey.sqlite3"))

    def start(*, imap_port: int, smtp_port: int) -> subprocess.Popen:
        environment = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "linija.settings",
            "DATABASE_URL": database_url(),
            "LINIJA_VAR_DIR": str(tmp_path),
            "LINIJA_MAIL_PRIVATE_DIR": settings.LINIJA_MAIL_PRIVATE_DIR,
            "LINIJA_IMAP_HOST": "127.0.0.1",
            "LINIJA_IMAP_PORT": str(imap_port),
            "LINIJA_IMAP_SECURITY": "plain",
            "LINIJA_IMAP_USER": settings.LINIJA_IMAP_USER,
            "LINIJA_IMAP_PASSWORD": settings.LINIJA_IMAP_PASSWORD,
            "LINIJA_SMTP_HOST": "127.0.0.1",
            "LINIJA_SMTP_PORT": str(smtp_port),
            "LINIJA_SMTP_TLS": "none",
            "LINIJA_WORKER_LOCK_SECONDS": "3",
            # One fetch a run: this test is about the locks, test_idle.py about the watch.
            "LINIJA_IMAP_WATCH_SECONDS": "0",
        }
        environment.pop("REDIS_URL", None)  # the queue is the file above
        environment.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        log = open(tmp_path / f"worker-{len(started)}.log", "wb")  # noqa: SIM115
        process = subprocess.Popen(
            [sys.executable, "manage.py", "run_huey", "--workers", "2"],
            cwd=ROOT,
            env=environment,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        started.append(process)
        return process

    def enqueue(task) -> None:
        queue.enqueue(HUEY.serialize_task(task.s()))

    start.enqueue = enqueue
    start.log = lambda number: Path(tmp_path / f"worker-{number}.log").read_text()
    yield start
    for process in started:
        process.kill()
        process.wait(timeout=10)


def test_it_fetches_and_sends_again_after_the_worker_was_killed_mid_task(
    transactional_db, seeded, dovecot, smtp_server, worker
):
    # Automatic letters wait for the worker (a person's would be sent inline by the test).
    outbox_add(to=["ona@example.lt"], subject="Pirmas", body="Tekstas.", auto_submitted=True)
    silent_imap, silent_smtp = SilentServer(), SilentServer()
    try:
        first = worker(imap_port=silent_imap.port, smtp_port=silent_smtp.port)
        worker.enqueue(mail_fetch_every_minute)
        worker.enqueue(outbox_send_now)
        wait_for(
            lambda: silent_imap.accepted.is_set() and silent_smtp.accepted.is_set(),
            seconds=60,
            what="the worker connecting to both mail servers",
        )
        os.kill(first.pid, signal.SIGKILL)
        first.wait(timeout=10)
    finally:
        silent_imap.close()
        silent_smtp.close()
    # The killed worker's leases run out by themselves (3 s here); a worker that starts
    # sooner skips its first runs, rightly, and would fetch only at the next minute.
    wait_for(
        lambda: not Lease.objects.filter(expires_at__gt=timezone.now()).exists(),
        seconds=30,
        what="the killed worker's leases running out",
    )

    dovecot.deliver([LETTER])
    # The first letter stays "sending" until the outbox's stale claim runs out; a new one goes.
    fresh = outbox_add(
        to=["ona@example.lt"], subject="Antras", body="Tekstas.", auto_submitted=True
    )
    worker(imap_port=dovecot.port, smtp_port=smtp_server.port)
    worker.enqueue(mail_fetch_every_minute)
    worker.enqueue(outbox_send_now)
    wait_for(
        lambda: Letter.objects.filter(message_id="<worker-kill@example.lt>").exists(),
        seconds=60,
        what=f"the letter being fetched (worker log: {worker.log(1)})",
    )
    wait_for(
        lambda: OutboxMessage.objects.get(pk=fresh.pk).status == OutboxStatus.SENT,
        seconds=60,
        what=f"the waiting letter being sent (worker log: {worker.log(1)})",
    )
    assert any("Antras" in str(sent["Subject"]) for sent in smtp_server.messages())


@pytest.mark.django_db
def test_it_notes_each_successful_fetch_for_the_health_page(dovecot):
    assert not Beat.objects.filter(name=MAIL_FETCH).exists()
    dovecot.deliver([LETTER])
    mail_fetch_every_minute()
    assert Letter.objects.filter(message_id="<worker-kill@example.lt>").exists()
    assert Beat.objects.get(name=MAIL_FETCH).at is not None
