"""No exchange token and no caller's number in any log line: Django's request log (4xx
answers), the development server's and uvicorn's access log; and the token can travel in a
header instead of the address."""

import io
import json
import logging
import urllib.error
import urllib.request

import pytest

from linija.phone.models import Call
from linija.phone.tests.conftest import CALLER, TOKEN, cti_url, new_call
from linija.privacy.logfilter import REDACTED

WRONG = "wrong-token-abcdefghijklmnop"
NUMBER = CALLER.lstrip("+")


@pytest.fixture
def log_output(monkeypatch):
    """What the configured handlers of Django's loggers and the root write."""
    stream = io.StringIO()
    for name in ("django.request", "django.server"):
        logger = logging.getLogger(name)
        while logger is not None:
            for handler in logger.handlers:
                if isinstance(handler, logging.StreamHandler) and not type(
                    handler
                ).__module__.startswith("_pytest"):
                    monkeypatch.setattr(handler, "stream", stream)
            logger = logger.parent if logger.propagate else None
    return stream


@pytest.mark.parametrize("debug", [False, True])
def test_it_logs_refused_events_without_the_token_or_the_number(
    exchange, client, log_output, settings, debug
):
    settings.DEBUG = debug

    unknown = client.post(cti_url(WRONG), new_call("c1"))
    invalid = client.post(f"{cti_url()}?from={NUMBER}&event=newCall", {"callId": "c1"})

    assert (unknown.status_code, invalid.status_code) == (401, 422)
    written = log_output.getvalue()
    assert "Unauthorized" in written and "Unprocessable" in written
    assert REDACTED in written
    for secret in (TOKEN, WRONG, NUMBER):
        assert secret not in written


def test_it_takes_the_token_in_an_authorization_header(exchange, client):
    body = json.dumps(new_call("h1"))

    taken = client.post(
        "/api/v1/cti",
        body,
        content_type="application/json",
        headers={"Authorization": f"Bearer {TOKEN}"},
    )
    refused = client.post(
        "/api/v1/cti",
        body,
        content_type="application/json",
        headers={"Authorization": f"Bearer {WRONG}"},
    )
    bare = client.post("/api/v1/cti", body, content_type="application/json")

    assert taken.status_code == 200
    assert (refused.status_code, bare.status_code) == (401, 401)
    assert Call.objects.get().call_id == "h1"


def test_it_keeps_the_token_out_of_uvicorns_access_log(asgi_server, exchange):
    server = asgi_server(access_log=True)
    events = [(cti_url(), new_call("u1")), (cti_url(WRONG), new_call("u2"))]
    events.append((f"{cti_url()}?event=hangup&callId=u1&from={NUMBER}", {}))

    statuses = []
    for path, event in events:
        request = urllib.request.Request(
            server.url + path,
            data=json.dumps(event).encode(),
            headers={"Content-Type": "application/json"},
        )
        try:
            with urllib.request.urlopen(request, timeout=10) as answer:
                statuses.append(answer.status)
        except urllib.error.HTTPError as error:
            statuses.append(error.code)
    server.process.terminate()
    server.process.wait(timeout=10)

    assert statuses == [200, 401, 200]
    written = server.log.read_text()
    assert written.count(f"/api/v1/cti/{REDACTED}") >= 3
    for secret in (TOKEN, WRONG, NUMBER):
        assert secret not in written
