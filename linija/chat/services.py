"""Writes of the chat: joining the queue, accepting, messages both ways, read receipts,
transfers, ending, the survey and the transcript, and the specialists' presence.

Every rule is here, so the sockets stay thin: a consumer parses a frame, calls one of these
and turns a ``ChatError`` into an error frame. Broadcasts leave on commit (``live``).
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import F, Value
from django.db.models.functions import Coalesce, Greatest
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from linija.accounts.selectors import is_staff_member, is_supervisor
from linija.accounts.services import audit_record
from linija.chat import live
from linija.chat.models import (
    ChatSession,
    ChatSurvey,
    ChatTransfer,
    EndedBy,
    Presence,
    SpecialistPresence,
    State,
)
from linija.chat.selectors import (
    availability,
    message_data,
    queue_snapshot,
    session_row,
    staff_name,
    token_hash,
    visitor_state,
)
from linija.consultations.models import (
    CallerCategory,
    Channel,
    ConversationStatus,
    Direction,
    Message,
    Topic,
)
from linija.consultations.services import consultation_update, conversation_open, message_add
from linija.inbox.live import staff_broadcast
from linija.mail.outbox import outbox_add
from linija.privacy import limits

# A console's heartbeat is written at most this often (it pings every 25 s).
TOUCH_EVERY_SECONDS = 20


class ChatError(Exception):
    """A refused chat action: a machine ``code`` and a message for the person."""

    def __init__(self, code: str, message: Any) -> None:
        super().__init__(code)
        self.code = code
        self.message = message

    def __str__(self) -> str:
        return str(self.message)


NOT_FOUND = gettext_lazy("This chat does not exist or is not yours.")
LIGHT_FIELDS = (
    "state",
    "conversation__assignee_id",
    "conversation__last_message_at",
)


# --- Broadcasts -----------------------------------------------------------------------------


def _announce_queue(*, session: ChatSession) -> None:
    """Tell the staff pages and the waiting visitors that the queue changed."""
    snapshot = queue_snapshot()
    staff_broadcast(
        event="chat.queue_changed",
        data={"session": session.pk, "state": session.state, "waiting": len(snapshot.order)},
    )
    live.broadcast((live.LOBBY, snapshot.as_message()))


def _session_event(session: ChatSession) -> dict:
    return {"type": "chat.session", "session": session.pk, "row": session_row(session)}


def _announce_session(session: ChatSession, *, queue: bool = False) -> None:
    """Send the chat's new state to its visitor and its staff (and the queue if it moved)."""
    snapshot = queue_snapshot() if session.state == State.WAITING else None
    live.broadcast(
        (
            live.visitor_group(session.pk),
            {
                "type": "chat.state",
                "session": session.pk,
                "state": visitor_state(session, snapshot),
            },
        ),
        (live.staff_group(session.pk), _session_event(session)),
    )
    if queue:
        _announce_queue(session=session)
    else:
        staff_broadcast(
            event="chat.board_changed", data={"session": session.pk, "state": session.state}
        )


def _announce_assignment(*, session: ChatSession, user_id: int, assigned: bool) -> None:
    kind = "chat.assigned" if assigned else "chat.unassigned"
    live.broadcast((live.user_group(user_id), {"type": kind, "session": session.pk}))


def _announce_presence(*, user: Any, before: str, after: str) -> None:
    if before == after:
        return
    staff_broadcast(event="chat.presence_changed", data={"user": user.pk, "status": after})
    live.broadcast((live.LOBBY, queue_snapshot().as_message()))


# --- The visitor ----------------------------------------------------------------------------


def _new_token() -> tuple[str, str]:
    token = secrets.token_urlsafe(32)
    return token, token_hash(token)


def _locked(session_id: int, *, light: bool = False) -> ChatSession:
    """The chat, locked for this transaction; ``light``: only what every message needs
    (the busiest path), not the assignee and the record."""
    sessions = ChatSession.objects.select_for_update(of=("self",))
    if light:
        sessions = sessions.select_related("conversation").only(*LIGHT_FIELDS)
    else:
        sessions = sessions.select_related("conversation__assignee", "conversation__consultation")
    try:
        return sessions.get(pk=session_id)
    except ChatSession.DoesNotExist as missing:
        raise ChatError("not_found", NOT_FOUND) from missing


