import re

import pytest
from django.urls import reverse

from linija.accounts.models import AuditEntry
from linija.chat import services
from linija.chat.models import EndedBy, SpecialistPresence, State
from linija.chat.selectors import queue_order, session_for_token

pytestmark = pytest.mark.django_db

INLINE = re.compile(r"<script(?![^>]*\bsrc=)|\sstyle=|\son[a-z]+=", re.IGNORECASE)


def test_it_shows_the_chat_page_with_the_privacy_notice_and_optional_fields(client):
    response = client.get("/pokalbis/")

    html = response.content.decode()
    assert response.status_code == 200
    assert response["X-Frame-Options"] == "DENY"
    assert reverse("site:privacy") in html
    assert 'name="start-nickname"' in html
    assert 'name="start-caller_category"' in html
    assert 'name="start-topic"' in html
    assert "required" not in re.search(r'<form id="chat-start-form".*?</form>', html, re.S).group(0)
    assert not INLINE.search(html)


def test_it_offers_the_offline_forms_when_nobody_is_present(client):
    html = client.get("/en/pokalbis/").content.decode()

    offline = re.search(r'<section id="chat-offline"[^>]*>', html).group(0)
    prechat = re.search(r'<section id="chat-prechat"[^>]*>', html).group(0)
    assert "hidden" not in offline
    assert "hidden" in prechat
    assert "Leave a message" in html
    assert "Ask for a call back" in html
    assert 'name="callback-preferred_at"' in html


def test_it_lets_the_allowed_sites_frame_the_embedded_chat(client, settings):
    settings.LINIJA_CHAT_ALLOWED_ORIGINS = [
        "https://www.globoscentrai.lt",
        "https://portal.example",
    ]

    response = client.get("/pokalbis/?embed=1")

    assert response.status_code == 200
    assert "X-Frame-Options" not in response
    policy = response["Content-Security-Policy"]
    assert "frame-ancestors 'self' https://www.globoscentrai.lt https://portal.example" in policy
    assert "frame-ancestors 'none'" not in policy
    assert "script-src 'self'" in policy
    html = response.content.decode()
    assert 'class="public chat-embed"' in html
    assert "site-header" not in html
    assert not INLINE.search(html)


def test_it_serves_the_widget_loader_with_both_languages(client):
    response = client.get("/chat/widget.js")

    body = response.content.decode()
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/javascript")
    assert '"Chat with a specialist"' in body
    assert "Pokalbis su konsultantu" in body
    assert "/pokalbis/?embed=1" in body


def test_it_shows_the_console_to_staff_only(client, specialist_client, outsider):
    assert specialist_client.get(reverse("chat:console")).status_code == 200
    client.force_login(outsider)
    assert client.get(reverse("chat:console")).status_code == 403


def test_it_gives_the_console_its_state(specialist_client, specialist, online, start_chat):
    online(specialist)
    session, _token = start_chat()

    state = specialist_client.get(reverse("chat:console_state")).json()

    assert state["me"]["effective"] == "online"
    assert state["me"]["limit"] == 3
    assert [row["id"] for row in state["queue"]] == [session.pk]
    assert state["chats"] == []


def test_it_shows_a_chat_with_its_notes_to_its_specialist_and_audits_it(
    specialist_client, specialist, online, start_chat
):
    online(specialist)
    session, _token = start_chat()
    services.chat_accept(session_id=session.pk, user=specialist)
    services.chat_note_add(session_id=session.pk, body="Pastaba", client_id="n-1", user=specialist)

    data = specialist_client.get(reverse("chat:session", args=[session.pk])).json()

    assert [message["direction"] for message in data["messages"]] == ["note"]
    assert AuditEntry.objects.filter(
        action="view", object_type="consultations.conversation"
    ).exists()


def test_it_hides_another_specialists_chat(
    client, specialist, other_specialist, online, start_chat
):
    online(specialist)
    session, _token = start_chat()
    services.chat_accept(session_id=session.pk, user=specialist)
    client.force_login(other_specialist)

    assert client.get(reverse("chat:session", args=[session.pk])).status_code == 404
    assert client.get(reverse("chat:session", args=[9999])).status_code == 404


def test_it_shows_the_board_to_supervisors_only(specialist_client, client, supervisor):
    assert specialist_client.get(reverse("chat:board")).status_code == 404
    assert specialist_client.get(reverse("chat:board_state")).status_code == 404
    client.force_login(supervisor)
    assert client.get(reverse("chat:board")).status_code == 200
    state = client.get(reverse("chat:board_state")).json()
    assert set(state) == {"queue", "active", "specialists", "median_wait", "now"}


def test_it_lets_a_supervisor_set_a_limit(client, supervisor, specialist):
    client.force_login(supervisor)

    response = client.post(reverse("chat:limit"), {"specialist": specialist.pk, "max_chats": 5})

    assert response.status_code == 302
    assert SpecialistPresence.objects.get(user=specialist).max_chats == 5


def test_it_refuses_a_bad_limit_and_changes_nothing(client, supervisor, specialist):
    client.force_login(supervisor)

    response = client.post(reverse("chat:limit"), {"specialist": specialist.pk, "max_chats": 99})

    assert response.status_code == 400
    assert "errorlist" in response.content.decode()
    assert not SpecialistPresence.objects.exists()


LEAVE = "/chat/leave/"


def test_it_ends_the_chat_and_forgets_the_token_on_the_leaving_beacon(client, specialist):
    services.presence_connect(user=specialist)
    services.presence_set(user=specialist, status="online")
    session, token = services.chat_start()

    response = client.post(LEAVE, {"token": token, "quick_exit": "1"})

    assert response.status_code == 204
    session.refresh_from_db()
    assert (session.state, session.ended_by) == (State.ENDED, EndedBy.QUICK_EXIT)
    assert not queue_order()
    assert session_for_token(token) is None
    assert client.post(LEAVE, {"token": token}).status_code == 404


@pytest.mark.parametrize(
    ("data", "status"),
    [({}, 400), ({"token": ""}, 400), ({"token": "x" * 43}, 404), ({"token": "short"}, 404)],
)
def test_it_refuses_a_leaving_beacon_without_a_valid_token_and_changes_nothing(
    client, specialist, data, status
):
    services.presence_connect(user=specialist)
    services.presence_set(user=specialist, status="online")
    session, token = services.chat_start()

    response = client.post(LEAVE, data)

    assert response.status_code == status
    assert response.json()["error"] in {"missing_token", "not_found"}
    session.refresh_from_db()
    assert session.state == State.WAITING
    assert session_for_token(token) == session


def test_it_takes_the_leaving_beacon_only_as_a_post(client):
    assert client.get(LEAVE).status_code == 405
