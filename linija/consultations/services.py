"""Writes of the consultations app: records, the conversations the channels feed in (who holds
them, their status) and the cases that link one person's consultations."""

from __future__ import annotations

import datetime
import random
from collections.abc import Mapping, Sequence
from contextlib import nullcontext
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from linija.accounts.selectors import is_staff_member, is_supervisor
from linija.accounts.services import audit_record, audit_records
from linija.consultations.models import (
    CallerCategory,
    Case,
    CaseEntry,
    CaseEntryKind,
    CaseStatus,
    Channel,
    Consultation,
    ContactOrder,
    Conversation,
    ConversationStatus,
    Direction,
    Message,
    Municipality,
    Outcome,
    ReferralTarget,
    Status,
    Topic,
    completion_error,
)
from linija.consultations.selectors import contact_key, display_name
from linija.hours.calendar import VILNIUS
from linija.inbox.live import staff_broadcast

# The fields a person may set on a record; ``specialist`` only through the admin.
EDITABLE_FIELDS = frozenset(
    {
        "channel",
        "kind",
        "started_at",
        "ended_at",
        "caller_category",
        "topics",
        "municipality",
        "contact_order",
        "heard_from",
        "outcome",
        "referral_target",
        "summary",
        "specialist",
        "caller_key",
    }
)


def _split(data: Mapping[str, Any]) -> tuple[dict[str, Any], list | None]:
    unknown = set(data) - EDITABLE_FIELDS
    if unknown:
        raise TypeError(f"Not editable on a consultation: {', '.join(sorted(unknown))}")
    fields = {name: value for name, value in data.items() if name != "topics"}
    topics = list(data["topics"]) if "topics" in data else None
    return fields, topics


def _ensure_complete(consultation: Consultation) -> None:
    missing = consultation.missing_fields_for_completion()
    if missing:
        raise completion_error(missing)


@transaction.atomic
def consultation_create(
    *,
    user: Any,
    data: Mapping[str, Any],
    complete: bool = False,
    request: HttpRequest | None = None,
) -> Consultation:
    """Save a new record of ``user`` (a draft, or completed at once with ``complete``)."""
    fields, topics = _split(data)
    fields.setdefault("specialist", user)
    consultation = Consultation(**fields)
    consultation.full_clean()
    consultation.save()
    if topics is not None:
        consultation.topics.set(topics)
    audit_record(actor=user, action="create", obj=consultation, request=request)
    if complete:
        consultation_complete(consultation=consultation, user=user, request=request)
    return consultation


def consultation_update(
    *,
    consultation: Consultation,
    user: Any,
    data: Mapping[str, Any],
    complete: bool = False,
    request: HttpRequest | None = None,
) -> Consultation:
    """Change the fields in ``data``; a completed record must stay complete.

    An unassigned record becomes the record of the person who fills it in. On failure
    nothing is saved and ``consultation`` is reloaded from the database.
    """
    if not data:
        return (
            consultation_complete(consultation=consultation, user=user, request=request)
            if complete
            else consultation
        )
    try:
        with transaction.atomic():
            fields, topics = _split(data)
            if consultation.specialist_id is None and "specialist" not in fields:
                fields["specialist"] = user
            for name, value in fields.items():
                setattr(consultation, name, value)
            consultation.full_clean()
            consultation.save()
            if topics is not None:
                consultation.topics.set(topics)
            if consultation.is_completed:
                _ensure_complete(consultation)
            audit_record(
                actor=user,
                action="change",
                obj=consultation,
                request=request,
                detail={"fields": sorted(data)},
            )
            if complete:
                consultation_complete(consultation=consultation, user=user, request=request)
    except ValidationError:
        consultation.refresh_from_db()
        raise
    return consultation


