import datetime

import pytest
from django.http import Http404

from linija.consultations.models import Consultation
from linija.hours.calendar import VILNIUS
from linija.hours.models import HoursException
from linija.phone.models import (
    Call,
    Callback,
    CallbackSource,
    CallbackStatus,
    CallState,
    Exchange,
    Extension,
    Queue,
)
from linija.phone.selectors import (
    access_call,
    access_callback,
    call_audience_includes,
    callback_list,
    callback_slots,
    dashboard_figures,
    earlier_contacts,
    earlier_records,
    exchange_for_token,
    inbox_items,
    live_calls,
    report_figures,
    staff_user_of,
)
from linija.phone.services import call_event_apply, callback_request_create
from linija.phone.tests.conftest import TOKEN, WEDNESDAY_NOON, answer, hangup, new_call

pytestmark = pytest.mark.django_db


def at(day: int, hour: int, minute: int = 0) -> datetime.datetime:
    return datetime.datetime(2026, 3, day, hour, minute, tzinfo=VILNIUS)


def test_it_finds_the_exchange_of_a_token_and_no_other(exchange):
    disabled = Exchange.objects.create(
        name="Off", token="disabled-exchange-token-0123", enabled=False
    )

    assert exchange_for_token(TOKEN) == exchange
    assert exchange_for_token(disabled.token) == disabled
    assert exchange_for_token(TOKEN[:-1]) is None
    assert exchange_for_token("") is None


def test_it_finds_staff_by_extension_first(specialist, other_specialist):
    Extension.objects.create(user=specialist, number="petras")

    assert staff_user_of(answering_number="petras", names=()) == specialist
    assert staff_user_of(answering_number="", names=["Petras"]) == other_specialist
    assert staff_user_of(answering_number="", names=["Petras", "nobody"]) == other_specialist
    assert staff_user_of(answering_number="", names=["Petras", "ona"]) is None


def test_it_finds_no_inactive_or_non_staff_person(specialist, outsider):
    Extension.objects.create(user=outsider, number="200")
    specialist.is_active = False
    specialist.save()

    assert staff_user_of(answering_number="200", names=()) is None
    assert staff_user_of(answering_number="ona", names=()) is None


def test_it_counts_earlier_calls_and_records_of_the_caller_once(exchange, clock):
    for call_id in ("c1", "c2"):
        call_event_apply(exchange=exchange, event=new_call(call_id))
        call_event_apply(exchange=exchange, event=answer(call_id))
        call_event_apply(exchange=exchange, event=hangup(call_id))
        clock.tick(600)
    key = Call.objects.first().caller_key
    Consultation.objects.create(
        channel="phone", started_at=clock.now - datetime.timedelta(days=2), caller_key=key
    )
    call_event_apply(exchange=exchange, event=new_call("c3"))
    latest = Call.objects.get(call_id="c3")

    assert earlier_contacts(caller_key=key, before=latest.started_at, call=latest) == 3
    assert earlier_contacts(caller_key="", before=latest.started_at) == 0
    first = Call.objects.get(call_id="c1")
    assert earlier_contacts(caller_key=key, before=first.started_at, call=first) == 1


def test_it_lists_only_earlier_records_the_user_may_open(
    exchange, clock, specialist, other_specialist
):
    call_event_apply(exchange=exchange, event=new_call("c1"))
    key = Call.objects.get().caller_key
    before = clock.now - datetime.timedelta(days=1)
    mine = Consultation.objects.create(
        channel="phone", started_at=before, caller_key=key, specialist=specialist
    )
    Consultation.objects.create(
        channel="phone", started_at=before, caller_key=key, specialist=other_specialist
    )

    assert list(earlier_records(user=specialist, call=Call.objects.get())) == [mine]


