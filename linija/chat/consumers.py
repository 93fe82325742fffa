"""The chat's two sockets: the visitor's (``/ws/chat/``) and the specialist console's
(``/ws/chat/staff/``). Thin: check the frame, call a service or a selector, send the answer.

The visitor proves who they are with the first frame, ``{"type": "hello", "token": …}``, so
the token never appears in an address or a server log. A socket hears only the groups of the
chats its owner may see (``live``); every action is checked again by the services.
"""

from __future__ import annotations

import asyncio
import json
from collections import deque
from typing import Any
from urllib.parse import parse_qs

from channels.consumer import get_handler_name
from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncWebsocketConsumer
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from linija.accounts.selectors import is_supervisor, staff_socket_allowed
from linija.chat import live, protocol, selectors, services
from linija.chat.forms import CallbackForm, OfflineMessageForm, StartForm
from linija.chat.models import EndedBy, State
from linija.chat.services import ChatError
from linija.forms import errors_onto
from linija.mail.models import LetterSource
from linija.mail.replies import contact_message_create
from linija.phone.models import CallbackSource
from linija.phone.services import callback_request_create
from linija.privacy import limits
from linija.privacy.sessions import StaffIdleSocket

# A visitor's socket must say hello within this many seconds.
HELLO_SECONDS = 15
# Frames of any kind one socket may send in the window (typing included).
FRAMES_PER_WINDOW = 60
FRAME_WINDOW_SECONDS = 10
# How many of its own message ids a socket remembers, so as not to echo them back.
REMEMBERED_IDS = 200

db = database_sync_to_async


class ChatConsumer(AsyncWebsocketConsumer):
    """Frame checking, error frames and the flood limit shared by both sockets."""

    frames: Any = {}
    language = "lt"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.window = protocol.SlidingWindow(FRAMES_PER_WINDOW, FRAME_WINDOW_SECONDS)
        self.flood_told = False
        self.own_ids: deque[int] = deque(maxlen=REMEMBERED_IDS)

    async def dispatch(self, message: dict) -> None:
        # The base class hops to the database thread before every event to close stale
        # connections; here every database call goes through ``database_sync_to_async``,
        # which does that itself, and the hop would queue each relayed event behind it.
        handler = getattr(self, get_handler_name(message), None)
        if handler is None:
            raise ValueError(f"No handler for message type {message['type']}")
        await handler(message)

    async def send_frame(self, frame: dict) -> None:
        await self.send(text_data=json.dumps(frame, separators=(",", ":")))

    async def send_error(self, code: str, message: Any, **extra: Any) -> None:
        with translation.override(self.language):
            text = str(message)
        await self.send_frame({"type": "error", "code": code, "message": text, **extra})

    async def receive(self, text_data: str | None = None, bytes_data: bytes | None = None):
        if not self.window.allow():
            if not self.flood_told:
                self.flood_told = True
                await self.send_error("rate_limited", _("Too many frames. Slow down."))
            return
        self.flood_told = False
        try:
            frame = protocol.parse(text_data, self.frames)
        except protocol.FrameError as error:
            await self.send_error(error.code, error.message)
            return
        try:
            await self.handle(frame)
        except ChatError as error:
            await self.send_error(error.code, error.message, **self.error_context(frame))
        except Http404:
            await self.send_error("not_found", services.NOT_FOUND, **self.error_context(frame))

    async def handle(self, frame: dict) -> None:
        with translation.override(self.language):
            await getattr(self, f"frame_{frame['type']}")(frame)

    def error_context(self, frame: dict) -> dict:
        """What an error frame repeats of the frame it refuses, for the client to match."""
        return {name: frame[name] for name in ("client_id", "session") if name in frame}

    def remember_own(self, message_id: int) -> None:
        self.own_ids.append(message_id)

    def is_own_echo(self, message: dict) -> bool:
        return message["id"] in self.own_ids

    async def frame_ping(self, frame: dict) -> None:
        await self.send_frame({"type": "pong"})


def form_errors(form: Any) -> dict[str, list[str]]:
    return {name: [str(error) for error in errors] for name, errors in form.errors.items()}


def too_many() -> ChatError:
    return ChatError(
        "rate_limited", _("Too many requests from this connection. Please try again later.")
    )


