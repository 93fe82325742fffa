import datetime
import itertools
import threading

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from linija.accounts.models import AuditEntry
from linija.accounts.services import DEMO_ACCOUNTS
from linija.consultations.models import Consultation, Status
from linija.hours.calendar import VILNIUS
from linija.phone.cti import CtiError
from linija.phone.models import (
    AttemptOutcome,
    Call,
    Callback,
    CallbackSource,
    CallState,
    Exchange,
    Extension,
)
from linija.phone.selectors import live_calls
from linija.phone.services import (
    DEMO_EXCHANGE_TOKEN,
    RETRY_AFTER,
    call_event_apply,
    call_log,
    call_take,
    callback_attempt_add,
    callback_claim,
    callback_close,
    callback_release,
    callback_request_create,
    calls_timed_out_end,
    exchange_demo_ensure,
    party_key,
)
from linija.phone.tasks import calls_timed_out_end_every_five_minutes
from linija.phone.tests.conftest import (
    CALLER,
    WEDNESDAY_NIGHT,
    WEDNESDAY_NOON,
    answer,
    hangup,
    new_call,
)
from linija.privacy.pseudonyms import pseudonym

pytestmark = pytest.mark.django_db

THURSDAY_TWO_PM = datetime.datetime(2026, 3, 5, 14, 0, tzinfo=VILNIUS)


def missed_call(exchange, call_id="m1", number=CALLER) -> Call:
    call_event_apply(exchange=exchange, event=new_call(call_id, **{"from": number}))
    return call_event_apply(exchange=exchange, event=hangup(call_id, cause="cancel")).call


# --- The call state machine -----------------------------------------------------------------

call_numbers = itertools.count()


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    events=st.lists(st.sampled_from(["answer", "hangup"]), min_size=0, max_size=6),
    cause=st.sampled_from(["normalClearing", "cancel", "noAnswer", "busy", "forwarded"]),
)
def test_it_ends_in_the_state_the_events_imply_in_any_order(exchange, events, cause):
    call_id = f"h{next(call_numbers)}"
    call_event_apply(exchange=exchange, event=new_call(call_id))
    for name in events:
        event = answer(call_id) if name == "answer" else hangup(call_id, cause=cause)
        call_event_apply(exchange=exchange, event=event)

    call = Call.objects.get(call_id=call_id)
    ended = "hangup" in events
    # An answer counts before the hangup, or after one whose cause does not deny it.
    in_time = events[: events.index("hangup")] if ended else events
    answered = "answer" in in_time or (cause == "normalClearing" and "answer" in events)
    if answered:
        expected = CallState.COMPLETED if ended else CallState.ANSWERED
    elif not ended:
        expected = CallState.RINGING
    else:
        expected = CallState.FORWARDED if cause == "forwarded" else CallState.MISSED
    assert call.state == expected
    assert (call.consultation_id is not None) == answered
    assert (call.callback_id is not None) == (expected == CallState.MISSED)
    if answered and ended:
        assert call.answered_at <= call.ended_at
        assert call.consultation.ended_at == call.ended_at


# --- Calls the exchange never ended ---------------------------------------------------------


def test_it_ends_calls_left_ringing_or_answered_past_the_timeout(
    exchange, clock, settings, specialist
):
    settings.LINIJA_PHONE_CALL_TIMEOUT_MINUTES = 30
    call_event_apply(exchange=exchange, event=new_call("ringing"))
    call_event_apply(exchange=exchange, event=new_call("talking", **{"from": "+37069999999"}))
    call_event_apply(exchange=exchange, event=answer("talking"))
    clock.tick(20 * 60)
    call_event_apply(exchange=exchange, event=new_call("fresh", **{"from": "+37068888888"}))
    clock.tick(11 * 60)

    ended = calls_timed_out_end(now=clock.now)

    assert ended == 2
    states = dict(Call.objects.values_list("call_id", "state"))
    assert states == {
        "ringing": CallState.MISSED,
        "talking": CallState.UNKNOWN_END,
        "fresh": CallState.RINGING,
    }
    missed = Call.objects.get(call_id="ringing")
    assert missed.callback.is_open and missed.timed_out
    talking = Call.objects.get(call_id="talking")
    assert talking.talk_seconds is None
    assert talking.consultation.ended_at is None
    assert [call.call_id for call in live_calls(user=specialist, now=clock.now)] == ["fresh"]
    assert calls_timed_out_end(now=clock.now) == 0


