"""The generic-CTI request sequences as Zammad's CTI API documentation gives them (newCall,
answer, hangup; inbound and outbound; JSON, multipart form and url-encoded bodies; ``callId``
and ``call_id``), and the cases real exchanges add, replayed against the webhook: each answer
and each resulting call state is checked."""

import json
from urllib.parse import urlencode

import pytest

from linija.accounts import roles
from linija.phone.models import (
    BlockedNumber,
    Call,
    Callback,
    CallerIdRule,
    CallState,
    Extension,
)
from linija.phone.services import calls_timed_out_end
from linija.phone.tests.conftest import cti_url
from linija.privacy.pseudonyms import pseudonym
from linija.testing.fixtures import make_user

pytestmark = pytest.mark.django_db

LINE = "37080020300"
PERSON = "37061234567"
# As in the documentation's set-up: a caller ID per destination prefix and a default.
DEFAULT_ID, MOBILE_ID, VILNIUS_ID = "37080020300", "37080020301", "37052000000"
BODIES = ["json", "multipart", "urlencoded"]
SPELLINGS = ["callId", "call_id"]


@pytest.fixture
def emma(django_user_model):
    user = make_user(django_user_model, "ema", roles.SPECIALIST)
    user.email, user.first_name, user.last_name = "ema@linija.example.lt", "Ema", "Tamošaitė"
    user.save()
    return user


@pytest.fixture
def rules(db):
    CallerIdRule.objects.create(prefix="", caller_id=DEFAULT_ID, note="every other number")
    CallerIdRule.objects.create(prefix="3706", caller_id=MOBILE_ID, note="mobiles")
    CallerIdRule.objects.create(prefix="37052", caller_id=VILNIUS_ID, note="Vilnius")


@pytest.fixture(params=[(body, spelling) for body in BODIES for spelling in SPELLINGS])
def send(request, client, exchange):
    """Post one event as an exchange would, in one body kind and one call-id spelling."""
    body, spelling = request.param

    def post(fields: dict) -> dict:
        fields = dict(fields)
        if spelling == "call_id":
            fields["call_id"] = fields.pop("callId")
        if body == "json":
            response = client.post(cti_url(), json.dumps(fields), content_type="application/json")
        else:
            users = fields.pop("user", [])
            form = {**fields, "user[]": users if isinstance(users, list) else [users]}
            if body == "multipart":
                response = client.post(cti_url(), form)
            else:
                encoded = urlencode(form, doseq=True)
                response = client.post(
                    cti_url(), encoded, content_type="application/x-www-form-urlencoded"
                )
        assert response.status_code == 200, response.content
        return response.json()

    return post


def event(name: str, call_id: str, direction: str, **fields) -> dict:
    sender, receiver = (PERSON, LINE) if direction == "in" else (LINE, PERSON)
    return {
        "event": name,
        "from": sender,
        "to": receiver,
        "direction": direction,
        "callId": call_id,
        **fields,
    }


def call(call_id: str) -> Call:
    return Call.objects.get(call_id=call_id)


# --- The documented sequences ---------------------------------------------------------------


def test_it_replays_an_inbound_call_answered_and_ended(send, emma):
    users = ["Kristupas Mileris", "Ema Tamošaitė"]
    answering = {"user": "Ema Tamošaitė", "answeringNumber": "ema@linija.example.lt"}

    assert send(event("newCall", "in-1", "in", user=users)) == {}
    assert call("in-1").state == CallState.RINGING
    assert send(event("answer", "in-1", "in", **answering)) == {}
    assert (call("in-1").state, call("in-1").specialist) == (CallState.ANSWERED, emma)
    assert send(event("hangup", "in-1", "in", cause="normalClearing", **answering)) == {}

    done = call("in-1")
    assert (done.state, done.cause, done.specialist) == (
        CallState.COMPLETED,
        "normalClearing",
        emma,
    )
    assert done.users == ["Ema Tamošaitė"]
    assert done.consultation.specialist == emma
    assert done.caller_key == pseudonym("phone", f"+{PERSON}")