@db
def offline_message_save(data: dict, language: str, client: str) -> dict | None:
    """Validate and pass on a message left when nobody could chat: the errors, or None.
    Counted with the contact form's messages from the same address."""
    if limits.rate_wait(scope="contact", who=client):
        raise too_many()
    form = OfflineMessageForm(data)
    if not form.is_valid():
        return form_errors(form)
    try:
        with translation.override(language):
            contact_message_create(**form.cleaned_data, source=LetterSource.CHAT_OFFLINE)
    except ValidationError as invalid:
        errors_onto(form, invalid)
        return form_errors(form)
    limits.rate_hit(scope="contact", who=client)
    return None


@db
def callback_save(data: dict, client: str) -> dict | None:
    """Validate and pass on a call-back request: the errors, or None. Counted with the
    callback form's requests from the same address."""
    if limits.rate_hit(scope="callback", who=client):
        raise too_many()
    form = CallbackForm(data)
    if not form.is_valid():
        return form_errors(form)
    try:
        callback_request_create(**form.cleaned_data, source=CallbackSource.CHAT)
    except ValidationError as invalid:
        errors_onto(form, invalid)
        return form_errors(form)
    return None


@db
def chat_begin(frame: dict, language: str, client: str) -> tuple[int, str] | dict:
    """Validate the pre-chat form and join the queue: (session id, token), or the errors."""
    form = StartForm({name: frame[name] for name in ("nickname", "caller_category", "topic")})
    if not form.is_valid():
        return form_errors(form)
    if limits.rate_hit(scope="chat-start", who=client):
        raise too_many()
    session, token = services.chat_start(**form.cleaned_data, language=language)
    return session.pk, token


@db
def visitor_resume(token: str) -> int | None:
    session = selectors.session_for_token(token)
    if session is None:
        return None
    services.chat_visitor_connection_set(session_id=session.pk, connected=True)
    return session.pk


@db
def lobby_status() -> dict:
    return selectors.availability().as_json()


@db
def queue_frame(session_id: int) -> dict:
    snapshot = selectors.queue_snapshot()
    return {
        "type": "queue",
        "position": snapshot.position(session_id),
        "seconds_per_place": snapshot.seconds_per_place,
        "availability": snapshot.availability.as_json(),
    }


def in_language(availability: dict, language: str) -> dict:
    """The lobby's availability with the next opening in the visitor's language."""
    return {**availability, "next_opening": availability["next_opening"].get(language, "")}


