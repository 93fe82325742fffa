"""A load check of the CTI webhook: call event sequences posted concurrently.

    .venv/bin/python bench/cti_load.py --calls 1000 --workers 50
    .venv/bin/python bench/cti_load.py --database-url postgres://postgres@127.0.0.1:5432/bench

Starts Linija's ASGI server (uvicorn, ``--processes`` processes, default one) on a fresh
SQLite database in a temporary directory, or on the database of ``--database-url`` (it must
exist; it is migrated), posts ``--calls`` sequences of newCall/answer/hangup events at once
from ``--workers`` threads (in order, repeated, hangup before answer, a repeated newCall,
missed calls with and without a number: see ``linija.phone.loadcheck``), then checks that
exactly that many calls are stored, each in the state its events imply. With ``--url`` it
posts to a server already running on the database this process is configured for
(``DATABASE_URL``, ``LINIJA_VAR_DIR``).

The last line: ``calls=N requests=… seconds=… requests_per_s=… errors=… problems=…``; the exit
status is 1 when a request got an unexpected answer or a call is wrong.
"""

from __future__ import annotations

import argparse
import os
import secrets
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until_up(url: str, server: subprocess.Popen, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"the server exited with {server.returncode}")
        try:
            with urllib.request.urlopen(f"{url}/hours/status.json", timeout=2):
                return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"the server at {url} did not answer in {seconds} s")


def start_server(database_url: str, var: str, processes: int) -> tuple[str, subprocess.Popen]:
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": os.environ.get("DJANGO_SETTINGS_MODULE", "linija.settings"),
            "LINIJA_VAR_DIR": var,
            "DATABASE_URL": database_url,
            "LINIJA_LOG_LEVEL": "ERROR",
            "LINIJA_DEBUG": "0",
        }
    )
    python = Path(sys.executable)
    subprocess.run(
        [str(python), str(ROOT / "manage.py"), "migrate", "--noinput", "-v", "0"],
        cwd=ROOT,
        check=True,
    )
    port = free_port()
    server = subprocess.Popen(
        [
            *(str(python.with_name("uvicorn")), "linija.asgi:application"),
            *("--host", "127.0.0.1", "--port", str(port), "--lifespan", "off"),
            *("--no-access-log", "--log-level", "warning", "--workers", str(processes)),
        ],
        cwd=ROOT,
        env=dict(os.environ),
    )
    url = f"http://127.0.0.1:{port}"
    wait_until_up(url, server)
    return url, server


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=1000)
    parser.add_argument("--workers", type=int, default=50)
    parser.add_argument("--database-url", default="", help="default: SQLite in a temporary dir")
    parser.add_argument("--url", default="", help="a server already running on this database")
    parser.add_argument("--processes", type=int, default=1, help="uvicorn worker processes")
    arguments = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="linija-cti-load-") as var:
        server = None
        url = arguments.url.rstrip("/")
        if not url:
            url, server = start_server(arguments.database_url, var, arguments.processes)
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "linija.settings")
        try:
            problems, outcome = run(url, arguments.calls, arguments.workers)
        finally:
            if server is not None:
                server.terminate()
                server.wait(timeout=20)

    for line in [*outcome.errors[:20], *problems[:20]]:
        print(line)
    print(
        f"calls={arguments.calls} requests={outcome.requests} seconds={outcome.seconds:.2f} "
        f"requests_per_s={outcome.requests / outcome.seconds:.0f} "
        f"errors={len(outcome.errors)} problems={len(problems)}"
    )
    if outcome.errors or problems:
        sys.exit(1)


def run(url: str, calls: int, workers: int):
    import django

    django.setup()
    from linija.phone.loadcheck import check, post_all, sequences
    from linija.phone.models import Exchange

    exchange = Exchange.objects.create(name="Load check", token=secrets.token_urlsafe(32))
    planned = sequences(calls, prefix=f"load-{exchange.pk}")
    outcome = post_all(url=f"{url}{exchange.webhook_path()}", sequences=planned, workers=workers)
    return check(exchange=exchange, sequences=planned), outcome


if __name__ == "__main__":
    main()
