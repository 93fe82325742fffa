"""Reads of the chat: a visitor's session by token, the queue and its estimated wait, who is
present, what a specialist's console and a supervisor's board show, the inbox rows, and the
figures of the reports."""

from __future__ import annotations

import datetime
import hashlib
import hmac
import math
import statistics
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from linija.accounts.selectors import is_staff_member, is_supervisor
from linija.chat.models import ChatSession, ChatSurvey, Presence, SpecialistPresence, State
from linija.consultations.models import Consultation, Direction, Message
from linija.consultations.selectors import last_message_previews
from linija.health.checks import Check
from linija.health.selectors import when
from linija.hours import status as hours_status
from linija.hours.calendar import VILNIUS
from linija.hours.selectors import line_calendar, line_status
from linija.inbox.items import InboxItem

CALLBACK_SLOT = datetime.timedelta(minutes=30)
CALLBACK_LEAD = datetime.timedelta(minutes=15)
CALLBACK_DAYS = 7


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _with_relations(queryset: QuerySet[ChatSession]) -> QuerySet[ChatSession]:
    return queryset.select_related(
        "conversation__assignee", "conversation__consultation", "caller_category", "topic__parent"
    )


def resumable(session: ChatSession, now: datetime.datetime | None = None) -> bool:
    """Whether the visitor's token still opens the chat: for the resume window after it
    ended, or after the visitor's socket was last heard from while it was waiting or active
    (a connected socket beats every half minute)."""
    now = now or timezone.now()
    since = now - datetime.timedelta(minutes=settings.LINIJA_CHAT_RESUME_MINUTES)
    if session.state == State.ENDED:
        return session.ended_at is not None and session.ended_at >= since
    return session.visitor_seen_at >= since


def session_for_token(token: str, now: datetime.datetime | None = None) -> ChatSession | None:
    """The visitor's chat for ``token`` if it may still be resumed; None otherwise."""
    if not isinstance(token, str) or not 20 <= len(token) <= 128:
        return None
    digest = token_hash(token)
    session = _with_relations(ChatSession.objects.filter(token_hash=digest)).first()
    if session is None or not hmac.compare_digest(session.token_hash, digest):
        return None
    return session if resumable(session, now) else None


def sessions_visible_to(user: Any) -> QuerySet[ChatSession]:
    """Supervisors see every chat; a specialist the waiting chats and those assigned to
    them; anybody else none."""
    sessions = _with_relations(ChatSession.objects.all())
    if is_supervisor(user):
        return sessions
    if is_staff_member(user):
        return sessions.filter(Q(state=State.WAITING) | Q(conversation__assignee=user))
    return sessions.none()


def access_session(*, user: Any, pk: int) -> ChatSession:
    """The chat ``pk`` if ``user`` may see it; ``Http404`` when it is missing or not theirs."""
    return get_object_or_404(sessions_visible_to(user), pk=pk)


# --- Presence, availability and the queue ---------------------------------------------------


def present(now: datetime.datetime | None = None) -> QuerySet[SpecialistPresence]:
    """The specialists with a live console who are online or away."""
    now = now or timezone.now()
    return SpecialistPresence.objects.filter(
        status__in=[Presence.ONLINE, Presence.AWAY],
        connections__gt=0,
        last_seen_at__gte=now - datetime.timedelta(seconds=settings.LINIJA_CHAT_PRESENCE_TIMEOUT),
    )


@dataclass(frozen=True)
class Availability:
    line_open: bool
    present: int
    online: int
    next_opening: dict[str, str]  # the next opening in words, by language code

    @property
    def available(self) -> bool:
        return self.present > 0 and (self.line_open or not settings.LINIJA_CHAT_FOLLOW_HOURS)

    @property
    def reason(self) -> str:
        """Why nobody can chat now: "closed" (outside hours) or "busy" (nobody present)."""
        if self.available:
            return ""
        return "closed" if settings.LINIJA_CHAT_FOLLOW_HOURS and not self.line_open else "busy"

    def next_opening_text(self, language: str = "") -> str:
        return self.next_opening.get(language or get_language() or settings.LANGUAGE_CODE, "")

    def as_json(self, language: str = "") -> dict:
        return {
            "available": self.available,
            "reason": self.reason,
            "next_opening": self.next_opening_text(language),
        }


