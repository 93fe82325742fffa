from datetime import datetime

import pytest
from channels.db import database_sync_to_async
from channels.testing import WebsocketCommunicator

from linija.asgi import application
from linija.chat import consumers
from linija.chat.models import ChatSession, ChatSurvey, State
from linija.consultations.models import Direction, Message
from linija.testing.aio import SAME_ORIGIN, run_async

pytestmark = pytest.mark.django_db(transaction=True)

ORIGIN = SAME_ORIGIN


def staff_headers(client, user):
    client.force_login(user)
    return [*ORIGIN, (b"cookie", f"sessionid={client.cookies['sessionid'].value}".encode())]


def visitor_socket():
    return WebsocketCommunicator(application, "/ws/chat/", headers=ORIGIN)


def staff_socket(headers):
    return WebsocketCommunicator(application, "/ws/chat/staff/", headers=headers)


async def next_of(socket, kind, timeout=10, where=lambda frame: True):
    """The next frame of ``kind`` (that matches ``where``), skipping the others: queue and
    availability updates, earlier states."""
    while True:
        frame = await socket.receive_json_from(timeout=timeout)
        if frame["type"] == kind and where(frame):
            return frame


@database_sync_to_async
def only_session_id():
    return ChatSession.objects.get().pk


@database_sync_to_async
def stored(direction=None):
    rows = Message.objects.all()
    return list(
        (rows.filter(direction=direction) if direction else rows).values_list("body", flat=True)
    )


async def online_specialist(headers):
    staff = staff_socket(headers)
    connected, _ = await staff.connect()
    assert connected
    await staff.send_json_to({"type": "presence", "status": "online"})
    assert (await next_of(staff, "presence"))["status"] == "online"
    return staff


async def started_visitor(**start):
    visitor = visitor_socket()
    await visitor.connect()
    await visitor.send_json_to({"type": "hello", "lang": "en"})
    welcome = await next_of(visitor, "welcome")
    assert welcome["availability"]["available"]
    await visitor.send_json_to({"type": "start", "start_key": "k-1", **start})
    chat = await next_of(visitor, "chat")
    return visitor, chat


async def accepted(staff, visitor):
    session_id = await only_session_id()
    await staff.send_json_to({"type": "accept", "session": session_id})
    assert (await next_of(staff, "accepted"))["session"] == session_id
    state = await next_of(visitor, "state")
    assert state["state"]["state"] == "active"
    return session_id, state


def test_it_relays_messages_typing_and_read_receipts_both_ways(client, specialist, seeded):
    headers = staff_headers(client, specialist)

    async def scenario():
        staff = await online_specialist(headers)
        visitor, chat = await started_visitor(caller_category="guardian")
        session_id, state = await accepted(staff, visitor)

        await visitor.send_json_to({"type": "typing", "active": True})
        typing = await next_of(staff, "typing")
        await visitor.send_json_to(
            {"type": "message", "client_id": "c-1", "body": "<script>alert(1)</script>"}
        )
        ack = await next_of(visitor, "ack")
        relayed = await next_of(staff, "message")

        await staff.send_json_to({"type": "typing", "session": session_id, "active": True})
        typing_back = await next_of(visitor, "typing")
        await staff.send_json_to(
            {"type": "message", "session": session_id, "client_id": "s-1", "body": "Sveiki"}
        )
        staff_ack = await next_of(staff, "ack")
        answer = await next_of(visitor, "message")
        await staff.send_json_to({"type": "read", "session": session_id, "up_to": ack["id"]})
        read = await next_of(visitor, "read")
        await visitor.send_json_to({"type": "read", "up_to": staff_ack["id"]})
        read_back = await next_of(staff, "read")
        own_echo = await visitor.receive_nothing(timeout=0.3)
        await visitor.disconnect()
        await staff.disconnect()
        return chat, state, typing, ack, relayed, typing_back, answer, read, read_back, own_echo

    chat, state, typing, ack, relayed, typing_back, answer, read, read_back, own_echo = run_async(
        scenario()
    )
    assert len(chat["token"]) >= 40
    assert chat["state"]["state"] == "waiting" and chat["state"]["position"] == 1
    assert state["state"]["specialist"] == "Ona"
    assert typing == {"type": "typing", "session": relayed["session"], "active": True}
    assert relayed["message"]["body"] == "<script>alert(1)</script>"
    assert relayed["message"]["id"] == ack["id"]
    assert typing_back == {"type": "typing", "active": True}
    assert answer["message"]["body"] == "Sveiki"
    assert answer["message"]["author"] == "Ona"
    assert read == {"type": "read", "up_to": ack["id"]}
    assert read_back["side"] == "visitor" and read_back["up_to"] == answer["message"]["id"]
    assert own_echo


