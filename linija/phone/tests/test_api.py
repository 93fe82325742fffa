"""The CTI webhook's contract: every event, field and error, as an exchange sees it."""

import datetime

import pytest
from django.test import Client

from linija.consultations.models import Channel, Consultation, ContactOrder, Status
from linija.hours.calendar import VILNIUS
from linija.phone.models import (
    BlockedNumber,
    Call,
    Callback,
    CallbackSource,
    CallState,
    Exchange,
    Extension,
)
from linija.phone.tests.conftest import (
    CALLER,
    WEDNESDAY_NIGHT,
    answer,
    cti_url,
    hangup,
    new_call,
)
from linija.privacy.pseudonyms import pseudonym

pytestmark = pytest.mark.django_db


def test_it_is_mounted_outside_the_language_prefix(exchange, post):
    assert exchange.webhook_path() == cti_url()
    assert post(new_call("c1")).status_code == 200


def test_it_records_a_new_incoming_call_and_answers_an_empty_object(
    exchange, post, clock, broadcasts
):
    response = post(new_call("c1", queue="linija", user=["Aistė", "Tomas"]))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.json() == {}
    call = Call.objects.get()
    assert call.exchange == exchange
    assert call.call_id == "c1"
    assert call.state == CallState.RINGING
    assert call.direction == "in"
    assert call.queue == "linija"
    assert call.line == "880020300"
    assert call.started_at == clock.now
    assert call.caller_key == pseudonym("phone", CALLER)
    assert not call.anonymous
    assert broadcasts == [
        (
            "phone.call_incoming",
            {
                "id": call.pk,
                "state": "ringing",
                "direction": "in",
                "queue": "linija",
                "specialist_id": None,
            },
        )
    ]


def test_it_never_stores_or_announces_the_number_in_clear(exchange, post, broadcasts):
    post(new_call("c1", **{"from": "8 612 34567"}))

    stored = [str(value) for value in Call.objects.values().get().values()]
    assert not any("612" in value and "34567" in value for value in stored)
    assert "34567" not in repr(broadcasts)


def test_it_reads_form_bodies_with_user_brackets(exchange, post, specialist):
    Extension.objects.create(user=specialist, number="101")
    post(new_call("c1", **{"user[]": ["Aistė", "Tomas"]}), form=True)

    response = post(answer("c1", **{"user[]": ["101"]}), form=True)

    assert response.status_code == 200
    assert Call.objects.get().specialist == specialist


def test_it_walks_a_call_through_answer_and_hangup(exchange, post, clock, broadcasts, specialist):
    Extension.objects.create(user=specialist, number="101")
    post(new_call("c1"))
    clock.tick(12)
    assert post(answer("c1", answeringNumber="101")).json() == {}
    call = Call.objects.get()
    assert call.state == CallState.ANSWERED
    assert call.specialist == specialist
    assert call.wait_seconds == 12
    record = call.consultation
    assert record.channel == Channel.PHONE
    assert record.started_at == clock.now
    assert record.ended_at is None
    assert record.specialist == specialist
    assert record.status == Status.DRAFT

    clock.tick(300)
    assert post(hangup("c1")).json() == {}

    call.refresh_from_db()
    record.refresh_from_db()
    assert call.state == CallState.COMPLETED
    assert call.cause == "normalClearing"
    assert call.talk_seconds == 300
    assert record.ended_at == clock.now
    assert record.talk_seconds == 300
    assert [event for event, _data in broadcasts] == [
        "phone.call_incoming",
        "phone.call_answered",
        "phone.call_ended",
    ]


@pytest.mark.parametrize(
    ("field", "value"),
    [("answeringNumber", "ona"), ("answeringNumber", "ona@example.lt"), ("user", "Ona")],
)
def test_it_finds_who_answered_by_user_name_e_mail_or_name(
    exchange, post, specialist, field, value
):
    specialist.email = "ona@example.lt"
    specialist.save()
    post(new_call("c1"))

    post(answer("c1", **{field: value}))

    assert Call.objects.get().specialist == specialist


def test_it_leaves_the_answer_unassigned_when_the_name_is_nobody_or_ambiguous(
    exchange, post, specialist, other_specialist, outsider
):
    post(new_call("c1"))
    post(new_call("c2"))
    post(new_call("c3"))

    post(answer("c1", answeringNumber="nobody"))
    post(answer("c2", user=["ona", "petras"]))
    post(answer("c3", answeringNumber="pasalinis"))

    assert set(Call.objects.values_list("specialist", flat=True)) == {None}
    assert Consultation.objects.filter(specialist__isnull=True).count() == 3


