"""Reads of the e-mail channel: who sees which conversation and file, how a letter finds its
thread, where the inbox's e-mail rows lead, and when an answer can be expected."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from linija.accounts.selectors import is_supervisor
from linija.consultations import selectors as consultations
from linija.consultations.models import (
    Channel,
    Conversation,
    Direction,
    Message,
    Topic,
)
from linija.health.checks import Check, stall_after
from linija.health.selectors import beat_at, beat_check, when
from linija.hours.calendar import VILNIUS
from linija.hours.selectors import line_status
from linija.hours.status import (
    MONTHS_OF_DAY,
    WEEKDAY_NAMED_WITHIN,
    WEEKDAYS_ON,
    LineStatus,
    clock,
)
from linija.mail.addresses import tagged_conversation
from linija.mail.imap import imap_config
from linija.mail.models import (
    AcknowledgementTemplate,
    Attachment,
    Letter,
    LetterKind,
    LetterSource,
    OutboxMessage,
    OutboxStatus,
    QuarantinedLetter,
    ThreadClaim,
)

# An answer promised "today" needs at least this much of the day left.
ANSWER_MARGIN = timedelta(minutes=30)


# --- Who sees what --------------------------------------------------------------------------


def mail_conversations_visible_to(user: Any) -> QuerySet[Conversation]:
    """The e-mail conversations ``user`` may see (the consultations app's rules)."""
    return consultations.conversations_visible_to(user).filter(channel=Channel.EMAIL)


def access_mail_conversation(*, user: Any, pk: int) -> Conversation:
    return get_object_or_404(mail_conversations_visible_to(user), pk=pk)


def conversation_url(conversation: Conversation) -> str:
    """The e-mail thread's page, where the inbox's rows of e-mail conversations lead."""
    return reverse("mail:conversation", args=[conversation.pk])


def access_letter(*, user: Any, pk: int) -> Letter:
    """A letter of a conversation ``user`` may see; automatic letters outside a conversation
    are for supervisors."""
    letter = get_object_or_404(Letter.objects.select_related("conversation_message"), pk=pk)
    if letter.conversation_message is None:
        if not is_supervisor(user):
            raise Http404
        return letter
    access_mail_conversation(user=user, pk=letter.conversation_message.conversation_id)
    return letter


def access_attachment(*, user: Any, pk: int) -> Attachment:
    attachment = get_object_or_404(Attachment.objects.select_related("letter", "outbox"), pk=pk)
    if not attachment.file:
        raise Http404
    if attachment.letter_id is not None:
        access_letter(user=user, pk=attachment.letter_id)
    elif attachment.outbox.conversation_id is None:
        raise Http404
    else:
        access_mail_conversation(user=user, pk=attachment.outbox.conversation_id)
    return attachment


def access_outbox(*, user: Any, pk: int) -> OutboxMessage:
    outgoing = get_object_or_404(OutboxMessage, pk=pk, conversation__isnull=False)
    access_mail_conversation(user=user, pk=outgoing.conversation_id)
    return outgoing


def conversation_list(*, user: Any, status: str = "") -> QuerySet[Conversation]:
    conversations = mail_conversations_visible_to(user)
    if status == "open":
        return conversations.filter(status__in=consultations.ACTIVE_CONVERSATION_STATUSES)
    if status:
        return conversations.filter(status=status)
    return conversations


def letters_filtered(*, user: Any) -> QuerySet[Letter]:
    """Automatic mail that opened no conversation (bounces, auto-replies, bulk), newest first:
    for supervisors, to check that nothing a person wrote was filtered out."""
    if not is_supervisor(user):
        return Letter.objects.none()
    return Letter.objects.filter(conversation_message__isnull=True).order_by("-received_at")


# --- One conversation -----------------------------------------------------------------------


@dataclass(frozen=True)
class TimelineEntry:
    at: datetime
    message: Message | None = None
    letter: Letter | None = None
    outgoing: OutboxMessage | None = None

    @property
    def is_acknowledgement(self) -> bool:
        return self.message is None


def conversation_timeline(conversation: Conversation) -> list[TimelineEntry]:
    """Every message in order, each with its letter or its outgoing letter, and the automatic
    acknowledgements sent."""
    messages = (
        conversation.messages.select_related("author", "letter", "outbox")
        .prefetch_related(
            Prefetch("letter__attachments", queryset=Attachment.objects.order_by("id")),
            Prefetch("outbox__attachments", queryset=Attachment.objects.order_by("id")),
        )
        .order_by("created_at", "id")
    )
    entries = [
        TimelineEntry(
            at=message.created_at,
            message=message,
            letter=getattr(message, "letter", None),
            outgoing=getattr(message, "outbox", None),
        )
        for message in messages
    ]
    acknowledgements = conversation.outbox.filter(acknowledgement__isnull=False)
    entries += [TimelineEntry(at=sent.created_at, outgoing=sent) for sent in acknowledgements]
    return sorted(entries, key=lambda entry: entry.at)


def letter_to_answer(conversation: Conversation) -> Letter | None:
    """The latest letter a person wrote in the conversation: the one a reply answers."""
    return (
        Letter.objects.filter(
            conversation_message__conversation=conversation, kind=LetterKind.PERSON
        )
        .order_by("-received_at", "-id")
        .first()
    )


def first_response(conversation: Conversation) -> timedelta | None:
    """From the person's first message to the first answer a specialist wrote."""
    first_in = (
        conversation.messages.filter(direction=Direction.IN).order_by("created_at", "id").first()
    )
    if first_in is None:
        return None
    first_out = (
        conversation.messages.filter(direction=Direction.OUT, created_at__gte=first_in.created_at)
        .order_by("created_at", "id")
        .first()
    )
    return None if first_out is None else first_out.created_at - first_in.created_at


def first_letter_at(conversation: Conversation) -> datetime:
    first_in = (
        conversation.messages.filter(direction=Direction.IN).order_by("created_at", "id").first()
    )
    return first_in.created_at if first_in else conversation.created_at


def last_answer_at(conversation: Conversation) -> datetime:
    """When the last answer was written, or now when there is none yet."""
    last_out = (
        conversation.messages.filter(direction=Direction.OUT).order_by("created_at", "id").last()
    )
    return last_out.created_at if last_out else timezone.now()


def duration_text(duration: timedelta | None) -> str:
    """A time to first response in words: "2 h 5 min", "45 min"."""
    if duration is None:
        return ""
    minutes = max(int(duration.total_seconds() // 60), 0)
    days, minutes = divmod(minutes, 24 * 60)
    hours, minutes = divmod(minutes, 60)
    parts = []
    if days:
        parts.append(_("%(count)d d") % {"count": days})
    if hours:
        parts.append(_("%(count)d h") % {"count": hours})
    if minutes or not parts:
        parts.append(_("%(count)d min") % {"count": minutes})
    return " ".join(parts)


# --- Threading ------------------------------------------------------------------------------


def thread_by_message_ids(ids: Sequence[str]) -> Conversation | None:
    """The conversation of the first of ``ids`` that is a letter we stored or sent."""
    found = threads_by_message_ids(ids)
    return next((found[value] for value in ids if value in found), None)


def threads_by_message_ids(ids: Iterable[str]) -> dict[str, Conversation]:
    """The e-mail conversation of each of ``ids`` that is a letter we sent or stored (what we
    sent first, where both carry one), in three queries for any number of ids."""
    wanted = {value for value in ids if value}
    if not wanted:
        return {}
    found: dict[str, int] = {}
    for message_id, conversation_id in OutboxMessage.objects.filter(
        message_id__in=wanted, conversation__isnull=False
    ).values_list("message_id", "conversation_id"):
        found[message_id] = conversation_id
    for message_id, conversation_id in Letter.objects.filter(
        message_id__in=wanted, conversation_message__isnull=False
    ).values_list("message_id", "conversation_message__conversation_id"):
        found.setdefault(message_id, conversation_id)
    conversations = Conversation.objects.filter(channel=Channel.EMAIL).in_bulk(set(found.values()))
    return {
        message_id: conversations[pk] for message_id, pk in found.items() if pk in conversations
    }


def thread_correspondent(*, conversation: Conversation, sender_key: str) -> bool:
    """Whether the sender may join ``conversation`` by its Message-IDs: the person who wrote
    it, or a sender a specialist linked into it."""
    if not sender_key:
        return False
    return (
        conversation.caller_key == sender_key
        or ThreadClaim.objects.filter(
            claimed=conversation, sender_key=sender_key, linked_at__isnull=False
        ).exists()
    )


def thread_claim_of(conversation: Conversation) -> ThreadClaim | None:
    """The thread this conversation's first letter claimed, while it is not linked."""
    return (
        ThreadClaim.objects.select_related("claimed")
        .filter(conversation=conversation, linked_at__isnull=True)
        .first()
    )


def thread_by_tag(*, subject: str, sender_key: str) -> tuple[Conversation | None, int | None]:
    """The conversation a ``[Linija #1234]`` tag names, if the same sender started it; and
    the number of a tagged conversation of somebody else (the letter must not join it)."""
    pk = tagged_conversation(subject)
    if pk is None:
        return None, None
    conversation = Conversation.objects.filter(pk=pk, channel=Channel.EMAIL).first()
    if conversation is None:
        return None, None
    if sender_key and conversation.caller_key == sender_key:
        return conversation, None
    return None, pk


# --- The contact form ----------------------------------------------------------------------

# Groups a person writing in would not pick: the specialist records these.
NOT_FOR_THE_PUBLIC = frozenset({"non_counselling"})


def contact_topics() -> list[tuple[str, str]]:
    """The topic groups a person may pick on the contact form (code, name)."""
    groups = Topic.objects.filter(active=True, parent__isnull=True).exclude(
        code__in=NOT_FOR_THE_PUBLIC
    )
    return [(topic.code, topic.name) for topic in groups]


def contact_key(*, once: str, source: str = LetterSource.CONTACT_FORM) -> str:
    """The fingerprint of a message left on the website, from the one-time key of its form."""
    return hashlib.sha256(f"{source}:{once}".encode()).hexdigest()


# A person who had no answer may send the same words again days later, on purpose: only
# within a day is the same message from the same address taken for the one already sent.
SAME_MESSAGE_WINDOW = timedelta(days=1)


def contact_letter_sent(*, once: str, email: str, text: str) -> Letter | None:
    """The letter the contact form already stored of this message: the one sent with this
    form's one-time key (a second click, Back and Send again), or the address's last letter
    from the form in the last day when it says the same."""
    letters = Letter.objects.filter(source=LetterSource.CONTACT_FORM)
    sent = letters.filter(dedupe_key=contact_key(once=once)).first() if once else None
    if sent is not None:
        return sent
    last = letters.filter(
        from_address__iexact=email.strip(),
        received_at__gte=timezone.now() - SAME_MESSAGE_WINDOW,
    )
    last = last.order_by("-received_at", "-id").first()
    return last if last is not None and last.text == text.strip() else None


# --- Canned answers -------------------------------------------------------------------------


def canned_answers_for(user: Any) -> list[Any]:
    """The knowledge base's canned answers (objects with ``title`` and ``body``), or none
    while the knowledge base does not offer them."""
    try:
        from linija.knowledge.selectors import canned_answers
    except ImportError:
        return []
    return list(canned_answers(user))


# --- The acknowledgement -------------------------------------------------------------------


def acknowledgement_templates() -> dict[str, AcknowledgementTemplate]:
    """The active acknowledgement templates by language."""
    return {
        template.language: template
        for template in AcknowledgementTemplate.objects.filter(active=True)
    }


# --- When an answer can be expected ---------------------------------------------------------


def _after(moment: datetime, *, now: datetime) -> str:
    local = moment.astimezone(VILNIUS)
    days_ahead = (local.date() - now.astimezone(VILNIUS).date()).days
    time = clock(local)
    if days_ahead == 0:
        return _("today after %(time)s") % {"time": time}
    if days_ahead == 1:
        return _("tomorrow after %(time)s") % {"time": time}
    if 1 < days_ahead <= WEEKDAY_NAMED_WITHIN:
        return _("on %(weekday)s after %(time)s") % {
            "weekday": WEEKDAYS_ON[local.weekday()],
            "time": time,
        }
    return _("on %(day)s %(month)s after %(time)s") % {
        "day": local.day,
        "month": MONTHS_OF_DAY[local.month - 1],
        "time": time,
    }


def answer_expected(status: LineStatus | None = None) -> str:
    """When a letter written now (or at ``status.now``) can expect an answer, from the
    opening hours, in the active language: "today by 20:00", "on Monday after 12:00"."""
    status = status or line_status()
    now = status.now
    if status.closes_at is not None and status.closes_at - now >= ANSWER_MARGIN:
        return _("today by %(time)s") % {"time": clock(status.closes_at)}
    opening = (
        status.calendar.next_opening(status.closes_at)
        if status.closes_at is not None
        else status.next_opening
    )
    if opening is None:
        return _("as soon as possible")
    return _after(opening, now=now)


# --- The health page's checks (``linija.health.checks``) ---------------------------------------

MAIL_FETCH = "mail-fetch"


def health_checks(*, now: datetime) -> list[Check]:
    """The mailbox fetched lately (in opening hours), no letter waiting too long to go and
    none in the quarantine."""
    label = _("Mail fetching")
    if not imap_config().enabled:
        fetch = Check("mail_fetch", label, True, _("Off: no mailbox is configured"))
    elif line_status(now).is_open:
        fetch = beat_check(
            key="mail_fetch",
            label=label,
            name=MAIL_FETCH,
            now=now,
            missing=_("No successful fetch yet"),
        )
    else:
        at = beat_at(MAIL_FETCH)
        fetch = Check(
            "mail_fetch",
            label,
            True,
            _("The line is closed; last at %(when)s") % {"when": when(at)}
            if at
            else _("The line is closed"),
            at,
        )
    oldest = (
        OutboxMessage.objects.filter(status__in=[OutboxStatus.QUEUED, OutboxStatus.SENDING])
        .order_by("created_at")
        .values_list("created_at", flat=True)
        .first()
    )
    label = _("Outbox")
    if oldest is None:
        outbox = Check("outbox", label, True, _("Nothing waiting to be sent"))
    else:
        late = now - oldest > stall_after()
        outbox = Check(
            "outbox",
            label,
            not late,
            (
                _("Stalled: a letter waits since %(when)s")
                if late
                else _("Oldest waiting since %(when)s")
            )
            % {"when": when(oldest)},
            oldest,
        )
    return [fetch, outbox, _quarantine_check()]


def _quarantine_check() -> Check:
    """Letters waiting in the quarantine for a supervisor (``linija.mail.quarantine``)."""
    waiting = QuarantinedLetter.objects.filter(quarantined_at__isnull=False)
    count = waiting.count()
    label = _("Mail quarantine")
    if not count:
        return Check("mail_quarantine", label, True, _("No letter is in the quarantine."))
    latest = waiting.order_by("-quarantined_at").values_list("quarantined_at", flat=True)[0]
    detail = ngettext(
        "%(count)d letter could not be stored; see the quarantine",
        "%(count)d letters could not be stored; see the quarantine",
        count,
    ) % {"count": count}
    return Check("mail_quarantine", label, False, detail, latest)


# --- The quarantine ---------------------------------------------------------------------------


def quarantine_list(*, user: Any) -> QuerySet[QuarantinedLetter]:
    """The letters in the quarantine, the latest tried first: for supervisors only."""
    if not is_supervisor(user):
        raise Http404
    return QuarantinedLetter.objects.filter(quarantined_at__isnull=False)


def access_quarantined(*, user: Any, pk: int) -> QuarantinedLetter:
    """A letter in the quarantine, for a supervisor; the same 404 for anyone else."""
    return get_object_or_404(quarantine_list(user=user), pk=pk)
