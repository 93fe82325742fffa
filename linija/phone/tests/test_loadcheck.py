"""Concurrent call event sequences against a real ASGI server: no call lost or doubled, each
in the state its events imply."""

import pytest

from linija.phone.loadcheck import check, post_all, sequences
from linija.phone.models import Call, Callback, Exchange
from linija.phone.tests.conftest import TOKEN

pytestmark = pytest.mark.django_db(transaction=True)


def test_it_records_every_call_once_in_the_right_state(asgi_server):
    exchange = Exchange.objects.create(name="PBX", token=TOKEN)
    server = asgi_server()
    planned = sequences(48, prefix="load")

    outcome = post_all(url=f"{server.url}/api/v1/cti/{TOKEN}", sequences=planned, workers=12)

    assert outcome.errors == []
    assert outcome.requests == sum(len(sequence.steps) for sequence in planned)
    assert check(exchange=exchange, sequences=planned) == []
    assert Call.objects.count() == 48
    assert Callback.objects.count() == 6


def test_it_reports_what_differs(exchange):
    planned = sequences(2, prefix="x")

    assert check(exchange=exchange, sequences=planned) == [
        "0 calls stored for 2 sequences",
        "x-0: missing",
        "x-1: missing",
    ]