def test_it_refuses_a_second_new_call_with_the_same_call_id(exchange, post):
    post(new_call("c1"))

    response = post(new_call("c1", **{"from": "+37069999999"}))

    assert response.status_code == 422
    assert response.json()["code"] == "duplicate_call"
    assert response.json()["error"]
    assert Call.objects.get().caller_key == pseudonym("phone", CALLER)


def test_it_keeps_call_ids_of_different_exchanges_apart(exchange, post):
    other = Exchange.objects.create(name="Other", token="other-exchange-token-0123456789")
    post(new_call("c1"))

    assert post(new_call("c1"), token=other.token).status_code == 200
    assert Call.objects.filter(call_id="c1").count() == 2


@pytest.mark.parametrize("event", [answer("nope"), hangup("nope")])
def test_it_refuses_an_answer_or_hangup_of_an_unknown_call_and_changes_nothing(
    exchange, post, event
):
    response = post(event)

    assert response.status_code == 422
    assert response.json()["code"] == "unknown_call"
    assert not Call.objects.exists()
    assert not Consultation.objects.exists()


@pytest.mark.parametrize("token", ["wrong-token", "test-exchange-token-012345678", "x"])
def test_it_answers_401_to_a_wrong_token_and_changes_nothing(exchange, post, token):
    response = post(new_call("c1"), token=token)

    assert response.status_code == 401
    assert response.json()["code"] == "invalid_token"
    assert response.json()["error"]
    assert not Call.objects.exists()


def test_it_answers_422_for_a_disabled_exchange(exchange, post):
    exchange.enabled = False
    exchange.save()

    response = post(new_call("c1"))

    assert response.status_code == 422
    assert response.json()["code"] == "disabled"
    assert not Call.objects.exists()


def test_it_needs_no_csrf_token(exchange):
    strict = Client(enforce_csrf_checks=True)

    assert strict.post(cti_url(), new_call("c1")).status_code == 200


def test_it_refuses_other_methods(exchange, client):
    assert client.get(cti_url()).status_code == 405


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"callId": "c1", "direction": "in", "to": "1"}, "event"),
        ({**new_call("c1"), "event": "ring"}, "event"),
        ({**new_call("c1"), "callId": ""}, "callId"),
        ({**new_call("c1"), "callId": "x" * 251}, "callId"),
        ({**new_call("c1"), "callId": 12345}, "callId"),
        ({**new_call("c1"), "callId": "a\x00b"}, "callId"),
        ({k: v for k, v in new_call("c1").items() if k != "direction"}, "direction"),
        ({**new_call("c1"), "direction": "sideways"}, "direction"),
        ({**new_call("c1"), "from": "x" * 101}, "from"),
        ({**new_call("c1"), "from": "sip:\x07@pbx"}, "from"),
        ({k: v for k, v in new_call("c1").items() if k != "to"}, "to"),
        ({**new_call("c1", direction="out"), "to": "anonymous"}, "to"),
        ({**new_call("c1"), "user": {"name": "Ona"}}, "user"),
        ({**new_call("c1"), "user": ["Ona", 7]}, "user"),
        ({**new_call("c1"), "user": ["x" * 151]}, "user"),
        ({**new_call("c1"), "queue": "q" * 101}, "queue"),
        ({**hangup("c1"), "cause": "c" * 101}, "cause"),
        ({**answer("c1"), "answeringNumber": ["101"]}, "answeringNumber"),
    ],
)
def test_it_names_the_invalid_field_and_changes_nothing(exchange, post, body, field):
    response = post(body)

    assert response.status_code == 422
    assert response.json()["code"] == "invalid_field"
    assert field in response.json()["error"]
    assert not Call.objects.exists()


@pytest.mark.parametrize(
    ("body", "content_type"),
    [("{not json", "application/json"), ("[1, 2]", "application/json"), ("7", "text/json")],
)
def test_it_refuses_a_body_that_is_not_an_object(exchange, client, body, content_type):
    response = client.post(cti_url(), body, content_type=content_type)

    assert response.status_code == 422
    assert response.json()["code"] == "invalid_body"
    assert not Call.objects.exists()