@transaction.atomic
def chat_start(
    *,
    nickname: str = "",
    caller_category: CallerCategory | None = None,
    topic: Topic | None = None,
    language: str = "lt",
) -> tuple[ChatSession, str]:
    """Join the queue; returns the chat and the visitor's secret token (only its hash is kept).
    The token is the only key to the chat afterwards."""
    current = availability()
    if not current.available:
        if current.reason == "closed":
            raise ChatError("closed", _("The line is closed now."))
        raise ChatError("busy", _("Nobody can answer a chat right now."))
    nickname = nickname.strip()
    if len(nickname) > settings.LINIJA_CHAT_MAX_NICKNAME_LENGTH:
        raise ChatError("invalid", _("The name is too long."))
    conversation = conversation_open(channel=Channel.CHAT)
    prefill: dict[str, Any] = {}
    if caller_category is not None:
        prefill["caller_category"] = caller_category
    if topic is not None:
        prefill["topics"] = [topic]
    if prefill:
        consultation_update(consultation=conversation.consultation, user=None, data=prefill)
    token, digest = _new_token()
    now = timezone.now()
    session = ChatSession.objects.create(
        conversation=conversation,
        token_hash=digest,
        nickname=nickname,
        caller_category=caller_category,
        topic=topic,
        language=language,
        priority=bool(topic and topic.safeguarding),
        queued_at=now,
        visitor_connected=True,
        visitor_seen_at=now,
    )
    _announce_queue(session=session)
    return session, token


@transaction.atomic
def chat_visitor_connection_set(*, session_id: int, connected: bool) -> None:
    """Note that the visitor's socket came or went; the specialist sees it."""
    session = _locked(session_id)
    if session.is_ended:
        return
    session.visitor_connected = connected
    session.visitor_seen_at = timezone.now()
    session.save(update_fields=["visitor_connected", "visitor_seen_at"])
    live.broadcast((live.staff_group(session.pk), _session_event(session)))


@transaction.atomic
def chat_visitor_touch(*, session_id: int, now: datetime | None = None) -> None:
    """The visitor's socket heartbeat (it pings every 25 s): written at most every
    ``TOUCH_EVERY_SECONDS``, so a chat whose sockets died with their server is seen as left
    from its last heartbeat on."""
    now = now or timezone.now()
    ChatSession.objects.filter(
        pk=session_id,
        state__in=[State.WAITING, State.ACTIVE],
        visitor_seen_at__lt=now - timedelta(seconds=TOUCH_EVERY_SECONDS),
    ).update(visitor_seen_at=now)


# --- Accepting, messages and read receipts --------------------------------------------------


def _may_work_on(session: ChatSession, user: Any) -> bool:
    return session.conversation.assignee_id == user.pk or is_supervisor(user)


@transaction.atomic
def chat_accept(*, session_id: int, user: Any) -> ChatSession:
    """Take a waiting chat. Two specialists accepting the same chat: one gets it, the other
    a "taken" error. Refused when the specialist is not online or is at their limit."""
    if not is_staff_member(user):
        raise ChatError("not_found", NOT_FOUND)
    presence = SpecialistPresence.objects.select_for_update().filter(user=user).first()
    if presence is None or presence.effective_status() != Presence.ONLINE:
        raise ChatError("offline", _("Set yourself online to accept chats."))
    load = ChatSession.objects.filter(state=State.ACTIVE, conversation__assignee=user).count()
    if load >= presence.limit:
        raise ChatError(
            "limit",
            _("You are at your limit (%(count)d chats at once). End one first.")
            % {"count": presence.limit},
        )
    now = timezone.now()
    taken = ChatSession.objects.filter(pk=session_id, state=State.WAITING).update(
        state=State.ACTIVE, accepted_at=Coalesce(F("accepted_at"), Value(now))
    )
    if not taken:
        if ChatSession.objects.filter(pk=session_id).exists():
            raise ChatError("taken", _("Somebody else has already accepted this chat."))
        raise ChatError("not_found", NOT_FOUND)
    session = _locked(session_id)
    conversation = session.conversation
    conversation.assignee = user
    conversation.status = ConversationStatus.OPEN
    conversation.save(update_fields=["assignee", "status"])
    record: dict[str, Any] = {"specialist": user}
    if session.accepted_at == now:
        record["started_at"] = now
    consultation_update(consultation=conversation.consultation, user=user, data=record)
    _announce_session(session, queue=True)
    _announce_assignment(session=session, user_id=user.pk, assigned=True)
    return session


