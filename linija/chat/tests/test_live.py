import pytest
from django.db import transaction

from linija.chat import live
from linija.testing.aio import run_async

pytestmark = pytest.mark.django_db(transaction=True)


def test_it_sends_a_services_broadcasts_from_the_callers_loop_after_the_commit(monkeypatch):
    sent = []

    async def send_all(sends):
        sent.extend(sends)

    def no_hop(function):
        raise AssertionError("a service run by call() must not hop back into the loop")

    monkeypatch.setattr(live, "send_all", send_all)
    monkeypatch.setattr(live, "async_to_sync", no_hop)

    @transaction.atomic
    def service(*, body):
        live.broadcast(("one", {"body": body}), ("two", {"body": body}))
        assert not sent
        return body

    assert run_async(live.call(service, body="x")) == "x"
    assert sent == [("one", {"body": "x"}), ("two", {"body": "x"})]


def test_it_sends_nothing_of_a_service_that_rolled_back(monkeypatch):
    sent = []

    async def send_all(sends):
        sent.extend(sends)

    monkeypatch.setattr(live, "send_all", send_all)

    @transaction.atomic
    def service():
        live.broadcast(("one", {}))
        raise ValueError

    with pytest.raises(ValueError):
        run_async(live.call(service))
    assert sent == []
