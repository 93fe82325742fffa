"""The public site under a surge, against a minimal ASGI "hello" app in the same run.

    .venv/bin/python bench/site_load.py
    .venv/bin/python bench/site_load.py --processes 2 \
        --database-url postgres://postgres@127.0.0.1:5432/site_bench \
        --redis-url redis://127.0.0.1:6379/3

Starts Linija (uvicorn, ``--processes`` processes, DEBUG off, a fresh database: SQLite in a
temporary folder, or the PostgreSQL database named by ``--database-url``, created and dropped
here) on a free port, and a hello app beside it. ``wrk`` (Debian's package) runs
``--connections`` connections for ``--seconds`` against the hello app, then against each path:
the home page, a content page, the FAQ search, the opening status and a static file. During the
home page's run a logged-in specialist opens the inbox every 100 ms: its p99 is printed too,
beside the inbox's own p99 with nothing else asked of the server (2 s before the runs). Each
path gets one second of load before its run, so that every process has answered it.

One line per path: ``path=… linija_rps=… hello_rps=… ratio=… p99_ms=… errors=…``, then
``staff path=/staff/inbox/ p99_ms=… p50_ms=… requests=… idle_p99_ms=… idle_p50_ms=…``.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PATHS = ["/", "/apie-linija/", "/duk/?q=kaip+tapti+globeju", "/hours/status.json?lang=lt"]
HELLO = """
async def app(scope, receive, send):
    if scope["type"] != "http":
        return
    await send({"type": "http.response.start", "status": 200,
                "headers": [(b"content-type", b"text/plain")]})
    await send({"type": "http.response.body", "body": b"hello"})
"""
SESSION = """
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.auth import get_user_model
user = get_user_model().objects.filter(groups__name="specialist").first()
store = SessionStore()
store.update({SESSION_KEY: str(user.pk), HASH_SESSION_KEY: user.get_session_auth_hash(),
              BACKEND_SESSION_KEY: "django.contrib.auth.backends.ModelBackend"})
store.create()
print(store.session_key)
"""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_up(url: str, process: subprocess.Popen, seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"the server stopped: {process.returncode}")
        try:
            urllib.request.urlopen(url, timeout=2).read()
            return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"{url} did not answer")


def wrk(url: str, *, connections: int, seconds: int, headers: list[str] = ()) -> dict:
    command = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", "--timeout", "2s"]
    for header in headers:
        command += ["-H", header]
    out = subprocess.run([*command, url], capture_output=True, text=True, check=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    p99 = re.search(r"99%\s+([\d.]+)(us|ms|s)\b", out)
    scale = {"us": 0.001, "ms": 1, "s": 1000}[p99.group(2)]
    errors = sum(int(n) for n in re.findall(r"(?:connect|read|write|timeout) (\d+)", out))
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {
        "rps": rps,
        "p99_ms": float(p99.group(1)) * scale,
        "errors": errors + (int(non2xx.group(1)) if non2xx else 0),
    }


def staff_probe(url: str, cookie: str, stop: threading.Event, times: list[float]) -> None:
    request = urllib.request.Request(url, headers={"Cookie": cookie})
    while not stop.is_set():
        started = time.perf_counter()
        urllib.request.urlopen(request, timeout=10).read()
        times.append((time.perf_counter() - started) * 1000)
        stop.wait(0.1)


def staff_times(url: str, cookie: str, *, seconds: float) -> list[float]:
    """The inbox's answer times with nothing else asked of the server (the baseline)."""
    stop, times = threading.Event(), []
    threading.Timer(seconds, stop.set).start()
    staff_probe(url, cookie, stop, times)
    return times


def p99(times: list[float]) -> float:
    ordered = sorted(times)
    return ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]