class VisitorConsumer(ChatConsumer):
    """A visitor's chat: hello (with the token to resume), start, messages, typing, read
    receipts, end, survey, transcript, and the offline forms when nobody can chat."""

    frames = protocol.VISITOR_FRAMES

    async def connect(self) -> None:
        self.session_id: int | None = None
        # The start key and token of the chat this socket started: a start sent again on
        # this socket answers with the same chat; on any other socket the key means nothing.
        self.started: tuple[str, str] | None = None
        self.state = ""
        self.greeted = False
        self.groups_joined: list[str] = []
        self.last_queue: tuple = ()
        await self.accept()
        self.hello_deadline = asyncio.ensure_future(self.expect_hello())

    async def expect_hello(self) -> None:
        await asyncio.sleep(HELLO_SECONDS)
        if not self.greeted:
            await self.close(code=4408)

    async def disconnect(self, code: int) -> None:
        self.hello_deadline.cancel()
        for group in self.groups_joined:
            await self.channel_layer.group_discard(group, self.channel_name)
        if self.session_id is not None and self.state != State.ENDED:
            await live.call(
                services.chat_visitor_connection_set, session_id=self.session_id, connected=False
            )

    async def join(self, group: str) -> None:
        if group not in self.groups_joined:
            self.groups_joined.append(group)
            await self.channel_layer.group_add(group, self.channel_name)

    async def leave(self, group: str) -> None:
        if group in self.groups_joined:
            self.groups_joined.remove(group)
            await self.channel_layer.group_discard(group, self.channel_name)

    async def follow_state(self, state: dict) -> None:
        """Hear the queue only while waiting; remember the state for the typing checks."""
        self.state = state["state"]
        if self.state == State.WAITING:
            self.last_queue = (state["position"], state["estimate"], True)
            await self.join(live.LOBBY)
        else:
            await self.leave(live.LOBBY)

    async def bind(self, session_id: int, **extra: Any) -> None:
        """Attach the socket to its chat and send everything the page shows of it."""
        self.session_id = session_id
        await self.join(live.visitor_group(session_id))
        snapshot = await db(selectors.visitor_snapshot)(session_id)
        await self.follow_state(snapshot["state"])
        await self.send_frame({"type": "chat", **snapshot, **extra})

    def require_chat(self) -> int:
        if self.session_id is None:
            raise ChatError("no_chat", _("Start a chat first."))
        return self.session_id

    # --- Frames from the visitor ---------------------------------------------------------

    async def handle(self, frame: dict) -> None:
        if frame["type"] == "hello" and not self.greeted:
            self.language = frame["lang"]
        elif not self.greeted:
            raise ChatError("hello_required", _("Say hello first."))
        await super().handle(frame)

    async def frame_hello(self, frame: dict) -> None:
        if self.greeted:
            raise ChatError("bad_frame", _("Hello was already said."))
        self.greeted = True
        self.hello_deadline.cancel()
        session_id = await visitor_resume(frame["token"]) if frame["token"] else None
        if session_id is not None:
            await self.bind(session_id)
            return
        await self.join(live.LOBBY)
        await self.send_frame(
            {
                "type": "welcome",
                "availability": await lobby_status(),
                "expired": bool(frame["token"]),
            }
        )

    async def frame_start(self, frame: dict) -> None:
        if self.session_id is not None and self.started and self.started[0] == frame["start_key"]:
            await self.bind(self.session_id, token=self.started[1])
            return
        if self.session_id is not None and self.state != State.ENDED:
            raise ChatError("already_started", _("This chat has already started."))
        await self.leave_chat()
        result = await chat_begin(frame, self.language, limits.scope_client(self.scope))
        if isinstance(result, dict):
            await self.send_error("invalid", _("Check the form."), fields=result)
            return
        session_id, token = result
        self.started = (frame["start_key"], token)
        await self.bind(session_id, token=token)

    async def leave_chat(self) -> None:
        if self.session_id is not None:
            await self.leave(live.visitor_group(self.session_id))
            self.session_id = None

    async def frame_message(self, frame: dict) -> None:
        message, _created = await live.call(
            services.chat_visitor_message_send,
            session_id=self.require_chat(),
            body=frame["body"],
            client_id=frame["client_id"],
        )
        self.remember_own(message.pk)
        await self.send_frame(
            {
                "type": "ack",
                "client_id": frame["client_id"],
                "id": message.pk,
                "created_at": message.created_at.isoformat(),
            }
        )

    async def frame_typing(self, frame: dict) -> None:
        session_id = self.require_chat()
        if self.state in (State.WAITING, State.ACTIVE):
            await self.channel_layer.group_send(
                live.staff_group(session_id),
                {
                    "type": "chat.typing",
                    "session": session_id,
                    "side": "visitor",
                    "active": frame["active"],
                },
            )

    async def frame_read(self, frame: dict) -> None:
        await live.call(
            services.chat_read_mark, session_id=self.require_chat(), up_to=frame["up_to"]
        )

    async def frame_end(self, frame: dict) -> None:
        ended_by = EndedBy.QUICK_EXIT if frame["quick_exit"] else EndedBy.VISITOR
        await live.call(services.chat_end, session_id=self.require_chat(), ended_by=ended_by)

    async def frame_survey(self, frame: dict) -> None:
        await live.call(
            services.chat_survey_submit,
            session_id=self.require_chat(),
            rating=frame["rating"],
            comment=frame["comment"],
        )
        await self.send_frame({"type": "survey_saved"})

    async def frame_transcript(self, frame: dict) -> None:
        await live.call(
            services.chat_transcript_send, session_id=self.require_chat(), email=frame["email"]
        )
        await self.send_frame({"type": "transcript_sent"})

    async def frame_offline_message(self, frame: dict) -> None:
        client = limits.scope_client(self.scope)
        await self.offline_saved(
            "message", await offline_message_save(frame, self.language, client)
        )

    async def frame_callback(self, frame: dict) -> None:
        await self.offline_saved(
            "callback", await callback_save(frame, limits.scope_client(self.scope))
        )

    async def offline_saved(self, kind: str, errors: dict | None) -> None:
        if errors:
            await self.send_error("invalid", _("Check the form."), form=kind, fields=errors)
        else:
            await self.send_frame({"type": "offline_saved", "form": kind})

    async def frame_ping(self, frame: dict) -> None:
        await super().frame_ping(frame)
        if self.session_id is not None and self.state != State.ENDED:
            await live.call(services.chat_visitor_touch, session_id=self.session_id)
        if self.session_id is not None and self.state == State.WAITING:
            await self.send_frame(await queue_frame(self.session_id))

    # --- Events from the services --------------------------------------------------------
    # An event may have been queued for this socket before it left a chat's group: each one
    # is checked against the chat the socket is bound to now.

    def hears(self, event: dict) -> bool:
        return self.session_id is not None and event["session"] == self.session_id

    async def chat_message(self, event: dict) -> None:
        if self.hears(event) and not self.is_own_echo(event["message"]):
            await self.send_frame({"type": "message", "message": event["message"]})

    async def chat_typing(self, event: dict) -> None:
        if self.hears(event) and event["side"] == "specialist":
            await self.send_frame({"type": "typing", "active": event["active"]})

    async def chat_read(self, event: dict) -> None:
        if self.hears(event) and event["side"] == "specialist":
            await self.send_frame({"type": "read", "up_to": event["up_to"]})

    async def chat_state(self, event: dict) -> None:
        if not self.hears(event):
            return
        await self.follow_state(event["state"])
        await self.send_frame({"type": "state", "state": event["state"]})

    async def chat_queue(self, event: dict) -> None:
        """The queue moved: a waiting visitor hears their new place, a visitor who has not
        started whether anybody can chat now."""
        availability = in_language(event["availability"], self.language)
        if self.session_id is None:
            await self.send_frame({"type": "availability", **availability})
            return
        if self.state != State.WAITING:
            return
        order = event["order"]
        position = order.index(self.session_id) + 1 if self.session_id in order else None
        estimate = position * event["seconds_per_place"] if position else None
        key = (position, estimate, availability["available"])
        if key != self.last_queue:
            self.last_queue = key
            await self.send_frame(
                {
                    "type": "queue",
                    "position": position,
                    "seconds_per_place": event["seconds_per_place"],
                    "availability": availability,
                }
            )