def availability(now: datetime.datetime | None = None) -> Availability:
    now = now or timezone.now()
    counts = present(now).aggregate(
        present=Count("pk"), online=Count("pk", filter=Q(status=Presence.ONLINE))
    )
    status = line_status(now)
    texts = {}
    if not status.is_open:
        for code, _name in settings.LANGUAGES:
            with translation.override(code):
                texts[code] = hours_status.next_opening_text(status.calendar, now)
    return Availability(
        line_open=status.is_open,
        present=counts["present"],
        online=counts["online"],
        next_opening=texts,
    )


def recent_wait() -> datetime.timedelta:
    """The median of the last waits before a specialist accepted a chat."""
    rows = (
        ChatSession.objects.filter(accepted_at__isnull=False)
        .order_by("-accepted_at")
        .values_list("queued_at", "accepted_at")[: settings.LINIJA_CHAT_RECENT_WAITS]
    )
    waits = [(accepted - queued).total_seconds() for queued, accepted in rows]
    if not waits:
        return datetime.timedelta(seconds=settings.LINIJA_CHAT_DEFAULT_WAIT_SECONDS)
    return datetime.timedelta(seconds=max(0.0, statistics.median(waits)))


def queue_order() -> list[int]:
    """The waiting chats' ids, first to be answered first: safeguarding first, then by when
    they joined (a chat sent back to the queue keeps its place)."""
    return list(
        ChatSession.objects.filter(state=State.WAITING)
        .order_by("-priority", "queued_at", "id")
        .values_list("pk", flat=True)
    )


@dataclass(frozen=True)
class QueueSnapshot:
    """The queue as every waiting visitor's socket needs it to show its own place."""

    order: tuple[int, ...]
    seconds_per_place: int
    availability: Availability

    def position(self, session_id: int) -> int | None:
        try:
            return self.order.index(session_id) + 1
        except ValueError:
            return None

    def as_message(self) -> dict:
        """The queue for the lobby group: each visitor's socket picks its language."""
        return {
            "type": "chat.queue",
            "order": list(self.order),
            "seconds_per_place": self.seconds_per_place,
            "availability": {
                **self.availability.as_json(),
                "next_opening": self.availability.next_opening,
            },
        }


def queue_snapshot(now: datetime.datetime | None = None) -> QueueSnapshot:
    """The queue, with the estimated wait per place: the median of recent waits divided by
    the specialists online (at least one)."""
    current = availability(now)
    seconds = recent_wait().total_seconds() / max(1, current.online)
    return QueueSnapshot(
        order=tuple(queue_order()),
        seconds_per_place=max(1, math.ceil(seconds)),
        availability=current,
    )


def queue_place(session: ChatSession, snapshot: QueueSnapshot) -> dict:
    """A waiting visitor's place and estimated wait in seconds (None when not waiting)."""
    position = snapshot.position(session.pk) if session.state == State.WAITING else None
    return {
        "position": position,
        "estimate": position * snapshot.seconds_per_place if position else None,
    }


# --- What the sockets and pages show --------------------------------------------------------


def staff_name(user: Any) -> str:
    return (user.get_full_name() or user.get_username()) if user else ""


def visitor_facing_name(user: Any) -> str:
    """How a specialist is named to the visitor: the first name only."""
    return (user.first_name if user else "") or _("Specialist")


def message_data(message: Message, *, for_staff: bool) -> dict:
    author = message.author
    return {
        "id": message.pk,
        "client_id": message.client_id,
        "direction": message.direction,
        "body": message.body,
        "created_at": message.created_at.isoformat(),
        "author": (staff_name(author) if for_staff else visitor_facing_name(author))
        if message.direction != Direction.IN
        else "",
    }


def history(session: ChatSession, *, for_staff: bool) -> list[dict]:
    """The chat's messages in order; the internal notes only for the staff."""
    messages = session.conversation.messages.select_related("author").order_by("id")
    if not for_staff:
        messages = messages.exclude(direction=Direction.NOTE)
    return [message_data(message, for_staff=for_staff) for message in messages]


def visitor_state(session: ChatSession, snapshot: QueueSnapshot | None = None) -> dict:
    """What the visitor's page shows of the chat besides its messages."""
    assignee = session.conversation.assignee
    data = {
        "state": session.state,
        "specialist": visitor_facing_name(assignee) if assignee else "",
        "ended_by": session.ended_by,
        "read_up_to": session.specialist_read_up_to,
        "survey_done": hasattr(session.conversation.consultation, "chat_survey"),
        "position": None,
        "estimate": None,
    }
    if session.state == State.WAITING:
        data.update(queue_place(session, snapshot or queue_snapshot()))
    return data