@transaction.atomic
def consultation_complete(
    *,
    consultation: Consultation,
    user: Any,
    request: HttpRequest | None = None,
) -> Consultation:
    """Mark a draft completed now; raise ``ValidationError`` naming what is still missing."""
    if consultation.is_completed:
        raise ValidationError(_("This record is already completed."))
    _ensure_complete(consultation)
    consultation.completed_at = timezone.now()
    consultation.status = Status.COMPLETED
    if consultation.specialist_id is None:
        consultation.specialist = user
    consultation.save(update_fields=["completed_at", "status", "specialist", "updated_at"])
    audit_record(
        actor=user,
        action="change",
        obj=consultation,
        request=request,
        detail={"status": Status.COMPLETED},
    )
    return consultation


@dataclass(frozen=True)
class Opening:
    """A conversation to open: its channel and what the person gave (``conversations_open``)."""

    channel: str
    subject: str = ""
    contact_name: str = ""
    contact_address: str = ""
    caller_key: str = ""


def conversation_open(
    *,
    channel: str,
    subject: str = "",
    contact_name: str = "",
    contact_address: str = "",
    caller_key: str = "",
) -> Conversation:
    """Start a conversation on a channel, with a draft record of it started now."""
    opening = Opening(channel, subject, contact_name, contact_address, caller_key)
    return conversations_open(openings=[opening])[0]


@transaction.atomic(savepoint=False)  # a failure rolls back the caller's atomic block anyway
def conversations_open(*, openings: Sequence[Opening]) -> list[Conversation]:
    """Start a conversation for each of ``openings`` (a mailbox's batch of letters), each with
    a draft record started now: one insert for the records, their audit entries and the
    conversations."""
    now = timezone.now()
    consultations = Consultation.objects.bulk_create(
        [Consultation(channel=o.channel, started_at=now, caller_key=o.caller_key) for o in openings]
    )
    # bulk_create sends no post_save: the day's tally is made stale here, as for a saved record.
    from linija.reports.services import day_tallies_mark  # the reports import this module

    day_tallies_mark(days={timezone.localdate(now, VILNIUS)})
    audit_records(action="create", objs=consultations)
    return Conversation.objects.bulk_create(
        [
            Conversation(
                channel=opening.channel,
                consultation=consultation,
                subject=opening.subject,
                contact_name=opening.contact_name,
                contact_address=opening.contact_address,
                caller_key=opening.caller_key,
                last_message_at=now,
            )
            for opening, consultation in zip(openings, consultations, strict=True)
        ]
    )


@transaction.atomic(savepoint=False)
def messages_receive(*, received: Sequence[tuple[Conversation, str, str]]) -> list[Message]:
    """Incoming messages of a batch (``(conversation, body, external_id)``, no author, no
    client id) in one insert; each conversation's last message moved to the latest of them."""
    messages = Message.objects.bulk_create(
        [
            Message(conversation=conversation, direction=Direction.IN, body=body, external_id=key)
            for conversation, body, key in received
        ]
    )
    latest: dict[int, Conversation] = {}
    for message in messages:
        message.conversation.last_message_at = message.created_at
        latest[message.conversation.pk] = message.conversation
    Conversation.objects.bulk_update(latest.values(), ["last_message_at"])
    return messages


@transaction.atomic
def message_add(
    *,
    conversation: Conversation,
    direction: str,
    body: str,
    author: Any = None,
    client_id: str = "",
    external_id: str = "",
) -> tuple[Message, bool]:
    """Add a message; a resend with the same ``client_id`` returns the stored one and False."""
    if direction not in Direction.values:
        raise ValidationError(_("Unknown message direction."))
    if not body.strip():
        raise ValidationError(_("A message cannot be empty."))
    # A savepoint only where a clash is answered (a resend); any other error rolls back the call.
    try:
        with transaction.atomic() if client_id else nullcontext():
            message = Message.objects.create(
                conversation=conversation,
                direction=direction,
                author=author,
                body=body,
                client_id=client_id,
                external_id=external_id,
            )
    except IntegrityError:
        existing = conversation.messages.filter(client_id=client_id).first() if client_id else None
        if existing is None:
            raise
        return existing, False
    conversation.last_message_at = message.created_at
    conversation.save(update_fields=["last_message_at"])
    return message, True