def test_it_resumes_with_the_history_and_keeps_a_resent_message_once(client, specialist, seeded):
    headers = staff_headers(client, specialist)

    async def scenario():
        staff = await online_specialist(headers)
        visitor, chat = await started_visitor()
        await visitor.send_json_to({"type": "message", "client_id": "c-1", "body": "Pirmas"})
        first_ack = await next_of(visitor, "ack")
        await visitor.disconnect()

        again = visitor_socket()
        await again.connect()
        await again.send_json_to({"type": "hello", "token": chat["token"]})
        resumed = await next_of(again, "chat")
        await again.send_json_to({"type": "message", "client_id": "c-1", "body": "Pirmas"})
        second_ack = await next_of(again, "ack")
        await again.disconnect()

        stranger = visitor_socket()
        await stranger.connect()
        await stranger.send_json_to({"type": "hello", "token": "x" * 43})
        expired = await next_of(stranger, "welcome")
        await stranger.disconnect()
        await staff.disconnect()
        return resumed, first_ack, second_ack, expired

    resumed, first_ack, second_ack, expired = run_async(scenario())
    assert [m["body"] for m in resumed["messages"]] == ["Pirmas"]
    assert "token" not in resumed
    assert second_ack["id"] == first_ack["id"]
    assert run_async(stored()) == ["Pirmas"]
    assert expired["expired"] is True


def test_it_answers_bad_frames_with_clear_errors_and_changes_nothing(client, specialist, seeded):
    headers = staff_headers(client, specialist)

    async def scenario():
        staff = await online_specialist(headers)
        visitor = visitor_socket()
        await visitor.connect()
        errors = []
        await visitor.send_json_to({"type": "message", "client_id": "c-1", "body": "x"})
        errors.append(await next_of(visitor, "error"))
        await visitor.send_json_to({"type": "hello"})
        await next_of(visitor, "welcome")
        for raw in (
            "not json",
            '{"type": "message", "client_id": "c-1", "body": "x"}',
            '{"type": "message", "client_id": "c-1", "body": ""}',
            '{"type": "message", "client_id": "c-1", "body": "' + "x" * 4001 + '"}',
            '{"type": "message", "client_id": "c-1", "body": "x", "session": 1}',
            '{"type": "start", "start_key": "k", "caller_category": "nobody"}',
        ):
            await visitor.send_to(text_data=raw)
            errors.append(await next_of(visitor, "error"))
        await visitor.disconnect()
        await staff.disconnect()
        return errors

    errors = run_async(scenario())
    assert [error["code"] for error in errors] == [
        "hello_required",
        "bad_json",
        "no_chat",
        "empty",
        "too_long",
        "bad_frame",
        "invalid",
    ]
    assert all(error["message"] for error in errors)
    assert "caller_category" in errors[-1]["fields"]
    assert not ChatSession.objects.exists()
    assert not Message.objects.exists()


@pytest.mark.parametrize(
    ("body", "code"), [("", "empty"), ("   \n", "empty"), ("x" * 4001, "too_long")]
)
def test_it_refuses_an_empty_or_overlong_message(client, specialist, seeded, body, code):
    headers = staff_headers(client, specialist)

    async def scenario():
        staff = await online_specialist(headers)
        visitor, _chat = await started_visitor()
        await accepted(staff, visitor)
        await visitor.send_json_to({"type": "message", "client_id": "c-1", "body": body})
        error = await next_of(visitor, "error")
        await visitor.disconnect()
        await staff.disconnect()
        return error

    assert run_async(scenario())["code"] == code
    assert not Message.objects.filter(direction=Direction.IN).exists()


