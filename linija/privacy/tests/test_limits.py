"""Rate limits on every public endpoint: one shared counter, a clear 429 answer (a page, a JSON
error or an error frame), nothing stored for a refused request, and a fresh start once the
window has passed."""

import json
import time

import pytest
from django.test import Client

from linija.chat import services as chat_services
from linija.chat.models import ChatSession
from linija.chat.services import ChatError
from linija.chat.tests.conftest import go_online
from linija.chat.tests.test_consumers import next_of, visitor_socket
from linija.consultations.models import Conversation, Message
from linija.phone.models import Call, Callback, Exchange
from linija.phone.tests.conftest import TOKEN, WEDNESDAY_NOON, cti_url, new_call
from linija.privacy import limits
from linija.testing.aio import run_async

pytestmark = pytest.mark.django_db

CONTACT = {
    "name": "",
    "email": "ona@example.lt",
    "topic": "adoption",
    "text": "Kiek trunka įvaikinimas?",
    "consent": "on",
    "website": "",
}
CALLBACK = {"phone": "8 612 34567", "name": "Ona", "preferred": "", "consent": "on"}


@pytest.fixture
def limit(settings):
    """Set one scope's limit: ``limit("contact", "2/3600")``."""

    def set_limit(scope: str, value: str) -> None:
        settings.LINIJA_RATE_LIMITS = {**settings.LINIJA_RATE_LIMITS, scope: value}

    return set_limit


@pytest.fixture
def open_line(monkeypatch):
    monkeypatch.setattr("django.utils.timezone.now", lambda: WEDNESDAY_NOON)


def test_it_counts_each_client_and_scope_apart(limit):
    limit("contact", "2/60")
    limit("callback", "2/60")

    waits = [limits.rate_hit(scope="contact", who="1.2.3.4") for _ in range(3)]

    assert waits[:2] == [0, 0]
    assert 59 <= waits[2] <= 60
    assert limits.rate_hit(scope="contact", who="5.6.7.8") == 0
    assert limits.rate_hit(scope="callback", who="1.2.3.4") == 0


def test_it_waits_without_counting_until_told_to_count(limit):
    limit("contact", "1/60")

    assert limits.rate_wait(scope="contact", who="a") == 0
    assert limits.rate_wait(scope="contact", who="a") == 0
    limits.rate_hit(scope="contact", who="a")

    assert limits.rate_wait(scope="contact", who="a") > 0


def test_it_starts_counting_again_after_the_window(limit):
    limit("cti", "1/2")
    assert limits.rate_hit(scope="cti", who="x") == 0
    assert limits.rate_hit(scope="cti", who="x") in (1, 2)

    time.sleep(2.1)

    assert limits.rate_hit(scope="cti", who="x") == 0


def test_it_reads_every_limit_from_the_settings(settings):
    assert set(settings.LINIJA_RATE_LIMITS) == {
        "contact",
        "callback",
        "chat-start",
        "chat-message",
        "cti",
        "cti-unknown",
        "login-address",
    }
    assert limits.limit_of("cti") == limits.Limit(requests=6000, seconds=60)
    with pytest.raises(KeyError):
        limits.limit_of("nowhere")


def test_it_keeps_no_readable_address_or_token_in_the_cache_keys():
    start_key, count_key = limits._keys("cti", TOKEN)

    assert TOKEN not in start_key + count_key
    assert "linija:limit:cti:" in start_key


def test_it_refuses_the_contact_form_past_its_limit_and_starts_again(client, limit):
    limit("contact", "1/2")
    assert client.post("/en/rasykite/", CONTACT).status_code == 302

    refused = client.post("/en/rasykite/", CONTACT | {"text": "Antras laiškas"})

    assert refused.status_code == 429
    assert refused["Retry-After"] in ("1", "2")
    assert "Too many messages for now" in refused.content.decode()
    assert not Message.objects.filter(body="Antras laiškas").exists()
    assert Conversation.objects.count() == 1
    time.sleep(2.1)
    # Another message: the same one again would be "already sent", whatever the limit.
    assert client.post("/en/rasykite/", CONTACT | {"text": "Trečias laiškas"}).status_code == 302
    assert Conversation.objects.count() == 2


def test_it_refuses_the_callback_form_past_its_limit_and_starts_again(client, limit, open_line):
    limit("callback", "1/2")
    assert client.post("/en/perskambinkite/", CALLBACK).status_code == 302

    refused = client.post("/en/perskambinkite/", CALLBACK | {"phone": "+37061234569"})

    assert refused.status_code == 429
    assert refused["Retry-After"] in ("1", "2")
    assert "Too many requests" in refused.content.decode()
    assert Callback.objects.count() == 1
    time.sleep(2.1)
    assert (
        client.post("/en/perskambinkite/", CALLBACK | {"phone": "+37061234569"}).status_code == 302
    )
    assert Callback.objects.count() == 2