def test_it_takes_a_hangup_that_arrives_after_the_timeout_as_the_true_end(exchange, clock):
    call_event_apply(exchange=exchange, event=new_call("c1"))
    call_event_apply(exchange=exchange, event=answer("c1"))
    clock.tick(3 * 3600)
    calls_timed_out_end(now=clock.now)
    clock.tick(60)

    call = call_event_apply(exchange=exchange, event=hangup("c1")).call

    assert (call.state, call.ended_at, call.timed_out) == (CallState.COMPLETED, clock.now, False)
    assert call.talk_seconds == 3 * 3600 + 60


def test_it_ends_timed_out_calls_from_the_worker(exchange, clock):
    call_event_apply(exchange=exchange, event=new_call("c1"))
    clock.tick(3 * 3600)

    calls_timed_out_end_every_five_minutes.call_local()

    assert Call.objects.get().state == CallState.MISSED


def test_it_refuses_events_of_a_disabled_exchange_before_reading_them(exchange):
    exchange.enabled = False

    with pytest.raises(CtiError) as refused:
        call_event_apply(exchange=exchange, event={"nonsense": True})

    assert refused.value.code == "disabled"


@pytest.mark.django_db(transaction=True)
def test_it_records_one_call_when_the_same_new_call_races(exchange):
    outcomes: list[str] = []

    def post() -> None:
        try:
            call_event_apply(exchange=exchange, event=new_call("race"))
            outcomes.append("created")
        except CtiError as error:
            outcomes.append(error.code)
        finally:
            connection.close()

    threads = [threading.Thread(target=post) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert Call.objects.count() == 1
    assert sorted(outcomes) == ["created"] + ["duplicate_call"] * 7


def test_it_keys_numbers_that_are_not_public_phone_numbers_apart():
    assert party_key("") == ""
    assert party_key("8 612 34567") == pseudonym("phone", CALLER)
    assert party_key("101") == pseudonym("phone-other", "101")
    assert party_key("101") != party_key("102")


def test_it_keeps_the_specialists_own_times_on_the_record(exchange, clock):
    call_event_apply(exchange=exchange, event=new_call("c1"))
    call = call_event_apply(exchange=exchange, event=answer("c1")).call
    record = call.consultation
    record.started_at = clock.now + datetime.timedelta(minutes=3)
    record.save()
    clock.tick(60)

    call_event_apply(exchange=exchange, event=hangup("c1"))

    record.refresh_from_db()
    assert record.ended_at is None
    assert Call.objects.get().state == CallState.COMPLETED


def test_it_leaves_a_completed_record_alone(exchange, specialist, clock):
    call_event_apply(exchange=exchange, event=new_call("c1"))
    record = call_event_apply(exchange=exchange, event=answer("c1")).call.consultation
    Consultation.objects.filter(pk=record.pk).update(
        status=Status.COMPLETED, ended_at=clock.now, specialist=specialist
    )
    clock.tick(60)

    call_event_apply(exchange=exchange, event=hangup("c1"))

    record.refresh_from_db()
    assert record.ended_at == clock.now - datetime.timedelta(seconds=60)


# --- Calls handled by staff -----------------------------------------------------------------


def test_it_gives_a_ringing_call_to_the_specialist_who_takes_it(
    exchange, specialist, clock, broadcasts
):
    call = call_event_apply(exchange=exchange, event=new_call("c1")).call
    clock.tick(8)

    record = call_take(call=call, user=specialist)

    call.refresh_from_db()
    assert call.state == CallState.ANSWERED
    assert call.specialist == specialist
    assert call.wait_seconds == 8
    assert record == call.consultation
    assert record.specialist == specialist
    assert record.started_at == clock.now
    assert broadcasts[-1][0] == "phone.call_answered"
    assert AuditEntry.objects.filter(actor=specialist, action="change").exists()

    clock.tick(30)
    call_event_apply(exchange=exchange, event=answer("c1"))
    call_event_apply(exchange=exchange, event=hangup("c1"))
    call.refresh_from_db()
    assert call.specialist == specialist
    assert call.talk_seconds == 30


def test_it_gives_an_unassigned_answered_call_to_who_takes_it(exchange, specialist):
    call_event_apply(exchange=exchange, event=new_call("c1"))
    call = call_event_apply(exchange=exchange, event=answer("c1")).call
    assert call.consultation.specialist is None

    record = call_take(call=call, user=specialist)

    assert record.specialist == specialist
    assert Consultation.objects.count() == 1


def test_it_refuses_to_take_a_colleagues_call_and_changes_nothing(
    exchange, specialist, other_specialist
):
    call = call_event_apply(exchange=exchange, event=new_call("c1")).call
    call_take(call=call, user=other_specialist)

    with pytest.raises(ValidationError):
        call_take(call=call, user=specialist)

    call.refresh_from_db()
    assert call.specialist == other_specialist
    assert call.consultation.specialist == other_specialist


def test_it_refuses_to_take_a_missed_call(exchange, specialist):
    call = missed_call(exchange)

    with pytest.raises(ValidationError):
        call_take(call=call, user=specialist)

    assert not Consultation.objects.exists()


def test_it_logs_a_call_taken_without_the_exchange(specialist, clock):
    started = clock.now - datetime.timedelta(minutes=20)

    call = call_log(
        user=specialist,
        started_at=started,
        ended_at=started + datetime.timedelta(minutes=12),
        direction="in",
        phone="8 612 34567",
    )

    assert call.is_manual
    assert call.state == CallState.COMPLETED
    assert call.caller_key == pseudonym("phone", CALLER)
    record = call.consultation
    assert (record.specialist, record.talk_seconds) == (specialist, 12 * 60)
    assert record.caller_key == call.caller_key
    assert AuditEntry.objects.filter(actor=specialist, object_type="phone.call").exists()


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"phone": "12"}, "phone"),
        ({"ended_at": WEDNESDAY_NOON - datetime.timedelta(hours=1)}, "ended_at"),
        ({"started_at": WEDNESDAY_NOON + datetime.timedelta(hours=1)}, "started_at"),
        ({"direction": "up"}, "direction"),
    ],
)
def test_it_logs_nothing_from_wrong_values(specialist, clock, values, field):
    arguments = {
        "started_at": clock.now,
        "ended_at": None,
        "direction": "in",
        "phone": "",
        **values,
    }

    with pytest.raises(ValidationError) as refused:
        call_log(user=specialist, **arguments)

    assert field in refused.value.message_dict
    assert not Call.objects.exists()
    assert not Consultation.objects.exists()