def visitor_snapshot(session_id: int) -> dict:
    """Everything the visitor's page shows of their chat: its state and its messages."""
    session = _with_relations(ChatSession.objects.all()).get(pk=session_id)
    return {"state": visitor_state(session), "messages": history(session, for_staff=False)}


def active_session_ids(user: Any) -> list[int]:
    return list(
        ChatSession.objects.filter(state=State.ACTIVE, conversation__assignee=user).values_list(
            "pk", flat=True
        )
    )


def session_row(session: ChatSession, *, previews: dict[int, str] | None = None) -> dict:
    """One chat as the console and the board list it."""
    assignee = session.conversation.assignee
    consultation = session.conversation.consultation
    return {
        "id": session.pk,
        "name": session.display_name,
        "category": session.caller_category.name if session.caller_category_id else "",
        "topic": session.topic.full_name if session.topic_id else "",
        "priority": session.priority,
        "language": session.language,
        "state": session.state,
        "queued_at": session.queued_at.isoformat(),
        "accepted_at": session.accepted_at.isoformat() if session.accepted_at else None,
        "ended_at": session.ended_at.isoformat() if session.ended_at else None,
        "assignee": {"id": assignee.pk, "name": staff_name(assignee)} if assignee else None,
        "visitor_connected": session.visitor_connected,
        "visitor_read_up_to": session.visitor_read_up_to,
        "specialist_read_up_to": session.specialist_read_up_to,
        "preview": (previews or {}).get(session.pk, ""),
        "record_url": reverse("consultations:edit", args=[consultation.pk]) if consultation else "",
    }


def first_messages(sessions: list[ChatSession]) -> dict[int, str]:
    """The first words each waiting visitor typed, for the queue (they help choose)."""
    ids = [session.pk for session in sessions if session.state == State.WAITING]
    previews: dict[int, str] = {}
    rows = (
        Message.objects.filter(conversation__chat_session__in=ids, direction=Direction.IN)
        .order_by("id")
        .values_list("conversation__chat_session", "body")
    )
    for session_id, body in rows:
        previews.setdefault(session_id, body[:140])
    return previews


def presence_of(user: Any) -> SpecialistPresence:
    """The user's presence (an unsaved offline one when they never opened the console)."""
    try:
        return SpecialistPresence.objects.get(user=user)
    except SpecialistPresence.DoesNotExist:
        return SpecialistPresence(user=user)


def active_load(user_ids: list[int] | None = None) -> dict[int, int]:
    """How many active chats each specialist has."""
    rows = ChatSession.objects.filter(state=State.ACTIVE, conversation__assignee__isnull=False)
    if user_ids is not None:
        rows = rows.filter(conversation__assignee__in=user_ids)
    counts = rows.values("conversation__assignee").annotate(count=Count("pk"))
    return {row["conversation__assignee"]: row["count"] for row in counts}


def specialists(now: datetime.datetime | None = None) -> list[dict]:
    """Every specialist who ever opened the console: status, load and limit."""
    now = now or timezone.now()
    presences = list(SpecialistPresence.objects.select_related("user").filter(user__is_active=True))
    load = active_load([presence.user_id for presence in presences])
    return [
        {
            "id": presence.user_id,
            "name": staff_name(presence.user),
            "status": presence.status,
            "effective": presence.effective_status(now),
            "load": load.get(presence.user_id, 0),
            "limit": presence.limit,
            "last_seen_at": presence.last_seen_at.isoformat() if presence.last_seen_at else None,
        }
        for presence in presences
        if is_staff_member(presence.user)
    ]


def console_state(user: Any, now: datetime.datetime | None = None) -> dict:
    """What a specialist's console shows: their presence and load, the queue, their chats
    and the colleagues present to transfer to."""
    now = now or timezone.now()
    visible = sessions_visible_to(user)
    queue = list(visible.filter(state=State.WAITING).order_by("-priority", "queued_at", "id"))
    mine = list(
        visible.filter(state=State.ACTIVE, conversation__assignee=user).order_by("accepted_at")
    )
    presence = presence_of(user)
    colleagues = [row for row in specialists(now) if row["id"] != user.pk]
    previews = first_messages(queue)
    return {
        "me": {
            "id": user.pk,
            "status": presence.status,
            "effective": presence.effective_status(now),
            "limit": presence.limit,
            "load": len(mine),
        },
        "queue": [session_row(session, previews=previews) for session in queue],
        "chats": [session_row(session) for session in mine],
        "colleagues": [row for row in colleagues if row["effective"] != Presence.OFFLINE],
        "now": now.isoformat(),
    }