@db
def staff_connect(user: Any, session: Any) -> list[int] | None:
    """The ids of the user's active chats, or None when they may not open the console."""
    if not staff_socket_allowed(user, session):
        return None
    services.presence_connect(user=user)
    return selectors.active_session_ids(user)


@db
def colleague(user_id: int | None) -> Any:
    if user_id is None:
        return None
    found = get_user_model().objects.filter(pk=user_id, is_active=True).first()
    if found is None:
        raise ChatError("invalid", _("Choose a colleague to pass the chat to."))
    return found


@db
def watch_allowed(user: Any, session_id: int) -> bool:
    """A supervisor may follow any chat (``Http404`` when it does not exist)."""
    return is_supervisor(user) and selectors.access_session(user=user, pk=session_id) is not None


class StaffChatConsumer(StaffIdleSocket, ChatConsumer):
    """A specialist's console: accept, messages and notes, typing, read receipts, transfer,
    end and presence; a supervisor may also watch any chat. The queue itself reaches the
    console over the staff socket (``chat.queue_changed``)."""

    frames = protocol.STAFF_FRAMES

    async def connect(self) -> None:
        self.user = self.scope["user"]
        # The chats this socket hears: assigned to its user, or watched by a supervisor.
        self.sessions: set[int] = set()
        query = parse_qs(self.scope.get("query_string", b"").decode())
        self.language = query.get("lang", ["lt"])[0] if query.get("lang") else "lt"
        if self.language not in protocol.LANGUAGES:
            self.language = "lt"
        session_ids = await staff_connect(self.user, self.scope.get("session"))
        if session_ids is None:
            await self.close(code=4403)
            return
        self.connected = True
        await self.channel_layer.group_add(live.user_group(self.user.pk), self.channel_name)
        for session_id in session_ids:
            await self.follow(session_id)
        await self.accept()

    async def disconnect(self, code: int) -> None:
        if not getattr(self, "connected", False):
            return
        await self.channel_layer.group_discard(live.user_group(self.user.pk), self.channel_name)
        for session_id in list(self.sessions):
            await self.channel_layer.group_discard(live.staff_group(session_id), self.channel_name)
        await live.call(services.presence_disconnect, user=self.user)

    async def follow(self, session_id: int) -> None:
        self.sessions.add(session_id)
        await self.channel_layer.group_add(live.staff_group(session_id), self.channel_name)

    async def unfollow(self, session_id: int) -> None:
        self.sessions.discard(session_id)
        await self.channel_layer.group_discard(live.staff_group(session_id), self.channel_name)

    def hears(self, event: dict) -> bool:
        """Checked on every event: the group may have queued some for this socket while it
        listened to a chat it then did not get, or after the chat left it."""
        return event["session"] in self.sessions

    # --- Frames from the console ---------------------------------------------------------

    async def frame_accept(self, frame: dict) -> None:
        session_id = frame["session"]
        # Listen before the chat is ours: the visitor may write the moment it is. What the
        # group sends meanwhile waits in this socket's queue and is heard only if it is ours.
        group = live.staff_group(session_id)
        await self.channel_layer.group_add(group, self.channel_name)
        try:
            await live.call(services.chat_accept, session_id=session_id, user=self.user)
        except ChatError:
            if session_id not in self.sessions:
                await self.channel_layer.group_discard(group, self.channel_name)
            raise
        self.sessions.add(session_id)
        await self.send_frame({"type": "accepted", "session": session_id})

    async def frame_message(self, frame: dict) -> None:
        store = services.chat_note_add if frame["note"] else services.chat_specialist_message_send
        message, _created = await live.call(
            store,
            session_id=frame["session"],
            user=self.user,
            body=frame["body"],
            client_id=frame["client_id"],
        )
        self.remember_own(message.pk)
        await self.send_frame(
            {
                "type": "ack",
                "session": frame["session"],
                "client_id": frame["client_id"],
                "id": message.pk,
                "created_at": message.created_at.isoformat(),
            }
        )

    async def frame_typing(self, frame: dict) -> None:
        if not self.hears(frame):
            raise ChatError("not_found", services.NOT_FOUND)
        await self.channel_layer.group_send(
            live.visitor_group(frame["session"]),
            {
                "type": "chat.typing",
                "session": frame["session"],
                "side": "specialist",
                "active": frame["active"],
            },
        )

    async def frame_read(self, frame: dict) -> None:
        await live.call(
            services.chat_read_mark,
            session_id=frame["session"],
            up_to=frame["up_to"],
            user=self.user,
        )

    async def frame_transfer(self, frame: dict) -> None:
        to_user = await colleague(frame["to"])
        await live.call(
            services.chat_transfer,
            session_id=frame["session"],
            user=self.user,
            to_user=to_user,
            note=frame["note"],
        )
        await self.send_frame({"type": "transferred", "session": frame["session"]})

    async def frame_end(self, frame: dict) -> None:
        await live.call(services.chat_end, session_id=frame["session"], user=self.user)

    async def frame_presence(self, frame: dict) -> None:
        status = await live.call(services.presence_set, user=self.user, status=frame["status"])
        await self.send_frame({"type": "presence", "status": status})

    async def frame_watch(self, frame: dict) -> None:
        if not await watch_allowed(self.user, frame["session"]):
            raise ChatError("not_found", services.NOT_FOUND)
        await self.follow(frame["session"])
        await self.send_frame({"type": "watching", "session": frame["session"]})

    async def frame_ping(self, frame: dict) -> None:
        await live.call(services.presence_touch, user=self.user)
        await super().frame_ping(frame)

    # --- Events from the services --------------------------------------------------------

    async def chat_message(self, event: dict) -> None:
        if self.hears(event) and not self.is_own_echo(event["message"]):
            await self.send_frame(
                {"type": "message", "session": event["session"], "message": event["message"]}
            )

    async def chat_typing(self, event: dict) -> None:
        if self.hears(event) and event["side"] == "visitor":
            await self.send_frame(
                {"type": "typing", "session": event["session"], "active": event["active"]}
            )

    async def chat_read(self, event: dict) -> None:
        if not self.hears(event):
            return
        await self.send_frame(
            {
                "type": "read",
                "session": event["session"],
                "side": event["side"],
                "up_to": event["up_to"],
            }
        )

    async def chat_session(self, event: dict) -> None:
        if self.hears(event):
            await self.send_frame({"type": "session", "row": event["row"]})

    async def chat_assigned(self, event: dict) -> None:
        await self.follow(event["session"])
        await self.send_frame({"type": "assigned", "session": event["session"]})

    async def chat_unassigned(self, event: dict) -> None:
        await self.unfollow(event["session"])
        await self.send_frame({"type": "unassigned", "session": event["session"]})
