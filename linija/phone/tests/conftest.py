"""Exchanges, event posting and broadcast recording shared by the phone tests."""

import datetime
import json

import pytest
from django.utils import timezone

from linija.hours.calendar import VILNIUS
from linija.phone.models import Exchange

TOKEN = "test-exchange-token-0123456789"
CALLER = "+37061234567"
# A Wednesday in opening hours (12:00–20:00), and the evening after closing.
WEDNESDAY_NOON = datetime.datetime(2026, 3, 4, 13, 0, tzinfo=VILNIUS)
WEDNESDAY_NIGHT = datetime.datetime(2026, 3, 4, 21, 30, tzinfo=VILNIUS)


@pytest.fixture
def exchange(db):
    return Exchange.objects.create(name="Test exchange", token=TOKEN)


def cti_url(token: str = TOKEN) -> str:
    return f"/api/v1/cti/{token}"


def new_call(call_id: str, **fields) -> dict:
    return {
        "event": "newCall",
        "from": CALLER,
        "to": "880020300",
        "direction": "in",
        "callId": call_id,
        **fields,
    }


def answer(call_id: str, **fields) -> dict:
    return {"event": "answer", "callId": call_id, **fields}


def hangup(call_id: str, cause: str = "normalClearing", **fields) -> dict:
    return {"event": "hangup", "callId": call_id, "cause": cause, **fields}


@pytest.fixture
def post(client):
    """Post one event as JSON (``form=True``: form-encoded, as Zammad's curl examples do)."""

    def send(data: dict, *, token: str = TOKEN, form: bool = False):
        if form:
            return client.post(cti_url(token), data)
        return client.post(cti_url(token), json.dumps(data), content_type="application/json")

    return send


@pytest.fixture
def broadcasts(monkeypatch):
    """The staff events the phone services announce, as (event, data) pairs."""
    sent: list[tuple[str, dict]] = []

    def record(*, event: str, data: dict) -> None:
        sent.append((event, data))

    monkeypatch.setattr("linija.phone.services.staff_broadcast", record)
    return sent


@pytest.fixture
def clock(monkeypatch):
    """Set the time: ``clock.set(moment)``; ``clock.tick(seconds)`` moves it on."""

    class Clock:
        now = WEDNESDAY_NOON

        def set(self, moment: datetime.datetime) -> None:
            self.now = moment

        def tick(self, seconds: float) -> None:
            self.now += datetime.timedelta(seconds=seconds)

    moment = Clock()
    monkeypatch.setattr(timezone, "now", lambda: moment.now)
    return moment