def board_state(now: datetime.datetime | None = None) -> dict:
    """The supervisor's live board: the queue, every active chat, every specialist."""
    now = now or timezone.now()
    sessions = _with_relations(ChatSession.objects.exclude(state=State.ENDED))
    queue = list(sessions.filter(state=State.WAITING).order_by("-priority", "queued_at", "id"))
    active = list(sessions.filter(state=State.ACTIVE).order_by("accepted_at"))
    return {
        "queue": [session_row(session) for session in queue],
        "active": [session_row(session) for session in active],
        "specialists": specialists(now),
        "median_wait": int(recent_wait().total_seconds()),
        "now": now.isoformat(),
    }


# --- The offline forms ----------------------------------------------------------------------


def callback_slots(now: datetime.datetime | None = None) -> list[datetime.datetime]:
    """Half-hour call-back times inside the line's hours in the coming days."""
    now = now or timezone.now()
    calendar = line_calendar(start=now.astimezone(VILNIUS).date())
    earliest = now + CALLBACK_LEAD
    slots = []
    for offset in range(CALLBACK_DAYS):
        hours = calendar.day_hours(now.astimezone(VILNIUS).date() + datetime.timedelta(offset))
        if hours is None:
            continue
        slot, closes = hours
        while slot + CALLBACK_SLOT <= closes:
            if slot >= earliest:
                slots.append(slot)
            slot += CALLBACK_SLOT
    return slots


# --- The unified inbox ----------------------------------------------------------------------


def inbox_items(user: Any) -> list[InboxItem]:
    """The waiting chats, and the active chats the user works on (a supervisor: all)."""
    sessions = list(sessions_visible_to(user).exclude(state=State.ENDED))
    previews = last_message_previews(session.conversation_id for session in sessions)
    console = reverse("chat:console")
    items = []
    for session in sessions:
        assignee = session.conversation.assignee
        waiting = session.state == State.WAITING
        items.append(
            InboxItem(
                key=f"conversation-{session.conversation_id}",
                kind="conversation",
                channel="chat",
                title=_("Chat: %(name)s") % {"name": session.display_name},
                status="waiting" if waiting else "open",
                status_label=str(State(session.state).label),
                created_at=session.queued_at,
                url=f"{console}?chat={session.pk}",
                assignee_id=assignee.pk if assignee else None,
                assignee_name=staff_name(assignee),
                topic_codes=(session.topic.code,) if session.topic_id else (),
                preview=previews.get(session.conversation_id, ""),
            )
        )
    return items


# --- The reports ------------------------------------------------------------------------------


def report_figures(
    *, since: datetime.datetime, until: datetime.datetime, records: QuerySet[Consultation]
) -> dict[str, int]:
    """The satisfaction survey of the chats whose record is in ``records``: offered (the
    person's page offers it in every ended chat), answered, and answered with 4 or 5. The
    answered and missed chats come from the conversations (the reports app's own figures)."""
    # Each survey and each chat is looked up among the records: they are few, records many.
    surveys = ChatSurvey.objects.filter(
        Exists(records.filter(pk=OuterRef("consultation_id")))
    ).aggregate(
        answered=Count("pk"), positive=Count("pk", filter=Q(rating__gte=ChatSurvey.POSITIVE_FROM))
    )
    invited = ChatSession.objects.filter(
        Exists(records.filter(pk=OuterRef("conversation__consultation_id"))), state=State.ENDED
    ).count()
    return {
        "survey.invited": invited,
        "survey.answered": surveys["answered"],
        "survey.positive": surveys["positive"],
    }


def dashboard_figures(*, now: datetime.datetime) -> dict[str, int]:
    """The specialists online now (a live console, status online); the chats waiting and
    going on come from the conversations (the reports app's own figures)."""
    return {"specialists_online": present(now).filter(status=Presence.ONLINE).count()}


def health_checks(*, now: datetime.datetime) -> list[Check]:
    """The oldest chat waiting in the queue: for the health page, never a failure of its own
    (the dashboard counts the waiting)."""
    oldest = (
        ChatSession.objects.filter(state=State.WAITING)
        .order_by("queued_at")
        .values_list("queued_at", flat=True)
        .first()
    )
    label = _("Oldest waiting chat")
    if oldest is None:
        return [Check("chat_waiting", label, True, _("Nobody is waiting"))]
    minutes = max(0, int((now - oldest).total_seconds() // 60))
    detail = _("Waiting since %(when)s (%(minutes)s min)") % {
        "when": when(oldest),
        "minutes": minutes,
    }
    return [Check("chat_waiting", label, True, detail, oldest)]