def _message_store(
    *, session: ChatSession, direction: str, body: str, client_id: str, user: Any = None
) -> tuple[Message, bool]:
    """Store a message of the chat and send it to the sockets that may hear it (a note to
    the staff only); a resend with the same ``client_id`` returns the stored one and False,
    and sends nothing again."""
    message, created = message_add(
        conversation=session.conversation,
        direction=direction,
        body=body,
        author=user,
        client_id=client_id,
    )
    if not created:
        return message, False
    event = {"type": "chat.message", "session": session.pk}
    sends = [
        (live.staff_group(session.pk), {**event, "message": message_data(message, for_staff=True)})
    ]
    if direction != Direction.NOTE:
        sends.append(
            (
                live.visitor_group(session.pk),
                {**event, "message": message_data(message, for_staff=False)},
            )
        )
    live.broadcast(*sends)
    return message, True


@transaction.atomic
def chat_visitor_message_send(
    *, session_id: int, body: str, client_id: str
) -> tuple[Message, bool]:
    """Store the visitor's message (``body`` checked by the protocol), then send it to the
    chat's sockets. Counted per chat before anything is written; a resend of a stored message
    is answered even past the limit."""
    if limits.rate_hit(scope="chat-message", who=str(session_id)):
        resent = Message.objects.filter(
            conversation__chat_session__pk=session_id, client_id=client_id
        ).first()
        if resent is not None:
            return resent, False
        raise ChatError(
            "rate_limited", _("You are sending messages very fast. Wait a few seconds.")
        )
    session = _locked(session_id, light=True)
    if session.is_ended:
        raise ChatError("ended", _("This chat has ended."))
    message, created = _message_store(
        session=session, direction=Direction.IN, body=body, client_id=client_id
    )
    if created and session.state == State.WAITING:
        _announce_queue(session=session)
    return message, created


@transaction.atomic
def chat_specialist_message_send(
    *, session_id: int, user: Any, body: str, client_id: str
) -> tuple[Message, bool]:
    """Store the assigned specialist's answer in an active chat, then send it to the chat's
    sockets."""
    session = _locked(session_id, light=True)
    if session.conversation.assignee_id != user.pk:
        raise ChatError("not_found", NOT_FOUND)
    if session.state != State.ACTIVE:
        raise ChatError("ended", _("This chat is not active."))
    return _message_store(
        session=session, direction=Direction.OUT, body=body, client_id=client_id, user=user
    )


@transaction.atomic
def chat_note_add(*, session_id: int, user: Any, body: str, client_id: str) -> tuple[Message, bool]:
    """Store an internal note of the assigned specialist or a supervisor; only the staff
    hear it."""
    session = _locked(session_id, light=True)
    if not _may_work_on(session, user):
        raise ChatError("not_found", NOT_FOUND)
    return _message_store(
        session=session, direction=Direction.NOTE, body=body, client_id=client_id, user=user
    )