def p50(times: list[float]) -> float:
    return sorted(times)[len(times) // 2]


def postgres(url: str, statement: str) -> None:
    import psycopg

    base, name = url.rsplit("/", 1)
    with psycopg.connect(f"{base}/postgres", autocommit=True) as admin:
        admin.execute(statement.format(name=name))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--processes", type=int, default=1)
    parser.add_argument("--connections", type=int, default=50)
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--database-url", default="")
    parser.add_argument("--redis-url", default="")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk is needed: apt-get install -y wrk")
    folder = Path(tempfile.mkdtemp(prefix="linija-site-bench-"))
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "LINIJA_VAR_DIR": str(folder),
        "LINIJA_DEBUG": "0",
        "DATABASE_URL": args.database_url,
        "REDIS_URL": args.redis_url,
        "LINIJA_CACHE_PREFIX": f"site-bench-{os.getpid()}",
    }
    if args.database_url:
        postgres(args.database_url, 'DROP DATABASE IF EXISTS "{name}"')
        postgres(args.database_url, 'CREATE DATABASE "{name}"')
    manage = [sys.executable, str(ROOT / "manage.py")]
    subprocess.run([*manage, "migrate", "-v0"], env=env, check=True)
    subprocess.run([*manage, "demo_load"], env=env, check=True, capture_output=True)
    subprocess.run([*manage, "collectstatic", "--noinput", "-v0"], env=env, check=True)
    session = subprocess.run(
        [*manage, "shell", "-c", SESSION], env=env, check=True, capture_output=True, text=True
    ).stdout.split()[-1]
    (folder / "hello.py").write_text(HELLO)
    uvicorn = str(Path(sys.executable).with_name("uvicorn"))
    port, hello_port = free_port(), free_port()
    common = [
        "--host",
        "127.0.0.1",
        "--no-access-log",
        "--lifespan",
        "off",
        "--log-level",
        "warning",
    ]
    workers = ["--workers", str(args.processes)]
    linija = subprocess.Popen(
        [uvicorn, "linija.asgi:application", "--port", str(port), *workers, *common],
        env=env,
        cwd=ROOT,
    )
    hello = subprocess.Popen(
        [uvicorn, "hello:app", "--app-dir", str(folder), "--port", str(hello_port), *common]
    )
    try:
        base = f"http://127.0.0.1:{port}"
        wait_up(base + "/", linija)
        wait_up(f"http://127.0.0.1:{hello_port}/", hello)
        page = urllib.request.urlopen(base + "/").read().decode()
        static = re.search(r'href="(/static/[^"]+\.css)"', page).group(1)
        base_line = wrk(
            f"http://127.0.0.1:{hello_port}/", connections=args.connections, seconds=args.seconds
        )
        cookie = f"sessionid={session}"
        idle_times = staff_times(base + "/staff/inbox/", cookie, seconds=2)
        for path in [*PATHS, static]:
            # Every process answers the path before the measured run: a process's first
            # requests load the URL conf, templates and catalogs and fill its page cache.
            wrk(base + path, connections=args.connections, seconds=1)
            probe_times: list[float] = []
            stop = threading.Event()
            probe = None
            if path == "/":
                probe = threading.Thread(
                    target=staff_probe, args=(base + "/staff/inbox/", cookie, stop, probe_times)
                )
                probe.start()
            result = wrk(base + path, connections=args.connections, seconds=args.seconds)
            stop.set()
            print(
                f"path={path} processes={args.processes} linija_rps={result['rps']:.0f} "
                f"hello_rps={base_line['rps']:.0f} ratio={result['rps'] / base_line['rps']:.3f} "
                f"p99_ms={result['p99_ms']:.1f} errors={result['errors']}",
                flush=True,
            )
            if probe is not None:
                probe.join()
                print(
                    f"staff path=/staff/inbox/ p99_ms={p99(probe_times):.1f} "
                    f"p50_ms={p50(probe_times):.1f} requests={len(probe_times)} "
                    f"idle_p99_ms={p99(idle_times):.1f} idle_p50_ms={p50(idle_times):.1f}",
                    flush=True,
                )
    finally:
        for process in (linija, hello):
            process.terminate()
            process.wait(timeout=30)
        shutil.rmtree(folder, ignore_errors=True)
        if args.database_url:
            postgres(args.database_url, 'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


if __name__ == "__main__":
    main()
