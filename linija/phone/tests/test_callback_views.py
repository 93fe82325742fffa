import pytest

from linija.accounts.models import AuditEntry
from linija.consultations.models import Consultation
from linija.phone.models import Callback
from linija.phone.services import call_event_apply, callback_claim, callback_request_create
from linija.phone.tests.conftest import CALLER, hangup, new_call

pytestmark = pytest.mark.django_db

LIST = "/en/staff/phone/callbacks/"


@pytest.fixture
def requested(clock):
    return callback_request_create(
        phone="8 612 34567", name="Ona", preferred_at=None, source="web_form"
    )


def detail(callback) -> str:
    return f"{LIST}{callback.pk}/"


def test_it_lets_in_staff_only(client, outsider, requested):
    assert client.get(LIST).status_code == 302
    client.force_login(outsider)
    assert client.get(LIST).status_code == 403
    assert client.get(detail(requested)).status_code == 403


def test_it_lists_missed_calls_and_requests_by_due_time(specialist_client, exchange, requested):
    call_event_apply(exchange=exchange, event=new_call("c1", **{"from": "+37069999999"}))
    call_event_apply(exchange=exchange, event=hangup("c1", cause="cancel"))

    page = specialist_client.get(LIST).content.decode()

    assert page.index("Ona") < page.index("Caller ")
    assert "Request on the website" in page and "Missed call" in page
    assert CALLER not in page
    assert "Take it" in page


def test_it_shows_the_number_to_call_and_audits_it(specialist_client, specialist, requested):
    page = specialist_client.get(detail(requested)).content.decode()

    assert f'href="tel:{CALLER}"' in page
    assert "Record a call back attempt" in page
    entry = AuditEntry.objects.get(action="view", object_type="phone.callback")
    assert entry.actor == specialist


def test_it_tells_why_a_missed_call_has_no_number(specialist_client, exchange):
    call_event_apply(exchange=exchange, event=new_call("c1"))
    call = call_event_apply(exchange=exchange, event=hangup("c1", cause="cancel")).call

    page = specialist_client.get(detail(call.callback)).content.decode()

    assert "Not stored: the person did not ask for a call back." in page
    assert f"/en/staff/phone/calls/{call.pk}/" in page


def test_it_lets_a_specialist_take_a_callback_from_the_list(
    specialist_client, specialist, requested
):
    response = specialist_client.post(
        f"{detail(requested)}claim/", {"action": "claim", "back": "list"}
    )

    assert response.status_code == 302
    assert response.url == LIST
    requested.refresh_from_db()
    assert requested.claimed_by == specialist
    mine = specialist_client.get(f"{LIST}?show=mine").content.decode()
    assert "Ona" in mine


def test_it_explains_that_a_colleague_has_the_callback(
    specialist_client, other_specialist, requested
):
    callback_claim(callback=requested, user=other_specialist)

    response = specialist_client.post(
        f"{detail(requested)}claim/", {"action": "release"}, follow=True
    )

    assert "Only the colleague who took it or a supervisor can do this." in (
        response.content.decode()
    )
    requested.refresh_from_db()
    assert requested.claimed_by == other_specialist


def test_it_opens_the_record_when_the_person_was_reached(specialist_client, specialist, requested):
    response = specialist_client.post(
        f"{detail(requested)}attempt/", {"outcome": "reached", "note": ""}
    )

    requested.refresh_from_db()
    record = requested.consultation
    assert response.status_code == 302
    assert response.url == f"/en/staff/consultations/{record.pk}/edit/"
    assert record.specialist == specialist
    assert requested.status == "done"
    done = specialist_client.get(f"{LIST}?show=done").content.decode()
    assert "The person was reached" in done


def test_it_records_no_answer_and_returns_to_the_queue(specialist_client, requested):
    response = specialist_client.post(
        f"{detail(requested)}attempt/", {"outcome": "no_answer", "note": "voicemail"}
    )

    assert response.status_code == 302
    assert response.url == LIST
    assert requested.attempts.get().note == "voicemail"
    assert "voicemail" in specialist_client.get(detail(requested)).content.decode()


def test_it_explains_a_wrong_attempt_and_records_nothing(specialist_client, requested):
    response = specialist_client.post(f"{detail(requested)}attempt/", {"outcome": "", "note": ""})

    assert response.status_code == 400
    assert "The attempt was not recorded" in response.content.decode()
    assert not requested.attempts.exists()


def test_it_closes_a_callback_and_erases_the_number(specialist_client, requested):
    response = specialist_client.post(f"{detail(requested)}close/")

    assert response.status_code == 302
    callback = Callback.objects.get()
    assert (callback.status, callback.phone, callback.name) == ("done", "", "")
    page = specialist_client.get(detail(callback)).content.decode()
    assert "Erased when the callback was done." in page
    assert "Record a call back attempt" not in page
    again = specialist_client.post(f"{detail(requested)}close/", follow=True)
    assert "This callback is already done." in again.content.decode()
    assert not Consultation.objects.exists()


def test_it_offers_no_attempt_or_close_on_a_colleagues_callback_and_refuses_them(
    client, specialist, other_specialist, requested
):
    callback_claim(callback=requested, user=other_specialist)
    client.force_login(specialist)

    page = client.get(detail(requested)).content.decode()
    closing = client.post(f"{detail(requested)}close/", follow=True).content.decode()
    trying = client.post(
        f"{detail(requested)}attempt/", {"outcome": "reached", "note": ""}, follow=True
    ).content.decode()

    assert "Record a call back attempt" not in page
    assert "Close without reaching the person" not in page
    assert "Only the colleague who took it or a supervisor can do this." in closing
    assert "Only the colleague who took it or a supervisor can do this." in trying
    requested.refresh_from_db()
    assert requested.is_open and requested.phone
    assert not requested.attempts.exists()