# --- Callback requests ----------------------------------------------------------------------


def test_it_stores_a_callback_request_with_the_number_in_clear(clock, broadcasts):
    callback = callback_request_create(
        phone="8 612 34567",
        name="  Ona   K. ",
        preferred_at=THURSDAY_TWO_PM,
        source=CallbackSource.WEB_FORM,
    )

    assert callback.phone == CALLER
    assert callback.name == "Ona K."
    assert callback.caller_key == pseudonym("phone", CALLER)
    assert callback.due_at == THURSDAY_TWO_PM
    assert callback.preferred_until == THURSDAY_TWO_PM + datetime.timedelta(hours=1)
    assert callback.created_at == clock.now
    assert broadcasts[-1][0] == "phone.callback_changed"
    entry = AuditEntry.objects.get(object_type="phone.callback")
    assert "Ona" not in entry.object_repr


def test_it_makes_a_request_without_a_time_due_now_or_at_the_next_opening(clock):
    now = callback_request_create(phone=CALLER, preferred_at=None, source="chat")
    clock.set(WEDNESDAY_NIGHT)
    later = callback_request_create(phone="+37069999999", preferred_at=None, source="chat")

    assert now.due_at == WEDNESDAY_NOON
    assert later.due_at == datetime.datetime(2026, 3, 5, 12, 0, tzinfo=VILNIUS)


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"phone": "not a number"}, "phone"),
        ({"phone": "+370 612 345"}, "phone"),
        ({"name": "x" * 101}, "name"),
        ({"preferred_at": datetime.datetime(2026, 3, 5, 21, 0, tzinfo=VILNIUS)}, "preferred_at"),
        ({"preferred_at": datetime.datetime(2026, 3, 7, 14, 0, tzinfo=VILNIUS)}, "preferred_at"),
        ({"preferred_at": datetime.datetime(2026, 3, 3, 14, 0, tzinfo=VILNIUS)}, "preferred_at"),
        ({"preferred_at": datetime.datetime(2026, 6, 3, 14, 0, tzinfo=VILNIUS)}, "preferred_at"),
    ],
)
def test_it_stores_nothing_from_a_wrong_request(clock, values, field):
    arguments = {"phone": CALLER, "name": "", "preferred_at": None, **values}

    with pytest.raises(ValidationError) as refused:
        callback_request_create(source=CallbackSource.WEB_FORM, **arguments)

    assert field in refused.value.message_dict
    assert not Callback.objects.exists()