def test_it_refuses_an_answer_whose_direction_differs_from_the_call(exchange, post):
    post(new_call("c1"))

    response = post(answer("c1", direction="out"))

    assert response.status_code == 422
    assert Call.objects.get().state == CallState.RINGING


def test_it_ignores_fields_outside_the_contract(exchange, post):
    assert post(new_call("c1", extra="x", callerName="Ona")).status_code == 200


def test_it_tells_the_exchange_to_reject_a_blocked_number(exchange, post, broadcasts):
    BlockedNumber.objects.create(exchange=exchange, caller_key=pseudonym("phone", CALLER))

    first = post(new_call("c1", **{"from": "8 612 34567"}))
    again = post(new_call("c1"))
    post(answer("c1"))
    post(hangup("c1", cause="busy"))

    assert first.json() == {"action": "reject", "reason": "busy"}
    assert again.json() == {"action": "reject", "reason": "busy"}
    call = Call.objects.get()
    assert call.state == CallState.REJECTED
    assert call.answered_at is None
    assert call.ended_at is not None
    assert not Callback.objects.exists()
    assert not Consultation.objects.exists()
    assert broadcasts == []


def test_it_blocks_only_incoming_calls_of_that_exchange(exchange, post):
    BlockedNumber.objects.create(exchange=exchange, caller_key=pseudonym("phone", CALLER))

    outgoing = post(new_call("c1", direction="out", **{"from": "101", "to": CALLER}))

    assert outgoing.json() == {}
    assert Call.objects.get().state == CallState.RINGING


# --- Duplicates and events out of order -----------------------------------------------------


SEQUENCES = {
    "in order": ["new", "answer", "hangup"],
    "twice each": ["new", "answer", "answer", "hangup", "hangup"],
    "hangup before answer": ["new", "hangup", "answer"],
    "hangup twice before answer": ["new", "hangup", "hangup", "answer", "answer"],
}


@pytest.mark.parametrize("order", SEQUENCES.values(), ids=SEQUENCES.keys())
def test_it_ends_answered_whatever_the_order_of_answer_and_hangup(
    exchange, post, clock, order, specialist
):
    Extension.objects.create(user=specialist, number="101")
    events = {
        "new": new_call("c1"),
        "answer": answer("c1", answeringNumber="101"),
        "hangup": hangup("c1"),
    }
    for name in order:
        clock.tick(10)
        post(events[name])

    call = Call.objects.get()
    assert call.state == CallState.COMPLETED
    assert call.specialist == specialist
    assert call.answered_at <= call.ended_at
    assert Consultation.objects.count() == 1
    record = call.consultation
    assert (record.started_at, record.ended_at) == (call.answered_at, call.ended_at)
    assert record.specialist == specialist
    assert not Callback.objects.exists()


def test_it_keeps_the_first_answer_and_the_first_hangup(exchange, post, clock, specialist):
    Extension.objects.create(user=specialist, number="101")
    post(new_call("c1"))
    clock.tick(5)
    post(answer("c1", answeringNumber="101"))
    answered = clock.now
    clock.tick(60)
    post(answer("c1", answeringNumber="999"))
    post(hangup("c1"))
    ended = clock.now
    clock.tick(60)
    post(hangup("c1", cause="busy"))

    call = Call.objects.get()
    assert (call.answered_at, call.ended_at, call.cause) == (answered, ended, "normalClearing")
    assert call.specialist == specialist


def test_it_withdraws_the_callback_of_a_call_whose_answer_came_late(exchange, post, broadcasts):
    post(new_call("c1"))
    post(hangup("c1", cause="normalClearing"))
    assert Call.objects.get().state == CallState.MISSED
    assert Callback.objects.count() == 1

    post(answer("c1"))

    call = Call.objects.get()
    assert call.state == CallState.COMPLETED
    assert call.callback is None
    assert not Callback.objects.exists()
    assert ("phone.callback_changed", "gone") in [
        (event, data.get("status")) for event, data in broadcasts
    ]


@pytest.mark.parametrize("cause", ["cancel", "noAnswer", "busy", "congestion", "notFound"])
def test_it_keeps_a_call_missed_when_an_answer_comes_after_its_unanswered_hangup(
    exchange, post, cause
):
    post(new_call("c1"))
    post(hangup("c1", cause=cause))

    late = post(answer("c1", answeringNumber="101"))

    assert late.status_code == 200
    call = Call.objects.get()
    assert (call.state, call.answered_at, call.consultation) == (CallState.MISSED, None, None)
    assert call.callback.is_open
    assert not Consultation.objects.exists()


