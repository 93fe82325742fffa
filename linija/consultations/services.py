"""Writes of the consultations app: records, and the conversations the channels feed in."""

from __future__ import annotations

import datetime
import random
from collections.abc import Mapping, Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from linija.accounts.services import audit_record
from linija.consultations.models import (
    CallerCategory,
    Channel,
    Consultation,
    ContactOrder,
    Conversation,
    Direction,
    Message,
    Municipality,
    Outcome,
    Status,
    Topic,
    completion_error,
)

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


@transaction.atomic
def conversation_open(
    *,
    channel: str,
    subject: str = "",
    contact_name: str = "",
    contact_address: str = "",
    caller_key: str = "",
) -> Conversation:
    """Start a conversation on a channel, with a draft record of it started now."""
    consultation = Consultation.objects.create(
        channel=channel, started_at=timezone.now(), caller_key=caller_key
    )
    audit_record(actor=None, action="create", obj=consultation)
    return Conversation.objects.create(
        channel=channel,
        consultation=consultation,
        subject=subject,
        contact_name=contact_name,
        contact_address=contact_address,
        caller_key=caller_key,
        last_message_at=consultation.started_at,
    )


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
    try:
        with transaction.atomic():
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
    """Fill an empty demo database with ``count`` completed records over the last 60 days,
    inside opening hours. Not for real data: it writes no audit entries."""
    rng = random.Random(seed)
    categories = list(CallerCategory.objects.filter(active=True))
    subtopics = list(Topic.objects.filter(active=True, parent__isnull=False))
    municipalities = list(Municipality.objects.filter(active=True))
    outcomes = list(Outcome.objects.filter(active=True, needs_referral_target=False))
    created = 0
    for _index in range(count):
        day = timezone.localdate(now) - datetime.timedelta(days=rng.randint(1, 60))
        if day.weekday() >= 5:
            continue
        started = timezone.make_aware(
            datetime.datetime.combine(day, datetime.time(12))
            + datetime.timedelta(minutes=rng.randint(0, 460))
        )
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