def test_it_replays_an_outbound_call_with_its_caller_id(send, rules, emma):
    Extension.objects.create(user=emma, number="101")
    dial = {"action": "dial", "caller_id": MOBILE_ID, "number": PERSON}

    assert send(event("newCall", "out-1", "out", user="Ema Tamošaitė")) == dial
    assert send(event("answer", "out-1", "out")) == {}
    assert send(event("hangup", "out-1", "out", user="Ema Tamošaitė", cause="cancel")) == {}

    done = call("out-1")
    assert (done.state, done.specialist) == (CallState.COMPLETED, emma)
    assert done.consultation is not None


@pytest.mark.parametrize(
    ("to", "caller_id"), [("37052123456", VILNIUS_ID), ("492214710334", DEFAULT_ID)]
)
def test_it_replays_an_outbound_call_nobody_answered(send, rules, to, caller_id):
    dial = {"action": "dial", "caller_id": caller_id, "number": to}

    assert send({**event("newCall", "out-2", "out"), "to": to}) == dial
    assert send({**event("hangup", "out-2", "out", cause="noAnswer"), "to": to}) == {}

    assert call("out-2").state == CallState.NOT_REACHED


def test_it_replays_an_inbound_call_the_caller_gave_up_on(send):
    assert send(event("newCall", "in-2", "in")) == {}
    assert send(event("hangup", "in-2", "in", cause="cancel")) == {}

    missed = call("in-2")
    assert missed.state == CallState.MISSED
    assert missed.callback.is_open


def test_it_replays_a_blocked_caller(send, exchange):
    BlockedNumber.objects.create(exchange=exchange, caller_key=pseudonym("phone", f"+{PERSON}"))

    assert send(event("newCall", "in-3", "in")) == {"action": "reject", "reason": "busy"}
    assert send(event("hangup", "in-3", "in", cause="busy")) == {}

    assert call("in-3").state == CallState.REJECTED


# --- What real exchanges add ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("sender", "anonymous"),
    [
        (f"sip:+{PERSON}@pbx.example.lt", False),
        (f"tel:+{PERSON}", False),
        ("**21", False),
        ("Anonymous", True),
        ("restricted", True),
        ("unknown", True),
    ],
)
def test_it_replays_calls_from_any_party_string(send, sender, anonymous):
    assert send({**event("newCall", "in-4", "in"), "from": sender}) == {}
    assert send(event("hangup", "in-4", "in", cause="cancel")) == {}

    missed = call("in-4")
    assert (missed.state, missed.anonymous) == (CallState.MISSED, anonymous)
    assert (missed.callback_id is not None) == (not anonymous)


def test_it_replays_an_answer_by_voicemail(send):
    send(event("newCall", "in-5", "in"))
    assert send(event("answer", "in-5", "in", user="voicemail")) == {}
    send(event("hangup", "in-5", "in", cause="normalClearing"))

    voicemail = call("in-5")
    assert (voicemail.state, voicemail.consultation) == (CallState.MISSED, None)
    assert voicemail.callback.is_open


def test_it_replays_an_answer_after_the_unanswered_hangup(send):
    send(event("newCall", "in-6", "in"))
    send(event("hangup", "in-6", "in", cause="cancel"))
    assert send(event("answer", "in-6", "in", answeringNumber="101")) == {}

    assert call("in-6").state == CallState.MISSED
    assert Callback.objects.get().is_open


@pytest.mark.parametrize("cause", [None, "", "ORIGINATOR_CANCEL", "timeout"])
def test_it_replays_a_hangup_with_any_cause_or_none(send, cause):
    send(event("newCall", "in-7", "in"))
    hangup = event("hangup", "in-7", "in") | ({"cause": cause} if cause is not None else {})
    assert send(hangup) == {}

    ended = call("in-7")
    assert (ended.state, ended.cause) == (CallState.MISSED, cause or "")


def test_it_replays_calls_the_exchange_never_ended(send, clock):
    send(event("newCall", "in-8", "in"))
    send({**event("newCall", "in-9", "in"), "from": "37069999999"})
    send(event("answer", "in-9", "in"))
    clock.tick(3 * 3600)

    assert calls_timed_out_end(now=clock.now) == 2

    assert (call("in-8").state, call("in-9").state) == (CallState.MISSED, CallState.UNKNOWN_END)
    assert send(event("hangup", "in-9", "in", cause="normalClearing")) == {}
    assert call("in-9").state == CallState.COMPLETED
