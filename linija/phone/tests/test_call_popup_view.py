import pytest

from linija.consultations.models import Consultation
from linija.phone.models import CallbackSource, Extension, Queue
from linija.phone.services import call_event_apply, callback_claim, callback_request_create
from linija.phone.tests.conftest import CALLER, answer, hangup, new_call

pytestmark = pytest.mark.django_db


def popup(client, call) -> tuple[int, str]:
    response = client.get(f"/en/staff/phone/calls/{call.pk}/popup/")
    return response.status_code, response.content.decode()


def test_it_shows_a_ringing_call_with_a_button_to_answer(specialist_client, exchange):
    call = call_event_apply(exchange=exchange, event=new_call("c1")).call

    status, html = popup(specialist_client, call)

    assert status == 200
    assert html.startswith('<section class="phone-popup phone-popup-ringing"')
    assert 'data-fresh="1"' in html
    assert "Incoming call" in html
    assert "First call from this number" in html
    assert f'action="/en/staff/phone/calls/{call.pk}/take/"' in html
    assert 'name="csrfmiddlewaretoken"' in html
    assert "612" not in html


def test_it_counts_the_earlier_contacts_of_a_repeat_caller(specialist_client, exchange):
    for call_id in ("c1", "c2"):
        call_event_apply(exchange=exchange, event=new_call(call_id))
        call_event_apply(exchange=exchange, event=hangup(call_id, cause="cancel"))
    call = call_event_apply(exchange=exchange, event=new_call("c3")).call

    assert "Repeat caller: 2 earlier contacts" in popup(specialist_client, call)[1]


def test_it_says_when_the_number_is_withheld(specialist_client, exchange):
    call = call_event_apply(exchange=exchange, event=new_call("c1", **{"from": "anonymous"})).call

    html = popup(specialist_client, call)[1]

    assert "Number withheld" in html
    assert "Anonymous caller" in html


def test_it_gives_the_one_who_answered_the_record_with_its_end(
    client, specialist, other_specialist, exchange
):
    Extension.objects.create(user=specialist, number="101")
    call_event_apply(exchange=exchange, event=new_call("c1"))
    call = call_event_apply(exchange=exchange, event=answer("c1", answeringNumber="101")).call
    record = f"/en/staff/consultations/{call.consultation_id}/edit/"

    client.force_login(specialist)
    status, mine = popup(client, call)
    assert status == 200
    assert 'data-fresh="1"' in mine
    assert f'href="{record}"' in mine
    assert "You are on this call" in mine

    client.force_login(other_specialist)
    theirs = popup(client, call)[1]
    assert 'data-fresh="0"' in theirs
    assert "Answered by Ona" in theirs
    assert record not in theirs
    assert "/take/" not in theirs

    call_event_apply(exchange=exchange, event=hangup("c1"))
    client.force_login(specialist)
    ended = popup(client, call)[1]
    assert "Call ended" in ended
    assert f'data-record-path="{record}"' in ended
    assert 'data-ended-at="2' in ended


def test_it_offers_an_unassigned_answered_call_to_whoever_took_it(specialist_client, exchange):
    call_event_apply(exchange=exchange, event=new_call("c1"))
    call = call_event_apply(exchange=exchange, event=answer("c1")).call

    html = popup(specialist_client, call)[1]

    assert f'action="/en/staff/phone/calls/{call.pk}/take/"' in html
    assert "I took this call: open the record" in html


def test_it_points_a_missed_call_to_its_callback(specialist_client, exchange):
    call_event_apply(exchange=exchange, event=new_call("c1"))
    call = call_event_apply(exchange=exchange, event=hangup("c1", cause="cancel")).call

    html = popup(specialist_client, call)[1]

    assert "Missed call" in html
    assert f"/en/staff/phone/callbacks/{call.callback_id}/" in html
    assert not Consultation.objects.exists()


def test_it_shows_nothing_to_those_outside_the_queue(
    client, specialist, other_specialist, outsider, exchange
):
    Queue.objects.create(name="adoption").members.add(specialist)
    call = call_event_apply(exchange=exchange, event=new_call("c1", queue="adoption")).call
    outgoing = call_event_apply(
        exchange=exchange, event=new_call("o1", direction="out", to="+37061234567")
    ).call

    client.force_login(other_specialist)
    assert popup(client, call) == (204, "")
    client.force_login(specialist)
    assert popup(client, call)[0] == 200
    assert popup(client, outgoing) == (204, "")
    client.force_login(outsider)
    assert popup(client, call)[0] == 403


# --- A person waiting for a call back rings in ----------------------------------------------


@pytest.fixture
def requested(clock):
    return callback_request_create(
        phone=CALLER, name="Ona", preferred_at=None, source=CallbackSource.WEB_FORM
    )


def test_it_says_the_caller_asked_to_be_called_back_and_closes_it_once_answered(
    specialist_client, specialist, exchange, requested
):
    call = call_event_apply(exchange=exchange, event=new_call("c1")).call
    ringing = popup(specialist_client, call)[1]
    close_url = f"/en/staff/phone/calls/{call.pk}/callback/close/"
    assert "This caller is waiting for a call back (Request on the website" in ringing
    assert close_url not in ringing
    assert "Ona" not in ringing and "612" not in ringing

    specialist_client.post(f"/en/staff/phone/calls/{call.pk}/take/")
    answered = popup(specialist_client, call)[1]
    assert close_url in answered and "They called: close their callback" in answered
    closed = specialist_client.post(close_url)

    assert closed.status_code == 302
    requested.refresh_from_db()
    call.refresh_from_db()
    assert (requested.status, requested.close_reason) == ("done", "called_again")
    assert requested.consultation == call.consultation is not None
    assert (requested.phone, requested.name) == ("", "")
    assert "waiting for a call back" not in popup(specialist_client, call)[1]


def test_it_leaves_a_colleagues_callback_to_them(
    specialist_client, other_specialist, exchange, requested
):
    callback_claim(callback=requested, user=other_specialist)
    call = call_event_apply(exchange=exchange, event=new_call("c1")).call
    specialist_client.post(f"/en/staff/phone/calls/{call.pk}/take/")

    html = popup(specialist_client, call)[1]
    refused = specialist_client.post(f"/en/staff/phone/calls/{call.pk}/callback/close/")

    assert "Taken by Petras." in html
    assert "They called: close their callback" not in html
    assert f"/en/staff/phone/callbacks/{requested.pk}/" in html
    assert refused.status_code == 302
    requested.refresh_from_db()
    assert requested.is_open