def test_it_refuses_an_unknown_source():
    with pytest.raises(ValueError):
        callback_request_create(phone=CALLER, preferred_at=None, source="missed_call")


def test_it_updates_the_waiting_callback_of_the_same_person(exchange, clock):
    waiting = missed_call(exchange).callback

    callback = callback_request_create(
        phone="8 612 34567", name="Ona", preferred_at=THURSDAY_TWO_PM, source="web_form"
    )

    assert callback == waiting
    assert Callback.objects.count() == 1
    callback.refresh_from_db()
    assert (callback.source, callback.phone, callback.name) == ("web_form", CALLER, "Ona")
    assert callback.due_at == THURSDAY_TWO_PM


# --- Working through the callback queue -----------------------------------------------------


@pytest.fixture
def request_callback(clock):
    return callback_request_create(
        phone=CALLER, name="Ona", preferred_at=None, source=CallbackSource.WEB_FORM
    )


def test_it_lets_a_specialist_take_and_give_back_a_callback(request_callback, specialist):
    callback_claim(callback=request_callback, user=specialist)
    request_callback.refresh_from_db()
    assert request_callback.claimed_by == specialist

    callback_release(callback=request_callback, user=specialist)
    request_callback.refresh_from_db()
    assert request_callback.claimed_by is None


def test_it_keeps_a_taken_callback_with_who_took_it(
    request_callback, specialist, other_specialist, supervisor
):
    callback_claim(callback=request_callback, user=specialist)

    with pytest.raises(ValidationError):
        callback_claim(callback=request_callback, user=other_specialist)
    with pytest.raises(ValidationError):
        callback_release(callback=request_callback, user=other_specialist)
    request_callback.refresh_from_db()
    assert request_callback.claimed_by == specialist

    callback_release(callback=request_callback, user=supervisor)
    request_callback.refresh_from_db()
    assert request_callback.claimed_by is None


