import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from linija.chat import live, services
from linija.chat.models import (
    ChatSession,
    ChatSurvey,
    ChatTransfer,
    EndedBy,
    Presence,
    SpecialistPresence,
    State,
)
from linija.chat.selectors import active_load, history, queue_order, session_for_token, token_hash
from linija.chat.services import ChatError
from linija.consultations.models import Channel, ConversationStatus, Direction, Message
from linija.hours.models import HoursException
from linija.privacy.services import personal_purge

pytestmark = pytest.mark.django_db


def messages_of(session, direction=None):
    rows = Message.objects.filter(conversation=session.conversation)
    return rows.filter(direction=direction) if direction else rows


# --- Joining the queue ----------------------------------------------------------------------


def test_it_starts_a_chat_in_the_queue_keeping_only_the_tokens_hash(
    specialist, online, start_chat, category, topic
):
    online(specialist)

    session, token = start_chat(nickname=" Rūta ", caller_category=category, topic=topic)

    assert len(token) >= 40
    assert session.token_hash == token_hash(token)
    assert token not in session.token_hash
    assert session.state == State.WAITING
    assert session.nickname == "Rūta"
    assert session.conversation.channel == Channel.CHAT
    record = session.conversation.consultation
    assert record.caller_category == category
    assert list(record.topics.all()) == [topic]
    assert session_for_token(token) == session


def test_it_refuses_a_chat_when_nobody_is_present_and_stores_nothing(specialist, start_chat):
    with pytest.raises(ChatError) as refused:
        start_chat()

    assert refused.value.code == "busy"
    assert not ChatSession.objects.exists()


def test_it_refuses_a_chat_outside_the_hours_when_it_follows_them(
    settings, specialist, online, start_chat
):
    settings.LINIJA_CHAT_FOLLOW_HOURS = True
    HoursException.objects.create(date=timezone.localdate(), closed=True, reason="Mokymai")
    online(specialist)

    with pytest.raises(ChatError) as refused:
        start_chat()

    assert refused.value.code == "closed"
    assert not ChatSession.objects.exists()


def test_it_puts_a_safeguarding_chat_first_and_the_rest_by_arrival(
    specialist, online, start_chat, safeguarding
):
    online(specialist)
    early, _ = start_chat()
    later, _ = start_chat()
    urgent, _ = start_chat(topic=safeguarding)

    assert urgent.priority
    assert queue_order() == [urgent.pk, early.pk, later.pk]


def test_it_refuses_an_overlong_nickname(specialist, online, start_chat):
    online(specialist)

    with pytest.raises(ChatError) as refused:
        start_chat(nickname="x" * 41)

    assert refused.value.code == "invalid"
    assert not ChatSession.objects.exists()


# --- Accepting ------------------------------------------------------------------------------


def test_it_assigns_an_accepted_chat_and_starts_its_record(specialist, online, start_chat):
    online(specialist)
    session, _ = start_chat()

    accepted = services.chat_accept(session_id=session.pk, user=specialist)

    assert accepted.state == State.ACTIVE
    assert accepted.accepted_at is not None
    conversation = accepted.conversation
    assert conversation.assignee == specialist
    assert conversation.status == ConversationStatus.OPEN
    assert conversation.consultation.specialist == specialist
    assert conversation.consultation.started_at == accepted.accepted_at


def test_it_gives_a_chat_to_one_of_two_specialists_accepting_it(
    specialist, other_specialist, online, start_chat
):
    online(specialist)
    online(other_specialist)
    session, _ = start_chat()
    services.chat_accept(session_id=session.pk, user=specialist)

    with pytest.raises(ChatError) as refused:
        services.chat_accept(session_id=session.pk, user=other_specialist)

    assert refused.value.code == "taken"
    session.conversation.refresh_from_db()
    assert session.conversation.assignee == specialist