def test_it_shows_a_queues_calls_to_its_members_only(
    exchange, specialist, other_specialist, outsider
):
    queue = Queue.objects.create(name="adoption")
    queue.members.add(specialist)
    queued = call_event_apply(exchange=exchange, event=new_call("c1", queue="adoption")).call
    unknown_queue = call_event_apply(exchange=exchange, event=new_call("c2", queue="other")).call
    plain = call_event_apply(exchange=exchange, event=new_call("c3")).call

    assert call_audience_includes(call=queued, user=specialist)
    assert not call_audience_includes(call=queued, user=other_specialist)
    assert call_audience_includes(call=unknown_queue, user=other_specialist)
    assert call_audience_includes(call=plain, user=other_specialist)
    assert not call_audience_includes(call=plain, user=outsider)
    queued.specialist = other_specialist
    assert call_audience_includes(call=queued, user=other_specialist)
    assert [call.call_id for call in live_calls(user=other_specialist)] == ["c2", "c3"]


def test_it_lets_staff_open_calls_and_callbacks_and_nobody_else(exchange, specialist, outsider):
    call = call_event_apply(exchange=exchange, event=new_call("c1")).call
    callback = callback_request_create(phone="861234567", preferred_at=None, source="web_form")

    assert access_call(user=specialist, pk=call.pk) == call
    assert access_callback(user=specialist, pk=callback.pk) == callback
    for user, pk in ((outsider, call.pk), (specialist, call.pk + 1)):
        with pytest.raises(Http404):
            access_call(user=user, pk=pk)
    with pytest.raises(Http404):
        access_callback(user=outsider, pk=callback.pk)


def test_it_orders_open_callbacks_by_due_time(clock, specialist):
    later = callback_request_create(phone="861234567", preferred_at=at(5, 15), source="web_form")
    sooner = callback_request_create(phone="861234568", preferred_at=at(5, 13), source="web_form")
    now = callback_request_create(phone="861234569", preferred_at=None, source="web_form")

    assert list(callback_list(user=specialist)) == [now, sooner, later]
    assert list(callback_list(user=specialist, mine=True)) == []


def test_it_offers_hour_slots_of_the_next_five_working_days(clock):
    clock.set(at(4, 17, 30))

    days = callback_slots()

    assert [day.day.isoformat() for day in days] == [
        "2026-03-04",
        "2026-03-05",
        "2026-03-06",
        "2026-03-09",
        "2026-03-10",
    ]
    assert [slot.label for slot in days[0].slots] == ["18:00–19:00", "19:00–20:00"]
    assert len(days[1].slots) == 8
    assert days[1].slots[0].value == "2026-03-05T12:00:00+02:00"


def test_it_offers_no_slot_on_a_closed_day_and_a_shorter_day_before_a_holiday(clock):
    clock.set(at(9, 20, 30))
    HoursException.objects.create(date=datetime.date(2026, 3, 10), closed=True)

    days = callback_slots()

    # Tuesday is closed; Wednesday 11 March is a holiday, and Monday 9 March was the day before.
    assert days[0].day == datetime.date(2026, 3, 12)
    assert all(day.day != datetime.date(2026, 3, 10) for day in days)


def test_it_ends_the_last_slot_at_closing_time(clock):
    clock.set(at(13, 12, 0))
    HoursException.objects.create(
        date=datetime.date(2026, 3, 13),
        closed=False,
        opens=datetime.time(12, 0),
        closes=datetime.time(14, 30),
    )

    today = callback_slots()[0]

    assert [slot.label for slot in today.slots] == ["13:00–14:00", "14:00–14:30"]