@transaction.atomic
def chat_read_mark(*, session_id: int, up_to: int, user: Any = None) -> bool:
    """Note that the visitor (``user`` None) or the specialist read up to message ``up_to``;
    False when they had already read that far."""
    session = _locked(session_id, light=True)
    if user is not None and session.conversation.assignee_id != user.pk:
        raise ChatError("not_found", NOT_FOUND)
    if not session.conversation.messages.filter(pk=up_to).exclude(direction=Direction.NOTE):
        raise ChatError("not_found", _("There is no such message in this chat."))
    side = "visitor" if user is None else "specialist"
    field = f"{side}_read_up_to"
    changed = ChatSession.objects.filter(pk=session.pk, **{f"{field}__lt": up_to}).update(
        **{field: up_to}
    )
    if changed:
        other = live.staff_group if user is None else live.visitor_group
        live.broadcast(
            (
                other(session.pk),
                {"type": "chat.read", "session": session.pk, "side": side, "up_to": up_to},
            )
        )
    return bool(changed)


# --- Transfer and end -----------------------------------------------------------------------


def _transfer_target(*, session: ChatSession, to_user: Any) -> None:
    if to_user.pk == session.conversation.assignee_id or not is_staff_member(to_user):
        raise ChatError("invalid", _("Choose a colleague to pass the chat to."))
    presence = SpecialistPresence.objects.select_for_update().filter(user=to_user).first()
    if presence is None or presence.effective_status() != Presence.ONLINE:
        raise ChatError("offline", _("%(name)s is not online.") % {"name": staff_name(to_user)})
    load = ChatSession.objects.filter(state=State.ACTIVE, conversation__assignee=to_user).count()
    if load >= presence.limit:
        raise ChatError(
            "limit",
            _("%(name)s already has as many chats as they can take.")
            % {"name": staff_name(to_user)},
        )


@transaction.atomic
def chat_transfer(
    *, session_id: int, user: Any, to_user: Any = None, note: str = ""
) -> ChatSession:
    """Pass an active chat to an online colleague below their limit, or back to the queue
    (``to_user`` None) where it keeps its place. The note is an internal note of the chat."""
    session = _locked(session_id)
    if not _may_work_on(session, user):
        raise ChatError("not_found", NOT_FOUND)
    if session.state != State.ACTIVE:
        raise ChatError("ended", _("This chat is not active."))
    note = note.strip()
    if len(note) > settings.LINIJA_CHAT_MAX_NOTE_LENGTH:
        raise ChatError("too_long", _("The note is too long."))
    if to_user is not None:
        _transfer_target(session=session, to_user=to_user)
    conversation = session.conversation
    previous = conversation.assignee
    ChatTransfer.objects.create(session=session, from_user=previous, to_user=to_user, note=note)
    if to_user is None:
        heading = _("Passed back to the queue by %(name)s") % {"name": staff_name(user)}
    else:
        heading = _("Passed to %(to)s by %(name)s") % {
            "to": staff_name(to_user),
            "name": staff_name(user),
        }
    message_add(
        conversation=conversation,
        direction=Direction.NOTE,
        body=f"{heading}: {note}" if note else heading,
        author=user,
    )
    conversation.assignee = to_user
    conversation.status = ConversationStatus.OPEN if to_user else ConversationStatus.NEW
    conversation.save(update_fields=["assignee", "status"])
    if to_user is not None:
        consultation_update(
            consultation=conversation.consultation, user=user, data={"specialist": to_user}
        )
    else:
        session.state = State.WAITING
        session.save(update_fields=["state"])
    if previous is not None:
        _announce_assignment(session=session, user_id=previous.pk, assigned=False)
    if to_user is not None:
        _announce_assignment(session=session, user_id=to_user.pk, assigned=True)
    _announce_session(session, queue=to_user is None)
    return session