@transaction.atomic
def consultations_demo_create(
    *, specialists: Sequence[Any], count: int, now: datetime.datetime, seed: int = 2021
) -> int:
    """Fill an empty demo database with ``count`` completed records of working days, inside
    opening hours and before ``now``: a third in the current month (the dashboard's default
    period), the rest over the two months before. Not for real data: it writes no audit entries."""
    rng = random.Random(seed)
    today = timezone.localdate(now)
    categories = list(CallerCategory.objects.filter(active=True))
    subtopics = list(Topic.objects.filter(active=True, parent__isnull=False))
    municipalities = list(Municipality.objects.filter(active=True))
    outcomes = list(Outcome.objects.filter(active=True, needs_referral_target=False))
    created = 0
    for index in range(count):
        if index % 3 == 0:
            back = rng.randint(0, today.day - 1)
        else:
            back = rng.randint(today.day, today.day + 60)
        day = today - datetime.timedelta(days=back)
        if day.weekday() >= 5:
            continue
        started = timezone.make_aware(
            datetime.datetime.combine(day, datetime.time(12))
            + datetime.timedelta(minutes=rng.randint(0, 460))
        )
        if started > now - datetime.timedelta(hours=1):
            started = now - datetime.timedelta(minutes=rng.randint(60, 180))
        ended = started + datetime.timedelta(seconds=rng.randint(120, 1800))
        consultation = Consultation.objects.create(
            channel=rng.choice(Channel.values),
            started_at=started,
            ended_at=ended,
            completed_at=ended + datetime.timedelta(seconds=rng.randint(30, 600)),
            caller_category=rng.choice(categories),
            municipality=rng.choice(municipalities),
            contact_order=rng.choice([ContactOrder.FIRST, ContactOrder.REPEAT]),
            outcome=rng.choice(outcomes),
            specialist=rng.choice(specialists),
            status=Status.COMPLETED,
        )
        consultation.topics.set(rng.sample(subtopics, rng.randint(1, 2)))
        created += 1
    return created


# --- Who holds a conversation, and its status (the conversation given is updated in place) -


def _inbox_changed(conversation: Conversation) -> None:
    """Tell the staff pages that the conversation's inbox row changed (after the commit)."""
    staff_broadcast(
        event="inbox.changed",
        data={
            "key": f"conversation-{conversation.pk}",
            "channel": conversation.channel,
            "status": conversation.status,
            "assignee_id": conversation.assignee_id,
        },
    )


def _draft_follows(
    *, conversation: Conversation, user: Any, request: HttpRequest | None = None
) -> None:
    """A conversation's draft record belongs to whoever holds the conversation."""
    changed = Consultation.objects.filter(
        pk=conversation.consultation_id, status=Status.DRAFT
    ).exclude(specialist_id=conversation.assignee_id)
    consultation = changed.first()
    if consultation is None:
        return
    consultation.specialist_id = conversation.assignee_id
    consultation.save(update_fields=["specialist", "updated_at"])
    audit_record(
        actor=user,
        action="change",
        obj=consultation,
        request=request,
        detail={"specialist": conversation.assignee_id},
    )


@transaction.atomic
def conversation_claim(
    *, conversation: Conversation, user: Any, request: HttpRequest | None = None
) -> Conversation:
    """Make ``user`` the holder of an unassigned conversation; a new one becomes open.

    Of two people claiming at once exactly one wins: the update only touches a row that is
    still unassigned. The loser gets a ``ValidationError`` naming who has it.
    """
    if not is_staff_member(user):
        raise PermissionDenied
    unassigned = Conversation.objects.filter(pk=conversation.pk, assignee__isnull=True).exclude(
        status=ConversationStatus.CLOSED
    )
    won = unassigned.update(assignee=user)
    if won:
        Conversation.objects.filter(pk=conversation.pk, status=ConversationStatus.NEW).update(
            status=ConversationStatus.OPEN
        )
    conversation.refresh_from_db()
    if not won:
        if conversation.assignee_id == user.pk:
            return conversation
        if conversation.status == ConversationStatus.CLOSED:
            raise ValidationError(_("This conversation is closed."), code="closed")
        raise ValidationError(
            _("%(name)s has already taken this conversation.")
            % {"name": display_name(conversation.assignee)},
            code="taken",
        )
    _draft_follows(conversation=conversation, user=user, request=request)
    audit_record(
        actor=user,
        action="change",
        obj=conversation,
        request=request,
        detail={"assignee": user.pk, "claimed": True},
    )
    _inbox_changed(conversation)
    return conversation