def test_it_lets_only_the_holder_or_a_supervisor_try_or_close_a_taken_callback(
    request_callback, specialist, other_specialist, supervisor
):
    callback_claim(callback=request_callback, user=specialist)

    with pytest.raises(ValidationError):
        callback_close(callback=request_callback, user=other_specialist)
    for outcome in AttemptOutcome.values:
        with pytest.raises(ValidationError):
            callback_attempt_add(callback=request_callback, user=other_specialist, outcome=outcome)
    request_callback.refresh_from_db()
    assert (request_callback.status, request_callback.phone) == ("open", "+37061234567")
    assert not request_callback.attempts.exists()

    callback_close(callback=request_callback, user=supervisor)
    request_callback.refresh_from_db()
    assert (request_callback.status, request_callback.phone) == ("done", "")


def test_it_brings_a_callback_round_again_after_no_answer(request_callback, specialist, clock):
    attempt = callback_attempt_add(
        callback=request_callback, user=specialist, outcome="no_answer", note="  voicemail "
    )

    request_callback.refresh_from_db()
    assert request_callback.is_open
    assert request_callback.due_at == clock.now + RETRY_AFTER
    assert request_callback.claimed_by == specialist
    assert (attempt.note, attempt.by, attempt.at) == ("voicemail", specialist, clock.now)


def test_it_closes_a_reached_callback_with_a_draft_record_and_erases_the_number(
    request_callback, specialist, clock
):
    attempt = callback_attempt_add(callback=request_callback, user=specialist, outcome="reached")

    callback = Callback.objects.get()
    assert callback.status == "done"
    assert (callback.phone, callback.name) == ("", "")
    assert callback.close_reason == "reached"
    assert callback.closed_by == specialist
    record = callback.consultation
    assert attempt.callback.consultation == record
    assert (record.channel, record.started_at, record.specialist) == (
        "phone",
        clock.now,
        specialist,
    )
    assert record.caller_key == pseudonym("phone", CALLER)
    assert record.status == Status.DRAFT


def test_it_closes_a_callback_to_a_wrong_number(request_callback, specialist):
    callback_attempt_add(callback=request_callback, user=specialist, outcome="wrong_number")

    callback = Callback.objects.get()
    assert (callback.status, callback.close_reason, callback.phone) == ("done", "wrong_number", "")
    assert not Consultation.objects.exists()


def test_it_closes_a_callback_without_reaching_the_person(request_callback, specialist):
    callback_close(callback=request_callback, user=specialist)

    callback = Callback.objects.get()
    assert (callback.status, callback.close_reason, callback.phone) == ("done", "gave_up", "")


@pytest.mark.parametrize(("outcome", "note"), [("maybe", ""), ("no_answer", "x" * 301)])
def test_it_records_no_wrong_attempt(request_callback, specialist, outcome, note):
    with pytest.raises(ValidationError):
        callback_attempt_add(callback=request_callback, user=specialist, outcome=outcome, note=note)

    assert not request_callback.attempts.exists()


def test_it_changes_nothing_on_a_done_callback(request_callback, specialist):
    callback_close(callback=request_callback, user=specialist)

    for change in (callback_claim, callback_release, callback_close):
        with pytest.raises(ValidationError):
            change(callback=request_callback, user=specialist)
    with pytest.raises(ValidationError):
        callback_attempt_add(callback=request_callback, user=specialist, outcome="reached")
    assert not Consultation.objects.exists()


# --- The demo exchange ----------------------------------------------------------------------


def test_it_creates_the_demo_exchange_once_with_extensions(django_user_model):
    for account in DEMO_ACCOUNTS:
        user = django_user_model.objects.create(username=account.username)
        user.groups.add(Group.objects.get(name=account.role))

    exchange_demo_ensure()
    exchange = exchange_demo_ensure()

    assert Exchange.objects.get() == exchange
    assert exchange.token == DEMO_EXCHANGE_TOKEN
    assert dict(Extension.objects.values_list("number", "user__username")) == {
        "101": "specialistas",
        "102": "specialistas2",
        "103": "vadovas",
    }


def test_it_refuses_the_demo_exchange_in_production(settings):
    settings.PRODUCTION = True

    with pytest.raises(PermissionDenied):
        exchange_demo_ensure()

    assert not Exchange.objects.exists()
