"""A load check of the CTI webhook: many call event sequences posted at once, then every call
compared with the state its events imply.

Used by ``bench/cti_load.py`` (1,000 sequences) and by the test suite (a few dozen). The
sequences mix calls in order, repeated events, an answer arriving after the hangup, a repeated
newCall (refused) and missed calls, with and without a number.
"""

from __future__ import annotations

import http.client
import json
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from linija.phone.models import ANSWERED_STATES, Call, CallState, Exchange


@dataclass(frozen=True)
class Step:
    event: dict
    status: int = 200


@dataclass(frozen=True)
class Sequence:
    call_id: str
    steps: tuple[Step, ...]
    state: str
    callback: bool


@dataclass
class Outcome:
    seconds: float
    requests: int
    errors: list[str] = field(default_factory=list)


def _sequence(index: int, prefix: str) -> Sequence:
    call_id = f"{prefix}-{index}"
    number = f"+3706{index % 10_000_000:07d}"
    new = Step(
        {
            "event": "newCall",
            "from": number,
            "to": "880020300",
            "direction": "in",
            "callId": call_id,
        }
    )
    answer = Step({"event": "answer", "callId": call_id, "answeringNumber": "101"})
    ended = Step({"event": "hangup", "callId": call_id, "cause": "normalClearing"})
    cancelled = Step({"event": "hangup", "callId": call_id, "cause": "cancel"})
    kind = index % 8
    if kind in (0, 4):
        return Sequence(call_id, (new, answer, ended), CallState.COMPLETED, False)
    if kind == 1:
        again = Step(new.event, status=422)
        return Sequence(
            call_id, (new, again, answer, answer, ended, ended), CallState.COMPLETED, False
        )
    if kind in (2, 6):
        # The end reported before the answer (events overtaking each other).
        return Sequence(call_id, (new, ended, answer), CallState.COMPLETED, False)
    if kind == 3:
        anonymous = Step({**new.event, "from": "anonymous"})
        return Sequence(call_id, (anonymous, cancelled), CallState.MISSED, False)
    if kind == 5:
        return Sequence(call_id, (new, cancelled, cancelled), CallState.MISSED, True)
    return Sequence(call_id, (new, answer), CallState.ANSWERED, False)


def sequences(count: int, prefix: str) -> list[Sequence]:
    return [_sequence(index, prefix) for index in range(count)]


def post_all(*, url: str, sequences: list[Sequence], workers: int) -> Outcome:
    """Post every sequence (its events in order, the sequences at once) and time it."""
    target = urlsplit(url)
    local = threading.local()
    errors: list[str] = []
    counted = [0]
    lock = threading.Lock()

    def send_once(body: str) -> int:
        if getattr(local, "connection", None) is None:
            local.connection = http.client.HTTPConnection(target.netloc, timeout=60)
        local.connection.request("POST", target.path, body, {"Content-Type": "application/json"})
        response = local.connection.getresponse()
        response.read()
        return response.status

    def send(step: Step) -> int:
        body = json.dumps(step.event)
        try:
            return send_once(body)
        except (ConnectionError, http.client.HTTPException):
            # The server closed a kept-alive connection: once more on a new one.
            local.connection = None
            return send_once(body)

    def run(sequence: Sequence) -> None:
        for step in sequence.steps:
            status = send(step)
            with lock:
                counted[0] += 1
                if status != step.status:
                    errors.append(
                        f"{sequence.call_id} {step.event['event']}: {status}, not {step.status}"
                    )

    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=workers) as pool:
        for future in [pool.submit(run, sequence) for sequence in sequences]:
            future.result()
    return Outcome(seconds=time.perf_counter() - started, requests=counted[0], errors=errors)


def check(*, exchange: Exchange, sequences: list[Sequence]) -> list[str]:
    """What differs between the calls stored for ``exchange`` and what the sequences imply."""
    stored = {
        call.call_id: call
        for call in Call.objects.filter(exchange=exchange).select_related("consultation")
    }
    problems = []
    if len(stored) != len(sequences):
        problems.append(f"{len(stored)} calls stored for {len(sequences)} sequences")
    for sequence in sequences:
        call = stored.get(sequence.call_id)
        if call is None:
            problems.append(f"{sequence.call_id}: missing")
            continue
        if call.state != sequence.state:
            problems.append(f"{sequence.call_id}: {call.state}, not {sequence.state}")
        if (call.callback_id is not None) != sequence.callback:
            problems.append(f"{sequence.call_id}: callback {call.callback_id}")
        answered = sequence.state in ANSWERED_STATES
        if (call.consultation_id is not None) != answered:
            problems.append(f"{sequence.call_id}: record {call.consultation_id}")
    return problems
