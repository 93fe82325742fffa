"""Specialists' answers, conversation status and the website's contact form."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils import translation
from django.utils.translation import gettext as _

from linija.accounts.services import audit_record
from linija.consultations.models import (
    Channel,
    Consultation,
    Conversation,
    ConversationStatus,
    Direction,
    Topic,
)
from linija.consultations.services import (
    consultation_update,
    conversation_claim,
    conversation_open,
    conversation_status_set,
    message_add,
)
from linija.mail.acknowledgements import acknowledgement_send
from linija.mail.addresses import reply_subject
from linija.mail.ingest import letter_received_announce
from linija.mail.models import Letter, LetterSource, OutboxMessage
from linija.mail.outbox import SUBJECT_MAX, outbox_add, threading_headers
from linija.mail.selectors import contact_key, first_letter_at, last_answer_at, letter_to_answer
from linija.privacy.pseudonyms import pseudonym

# --- Specialists' answers and closing ------------------------------------------------------


def _hold(*, conversation: Conversation, user: Any, request: HttpRequest | None) -> None:
    """The one who answers an unassigned conversation takes it."""
    if conversation.assignee_id is None:
        conversation_claim(conversation=conversation, user=user, request=request)


@transaction.atomic
def reply_send(
    *,
    conversation: Conversation,
    user: Any,
    body: str,
    attachments: Sequence[tuple[str, bytes, str]] = (),
    request: HttpRequest | None = None,
) -> OutboxMessage:
    """A specialist's answer: a message of the conversation and a letter in the outbox, in
    reply to the person's latest letter. The conversation then waits for the person."""
    if not body.strip():
        raise ValidationError(_("Write the answer first."), code="empty")
    letter = letter_to_answer(conversation)
    address = letter.answer_address if letter is not None else conversation.contact_address
    if not address:
        raise ValidationError(
            _("This conversation has no address to answer to."), code="no_address"
        )
    _hold(conversation=conversation, user=user, request=request)
    subject = reply_subject((letter.subject if letter else "") or conversation.subject)
    message, _created = message_add(
        conversation=conversation, direction=Direction.OUT, body=body, author=user
    )
    outgoing = outbox_add(
        to=[address],
        subject=subject[: SUBJECT_MAX - 20],
        body=body,
        attachments=attachments,
        conversation=conversation,
        conversation_message=message,
        **threading_headers(letter),
    )
    conversation_status_set(
        conversation=conversation,
        user=user,
        status=ConversationStatus.WAITING,
        request=request,
    )
    audit_record(
        actor=user,
        action="change",
        obj=conversation,
        request=request,
        detail={"reply": outgoing.pk},
    )
    conversation.refresh_from_db()
    return outgoing


def _record_prepare(
    *, conversation: Conversation, user: Any, request: HttpRequest | None
) -> Consultation | None:
    """The draft record of a conversation about to close, with the letters' times (from the
    person's first letter to the last answer, or now); None when the record is completed."""
    consultation = conversation.consultation
    if consultation is None or consultation.is_completed:
        return None
    return consultation_update(
        consultation=consultation,
        user=user,
        data={
            "started_at": first_letter_at(conversation),
            "ended_at": last_answer_at(conversation),
        },
        request=request,
    )


@transaction.atomic
def mail_conversation_status_set(
    *,
    conversation: Conversation,
    user: Any,
    status: str,
    request: HttpRequest | None = None,
) -> Consultation | None:
    """Open, waiting for the person, or closed; an unassigned conversation is taken first.

    A conversation closes only with its consultation record completed: until then nothing
    closes and the draft is returned, with the letters' times filled in, for completing.
    """
    _hold(conversation=conversation, user=user, request=request)
    if status == ConversationStatus.CLOSED:
        draft = _record_prepare(conversation=conversation, user=user, request=request)
        if draft is not None:
            return draft
    conversation_status_set(conversation=conversation, user=user, status=status, request=request)
    conversation.refresh_from_db()
    return None


# --- The website's contact form -------------------------------------------------------------


@transaction.atomic
def contact_message_create(
    *,
    email: str,
    text: str,
    name: str = "",
    topic_code: str = "",
    source: str = LetterSource.CONTACT_FORM,
    once: str = "",
) -> Conversation:
    """A message left on the website (the contact form, the chat's "leave a message"): an
    e-mail conversation at once, and the acknowledgement to the address given, in the
    language of the page. The values are its form's cleaned ones; a second message with the
    same one-time key ``once`` of its form raises ``IntegrityError``."""
    topic = Topic.objects.get(code=topic_code) if topic_code else None
    with translation.override(settings.LANGUAGE_CODE):
        subject = topic.name if topic else _("Message from the website")
    conversation = conversation_open(
        channel=Channel.EMAIL,
        subject=subject,
        contact_name=name,
        contact_address=email,
        caller_key=pseudonym("email", email),
    )
    message, _created = message_add(conversation=conversation, direction=Direction.IN, body=text)
    letter = Letter.objects.create(
        conversation_message=message,
        source=source,
        dedupe_key=contact_key(once=once or uuid.uuid4().hex, source=source),
        from_address=email,
        from_name=name,
        subject=subject,
        topic_code=topic.code if topic else "",
        text=text,
        received_at=message.created_at,
    )
    acknowledgement_send(
        conversation=conversation, address=email, language=translation.get_language()
    )
    letter_received_announce(conversation=conversation, letter=letter, opened=True)
    return conversation