def post_event(client, data, token=TOKEN):
    return client.post(cti_url(token), json.dumps(data), content_type="application/json")


def test_it_limits_the_cti_webhook_per_exchange_token_with_a_json_answer(client, limit):
    limit("cti", "2/2")
    Exchange.objects.create(name="Stotis", token=TOKEN)
    Exchange.objects.create(name="Kita stotis", token="other-exchange-token-0123456789")
    assert post_event(client, new_call("c1")).status_code == 200
    assert post_event(client, new_call("c2")).status_code == 200

    refused = post_event(client, new_call("c3"))

    assert refused.status_code == 429
    assert refused["Content-Type"] == "application/json"
    assert refused["Retry-After"] in ("1", "2")
    assert refused.json()["code"] == "rate_limited"
    wait = refused["Retry-After"]
    assert refused.json()["error"] == f"Per daug užklausų: bandykite po {wait} s."
    assert refused.json()["retry_after"] == int(refused["Retry-After"])
    assert not Call.objects.filter(call_id="c3").exists()
    other = post_event(client, new_call("c4"), token="other-exchange-token-0123456789")
    assert other.status_code == 200
    time.sleep(2.1)
    assert post_event(client, new_call("c3")).status_code == 200
    assert Call.objects.count() == 4


def test_it_limits_guessed_cti_tokens_per_address(client, limit):
    limit("cti-unknown", "2/600")
    answers = [post_event(client, new_call("c1"), token=f"guess-{n}").status_code for n in range(3)]

    assert answers == [401, 401, 429]
    assert not Call.objects.exists()


def test_it_limits_a_visitors_chat_messages_per_chat(limit, specialist):
    limit("chat-message", "2/3")
    go_online(specialist)
    session, _token = chat_services.chat_start()
    for number in range(2):
        chat_services.chat_visitor_message_send(
            session_id=session.pk, body="x", client_id=f"c-{number}"
        )

    with pytest.raises(ChatError) as refused:
        chat_services.chat_visitor_message_send(session_id=session.pk, body="y", client_id="c-2")

    assert refused.value.code == "rate_limited"
    assert not Message.objects.filter(body="y").exists()
    other, _token = chat_services.chat_start()
    chat_services.chat_visitor_message_send(session_id=other.pk, body="y", client_id="c-2")
    assert Message.objects.filter(body="y").count() == 1
    time.sleep(3.1)
    chat_services.chat_visitor_message_send(session_id=session.pk, body="y", client_id="c-3")
    assert Message.objects.filter(body="y").count() == 2


@pytest.mark.django_db(transaction=True)
def test_it_limits_chats_started_from_one_address_with_an_error_frame(limit, specialist, seeded):
    limit("chat-start", "1/3600")
    go_online(specialist)

    async def scenario():
        frames = []
        for key in ("k-1", "k-2"):
            visitor = visitor_socket()
            await visitor.connect()
            await visitor.send_json_to({"type": "hello", "lang": "en"})
            await next_of(visitor, "welcome")
            await visitor.send_json_to({"type": "start", "start_key": key})
            frames.append(await next_of(visitor, "chat" if key == "k-1" else "error"))
            await visitor.disconnect()
        return frames

    started, refused = run_async(scenario())

    assert started["state"]["state"] == "waiting"
    assert refused["code"] == "rate_limited"
    assert refused["message"] == "Too many requests from this connection. Please try again later."
    assert ChatSession.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_it_counts_the_chats_offline_forms_with_the_public_forms(limit, seeded, open_line):
    limit("contact", "1/3600")
    limit("callback", "0/3600")
    Client().post("/en/rasykite/", CONTACT)

    async def scenario():
        visitor = visitor_socket()
        visitor.scope["client"] = ("127.0.0.1", 50000)
        await visitor.connect()
        await visitor.send_json_to({"type": "hello", "lang": "en"})
        await next_of(visitor, "welcome")
        await visitor.send_json_to(
            {"type": "offline_message", "email": "ona@example.lt", "text": "Ar galite atsakyti?"}
        )
        message = await next_of(visitor, "error")
        await visitor.send_json_to(
            {"type": "callback", "phone": "+37061234567", "name": "Ona", "preferred_at": ""}
        )
        callback = await next_of(visitor, "error")
        await visitor.disconnect()
        return message, callback

    message, callback = run_async(scenario())

    assert message["code"] == callback["code"] == "rate_limited"
    assert Conversation.objects.count() == 1
    assert not Callback.objects.exists()