def test_it_limits_a_flood_of_frames_with_one_error(client, specialist, seeded):
    async def scenario():
        visitor = visitor_socket()
        await visitor.connect()
        await visitor.send_json_to({"type": "hello"})
        await next_of(visitor, "welcome")
        for _ in range(consumers.FRAMES_PER_WINDOW + 10):
            await visitor.send_json_to({"type": "ping"})
        frames = []
        while not await visitor.receive_nothing(timeout=0.3):
            frames.append(await visitor.receive_json_from())
        await visitor.disconnect()
        return frames

    frames = run_async(scenario())
    kinds = [frame["type"] for frame in frames]
    assert kinds.count("pong") == consumers.FRAMES_PER_WINDOW - 1
    assert [frame["code"] for frame in frames if frame["type"] == "error"] == ["rate_limited"]


def test_it_refuses_a_foreign_chat_id_and_keeps_notes_from_the_visitor(
    client, specialist, other_specialist, seeded
):
    mine = staff_headers(client, specialist)
    theirs = staff_headers(client.__class__(), other_specialist)

    async def scenario():
        staff = await online_specialist(mine)
        other = await online_specialist(theirs)
        visitor, _chat = await started_visitor()
        session_id, _state = await accepted(staff, visitor)
        await other.send_json_to(
            {"type": "message", "session": session_id, "client_id": "x-1", "body": "Įsiterpiu"}
        )
        foreign = await next_of(other, "error")
        await other.send_json_to({"type": "typing", "session": session_id, "active": True})
        foreign_typing = await next_of(other, "error")
        await staff.send_json_to(
            {
                "type": "message",
                "session": session_id,
                "client_id": "n-1",
                "body": "Vidinė pastaba",
                "note": True,
            }
        )
        await next_of(staff, "ack")
        visitor_heard = await visitor.receive_nothing(timeout=0.3)
        for socket in (visitor, staff, other):
            await socket.disconnect()
        return foreign, foreign_typing, visitor_heard

    foreign, foreign_typing, visitor_heard = run_async(scenario())
    assert foreign["code"] == "not_found" and foreign["client_id"] == "x-1"
    assert foreign_typing["code"] == "not_found"
    assert visitor_heard
    assert run_async(stored(Direction.OUT)) == []
    assert run_async(stored(Direction.NOTE)) == ["Vidinė pastaba"]


def test_it_tells_a_waiting_visitor_their_new_place(client, specialist, seeded):
    headers = staff_headers(client, specialist)

    async def scenario():
        staff = await online_specialist(headers)
        first, _ = await started_visitor()
        second = visitor_socket()
        await second.connect()
        await second.send_json_to({"type": "hello"})
        await next_of(second, "welcome")
        await second.send_json_to({"type": "start", "start_key": "k-2"})
        second_chat = await next_of(second, "chat")
        first_id = await database_sync_to_async(
            lambda: ChatSession.objects.order_by("pk").first().pk
        )()
        await staff.send_json_to({"type": "accept", "session": first_id})
        moved = await next_of(second, "queue", where=lambda frame: frame["position"] == 1)
        for socket in (first, second, staff):
            await socket.disconnect()
        return second_chat, moved

    second_chat, moved = run_async(scenario())
    assert second_chat["state"]["position"] == 2
    assert moved["position"] == 1
    assert moved["seconds_per_place"] > 0


def test_it_ends_the_chat_and_takes_the_survey(client, specialist, seeded):
    headers = staff_headers(client, specialist)

    async def scenario():
        staff = await online_specialist(headers)
        visitor, _chat = await started_visitor()
        session_id, _state = await accepted(staff, visitor)
        await staff.send_json_to({"type": "end", "session": session_id})
        ended = await next_of(
            visitor, "state", where=lambda frame: frame["state"]["state"] == "ended"
        )
        row = await next_of(staff, "session", where=lambda frame: frame["row"]["state"] == "ended")
        await visitor.send_json_to({"type": "survey", "rating": 4, "comment": "Padėjo"})
        saved = await next_of(visitor, "survey_saved")
        await visitor.send_json_to({"type": "survey", "rating": 5})
        again = await next_of(visitor, "error")
        for socket in (visitor, staff):
            await socket.disconnect()
        return ended, row, saved, again

    ended, row, saved, again = run_async(scenario())
    assert ended["state"]["state"] == State.ENDED
    assert ended["state"]["ended_by"] == "specialist"
    assert row["row"]["state"] == "ended"
    assert saved == {"type": "survey_saved"}
    assert row["row"]["record_url"].endswith("/edit/")
    assert again["code"] == "survey_done"
    survey = ChatSurvey.objects.get()
    assert (survey.rating, survey.comment) == (4, "Padėjo")