@transaction.atomic
def conversation_assign(
    *,
    conversation: Conversation,
    user: Any,
    assignee: Any,
    request: HttpRequest | None = None,
) -> Conversation:
    """A supervisor gives a conversation to a member of the staff (``None``: to nobody)."""
    if not is_supervisor(user):
        raise PermissionDenied
    if assignee is not None and not is_staff_member(assignee):
        raise ValidationError(_("Choose a member of the staff."), code="assignee")
    conversation.refresh_from_db(from_queryset=Conversation.objects.select_for_update())
    if conversation.status == ConversationStatus.CLOSED:
        raise ValidationError(_("This conversation is closed."), code="closed")
    previous = conversation.assignee_id
    new_id = assignee.pk if assignee is not None else None
    if previous == new_id:
        return conversation
    conversation.assignee = assignee
    if assignee is not None and conversation.status == ConversationStatus.NEW:
        conversation.status = ConversationStatus.OPEN
    conversation.save(update_fields=["assignee", "status"])
    _draft_follows(conversation=conversation, user=user, request=request)
    audit_record(
        actor=user,
        action="change",
        obj=conversation,
        request=request,
        detail={"assignee": new_id, "previous_assignee": previous},
    )
    _inbox_changed(conversation)
    return conversation


STATUSES_SET_BY_STAFF = (
    ConversationStatus.OPEN,
    ConversationStatus.WAITING,
    ConversationStatus.CLOSED,
)


@transaction.atomic
def conversation_status_set(
    *,
    conversation: Conversation,
    user: Any,
    status: str,
    request: HttpRequest | None = None,
) -> Conversation:
    """Open, put on hold ("waiting for the person") or close a conversation.

    Only its holder or a supervisor may; closing needs a completed consultation record.
    """
    if status not in STATUSES_SET_BY_STAFF:
        raise ValidationError(_("Choose open, waiting for the person or closed."), code="status")
    conversation.refresh_from_db(from_queryset=Conversation.objects.select_for_update())
    if not is_supervisor(user) and conversation.assignee_id != user.pk:
        raise ValidationError(
            _("Take this conversation first: only its holder or a supervisor can change it."),
            code="not_holder",
        )
    if status == conversation.status:
        return conversation
    if status == ConversationStatus.CLOSED:
        record = conversation.consultation
        if record is None or not record.is_completed:
            raise ValidationError(
                _("Complete the consultation record before closing the conversation."),
                code="record_incomplete",
            )
    previous = conversation.status
    conversation.status = status
    conversation.save(update_fields=["status"])
    audit_record(
        actor=user,
        action="change",
        obj=conversation,
        request=request,
        detail={"status": status, "previous_status": previous},
    )
    _inbox_changed(conversation)
    return conversation


# --- Cases ----------------------------------------------------------------------------------


def _case_touch(case: Case, *fields: str) -> None:
    case.save(update_fields=[*fields, "updated_at"])


def _case_entry_for(*, case: Case, consultation: Consultation, user: Any) -> CaseEntry:
    if CaseEntry.objects.filter(consultation=consultation).exists():
        raise ValidationError(_("This record is already on a case."), code="linked")
    return CaseEntry.objects.create(
        case=case,
        kind=CaseEntryKind.CONTACT,
        at=consultation.started_at,
        consultation=consultation,
        created_by=user,
    )


