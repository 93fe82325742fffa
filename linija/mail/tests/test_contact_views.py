"""The public "write to us" form: clear errors, a honeypot, a rate limit, nothing stored on
bad input."""

import pytest
from django.urls import reverse

from linija.consultations.models import Conversation
from linija.mail.models import OutboxMessage

pytestmark = pytest.mark.django_db

GOOD = {
    "name": "",
    "email": "ona@example.lt",
    "topic": "adoption",
    "text": "Kiek trunka įvaikinimas?",
    "consent": "on",
    "website": "",
}


def test_it_shows_the_form_in_lithuanian_and_english(client):
    page = client.get("/rasykite/")
    assert page.status_code == 200
    html = page.content.decode()
    assert 'name="email"' in html and 'name="website"' in html
    assert reverse("site:privacy") in html
    assert "Įvaikinimas" in html
    assert "Non-counselling" not in html and "Ne konsultacija" not in html
    english = client.get("/en/rasykite/")
    assert english.status_code == 200
    assert "Write to us" in english.content.decode()


def test_it_is_in_the_public_menu(client):
    assert 'href="/rasykite/"' in client.get("/").content.decode()


def test_it_creates_a_conversation_and_thanks_the_person(client):
    response = client.post("/rasykite/", GOOD)
    assert response.status_code == 302
    assert response["Location"] == reverse("mail:contact_sent")
    conversation = Conversation.objects.get()
    assert conversation.messages.get().body == "Kiek trunka įvaikinimas?"
    assert OutboxMessage.objects.get(conversation=conversation).to == ["ona@example.lt"]
    thanks = client.get(response["Location"]).content.decode()
    assert "ona@example.lt" not in thanks


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"email": ""}, "so that we can answer"),
        ({"email": "ne-adresas"}, "valid e-mail address"),
        ({"text": ""}, "Write your message"),
        ({"text": "x" * 10001}, "too long"),
        ({"consent": ""}, "Please agree"),
        ({"topic": "nera-tokios"}, "Select a valid choice"),
    ],
)
def test_it_explains_bad_input_and_stores_nothing(client, change, message):
    response = client.post("/en/rasykite/", GOOD | change)
    assert response.status_code == 400
    html = response.content.decode()
    assert 'role="alert"' in html
    assert message in html
    assert Conversation.objects.count() == 0
    assert OutboxMessage.objects.count() == 0


def test_it_pretends_to_accept_what_a_bot_sends_and_stores_nothing(client):
    response = client.post("/rasykite/", GOOD | {"website": "http://spam.example"})
    assert response.status_code == 302
    assert Conversation.objects.count() == 0


def test_it_limits_the_messages_from_one_address(client, settings):
    settings.LINIJA_RATE_LIMITS = {**settings.LINIJA_RATE_LIMITS, "contact": "2/3600"}
    assert client.post("/rasykite/", GOOD).status_code == 302
    assert client.post("/rasykite/", GOOD | {"website": "bot"}).status_code == 302
    limited = client.post("/rasykite/", GOOD)
    assert limited.status_code == 429
    assert "112" in limited.content.decode()
    assert Conversation.objects.count() == 1
    other = client.post("/rasykite/", GOOD, REMOTE_ADDR="10.0.0.9")
    assert other.status_code == 302