def test_it_keeps_the_survey_on_the_socket_but_not_the_token_after_the_visitor_ends(
    client, specialist, seeded
):
    headers = staff_headers(client, specialist)

    async def scenario():
        staff = await online_specialist(headers)
        visitor, chat = await started_visitor()
        await accepted(staff, visitor)
        await visitor.send_json_to({"type": "end", "quick_exit": False})
        await next_of(visitor, "state", where=lambda frame: frame["state"]["state"] == "ended")
        await visitor.send_json_to({"type": "survey", "rating": 5})
        saved = await next_of(visitor, "survey_saved")
        again = visitor_socket()
        await again.connect()
        await again.send_json_to({"type": "hello", "token": chat["token"], "lang": "en"})
        welcome = await next_of(again, "welcome")
        for socket in (visitor, again, staff):
            await socket.disconnect()
        return saved, welcome

    saved, welcome = run_async(scenario())
    assert saved == {"type": "survey_saved"}
    assert welcome["expired"] is True
    assert ChatSurvey.objects.get().rating == 5


def test_it_closes_a_socket_that_never_says_hello(monkeypatch, seeded):
    monkeypatch.setattr(consumers, "HELLO_SECONDS", 0.2)

    async def scenario():
        visitor = visitor_socket()
        await visitor.connect()
        return await visitor.receive_output(timeout=2)

    closed = run_async(scenario())
    assert closed == {"type": "websocket.close", "code": 4408}


@pytest.mark.parametrize("who", ["anonymous", "outsider"])
def test_it_refuses_the_console_to_anyone_but_staff(client, outsider, who):
    headers = staff_headers(client, outsider) if who == "outsider" else ORIGIN

    async def scenario():
        return await staff_socket(headers).connect()

    assert run_async(scenario()) == (False, 4403)


def test_it_takes_a_message_and_a_call_back_when_nobody_can_chat(seeded):
    from linija.chat.forms import CallbackForm
    from linija.consultations.models import Channel, Conversation
    from linija.phone.models import Callback

    slot = CallbackForm().fields["preferred_at"].choices[1][1][0][0]

    async def scenario():
        visitor = visitor_socket()
        await visitor.connect()
        await visitor.send_json_to({"type": "hello", "lang": "en"})
        welcome = await next_of(visitor, "welcome")
        await visitor.send_json_to(
            {"type": "offline_message", "email": "ne adresas", "text": "Sveiki"}
        )
        bad = await next_of(visitor, "error")
        await visitor.send_json_to(
            {"type": "offline_message", "email": "ruta@example.com", "text": "Kaip tapti globėja?"}
        )
        message_saved = await next_of(visitor, "offline_saved")
        await visitor.send_json_to(
            {"type": "callback", "phone": "8 612 34567", "name": "Rūta", "preferred_at": slot}
        )
        callback_saved = await next_of(visitor, "offline_saved")
        await visitor.disconnect()
        return welcome, bad, message_saved, callback_saved

    welcome, bad, message_saved, callback_saved = run_async(scenario())
    assert welcome["availability"]["available"] is False
    assert welcome["availability"]["reason"] == "busy"
    assert (bad["code"], bad["form"]) == ("invalid", "message")
    assert bad["fields"]["email"] == ["Enter a valid email address."]
    assert message_saved == {"type": "offline_saved", "form": "message"}
    assert callback_saved == {"type": "offline_saved", "form": "callback"}
    conversation = Conversation.objects.get(channel=Channel.EMAIL)
    assert conversation.messages.get().body == "Kaip tapti globėja?"
    callback = Callback.objects.get()
    assert callback.preferred_at == datetime.fromisoformat(slot)


