"""The live chat's relay latency and memory, against a bare WebSocket relay.

    .venv/bin/python bench/chat_latency.py --pairs 500
    .venv/bin/python bench/chat_latency.py --pairs 500 --redis redis://127.0.0.1:6379/2

Starts Linija's ASGI server (uvicorn, one process; the in-memory channel layer, or
channels-redis with ``--redis``) on a fresh SQLite database in a temporary folder, with DEBUG
off. First it opens ``--idle`` visitor sockets that only say hello, and measures the server's
resident memory. Then ``--pairs`` specialists log in to the console and go online, as many
visitors start a chat, and each specialist accepts one. Every visitor and every specialist
sends ``--messages`` messages, one every ``--interval`` seconds on average (Poisson), each
with its own client id and its send time; the other side's arrival time gives the relay
latency (send → stored in the database → acknowledged → relayed). Lost and duplicated
messages are counted by client id. The same traffic then goes through a bare relay built on
the ``websockets`` package (one process, no database): the baseline.

The last line: ``pairs=N p50_ms=… p99_ms=… baseline_p99_ms=… ratio=… lost=… duplicated=…``.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import websockets

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
CONNECT_AT_ONCE = 25


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def stop(server: subprocess.Popen) -> None:
    server.terminate()
    try:
        server.wait(timeout=15)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmRSS")


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
    raise SystemExit(f"the server at {url} did not start")


# --- The database: specialists with sessions ------------------------------------------------


def prepare_database(pairs: int) -> list[str]:
    """Migrate a fresh database and create the specialists; their session cookies."""
    import django

    django.setup()
    from django.contrib.auth.hashers import make_password
    from django.contrib.auth.models import Group, User
    from django.core.management import call_command
    from django.test import Client

    from linija.accounts import roles
    from linija.accounts.services import roles_sync

    call_command("migrate", verbosity=0)
    roles_sync()
    password = make_password("bench-password-not-used")
    users = User.objects.bulk_create(
        User(username=f"bench{index}", first_name=f"Bench{index}", password=password)
        for index in range(pairs)
    )
    group = Group.objects.get(name=roles.SPECIALIST)
    group.user_set.add(*users)
    cookies = []
    for user in users:
        client = Client()
        client.force_login(user)
        cookies.append(f"sessionid={client.cookies['sessionid'].value}")
    return cookies


def session_ids(start_keys: list[str]) -> list[int]:
    from linija.chat.models import ChatSession
    from linija.chat.selectors import token_hash

    hashes = {token_hash(key): index for index, key in enumerate(start_keys)}
    found = dict(
        ChatSession.objects.filter(start_key_hash__in=hashes).values_list("start_key_hash", "pk")
    )
    return [found[digest] for digest in hashes]


# --- The traffic, the same for both servers -------------------------------------------------


@dataclass
class Tally:
    latencies: list[float] = field(default_factory=list)
    received: Counter = field(default_factory=Counter)
    sent: set[str] = field(default_factory=set)
    acked: set[str] = field(default_factory=set)

    def arrived(self, message: dict) -> None:
        client_id = message["client_id"]
        self.received[client_id] += 1
        if self.received[client_id] == 1:
            sent_ns = int(message["body"].rsplit(" ", 1)[1])
            self.latencies.append((time.perf_counter_ns() - sent_ns) / 1e6)

    @property
    def lost(self) -> int:
        return len(self.sent - set(self.received))

    @property
    def duplicated(self) -> int:
        return sum(count - 1 for count in self.received.values() if count > 1)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


async def reader(socket, tally: Tally) -> None:
    """Count what arrives on one socket: messages from the other side, acks of our own."""
    async for raw in socket:
        frame = json.loads(raw)
        if frame["type"] == "message":
            tally.arrived(frame["message"])
        elif frame["type"] == "ack":
            tally.acked.add(frame["client_id"])


async def talker(socket, prefix: str, extra: dict, args, tally: Tally) -> None:
    rng = random.Random(prefix)
    await asyncio.sleep(rng.uniform(0, args.interval))
    for number in range(args.messages):
        client_id = f"{prefix}-{number}"
        tally.sent.add(client_id)
        body = f"Bench message {number} from {prefix} {time.perf_counter_ns()}"
        await socket.send(
            json.dumps({"type": "message", "client_id": client_id, "body": body, **extra})
        )
        await asyncio.sleep(rng.expovariate(1 / args.interval))


async def warm_up(pairs: list[tuple]) -> None:
    """One message each way per pair, not measured: the server's first messages load code
    and catalogs that later ones find ready."""
    tally = Tally()
    readers = [asyncio.ensure_future(reader(side, tally)) for pair in pairs for side in pair[:2]]
    for index, (visitor, staff, session) in enumerate(pairs):
        for socket_, prefix, extra in (
            (visitor, f"wv{index}", {}),
            (staff, f"ws{index}", {"session": session} if session else {}),
        ):
            body = f"Warm-up {time.perf_counter_ns()}"
            tally.sent.add(prefix)
            await socket_.send(
                json.dumps({"type": "message", "client_id": prefix, "body": body, **extra})
            )
    deadline = time.monotonic() + 60
    while tally.lost and time.monotonic() < deadline:
        await asyncio.sleep(0.2)
    for task in readers:
        task.cancel()


async def exchange(pairs: list[tuple], args) -> Tally:
    """Every pair (visitor socket, specialist socket, session id) talks both ways."""
    await warm_up(pairs)
    tally = Tally()
    readers = [asyncio.ensure_future(reader(side, tally)) for pair in pairs for side in pair[:2]]
    await asyncio.gather(
        *(
            talker(visitor, f"v{index}", {}, args, tally)
            for index, (visitor, _staff, _session) in enumerate(pairs)
        ),
        *(
            talker(staff, f"s{index}", {"session": session} if session else {}, args, tally)
            for index, (_visitor, staff, session) in enumerate(pairs)
        ),
    )
    deadline = time.monotonic() + 30
    while (tally.lost or len(tally.acked) < len(tally.sent)) and time.monotonic() < deadline:
        await asyncio.sleep(0.2)
    await asyncio.sleep(0.5)
    for task in readers:
        task.cancel()
    return tally


async def in_batches(coroutines) -> list:
    results = []
    coroutines = list(coroutines)
    for start in range(0, len(coroutines), CONNECT_AT_ONCE):
        results += await asyncio.gather(*coroutines[start : start + CONNECT_AT_ONCE])
    return results


async def next_of(socket, kind: str) -> dict:
    while True:
        frame = json.loads(await asyncio.wait_for(socket.recv(), 60))
        if frame["type"] == kind:
            return frame
        if frame["type"] == "error":
            raise RuntimeError(frame)


# --- Linija ---------------------------------------------------------------------------------


async def idle_visitors(ws_url: str, origin: str, count: int) -> list:
    async def one(_index):
        visitor = await websockets.connect(
            f"{ws_url}/ws/chat/", additional_headers={"Origin": origin}, max_queue=None
        )
        await visitor.send(json.dumps({"type": "hello", "lang": "lt"}))
        await next_of(visitor, "welcome")
        return visitor

    return await in_batches(one(index) for index in range(count))


async def linija_pairs(ws_url: str, origin: str, cookies: list[str]) -> list[tuple]:
    async def specialist(cookie):
        staff = await websockets.connect(
            f"{ws_url}/ws/chat/staff/",
            additional_headers={"Origin": origin, "Cookie": cookie},
            max_queue=None,
        )
        await staff.send(json.dumps({"type": "presence", "status": "online"}))
        await next_of(staff, "presence")
        return staff

    staffs = await in_batches(specialist(cookie) for cookie in cookies)

    async def visitor(index):
        socket = await websockets.connect(
            f"{ws_url}/ws/chat/", additional_headers={"Origin": origin}, max_queue=None
        )
        await socket.send(json.dumps({"type": "hello", "lang": "lt"}))
        await next_of(socket, "welcome")
        await socket.send(json.dumps({"type": "start", "start_key": f"bench-{index}"}))
        await next_of(socket, "chat")
        return socket

    pairs = []
    for start in range(0, len(staffs), CONNECT_AT_ONCE):
        chunk = range(start, min(len(staffs), start + CONNECT_AT_ONCE))
        visitors = await asyncio.gather(*(visitor(index) for index in chunk))
        ids = await asyncio.to_thread(session_ids, [f"bench-{index}" for index in chunk])
        for index, session_id in zip(chunk, ids, strict=True):
            await staffs[index].send(json.dumps({"type": "accept", "session": session_id}))
        for index, chatter, session_id in zip(chunk, visitors, ids, strict=True):
            await next_of(staffs[index], "accepted")
            await next_of(chatter, "state")
            pairs.append((chatter, staffs[index], session_id))
    return pairs


def start_linija(port: int, env: dict) -> subprocess.Popen:
    uvicorn = Path(sys.executable).with_name("uvicorn")
    return subprocess.Popen(
        [
            *(str(uvicorn), "linija.asgi:application", "--host", "127.0.0.1"),
            *("--port", str(port), "--lifespan", "off", "--no-access-log"),
            *("--log-level", "warning"),
        ],
        cwd=ROOT,
        env=env,
    )


async def measure_linija(args, env: dict, cookies: list[str]) -> tuple[Tally, float, float]:
    port = free_port()
    url, ws_url = f"http://127.0.0.1:{port}", f"ws://127.0.0.1:{port}"
    server = start_linija(port, env)
    try:
        await asyncio.to_thread(wait_until_up, url, server)
        await asyncio.sleep(1)
        before = rss_mb(server.pid)
        idle = await idle_visitors(ws_url, url, args.idle)
        await asyncio.sleep(2)
        with_idle = rss_mb(server.pid)
        for visitor in idle:
            await visitor.close()
        pairs = await linija_pairs(ws_url, url, cookies)
        tally = await exchange(pairs, args)
        for visitor, staff, _session in pairs:
            await visitor.close()
            await staff.close()
        return tally, before, with_idle
    finally:
        stop(server)


# --- The baseline: a bare relay -------------------------------------------------------------


async def relay_server(port: int) -> None:
    """Pairs of sockets at /visitor/<n> and /specialist/<n>: each text frame is acknowledged
    to its sender and passed to the other side, as Linija does (without a database)."""
    from websockets.asyncio.server import serve

    peers: dict[str, object] = {}

    async def handler(connection):
        _empty, side, pair = connection.request.path.split("/")
        me = f"{side}/{pair}"
        other = f"{'specialist' if side == 'visitor' else 'visitor'}/{pair}"
        peers[me] = connection
        try:
            async for raw in connection:
                frame = json.loads(raw)
                await connection.send(
                    json.dumps({"type": "ack", "client_id": frame["client_id"], "id": 1})
                )
                peer = peers.get(other)
                if peer is not None:
                    message = {"client_id": frame["client_id"], "body": frame["body"]}
                    await peer.send(json.dumps({"type": "message", "message": message}))
        finally:
            peers.pop(me, None)

    async with serve(handler, "127.0.0.1", port, max_queue=None):
        await asyncio.Future()


async def measure_baseline(args) -> Tally:
    port = free_port()
    server = subprocess.Popen([sys.executable, __file__, "--relay-server", str(port)], cwd=ROOT)
    try:
        for _attempt in range(100):
            try:
                probe = await websockets.connect(f"ws://127.0.0.1:{port}/visitor/probe")
                await probe.close()
                break
            except OSError:
                await asyncio.sleep(0.1)

        async def pair(index):
            visitor = await websockets.connect(f"ws://127.0.0.1:{port}/visitor/{index}")
            staff = await websockets.connect(f"ws://127.0.0.1:{port}/specialist/{index}")
            return visitor, staff, None

        pairs = await in_batches(pair(index) for index in range(args.pairs))
        tally = await exchange(pairs, args)
        for visitor, staff, _none in pairs:
            await visitor.close()
            await staff.close()
        return tally
    finally:
        stop(server)


# --- The run --------------------------------------------------------------------------------


def summary(name: str, tally: Tally) -> str:
    return (
        f"{name}: messages={len(tally.sent)} received={len(tally.received)} "
        f"acked={len(tally.acked)} p50_ms={percentile(tally.latencies, 0.5):.1f} "
        f"p90_ms={percentile(tally.latencies, 0.9):.1f} "
        f"p99_ms={percentile(tally.latencies, 0.99):.1f} "
        f"max_ms={max(tally.latencies):.1f} mean_ms={statistics.fmean(tally.latencies):.1f}"
    )


async def run(args) -> None:
    folder = tempfile.mkdtemp(prefix="linija-chat-bench-")
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "linija.settings",
        "LINIJA_VAR_DIR": folder,
        "LINIJA_DEBUG": "0",
        "LINIJA_CHAT_FOLLOW_HOURS": "0",
        "LINIJA_LOG_LEVEL": "WARNING",
        # Every bench visitor comes from 127.0.0.1: lift the per-address limit on new chats.
        "LINIJA_RATE_LIMIT_CHAT_START": f"{10 * args.pairs}/3600",
        "DATABASE_URL": "",
        "REDIS_URL": args.redis,
    }
    os.environ.update(env)
    cookies = await asyncio.to_thread(prepare_database, args.pairs)
    layer = f"channels-redis at {args.redis}" if args.redis else "the in-memory channel layer"
    print(f"Linija: uvicorn, one process, {layer}, SQLite in {folder}", flush=True)
    tally, before, with_idle = await measure_linija(args, env, cookies)
    print(
        f"idle_sockets={args.idle} server_rss_mb={with_idle:.0f} "
        f"rss_before_mb={before:.0f} per_socket_kb={(with_idle - before) * 1024 / args.idle:.0f}",
        flush=True,
    )
    print(summary("linija", tally), flush=True)
    baseline = await measure_baseline(args)
    print(summary("baseline", baseline), flush=True)
    p99 = percentile(tally.latencies, 0.99)
    baseline_p99 = percentile(baseline.latencies, 0.99)
    print(
        f"pairs={args.pairs} p50_ms={percentile(tally.latencies, 0.5):.1f} p99_ms={p99:.1f} "
        f"baseline_p99_ms={baseline_p99:.1f} ratio={p99 / baseline_p99:.2f} "
        f"lost={tally.lost} duplicated={tally.duplicated}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=int, default=100)
    parser.add_argument("--messages", type=int, default=10, help="messages per person")
    parser.add_argument("--interval", type=float, default=5.0, help="mean seconds between")
    parser.add_argument("--idle", type=int, default=1000, help="idle visitor sockets")
    parser.add_argument("--redis", default="", help="a Redis URL for channels-redis")
    parser.add_argument("--relay-server", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    try:
        import uvloop

        uvloop.install()
    except ImportError:
        pass
    if args.relay_server:
        asyncio.run(relay_server(args.relay_server))
    else:
        asyncio.run(run(args))


if __name__ == "__main__":
    main()