@pytest.mark.django_db(transaction=True)
def test_it_lets_exactly_one_of_two_simultaneous_accepts_win(
    specialist, other_specialist, online, start_chat
):
    def prepare():
        online(specialist)
        online(other_specialist)
        try:
            return start_chat()[0]
        finally:
            connection.close()

    # In a thread of its own: the commit hooks broadcast, which needs a thread without the
    # event loop a browser test may have left in this one.
    with ThreadPoolExecutor(1) as thread:
        session = thread.submit(prepare).result()
    barrier = threading.Barrier(2)
    outcomes = []

    def accept(user):
        barrier.wait(timeout=30)
        try:
            services.chat_accept(session_id=session.pk, user=user)
            outcomes.append("won")
        except ChatError as refused:
            outcomes.append(refused.code)
        finally:
            connection.close()

    threads = [threading.Thread(target=accept, args=(u,)) for u in (specialist, other_specialist)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert sorted(outcomes) == ["taken", "won"]
    session.refresh_from_db()
    assert session.state == State.ACTIVE


def test_it_refuses_a_chat_beyond_the_specialists_limit(specialist, supervisor, online, start_chat):
    online(specialist)
    services.presence_limit_set(user=supervisor, specialist=specialist, max_chats=1)
    first, _ = start_chat()
    second, _ = start_chat()
    services.chat_accept(session_id=first.pk, user=specialist)

    with pytest.raises(ChatError) as refused:
        services.chat_accept(session_id=second.pk, user=specialist)

    assert refused.value.code == "limit"
    second.refresh_from_db()
    assert second.state == State.WAITING


def test_it_uses_the_default_limit_from_the_settings(settings, specialist, online, start_chat):
    settings.LINIJA_CHAT_MAX_CHATS = 2
    online(specialist)
    chats = [start_chat()[0] for _ in range(3)]
    for session in chats[:2]:
        services.chat_accept(session_id=session.pk, user=specialist)

    with pytest.raises(ChatError) as refused:
        services.chat_accept(session_id=chats[2].pk, user=specialist)

    assert refused.value.code == "limit"


@pytest.mark.parametrize("status", ["away", "offline"])
def test_it_refuses_an_accept_unless_the_specialist_is_online(
    specialist, other_specialist, online, start_chat, status
):
    online(other_specialist)
    online(specialist, status)
    session, _ = start_chat()

    with pytest.raises(ChatError) as refused:
        services.chat_accept(session_id=session.pk, user=specialist)

    assert refused.value.code == "offline"


def test_it_counts_a_silent_console_as_offline(settings, specialist, online, start_chat):
    online(specialist)
    presence = specialist.chat_presence
    presence.last_seen_at = timezone.now() - timedelta(minutes=5)
    presence.save()

    assert presence.effective_status() == Presence.OFFLINE
    with pytest.raises(ChatError) as refused:
        start_chat()
    assert refused.value.code == "busy"


def test_it_refuses_an_outsider_to_accept(outsider, specialist, online, start_chat):
    online(specialist)
    session, _ = start_chat()

    with pytest.raises(ChatError) as refused:
        services.chat_accept(session_id=session.pk, user=outsider)

    assert refused.value.code == "not_found"


# --- Messages -------------------------------------------------------------------------------


@pytest.fixture
def active_chat(specialist, online, start_chat):
    online(specialist)
    session, _token = start_chat()
    services.chat_accept(session_id=session.pk, user=specialist)
    return session


def test_it_stores_a_resent_message_once(active_chat, sent):
    first, created = services.chat_visitor_message_send(
        session_id=active_chat.pk, body="Labas", client_id="c-1"
    )
    again, created_again = services.chat_visitor_message_send(
        session_id=active_chat.pk, body="Labas", client_id="c-1"
    )

    assert created and not created_again
    assert again.pk == first.pk
    assert messages_of(active_chat, Direction.IN).count() == 1
    assert [group for group, message in sent if message["type"] == "chat.message"] == [
        live.staff_group(active_chat.pk),
        live.visitor_group(active_chat.pk),
    ]


def test_it_stores_a_message_while_redis_is_down(
    active_chat, redis_down, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as after_commit:
        _message, created = services.chat_visitor_message_send(
            session_id=active_chat.pk, body="Ar girdite?", client_id="c-3"
        )

    assert created and after_commit
    assert messages_of(active_chat, Direction.IN).get().body == "Ar girdite?"


def test_it_relays_the_visitors_text_as_it_was_typed(active_chat, sent):
    services.chat_visitor_message_send(
        session_id=active_chat.pk, body="<script>alert(1)</script>", client_id="c-2"
    )

    relayed = [message for _group, message in sent if message["type"] == "chat.message"]
    assert relayed[0]["message"]["body"] == "<script>alert(1)</script>"


def test_it_limits_a_flooding_visitor_and_stores_nothing_more(active_chat):
    for number in range(20):
        services.chat_visitor_message_send(
            session_id=active_chat.pk, body="x", client_id=f"c-{number}"
        )

    with pytest.raises(ChatError) as refused:
        services.chat_visitor_message_send(session_id=active_chat.pk, body="x", client_id="c-20")

    assert refused.value.code == "rate_limited"
    assert messages_of(active_chat).count() == 20
    resent, created = services.chat_visitor_message_send(
        session_id=active_chat.pk, body="x", client_id="c-3"
    )
    assert not created
    assert resent.body == "x"


def test_it_accepts_a_message_of_exactly_the_longest_length(active_chat):
    message, created = services.chat_visitor_message_send(
        session_id=active_chat.pk, body="ž" * 4000, client_id="c-1"
    )

    assert created and len(message.body) == 4000


def test_it_lets_only_the_assigned_specialist_answer(active_chat, specialist, other_specialist):
    message, _ = services.chat_specialist_message_send(
        session_id=active_chat.pk, body="Sveiki", client_id="s-1", user=specialist
    )
    assert message.direction == Direction.OUT

    with pytest.raises(ChatError) as refused:
        services.chat_specialist_message_send(
            session_id=active_chat.pk, body="Aš irgi", client_id="s-2", user=other_specialist
        )

    assert refused.value.code == "not_found"
    assert messages_of(active_chat).count() == 1


def test_it_refuses_a_message_to_a_chat_that_does_not_exist(specialist):
    with pytest.raises(ChatError) as refused:
        services.chat_specialist_message_send(
            session_id=999, body="x", client_id="s-1", user=specialist
        )

    assert refused.value.code == "not_found"


def test_it_keeps_internal_notes_from_the_visitor(active_chat, specialist, sent):
    services.chat_note_add(
        session_id=active_chat.pk, body="Atrodo rimta", client_id="n-1", user=specialist
    )

    groups = [group for group, message in sent if message["type"] == "chat.message"]
    assert groups == [live.staff_group(active_chat.pk)]
    assert history(active_chat, for_staff=False) == []
    assert [row["body"] for row in history(active_chat, for_staff=True)] == ["Atrodo rimta"]


def test_it_lets_a_waiting_visitor_write_but_not_an_ended_one(specialist, online, start_chat):
    online(specialist)
    session, _ = start_chat()
    services.chat_visitor_message_send(session_id=session.pk, body="Klausimas", client_id="c-1")
    services.chat_end(session_id=session.pk)

    with pytest.raises(ChatError) as refused:
        services.chat_visitor_message_send(session_id=session.pk, body="Dar", client_id="c-2")

    assert refused.value.code == "ended"
    assert messages_of(session).count() == 1


def test_it_moves_the_read_pointers_forward_only(active_chat, specialist, sent):
    question, _ = services.chat_visitor_message_send(
        session_id=active_chat.pk, body="Ar čia?", client_id="c-1"
    )
    answer, _ = services.chat_specialist_message_send(
        session_id=active_chat.pk, body="Taip", client_id="s-1", user=specialist
    )

    assert services.chat_read_mark(session_id=active_chat.pk, up_to=answer.pk, user=specialist)
    assert not services.chat_read_mark(
        session_id=active_chat.pk, up_to=question.pk, user=specialist
    )
    assert services.chat_read_mark(session_id=active_chat.pk, up_to=answer.pk)

    active_chat.refresh_from_db()
    assert active_chat.specialist_read_up_to == answer.pk
    assert active_chat.visitor_read_up_to == answer.pk
    assert [
        (group, message["side"]) for group, message in sent if message["type"] == "chat.read"
    ] == [
        (live.visitor_group(active_chat.pk), "specialist"),
        (live.staff_group(active_chat.pk), "visitor"),
    ]


def test_it_refuses_a_read_receipt_for_a_message_of_another_chat(
    active_chat, specialist, start_chat
):
    other, _ = start_chat()
    foreign, _ = services.chat_visitor_message_send(session_id=other.pk, body="x", client_id="c-1")

    with pytest.raises(ChatError) as refused:
        services.chat_read_mark(session_id=active_chat.pk, up_to=foreign.pk)

    assert refused.value.code == "not_found"
    active_chat.refresh_from_db()
    assert active_chat.visitor_read_up_to == 0


# --- Transfer -------------------------------------------------------------------------------


def test_it_transfers_a_chat_to_an_online_colleague_with_a_note(
    active_chat, specialist, other_specialist, online, sent
):
    online(other_specialist)

    services.chat_transfer(
        session_id=active_chat.pk, user=specialist, to_user=other_specialist, note="Apie teismą"
    )

    active_chat.refresh_from_db()
    conversation = active_chat.conversation
    assert conversation.assignee == other_specialist
    assert conversation.consultation.specialist == other_specialist
    transfer = ChatTransfer.objects.get()
    assert (transfer.from_user, transfer.to_user, transfer.note) == (
        specialist,
        other_specialist,
        "Apie teismą",
    )
    note = messages_of(active_chat, Direction.NOTE).get()
    assert "Apie teismą" in note.body
    kinds = {(group, message["type"]) for group, message in sent}
    assert (live.user_group(specialist.pk), "chat.unassigned") in kinds
    assert (live.user_group(other_specialist.pk), "chat.assigned") in kinds


@pytest.mark.parametrize("status", ["away", "offline"])
def test_it_refuses_to_transfer_to_a_colleague_who_is_not_online(
    active_chat, specialist, other_specialist, online, status
):
    online(other_specialist, status)

    with pytest.raises(ChatError) as refused:
        services.chat_transfer(session_id=active_chat.pk, user=specialist, to_user=other_specialist)

    assert refused.value.code == "offline"
    assert not ChatTransfer.objects.exists()
    active_chat.conversation.refresh_from_db()
    assert active_chat.conversation.assignee == specialist


def test_it_refuses_to_transfer_to_a_colleague_at_their_limit(
    active_chat, specialist, other_specialist, online, start_chat, settings
):
    settings.LINIJA_CHAT_MAX_CHATS = 1
    online(other_specialist)
    theirs, _ = start_chat()
    services.chat_accept(session_id=theirs.pk, user=other_specialist)

    with pytest.raises(ChatError) as refused:
        services.chat_transfer(session_id=active_chat.pk, user=specialist, to_user=other_specialist)

    assert refused.value.code == "limit"


def test_it_sends_a_chat_back_to_the_queue_where_it_keeps_its_place(
    active_chat, specialist, start_chat
):
    newer, _ = start_chat()

    services.chat_transfer(session_id=active_chat.pk, user=specialist, note="Neturiu laiko")

    active_chat.refresh_from_db()
    assert active_chat.state == State.WAITING
    assert active_chat.conversation.assignee is None
    assert queue_order() == [active_chat.pk, newer.pk]
    assert ChatTransfer.objects.get().to_user is None


def test_it_refuses_a_transfer_by_someone_else(active_chat, other_specialist):
    with pytest.raises(ChatError) as refused:
        services.chat_transfer(session_id=active_chat.pk, user=other_specialist)

    assert refused.value.code == "not_found"
    assert not ChatTransfer.objects.exists()


# --- End, resume, expiry --------------------------------------------------------------------


def test_it_ends_a_chat_by_the_visitor_and_closes_its_record(active_chat):
    ended = services.chat_end(session_id=active_chat.pk)

    assert ended.state == State.ENDED
    assert ended.ended_by == EndedBy.VISITOR
    assert ended.conversation.status == ConversationStatus.CLOSED
    assert ended.conversation.consultation.ended_at == ended.ended_at


def test_it_ends_a_chat_by_its_specialist_once(active_chat, specialist):
    ended = services.chat_end(session_id=active_chat.pk, user=specialist)
    again = services.chat_end(session_id=active_chat.pk)

    assert ended.ended_by == EndedBy.SPECIALIST
    assert again.ended_by == EndedBy.SPECIALIST
    assert again.ended_at == ended.ended_at


def test_it_refuses_to_end_another_specialists_chat(active_chat, other_specialist):
    with pytest.raises(ChatError):
        services.chat_end(session_id=active_chat.pk, user=other_specialist)

    active_chat.refresh_from_db()
    assert active_chat.state == State.ACTIVE


def test_it_resumes_by_token_within_the_window_only(settings, specialist, online, start_chat):
    settings.LINIJA_CHAT_RESUME_MINUTES = 30
    online(specialist)
    session, token = start_chat()
    services.chat_end(session_id=session.pk, user=specialist)
    ended_at = ChatSession.objects.get().ended_at

    assert session_for_token(token, now=ended_at + timedelta(minutes=29)) == session
    assert session_for_token(token, now=ended_at + timedelta(minutes=31)) is None
    assert session_for_token("nonsense-token-of-some-length") is None
    assert session_for_token("") is None


@pytest.mark.parametrize("ended_by", [EndedBy.VISITOR, EndedBy.QUICK_EXIT])
def test_it_forgets_the_token_at_once_when_the_visitor_ends_the_chat(
    specialist, online, start_chat, ended_by
):
    online(specialist)
    session, token = start_chat()

    services.chat_end(session_id=session.pk, ended_by=ended_by)

    assert session_for_token(token) is None
    assert ChatSession.objects.get().token_hash != token_hash(token)


def test_it_forgets_the_token_when_the_visitor_leaves_a_chat_the_specialist_ended(
    active_chat, specialist
):
    token = "t" * 43
    ChatSession.objects.filter(pk=active_chat.pk).update(token_hash=token_hash(token))
    services.chat_end(session_id=active_chat.pk, user=specialist)
    assert session_for_token(token) is not None

    services.chat_end(session_id=active_chat.pk, ended_by=EndedBy.QUICK_EXIT)

    assert session_for_token(token) is None
    assert ChatSession.objects.get().ended_by == EndedBy.SPECIALIST


def test_it_resumes_a_left_chat_within_the_window_then_ends_it(
    settings, specialist, online, start_chat
):
    settings.LINIJA_CHAT_RESUME_MINUTES = 30
    online(specialist)
    session, token = start_chat()
    services.chat_visitor_connection_set(session_id=session.pk, connected=False)
    left_at = ChatSession.objects.get().visitor_seen_at

    assert session_for_token(token, now=left_at + timedelta(minutes=29)) == session
    assert session_for_token(token, now=left_at + timedelta(minutes=31)) is None
    ChatSession.objects.update(visitor_seen_at=left_at - timedelta(minutes=31))

    assert services.chat_sessions_expire() == 1

    session.refresh_from_db()
    assert (session.state, session.ended_by) == (State.ENDED, EndedBy.SYSTEM)
    assert session_for_token(token) is None


def test_it_does_not_expire_a_visitor_whose_socket_beats(specialist, online, start_chat):
    online(specialist)
    session, token = start_chat()
    ChatSession.objects.update(visitor_seen_at=timezone.now() - timedelta(hours=2))

    services.chat_visitor_touch(session_id=session.pk)

    assert services.chat_sessions_expire() == 0
    assert session_for_token(token) == session


def test_it_ends_a_chat_a_crashed_server_left_connected_once_the_window_passed(
    settings, specialist, online, start_chat
):
    settings.LINIJA_CHAT_RESUME_MINUTES = 30
    online(specialist)
    session, token = start_chat()
    services.chat_accept(session_id=session.pk, user=specialist)
    # The server died 31 minutes ago: the row still says "connected", nothing beat since.
    ChatSession.objects.update(visitor_seen_at=timezone.now() - timedelta(minutes=31))
    assert ChatSession.objects.get().visitor_connected

    assert session_for_token(token) is None
    assert services.chat_sessions_expire() == 1

    session.refresh_from_db()
    assert (session.state, session.ended_by) == (State.ENDED, EndedBy.SYSTEM)
    assert session_for_token(token) is None
    assert not active_load()


def test_it_requeues_the_chats_of_a_specialist_whose_console_died(
    specialist, other_specialist, online, start_chat
):
    online(specialist)
    online(other_specialist)
    first, _token = start_chat()
    services.chat_accept(session_id=first.pk, user=specialist)
    # The server died 6 minutes ago with the specialist's console: it still counts as open.
    SpecialistPresence.objects.filter(user=specialist).update(
        last_seen_at=timezone.now() - timedelta(minutes=6)
    )
    kept, _token = start_chat()
    services.chat_accept(session_id=kept.pk, user=other_specialist)

    assert services.chat_sessions_of_gone_specialists_requeue() == 1

    first.refresh_from_db()
    assert (first.state, first.conversation.assignee) == (State.WAITING, None)
    assert queue_order() == [first.pk]
    assert active_load() == {other_specialist.pk: 1}
    assert SpecialistPresence.objects.get(user=specialist).connections == 0
    assert first.conversation.messages.filter(direction=Direction.NOTE).exists()
    assert services.chat_sessions_of_gone_specialists_requeue() == 0


# --- Survey and transcript ------------------------------------------------------------------


def test_it_stores_the_survey_with_the_record_once(active_chat):
    services.chat_end(session_id=active_chat.pk)

    survey = services.chat_survey_submit(session_id=active_chat.pk, rating=5, comment=" Ačiū ")

    assert survey.consultation == active_chat.conversation.consultation
    assert (survey.rating, survey.comment, survey.is_positive) == (5, "Ačiū", True)
    with pytest.raises(ChatError) as again:
        services.chat_survey_submit(session_id=active_chat.pk, rating=1)
    assert again.value.code == "survey_done"
    assert ChatSurvey.objects.count() == 1


@pytest.mark.parametrize("rating", [0, 6, True, "5"])
def test_it_refuses_a_rating_outside_one_to_five(active_chat, rating):
    services.chat_end(session_id=active_chat.pk)

    with pytest.raises(ChatError) as refused:
        services.chat_survey_submit(session_id=active_chat.pk, rating=rating)

    assert refused.value.code == "invalid"
    assert not ChatSurvey.objects.exists()


def test_it_opens_the_survey_only_after_the_end(active_chat):
    with pytest.raises(ChatError) as refused:
        services.chat_survey_submit(session_id=active_chat.pk, rating=4)

    assert refused.value.code == "not_ended"


def test_it_emails_the_transcript_without_the_notes(active_chat, specialist):
    from linija.mail.models import OutboxMessage

    services.chat_visitor_message_send(
        session_id=active_chat.pk, body="<b>Sveiki</b>", client_id="c-1"
    )
    services.chat_specialist_message_send(
        session_id=active_chat.pk, body="Laba diena", client_id="s-1", user=specialist
    )
    services.chat_note_add(
        session_id=active_chat.pk,
        body="slapta pastaba",
        client_id="n-1",
        user=specialist,
    )
    services.chat_end(session_id=active_chat.pk)

    services.chat_transcript_send(session_id=active_chat.pk, email="asmuo@example.com")

    letter = OutboxMessage.objects.get()
    assert "asmuo@example.com" in str(letter.to)
    assert "<b>Sveiki</b>" in letter.body
    assert "Ona:\nLaba diena" in letter.body
    assert "slapta pastaba" not in letter.body


def test_it_refuses_a_bad_address_and_too_many_transcripts(active_chat):
    from linija.mail.models import OutboxMessage

    services.chat_end(session_id=active_chat.pk)
    with pytest.raises(ChatError) as bad:
        services.chat_transcript_send(session_id=active_chat.pk, email="ne adresas")
    assert bad.value.code == "invalid"
    for _ in range(3):
        services.chat_transcript_send(session_id=active_chat.pk, email="a@example.com")

    with pytest.raises(ChatError) as limited:
        services.chat_transcript_send(session_id=active_chat.pk, email="a@example.com")

    assert limited.value.code == "transcript_limit"
    assert OutboxMessage.objects.count() == 3


# --- Presence -------------------------------------------------------------------------------


def test_it_counts_consoles_and_their_status(specialist, online, sent):
    online(specialist)
    services.presence_connect(user=specialist)
    assert services.presence_disconnect(user=specialist) == Presence.ONLINE

    assert services.presence_disconnect(user=specialist) == Presence.OFFLINE
    assert services.presence_disconnect(user=specialist) == Presence.OFFLINE
    specialist.chat_presence.refresh_from_db()
    assert specialist.chat_presence.connections == 0
    assert specialist.chat_presence.status == Presence.ONLINE


def test_it_refuses_an_unknown_status(specialist):
    with pytest.raises(ChatError) as refused:
        services.presence_set(user=specialist, status="busy")

    assert refused.value.code == "invalid"


def test_it_refreshes_a_consoles_heartbeat(specialist, online):
    online(specialist)
    presence = specialist.chat_presence
    old = timezone.now() - timedelta(seconds=60)
    type(presence).objects.filter(pk=presence.pk).update(last_seen_at=old)

    services.presence_touch(user=specialist)

    presence.refresh_from_db()
    assert presence.last_seen_at > old


def test_it_lets_only_a_supervisor_set_a_limit(specialist, other_specialist, supervisor):
    with pytest.raises(ChatError):
        services.presence_limit_set(user=specialist, specialist=other_specialist, max_chats=5)

    with pytest.raises(ChatError) as refused:
        services.presence_limit_set(user=supervisor, specialist=other_specialist, max_chats=50)
    assert refused.value.code == "invalid"


def chat_content_purge(**arguments) -> int:
    """The chat's own content of the kind "chat transcripts": nicknames and survey comments."""
    return sum(
        personal_purge(personal=model.personal, kind="chat_transcripts", **arguments)
        for model in (ChatSession, ChatSurvey)
    )


def chat_transfer_notes_purge(**arguments) -> int:
    return personal_purge(personal=ChatTransfer.personal, kind="notes", **arguments)


def _ended_with_content(active_chat, specialist, other_specialist, online):
    online(other_specialist)
    services.chat_transfer(
        session_id=active_chat.pk, user=specialist, to_user=other_specialist, note="Apie Joną"
    )
    services.chat_end(session_id=active_chat.pk)
    services.chat_survey_submit(session_id=active_chat.pk, rating=4, comment="Ačiū, Ona")
    ChatSession.objects.filter(pk=active_chat.pk).update(nickname="Ona")


def test_it_purges_the_nickname_comment_and_transfer_note_but_keeps_the_rating(
    active_chat, specialist, other_specialist, online
):
    _ended_with_content(active_chat, specialist, other_specialist, online)
    later = timezone.now() + timedelta(minutes=1)
    arguments = {"before": later, "locked": ChatSession.objects.none().values("pk")}

    assert chat_content_purge(dry_run=True, **arguments) == 2
    assert ChatSession.objects.get().nickname == "Ona"
    assert chat_content_purge(dry_run=False, **arguments) == 2
    assert chat_transfer_notes_purge(dry_run=False, **arguments) == 1
    assert chat_content_purge(dry_run=False, **arguments) == 0

    survey = ChatSurvey.objects.get()
    assert (survey.rating, survey.comment) == (4, "")
    assert ChatSession.objects.get().nickname == ""
    assert ChatTransfer.objects.get().note == ""


def test_it_keeps_chat_content_that_is_recent_or_locked(
    active_chat, specialist, other_specialist, online
):
    _ended_with_content(active_chat, specialist, other_specialist, online)
    consultation = active_chat.conversation.consultation
    earlier = timezone.now() - timedelta(minutes=1)
    later = timezone.now() + timedelta(minutes=1)
    locked = type(consultation).objects.filter(pk=consultation.pk).values("pk")
    none = locked.none()

    assert chat_content_purge(before=earlier, locked=none, dry_run=False) == 0
    assert chat_content_purge(before=later, locked=locked, dry_run=False) == 0
    assert chat_transfer_notes_purge(before=later, locked=locked, dry_run=False) == 0
    assert ChatSurvey.objects.get().comment == "Ačiū, Ona"