def test_it_lets_a_supervisor_watch_a_chat_but_not_a_specialist(
    client, specialist, other_specialist, supervisor, seeded
):
    mine = staff_headers(client, specialist)
    boss = staff_headers(client.__class__(), supervisor)
    colleague = staff_headers(client.__class__(), other_specialist)

    async def scenario():
        staff = await online_specialist(mine)
        visitor, _chat = await started_visitor()
        session_id, _state = await accepted(staff, visitor)
        watcher = staff_socket(boss)
        await watcher.connect()
        await watcher.send_json_to({"type": "watch", "session": session_id})
        watching = await next_of(watcher, "watching")
        other = staff_socket(colleague)
        await other.connect()
        await other.send_json_to({"type": "watch", "session": session_id})
        refused = await next_of(other, "error")
        await visitor.send_json_to({"type": "message", "client_id": "c-1", "body": "Ar girdite?"})
        seen = await next_of(watcher, "message")
        await watcher.send_json_to(
            {"type": "message", "session": session_id, "client_id": "w-1", "body": "Atsakyk"}
        )
        not_allowed = await next_of(watcher, "error")
        for socket in (visitor, staff, watcher, other):
            await socket.disconnect()
        return watching, refused, seen, not_allowed

    watching, refused, seen, not_allowed = run_async(scenario())
    assert watching["type"] == "watching"
    assert refused["code"] == "not_found"
    assert seen["message"]["body"] == "Ar girdite?"
    assert not_allowed["code"] == "not_found"


def test_it_gives_another_socket_with_the_same_start_key_a_chat_of_its_own(
    client, specialist, seeded
):
    headers = staff_headers(client, specialist)

    async def scenario():
        staff = await online_specialist(headers)
        visitor, chat = await started_visitor()
        await visitor.send_json_to({"type": "message", "client_id": "c-1", "body": "Paslaptis"})
        await next_of(visitor, "ack")
        await visitor.send_json_to({"type": "start", "start_key": "k-1"})
        repeated = await next_of(visitor, "chat")

        intruder = visitor_socket()
        await intruder.connect()
        await intruder.send_json_to({"type": "hello"})
        await next_of(intruder, "welcome")
        await intruder.send_json_to({"type": "start", "start_key": "k-1"})
        theirs = await next_of(intruder, "chat")
        await intruder.disconnect()

        again = visitor_socket()
        await again.connect()
        await again.send_json_to({"type": "hello", "token": chat["token"]})
        resumed = await next_of(again, "chat")
        for socket in (visitor, again, staff):
            await socket.disconnect()
        return chat, repeated, theirs, resumed

    chat, repeated, theirs, resumed = run_async(scenario())
    assert repeated["token"] == chat["token"]
    assert [m["body"] for m in repeated["messages"]] == ["Paslaptis"]
    assert theirs["messages"] == []
    assert theirs["token"] != chat["token"]
    assert [m["body"] for m in resumed["messages"]] == ["Paslaptis"]
    assert ChatSession.objects.count() == 2


def test_it_delivers_nothing_of_a_colleagues_chat_to_repeated_accepts(
    client, specialist, other_specialist, monkeypatch, seeded
):
    from linija.chat import services

    mine = staff_headers(client, specialist)
    theirs = staff_headers(client.__class__(), other_specialist)
    accept = services.chat_accept
    written = []

    def accept_while_the_chat_goes_on(*, session_id, user):
        """The colleague's accept fails, but only after the holder wrote in the chat."""
        if user == other_specialist:
            number = len(written) + 1
            written.append(number)
            services.chat_note_add(
                session_id=session_id,
                body=f"Pastaba {number}",
                client_id=f"n-{number}",
                user=specialist,
            )
        return accept(session_id=session_id, user=user)

    async def scenario():
        staff = await online_specialist(mine)
        other = await online_specialist(theirs)
        visitor, _chat = await started_visitor()
        session_id, _state = await accepted(staff, visitor)
        monkeypatch.setattr(services, "chat_accept", accept_while_the_chat_goes_on)
        refusals = []
        for _ in range(3):
            await other.send_json_to({"type": "accept", "session": session_id})
            refusals.append(await next_of(other, "error"))
        await visitor.send_json_to({"type": "message", "client_id": "c-1", "body": "Ar čia?"})
        await next_of(staff, "message", where=lambda frame: frame["message"]["direction"] == "in")
        heard = []
        while not await other.receive_nothing(timeout=0.3):
            heard.append(await other.receive_json_from())
        for socket in (visitor, staff, other):
            await socket.disconnect()
        return refusals, heard

    refusals, heard = run_async(scenario())
    assert [refusal["code"] for refusal in refusals] == ["taken"] * 3
    assert [frame for frame in heard if frame.get("session")] == []
    assert run_async(stored(Direction.NOTE)) == ["Pastaba 1", "Pastaba 2", "Pastaba 3"]
