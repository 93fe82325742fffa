"""The public "write to us" form: clear errors, a honeypot, a rate limit, nothing stored on
bad input."""

import datetime

import pytest
from django.db import OperationalError
from django.urls import reverse
from django.utils import timezone

from linija.consultations.models import Conversation
from linija.mail.models import Letter, OutboxMessage

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


def test_it_writes_the_text_limit_as_each_language_writes_numbers(client, settings):
    settings.LINIJA_MAIL_TEXT_MAX_CHARS = 12000
    assert "Ne daugiau kaip 12\u00a0000 simbolių." in client.get("/rasykite/").content.decode()
    assert "At most 12,000 characters." in client.get("/en/rasykite/").content.decode()
    too_long = client.post("/rasykite/", {**GOOD, "text": "a" * 12001})
    assert "ne daugiau kaip 12\u00a0000 simbolių." in too_long.content.decode()
    assert not Letter.objects.exists()


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


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"email": ""}, "email"),
        ({"email": "ne adresas"}, "email"),
        ({"email": "ona@example.lt\r\nBcc: x@example.com"}, "email"),
        ({"text": "   "}, "text"),
        ({"text": "x" * 10001}, "text"),
        ({"name": "n" * 201}, "name"),
        ({"topic": "nera"}, "topic"),
    ],
)
def test_it_refuses_bad_input_and_stores_nothing(client, change, field):
    response = client.post("/en/rasykite/", GOOD | change)
    assert response.status_code == 400
    assert field in response.context["form"].errors
    assert Conversation.objects.count() == 0
    assert Letter.objects.count() == 0
    assert OutboxMessage.objects.count() == 0


def test_it_hands_the_service_trimmed_values(client):
    trimmed = {"email": " Ona@Example.lt ", "text": "  Kaip tapti globėju?  ", "name": " Ona  Ona "}
    assert client.post("/rasykite/", GOOD | trimmed).status_code == 302
    conversation = Conversation.objects.get()
    assert conversation.contact_address == "Ona@Example.lt"
    assert conversation.contact_name == "Ona Ona"
    assert conversation.messages.get().body == "Kaip tapti globėju?"


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
    other = client.post("/rasykite/", GOOD | {"text": "Kitas klausimas"}, REMOTE_ADDR="10.0.0.9")
    assert other.status_code == 302


def test_it_stores_the_letter_and_thanks_the_person_while_redis_is_down(
    client, redis_down, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as after_commit:
        response = client.post("/rasykite/", GOOD)
    assert response.status_code == 302
    assert response["Location"] == reverse("mail:contact_sent")
    conversation = Conversation.objects.get()
    assert conversation.messages.get().body == "Kiek trunka įvaikinimas?"
    assert OutboxMessage.objects.get(conversation=conversation).to == ["ona@example.lt"]
    assert after_commit, "the staff broadcast was tried, and its failure did not stop the page"


def test_it_still_limits_the_messages_from_one_address_while_redis_is_down(
    client, settings, redis_down
):
    settings.LINIJA_RATE_LIMITS = {**settings.LINIJA_RATE_LIMITS, "contact": "1/3600"}
    assert client.post("/rasykite/", GOOD).status_code == 302
    assert client.post("/rasykite/", GOOD).status_code == 429
    assert Conversation.objects.count() == 1


def test_it_stores_a_form_sent_twice_once_and_says_it_was_already_sent(client):
    assert client.post("/en/rasykite/", GOOD | {"once": "forma-1"}).status_code == 302
    again = client.post("/en/rasykite/", GOOD | {"once": "forma-1", "text": "Kitaip parašyta"})
    assert again.status_code == 200
    assert "This message was already sent" in again.content.decode()
    assert Conversation.objects.count() == 1
    assert OutboxMessage.objects.count() == 1


def test_it_stores_the_same_message_sent_again_from_a_fresh_form_once(client):
    assert client.post("/rasykite/", GOOD | {"once": "forma-1"}).status_code == 302
    again = client.post("/en/rasykite/", GOOD | {"once": "forma-2", "email": "Ona@Example.lt"})
    assert "This message was already sent" in again.content.decode()
    assert Conversation.objects.count() == 1
    other = client.post("/rasykite/", GOOD | {"once": "forma-3", "text": "Ir dar vienas klausimas"})
    assert other.status_code == 302
    assert Conversation.objects.count() == 2


def test_it_stores_the_same_message_sent_again_a_day_later(client):
    assert client.post("/rasykite/", GOOD | {"once": "forma-1"}).status_code == 302
    Letter.objects.update(received_at=timezone.now() - datetime.timedelta(hours=25))
    assert client.post("/rasykite/", GOOD | {"once": "forma-2"}).status_code == 302
    assert Conversation.objects.count() == 2


def test_it_gives_each_form_a_key_of_its_own(client):
    keys = [client.get("/rasykite/").context["form"].initial["once"] for _page in range(2)]
    assert len(set(keys)) == 2 and all(keys)


def test_it_counts_a_line_break_as_one_character_as_the_page_does(client):
    # Browsers send each line break of a textarea as CR LF; the page's counter sees one.
    text = "a" * 4950 + "\r\n" * 100 + "a" * 4950
    response = client.post("/rasykite/", GOOD | {"text": text})
    assert response.status_code == 302
    assert Conversation.objects.get().messages.get().body.count("\n") == 100


def test_it_keeps_the_text_in_the_form_when_the_database_cannot_store_it(client, monkeypatch):
    def locked(**message):
        raise OperationalError("database is locked")

    monkeypatch.setattr("linija.mail.views.contact_message_create", locked)
    response = client.post("/en/rasykite/", GOOD)
    assert response.status_code == 503
    html = response.content.decode()
    assert 'role="alert"' in html and "We could not store your message just now" in html
    assert "Kiek trunka įvaikinimas?</textarea>" in html
