import datetime

import pytest
from django.utils import timezone

from linija.accounts.models import AuditEntry
from linija.consultations.models import Consultation
from linija.phone.models import Call, CallState
from linija.phone.services import call_event_apply
from linija.phone.tests.conftest import answer, hangup, new_call

pytestmark = pytest.mark.django_db


def local(moment: datetime.datetime) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%dT%H:%M:%S")


@pytest.mark.parametrize(
    "url", ["/en/staff/phone/calls/", "/en/staff/phone/calls/log/", "/en/staff/phone/calls/live/"]
)
def test_it_lets_in_staff_only(client, outsider, url):
    assert client.get(url).status_code == 302
    client.force_login(outsider)
    assert client.get(url).status_code == 403


def test_it_lists_calls_with_their_state_and_no_number(specialist_client, exchange, clock):
    call_event_apply(exchange=exchange, event=new_call("c1"))
    call_event_apply(exchange=exchange, event=hangup("c1", cause="cancel"))
    call_event_apply(exchange=exchange, event=new_call("c2", **{"from": "anonymous"}))

    page = specialist_client.get("/en/staff/phone/calls/").content.decode()
    missed_only = specialist_client.get("/en/staff/phone/calls/?state=missed").content.decode()

    assert "Missed" in page and "Ringing" in page
    assert "Anonymous caller" in page
    assert "612" not in page
    assert "Anonymous caller" not in missed_only


def test_it_shows_a_call_with_the_earlier_records_the_user_may_open(
    specialist_client, specialist, other_specialist, exchange, clock
):
    call_event_apply(exchange=exchange, event=new_call("c1"))
    call = Call.objects.get()
    earlier = clock.now - datetime.timedelta(days=3)
    mine = Consultation.objects.create(
        channel="phone", started_at=earlier, caller_key=call.caller_key, specialist=specialist
    )
    theirs = Consultation.objects.create(
        channel="phone", started_at=earlier, caller_key=call.caller_key, specialist=other_specialist
    )

    page = specialist_client.get(f"/en/staff/phone/calls/{call.pk}/").content.decode()

    assert "2 earlier contacts from this number." in page
    assert f"/en/staff/consultations/{mine.pk}/" in page
    assert f"/en/staff/consultations/{theirs.pk}/" not in page
    assert "I took this call" in page
    assert AuditEntry.objects.filter(action="view", object_type="phone.call").count() == 1


def test_it_opens_the_record_of_a_call_taken(specialist_client, specialist, exchange):
    call = call_event_apply(exchange=exchange, event=new_call("c1")).call

    response = specialist_client.post(f"/en/staff/phone/calls/{call.pk}/take/")

    call.refresh_from_db()
    assert response.status_code == 302
    assert response.url == f"/en/staff/consultations/{call.consultation_id}/edit/"
    assert call.specialist == specialist


def test_it_explains_why_a_call_cannot_be_taken(specialist_client, other_specialist, exchange):
    call = call_event_apply(exchange=exchange, event=new_call("c1")).call
    call_event_apply(exchange=exchange, event=hangup("c1", cause="cancel"))

    response = specialist_client.post(f"/en/staff/phone/calls/{call.pk}/take/", follow=True)

    assert "This call ended without an answer." in response.content.decode()
    assert not Consultation.objects.exists()


def test_it_lists_the_live_calls_of_the_user(specialist_client, exchange):
    ringing = call_event_apply(exchange=exchange, event=new_call("c1")).call
    call_event_apply(exchange=exchange, event=new_call("c2"))
    call_event_apply(exchange=exchange, event=answer("c2"))
    call_event_apply(exchange=exchange, event=hangup("c2"))

    assert specialist_client.get("/en/staff/phone/calls/live/").json() == {"calls": [ringing.pk]}


def test_it_logs_a_call_by_hand_and_opens_its_record(specialist_client, specialist, clock):
    started = clock.now - datetime.timedelta(minutes=15)
    form = specialist_client.get("/en/staff/phone/calls/log/").content.decode()
    assert "Log a phone consultation" in form

    response = specialist_client.post(
        "/en/staff/phone/calls/log/",
        {
            "direction": "in",
            "started_at": local(started),
            "ended_at": local(started + datetime.timedelta(minutes=9)),
            "phone": "+370 612 34567",
        },
    )

    call = Call.objects.get()
    assert response.status_code == 302
    assert response.url == f"/en/staff/consultations/{call.consultation_id}/edit/"
    assert call.state == CallState.COMPLETED
    assert call.consultation.talk_seconds == 9 * 60
    assert call.consultation.specialist == specialist


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"phone": "123"}, "Enter a phone number"),
        ({"started_at": "yesterday"}, "Enter a valid date/time."),
        ({"ended_at": "2026-03-04T12:00:00"}, "The end cannot be before the start."),
        ({"direction": "sideways"}, "Select a valid choice."),
    ],
)
def test_it_logs_nothing_from_a_wrong_form(specialist_client, clock, values, message):
    data = {"direction": "in", "started_at": local(clock.now), "ended_at": "", "phone": ""}

    response = specialist_client.post("/en/staff/phone/calls/log/", {**data, **values})

    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Call.objects.exists()
    assert not Consultation.objects.exists()