# --- What exchanges write ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "kind", "key_of"),
    [
        ("sip:+37061234567@pbx.example.lt", "phone", CALLER),
        ("tel:+370-612-34567", "phone", CALLER),
        ("8 612 34567", "phone", CALLER),
        ("**21", "phone-other", "**21"),
        ("sip:Ona.Caller@pbx.example.lt", "phone-other", "ona.caller"),
        ("101", "phone-other", "101"),
    ],
)
def test_it_keys_any_party_string_and_keeps_the_line_as_sent(exchange, post, written, kind, key_of):
    line = "sip:+37080020300@linija.example.lt;user=phone"

    response = post(new_call("c1", **{"from": written, "to": line}))

    assert response.status_code == 200
    call = Call.objects.get()
    assert (call.caller_key, call.anonymous) == (pseudonym(kind, key_of), False)
    assert call.line == line
    stored = Call.objects.values().get()
    assert written not in {str(value) for value in stored.values()}


@pytest.mark.parametrize("written", ["unknown", "RESTRICTED", "sip:anonymous@anonymous.invalid"])
def test_it_takes_withheld_party_strings_as_no_number(exchange, post, written):
    post(new_call("c1", **{"from": written}))
    post(hangup("c1", cause="cancel"))

    call = Call.objects.get()
    assert (call.caller_key, call.anonymous, call.state) == ("", True, CallState.MISSED)


def test_it_keeps_the_user_names_as_the_exchange_sent_them(exchange, post, specialist):
    Extension.objects.create(user=specialist, number="101")
    post(new_call("c1", user=["  Aistė Jonaitė ", "tomas"]))
    assert Call.objects.get().users == ["  Aistė Jonaitė ", "tomas"]

    post(answer("c1", user="Ona (101)", answeringNumber="sip:101@pbx.example.lt"))

    call = Call.objects.get()
    assert call.users == ["Ona (101)"]
    assert call.specialist == specialist


@pytest.mark.parametrize(
    "by", [{"user": "voicemail"}, {"user": ["Voicemail"]}, {"answeringNumber": "voicemail"}]
)
def test_it_leaves_a_call_answered_by_voicemail_to_be_called_back(exchange, post, broadcasts, by):
    post(new_call("c1"))

    post(answer("c1", **by))
    waiting = Call.objects.get()
    post(hangup("c1", cause="normalClearing"))

    assert (waiting.state, waiting.voicemail, waiting.answered_at) == (CallState.MISSED, True, None)
    call = Call.objects.get()
    assert call.state == CallState.MISSED
    assert call.callback.is_open
    assert call.callback.source == CallbackSource.MISSED_CALL
    assert not Consultation.objects.exists()
    assert ("phone.call_ended", "missed") in [(e, d.get("state")) for e, d in broadcasts]


def test_it_counts_an_outgoing_call_answered_by_voicemail_as_not_reached(exchange, post):
    post(new_call("c1"))
    post(hangup("c1", cause="cancel"))

    post(new_call("o1", direction="out", **{"from": "101", "to": CALLER}))
    post(answer("o1", user="voicemail"))
    post(hangup("o1"))

    outgoing = Call.objects.get(call_id="o1")
    assert outgoing.state == CallState.NOT_REACHED
    callback = Callback.objects.get()
    assert callback.is_open
    assert list(callback.attempts.values_list("outcome", flat=True)) == ["no_answer"]


# --- Missed calls ---------------------------------------------------------------------------


@pytest.mark.parametrize("cause", ["cancel", "noAnswer", "busy", "congestion", "notFound"])
def test_it_puts_an_unanswered_incoming_call_in_the_callback_queue(exchange, post, clock, cause):
    post(new_call("c1"))
    clock.tick(40)
    post(hangup("c1", cause=cause))

    call = Call.objects.get()
    assert call.state == CallState.MISSED
    callback = call.callback
    assert callback.source == CallbackSource.MISSED_CALL
    assert callback.caller_key == pseudonym("phone", CALLER)
    assert callback.phone == ""
    assert callback.due_at == call.started_at
    assert not Consultation.objects.exists()