def test_it_lists_live_calls_and_open_callbacks_in_the_inbox(exchange, clock, specialist, outsider):
    call_event_apply(exchange=exchange, event=new_call("c1"))
    call_event_apply(exchange=exchange, event=new_call("c2", **{"from": "+37069999999"}))
    call_event_apply(exchange=exchange, event=hangup("c2", cause="cancel"))
    requested = callback_request_create(
        phone="861234567", name="Ona", preferred_at=at(5, 14), source="chat"
    )

    items = {item.key: item for item in inbox_items(specialist)}

    ringing = Call.objects.get(call_id="c1")
    missed = Call.objects.get(call_id="c2")
    later = f"callback-{requested.pk}"
    assert set(items) == {f"call-{ringing.pk}", f"callback-{missed.callback_id}", later}
    assert items[f"call-{ringing.pk}"].status == CallState.RINGING
    assert items[f"callback-{missed.callback_id}"].status == "due"
    assert items[later].status == "scheduled"
    assert items[later].title.endswith("Ona")
    assert all("+370" not in item.title and "612" not in item.title for item in items.values())
    assert inbox_items(outsider) == []


def test_it_drops_a_call_ringing_for_hours_from_the_inbox(exchange, clock, specialist):
    call_event_apply(exchange=exchange, event=new_call("c1"))
    clock.set(WEDNESDAY_NOON + datetime.timedelta(hours=3))

    assert inbox_items(specialist) == []


def logged(call_id: str, state: str, started: datetime.datetime, **fields) -> Call:
    """A call in ``state``, answered a minute after it began when ``state`` says so."""
    answered = state in (CallState.ANSWERED, CallState.COMPLETED)
    return Call.objects.create(
        call_id=call_id,
        direction=fields.pop("direction", "in"),
        state=state,
        started_at=started,
        answered_at=started + datetime.timedelta(minutes=1) if answered else None,
        **fields,
    )


def test_it_counts_the_incoming_calls_answered_and_missed_in_a_period(db):
    logged("done", CallState.COMPLETED, at(2, 12))
    logged("going-on", CallState.ANSWERED, at(2, 13))
    logged("missed", CallState.MISSED, at(3, 14))
    logged("missed-late", CallState.MISSED, at(31, 23, 59))
    logged("forwarded", CallState.FORWARDED, at(3, 15))
    logged("blocked", CallState.REJECTED, at(3, 16))
    logged("ringing", CallState.RINGING, at(3, 17))
    logged("callback", CallState.COMPLETED, at(3, 18), direction="out")
    logged("not-reached", CallState.NOT_REACHED, at(3, 19), direction="out")
    logged("february", CallState.MISSED, at(1, 0) - datetime.timedelta(minutes=1))
    logged("april", CallState.COMPLETED, datetime.datetime(2026, 4, 1, tzinfo=VILNIUS))

    figures = report_figures(
        since=at(1, 0),
        until=datetime.datetime(2026, 4, 1, tzinfo=VILNIUS),
        records=Consultation.objects.all(),
    )

    assert figures == {"answered.phone": 2, "missed.phone": 2}


def test_it_counts_the_phone_today_for_the_dashboard(db):
    now = at(4, 15)
    logged("ringing", CallState.RINGING, now - datetime.timedelta(minutes=1))
    logged("lost-ringing", CallState.RINGING, at(4, 12))  # no hangup came: not live
    logged("talking", CallState.ANSWERED, at(4, 14, 30))
    logged("calling-back", CallState.ANSWERED, at(4, 14, 50), direction="out")
    logged("done", CallState.COMPLETED, at(4, 12, 30))
    logged("answered-yesterday", CallState.COMPLETED, at(3, 19))
    logged("missed", CallState.MISSED, at(4, 0, 5))
    logged("missed-yesterday", CallState.MISSED, at(3, 23, 55))
    logged("forwarded", CallState.FORWARDED, at(4, 13))
    for due_at, status in (
        (at(4, 14), CallbackStatus.OPEN),
        (now, CallbackStatus.OPEN),
        (at(4, 16), CallbackStatus.OPEN),
        (at(4, 13), CallbackStatus.DONE),
    ):
        Callback.objects.create(source=CallbackSource.MISSED_CALL, due_at=due_at, status=status)

    assert dashboard_figures(now=now) == {
        "waiting": 1,
        "active": 2,
        "answered": 2,
        "missed": 1,
        "callbacks_due": 2,
    }