@transaction.atomic
def chat_end(*, session_id: int, user: Any = None, ended_by: str = "") -> ChatSession:
    """End the chat: by the visitor (``user`` None), its specialist or a supervisor, or any
    specialist while it still waits. Ending an ended chat changes nothing, except that a
    visitor who leaves (or is given up on) takes their token's right to the chat with them:
    it opens nothing afterwards, not even the history."""
    session = _locked(session_id)
    if user is not None and not (
        _may_work_on(session, user) or (session.state == State.WAITING and is_staff_member(user))
    ):
        raise ChatError("not_found", NOT_FOUND)
    if user is None:
        session.token_hash = _new_token()[1]
        session.save(update_fields=["token_hash"])
    if session.is_ended:
        return session
    was_waiting = session.state == State.WAITING
    now = timezone.now()
    session.state = State.ENDED
    session.ended_at = now
    session.ended_by = ended_by or (EndedBy.VISITOR if user is None else EndedBy.SPECIALIST)
    session.save(update_fields=["state", "ended_at", "ended_by"])
    conversation = session.conversation
    conversation.status = ConversationStatus.CLOSED
    conversation.save(update_fields=["status"])
    consultation_update(
        consultation=conversation.consultation,
        user=user or conversation.assignee,
        data={"ended_at": now},
    )
    _announce_session(session, queue=was_waiting)
    return session


@transaction.atomic
def chat_sessions_expire(*, now: datetime | None = None) -> int:
    """End the waiting and active chats whose visitor left, or whose visitor's socket has not
    beaten (a crashed server leaves them "connected"), longer ago than the resume window;
    their token no longer opens them."""
    since = (now or timezone.now()) - timedelta(minutes=settings.LINIJA_CHAT_RESUME_MINUTES)
    stale = ChatSession.objects.filter(
        state__in=[State.WAITING, State.ACTIVE], visitor_seen_at__lt=since
    ).values_list("pk", flat=True)
    ended = 0
    for session_id in list(stale):
        chat_end(session_id=session_id, ended_by=EndedBy.SYSTEM)
        ended += 1
    return ended


@transaction.atomic
def chat_sessions_of_gone_specialists_requeue(*, now: datetime | None = None) -> int:
    """Pass back to the queue (keeping their place) the active chats whose specialist's
    console has not been heard from for ``LINIJA_CHAT_SPECIALIST_GONE_MINUTES``, which frees
    their limit, and count their dead consoles as closed."""
    since = (now or timezone.now()) - timedelta(
        minutes=settings.LINIJA_CHAT_SPECIALIST_GONE_MINUTES
    )
    alive = SpecialistPresence.objects.filter(last_seen_at__gte=since).values("user")
    gone = ChatSession.objects.filter(state=State.ACTIVE, conversation__assignee__isnull=False)
    gone = gone.exclude(conversation__assignee__in=alive).select_related("conversation__assignee")
    requeued = 0
    for session in list(gone):
        chat_transfer(
            session_id=session.pk,
            user=session.conversation.assignee,
            note=_("Their console stopped answering."),
        )
        requeued += 1
    SpecialistPresence.objects.filter(connections__gt=0, last_seen_at__lt=since).update(
        connections=0
    )
    return requeued


# --- After the chat -------------------------------------------------------------------------


@transaction.atomic
def chat_survey_submit(*, session_id: int, rating: int, comment: str = "") -> ChatSurvey:
    """Store the visitor's rating (1–5) with the chat's consultation record, once."""
    session = _locked(session_id)
    if not session.is_ended:
        raise ChatError("not_ended", _("The survey opens when the chat has ended."))
    if not isinstance(rating, int) or isinstance(rating, bool) or not 1 <= rating <= 5:
        raise ChatError("invalid", _("Choose a rating from 1 to 5."))
    comment = comment.strip()
    if len(comment) > settings.LINIJA_CHAT_MAX_COMMENT_LENGTH:
        raise ChatError("too_long", _("The comment is too long."))
    consultation = session.conversation.consultation
    if ChatSurvey.objects.filter(consultation=consultation).exists():
        raise ChatError("survey_done", _("Thank you, your answer is already saved."))
    return ChatSurvey.objects.create(consultation=consultation, rating=rating, comment=comment)


def transcript_text(session: ChatSession) -> str:
    """The chat's messages as plain text in the visitor's language (no internal notes)."""
    messages = session.conversation.messages.exclude(direction=Direction.NOTE).select_related(
        "author"
    )
    with translation.override(session.language):
        return render_to_string(
            "chat/transcript.txt",
            {"session": session, "messages": messages, "visitor": Direction.IN},
        )