def test_it_puts_a_call_missed_after_hours_in_the_queue_for_the_next_opening(exchange, post, clock):
    clock.set(WEDNESDAY_NIGHT)
    post(new_call("c1"))
    post(hangup("c1", cause="cancel"))

    callback = Callback.objects.get()
    assert callback.due_at == datetime.datetime(2026, 3, 5, 12, 0, tzinfo=VILNIUS)


def test_it_counts_a_missed_anonymous_call_without_a_callback(exchange, post):
    post(new_call("c1", **{"from": "anonymous"}))
    post(new_call("c2", **{"from": ""}))
    post(hangup("c1", cause="cancel"))
    post(hangup("c2", cause="noAnswer"))

    assert list(Call.objects.values_list("state", "anonymous", "caller_key")) == [
        (CallState.MISSED, True, ""),
        (CallState.MISSED, True, ""),
    ]
    assert not Callback.objects.exists()


def test_it_does_not_count_a_forwarded_call_as_missed(exchange, post):
    post(new_call("c1"))
    post(hangup("c1", cause="forwarded"))

    assert Call.objects.get().state == CallState.FORWARDED
    assert not Callback.objects.exists()


def test_it_does_not_count_an_unanswered_outgoing_call_as_missed(exchange, post):
    post(new_call("c1", direction="out", **{"from": "101", "to": CALLER}))
    post(hangup("c1", cause="noAnswer"))

    assert Call.objects.get().state == CallState.NOT_REACHED
    assert not Callback.objects.exists()


def test_it_keeps_one_callback_for_repeated_missed_calls(exchange, post, clock):
    for call_id in ("c1", "c2", "c3"):
        post(new_call(call_id))
        clock.tick(30)
        post(hangup(call_id, cause="cancel"))

    callback = Callback.objects.get()
    assert callback.calls.count() == 3


def test_it_closes_the_missed_call_callback_when_the_person_gets_through(exchange, post):
    post(new_call("c1"))
    post(hangup("c1", cause="cancel"))
    post(new_call("c2"))
    post(answer("c2"))

    callback = Callback.objects.get()
    assert callback.status == "done"
    assert callback.close_reason == "called_again"


def test_it_marks_a_repeat_caller_on_the_draft_record(exchange, post):
    post(new_call("c1"))
    post(hangup("c1", cause="cancel"))
    post(new_call("c2"))
    post(answer("c2"))

    assert Call.objects.get(call_id="c2").consultation.contact_order == ContactOrder.REPEAT


# --- Outgoing calls: calling people back ----------------------------------------------------


def test_it_counts_an_outgoing_call_to_a_waiting_person_as_an_attempt(exchange, post, specialist):
    Extension.objects.create(user=specialist, number="101")
    post(new_call("c1"))
    post(hangup("c1", cause="cancel"))
    callback = Callback.objects.get()

    post(new_call("o1", direction="out", **{"from": "101", "to": "8 612 34567"}))
    post(hangup("o1", cause="noAnswer"))
    callback.refresh_from_db()
    assert callback.is_open
    assert list(callback.attempts.values_list("outcome", "by")) == [("no_answer", specialist.pk)]

    post(new_call("o2", direction="out", user="ona", **{"from": "+37080020300", "to": CALLER}))
    post(answer("o2"))
    post(hangup("o2"))
    callback.refresh_from_db()
    assert callback.status == "done"
    assert callback.close_reason == "reached"
    outgoing = Call.objects.get(call_id="o2")
    assert callback.consultation == outgoing.consultation
    assert outgoing.consultation.specialist == specialist
    assert callback.attempts.count() == 2


def test_it_counts_an_outgoing_callback_reached_even_when_its_answer_comes_late(
    exchange, post, specialist
):
    post(new_call("c1"))
    post(hangup("c1", cause="cancel"))

    post(new_call("o1", direction="out", **{"from": "101", "to": CALLER}))
    post(hangup("o1"))
    post(answer("o1"))

    callback = Callback.objects.get()
    assert callback.status == "done"
    assert list(callback.attempts.values_list("outcome", flat=True)) == ["reached"]


@pytest.mark.parametrize("cause", [None, "exploded", "USER_BUSY"])
def test_it_ends_a_call_on_any_cause_or_none_and_keeps_the_cause(exchange, post, cause):
    post(new_call("c1"))
    body = {"event": "hangup", "callId": "c1"} | ({"cause": cause} if cause else {})

    response = post(body)

    call = Call.objects.get()
    assert response.status_code == 200
    assert (call.state, call.cause) == ("missed", cause or "")
    assert call.ended_at is not None
