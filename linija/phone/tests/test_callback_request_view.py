import pytest
from django.test import Client

from linija.phone.models import Callback
from linija.phone.tests.conftest import CALLER

pytestmark = pytest.mark.django_db

URL = "/en/perskambinkite/"
SLOT = "2026-03-05T14:00:00+02:00"


def valid(**values) -> dict:
    return {
        "phone": "8 612 34567",
        "name": "Ona",
        "preferred": SLOT,
        "consent": "on",
        "website": "",
        **values,
    }


def test_it_has_a_lithuanian_address_in_both_languages(client, clock):
    lithuanian = client.get("/perskambinkite/")
    english = client.get(URL)

    assert lithuanian.status_code == english.status_code == 200
    assert "Paprašykite" in lithuanian.content.decode()
    assert "Ask us to call you back" in english.content.decode()


def test_it_offers_only_slots_inside_opening_hours(client, clock):
    page = client.get(URL).content.decode()

    assert '<option value="" selected>As soon as possible' in page
    assert '<optgroup label="Today, March 4">' in page
    assert '<optgroup label="Tomorrow, March 5">' in page
    assert f'<option value="{SLOT}">14:00–15:00</option>' in page
    assert "2026-03-04T13:00:00" not in page
    assert "2026-03-07T" not in page
    assert 'class="phone-hp"' in page
    assert 'autocomplete="off"' in page


def test_it_stores_a_valid_request_and_thanks(client, clock):
    response = client.post(URL, valid())

    assert response.status_code == 302
    assert response.url == "/en/perskambinkite/gauta/"
    callback = Callback.objects.get()
    assert (callback.phone, callback.name, callback.source) == (CALLER, "Ona", "web_form")
    assert callback.preferred_at.isoformat() == "2026-03-05T12:00:00+00:00"
    assert "We will call you back" in client.get(response.url).content.decode()


def test_it_takes_a_request_without_a_time(client, clock):
    client.post(URL, valid(preferred="", name=""))

    callback = Callback.objects.get()
    assert callback.preferred_at is None
    assert callback.due_at == clock.now


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"phone": "12345"}, "Enter a phone number"),
        ({"phone": ""}, "This field is required."),
        ({"consent": ""}, "Please tick this box"),
        ({"preferred": "2026-03-07T14:00:00+02:00"}, "Select a valid choice."),
        ({"name": "x" * 101}, "at most 100 characters"),
    ],
)
def test_it_explains_what_is_wrong_and_stores_nothing(client, clock, values, message):
    response = client.post(URL, valid(**values))

    assert response.status_code == 400
    page = response.content.decode()
    assert 'role="alert"' in page
    assert message in page
    assert not Callback.objects.exists()


def test_it_stores_nothing_a_robot_sends_but_thanks_it_alike(client, clock):
    response = client.post(URL, valid(website="http://spam.example"))

    assert response.status_code == 302
    assert not Callback.objects.exists()


def test_it_limits_requests_from_one_address_to_five_an_hour(client, clock):
    for number in range(5):
        client.post(URL, valid(phone=f"+3706123456{number}"))
    assert Callback.objects.count() == 5

    limited = client.post(URL, valid(phone="+37061234569"))

    assert limited.status_code == 429
    assert "Too many requests" in limited.content.decode()
    assert Callback.objects.count() == 5
    other_address = Client(REMOTE_ADDR="10.0.0.9").post(URL, valid(phone="+37061234569"))
    assert other_address.status_code == 302
    assert Callback.objects.count() == 6
