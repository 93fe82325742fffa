"""A real ASGI server (uvicorn, HTTP and WebSockets) in a subprocess, on the test database.

Use it where pytest-django's ``live_server`` (WSGI, no WebSockets) is not enough::

    def test_it_chats(asgi_server, page):
        server = asgi_server()              # or asgi_server(LINIJA_REQUIRE_2FA="1")
        page.goto(server.url + "/…")

Each call starts one more process (e.g. two processes on one Redis for the multi-process
chat test: pass ``REDIS_URL``). The processes see what the test committed: the fixture uses a
transactional database, kept in a file on SQLite.
"""

import os
import socket
import subprocess
import sys
import time
import urllib.request
import uuid
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]
UVICORN = Path(sys.executable).with_name("uvicorn")


@dataclass
class AsgiServer:
    url: str
    ws_url: str
    process: subprocess.Popen
    log: Path | None = None  # what it wrote, when started with ``access_log=True``


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def database_url() -> str:
    db = connection.settings_dict
    if db["ENGINE"].endswith("sqlite3"):
        name = str(db["NAME"])
        assert "memory" not in name, "the test database must be a file to be shared"
        return f"sqlite:///{name}"
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    return f"postgres://{db['USER']}{password}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


def wait_until_up(url: str, process: subprocess.Popen, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the ASGI server exited with {process.returncode}")
        try:
            with urllib.request.urlopen(f"{url}/hours/status.json", timeout=2) as answer:
                if answer.status == 200:
                    return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"the ASGI server at {url} did not answer in {seconds} s")


@pytest.fixture
def asgi_server(transactional_db, seeded, tmp_path):
    started: list[subprocess.Popen] = []
    prefix = f"test-{uuid.uuid4().hex}"

    def start(*, access_log: bool = False, **env: str) -> AsgiServer:
        """``access_log``: log as in production (every request, at info) into ``log``."""
        port = free_port()
        environment = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "linija.settings",
            "DATABASE_URL": database_url(),
            "LINIJA_VAR_DIR": str(tmp_path / f"server-{port}"),
            # Rate limits count afresh for each test (the Redis cache outlives it).
            "LINIJA_CACHE_PREFIX": prefix,
            **env,
        }
        environment.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        log = tmp_path / f"server-{port}.log" if access_log else None
        logging = ("--log-level", "info") if log else ("--no-access-log", "--log-level", "warning")
        with open(log or os.devnull, "wb") as output:
            process = subprocess.Popen(
                [
                    *(str(UVICORN), "linija.asgi:application", "--host", "127.0.0.1"),
                    *("--port", str(port), "--lifespan", "off", *logging),
                    # Open sockets (a browser's) would hold a graceful stop for seconds.
                    *("--timeout-graceful-shutdown", "1"),
                ],
                cwd=ROOT,
                env=environment,
                stdout=output if log else None,
                stderr=subprocess.STDOUT if log else None,
            )
        started.append(process)
        url = f"http://127.0.0.1:{port}"
        wait_until_up(url, process)
        return AsgiServer(url=url, ws_url=f"ws://127.0.0.1:{port}", process=process, log=log)

    yield start
    for process in started:
        process.terminate()
    for process in started:
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