@transaction.atomic
def case_create(
    *,
    user: Any,
    consultation: Consultation,
    title: str,
    consent_given: bool,
    consent_note: str = "",
    contact: str = "",
    request: HttpRequest | None = None,
) -> Case:
    """Open a case for the person of ``consultation``, owned by ``user``.

    Only with the person's consent. ``contact``, a phone number or e-mail address the person
    gave, is turned into the case's caller key and forgotten; without it the record's caller
    key is used.
    """
    if not is_staff_member(user):
        raise PermissionDenied
    if not consent_given:
        raise ValidationError(
            {
                "consent_given": _(
                    "A case links a person's contacts only with their consent: ask first."
                )
            },
            code="consent",
        )
    try:
        caller_key = contact_key(contact) if contact.strip() else consultation.caller_key
    except ValidationError as invalid:
        raise ValidationError({"contact": invalid.messages}) from invalid
    case = Case(
        title=title.strip(),
        owner=user,
        caller_key=caller_key,
        consent_given_at=timezone.now(),
        consent_note=consent_note.strip(),
        created_by=user,
    )
    case.full_clean()
    case.save()
    _case_entry_for(case=case, consultation=consultation, user=user)
    audit_record(
        actor=user, action="create", obj=case, request=request, detail={"linked": consultation.pk}
    )
    return case


def _case_open_for_changes(case: Case) -> None:
    if case.is_closed:
        raise ValidationError(_("Reopen the case before adding to it."), code="closed")


@transaction.atomic
def case_consultation_link(
    *, case: Case, consultation: Consultation, user: Any, request: HttpRequest | None = None
) -> CaseEntry:
    """Put one more record of the person on the case's timeline (the case holds the consent)."""
    _case_open_for_changes(case)
    entry = _case_entry_for(case=case, consultation=consultation, user=user)
    fields = []
    if not case.caller_key and consultation.caller_key:
        case.caller_key = consultation.caller_key
        fields.append("caller_key")
    _case_touch(case, *fields)
    audit_record(
        actor=user, action="change", obj=case, request=request, detail={"linked": consultation.pk}
    )
    return entry


@transaction.atomic
def case_note_add(
    *,
    case: Case,
    user: Any,
    note: str,
    referral_target: ReferralTarget | None = None,
    request: HttpRequest | None = None,
) -> CaseEntry:
    """Add a note to the timeline, or a referral when ``referral_target`` is given."""
    _case_open_for_changes(case)
    text = note.strip()
    if not text and referral_target is None:
        raise ValidationError({"note": _("Write a note or choose a referral.")}, code="empty")
    entry = CaseEntry(
        case=case,
        kind=CaseEntryKind.REFERRAL if referral_target else CaseEntryKind.NOTE,
        note=text,
        referral_target=referral_target,
        created_by=user,
    )
    entry.full_clean(exclude=["case", "consultation", "created_by"])
    entry.save()
    _case_touch(case)
    audit_record(
        actor=user, action="change", obj=case, request=request, detail={"entry": entry.kind}
    )
    return entry


@transaction.atomic
def case_update(
    *,
    case: Case,
    user: Any,
    status: str | None = None,
    owner: Any = None,
    request: HttpRequest | None = None,
) -> Case:
    """The owner or a supervisor changes the case's status, or hands it to another member of
    the staff; ``None`` leaves a value as it is."""
    if not (is_supervisor(user) or case.owner_id == user.pk):
        raise PermissionDenied
    errors = {}
    if status is not None and status not in CaseStatus.values:
        errors["status"] = _("Choose a status of the list.")
    if owner is not None and not is_staff_member(owner):
        errors["owner"] = _("Choose a member of the staff.")
    if errors:
        raise ValidationError(errors)
    changes = {}
    if status is not None and status != case.status:
        changes["status"] = (case.status, status)
        case.status = status
    if owner is not None and owner.pk != case.owner_id:
        changes["owner"] = (case.owner_id, owner.pk)
        case.owner = owner
    if not changes:
        return case
    _case_touch(case, *changes)
    audit_record(
        actor=user,
        action="change",
        obj=case,
        request=request,
        detail={name: {"from": old, "to": new} for name, (old, new) in changes.items()},
    )
    return case