@transaction.atomic
def chat_transcript_send(*, session_id: int, email: str) -> None:
    """E-mail the transcript to the address the visitor typed (not kept anywhere else)."""
    session = _locked(session_id)
    if not session.is_ended:
        raise ChatError("not_ended", _("The transcript can be sent when the chat has ended."))
    if session.transcripts_sent >= settings.LINIJA_CHAT_MAX_TRANSCRIPTS:
        raise ChatError("transcript_limit", _("The transcript was already sent."))
    email = email.strip()
    try:
        validate_email(email)
    except ValidationError as invalid:
        raise ChatError("invalid", _("Enter a valid e-mail address.")) from invalid
    with translation.override(session.language):
        subject = _("Your chat with the Adoption and Foster Care Helpline")
    outbox_add(to=[email], subject=subject, body=transcript_text(session))
    session.transcripts_sent = F("transcripts_sent") + 1
    session.save(update_fields=["transcripts_sent"])
    audit_record(
        actor=None, action="export", obj=session.conversation, detail={"to": "visitor e-mail"}
    )


# --- Presence -------------------------------------------------------------------------------


def _presence_change(user: Any, change: Callable[[SpecialistPresence], None]) -> str:
    presence, _created = SpecialistPresence.objects.select_for_update().get_or_create(user=user)
    before = presence.effective_status()
    change(presence)
    presence.refresh_from_db()
    after = presence.effective_status()
    _announce_presence(user=user, before=before, after=after)
    return after


@transaction.atomic
def presence_set(*, user: Any, status: str) -> str:
    """Set the specialist's status (online, away, offline); returns the effective one."""
    if status not in Presence.values:
        raise ChatError("invalid", _("Unknown status."))
    if not is_staff_member(user):
        raise ChatError("not_found", NOT_FOUND)

    def change(presence: SpecialistPresence) -> None:
        presence.status = status
        presence.changed_at = timezone.now()
        presence.save(update_fields=["status", "changed_at"])

    return _presence_change(user, change)


@transaction.atomic
def presence_connect(*, user: Any) -> str:
    """A chat console of the specialist connected."""

    def change(presence: SpecialistPresence) -> None:
        SpecialistPresence.objects.filter(pk=presence.pk).update(
            connections=F("connections") + 1, last_seen_at=timezone.now()
        )

    return _presence_change(user, change)


@transaction.atomic
def presence_disconnect(*, user: Any) -> str:
    """A chat console of the specialist closed."""

    def change(presence: SpecialistPresence) -> None:
        SpecialistPresence.objects.filter(pk=presence.pk).update(
            connections=Greatest(F("connections") - 1, Value(0))
        )

    return _presence_change(user, change)


@transaction.atomic
def presence_touch(*, user: Any, now: datetime | None = None) -> None:
    """The console's heartbeat: the specialist is still there."""
    now = now or timezone.now()
    stale = now - timedelta(seconds=TOUCH_EVERY_SECONDS)
    presence = SpecialistPresence.objects.filter(user=user).first()
    if presence is None or (presence.last_seen_at and presence.last_seen_at > stale):
        return
    before = presence.effective_status(now)
    presence.last_seen_at = now
    presence.save(update_fields=["last_seen_at"])
    _announce_presence(user=user, before=before, after=presence.effective_status(now))


@transaction.atomic
def presence_limit_set(*, user: Any, specialist: Any, max_chats: int | None) -> None:
    """A supervisor sets how many chats a specialist takes at once (None: the default)."""
    if not is_supervisor(user):
        raise ChatError("not_found", NOT_FOUND)
    if max_chats is not None and not 1 <= max_chats <= 20:
        raise ChatError("invalid", _("Choose from 1 to 20 chats."))
    presence, _created = SpecialistPresence.objects.get_or_create(user=specialist)
    presence.max_chats = max_chats
    presence.save(update_fields=["max_chats"])
    audit_record(actor=user, action="change", obj=presence, detail={"max_chats": max_chats})
    staff_broadcast(
        event="chat.presence_changed",
        data={"user": specialist.pk, "status": presence.effective_status()},
    )
