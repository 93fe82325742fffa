"""A data set of old contacts on every channel, with every kind of content retention erases."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone, translation

from linija.accounts.services import audit_record
from linija.chat.models import ChatSession, ChatSurvey, ChatTransfer, State
from linija.consultations.models import (
    Case,
    CaseEntry,
    CaseEntryKind,
    Channel,
    Consultation,
    Conversation,
    Direction,
    Message,
)
from linija.consultations.services import consultations_demo_create
from linija.mail.models import (
    Acknowledgement,
    Attachment,
    Letter,
    OutboxMessage,
    OutboxStatus,
    QuarantinedLetter,
    ThreadClaim,
)
from linija.phone.models import Call, Callback, CallbackAttempt, CallbackSource, CallbackStatus
from linija.privacy.models import SafeguardingFlag
from linija.reports.filters import ReportFilter

KEY = "k" * 64
DAYS_AGO = 800


@pytest.fixture(autouse=True)
def _private_files_in_tmp(settings, tmp_path):
    settings.LINIJA_MAIL_PRIVATE_DIR = str(tmp_path / "private")


@pytest.fixture(autouse=True)
def _language_reset():
    """A request to an /en/ page leaves English active in the thread: not for the next test."""
    yield
    translation.deactivate()


@dataclass
class OldData:
    now: datetime.datetime
    report: ReportFilter
    consultations: list[Consultation] = field(default_factory=list)


def conversation_for(consultation: Consultation, minute: int) -> Conversation:
    at = consultation.started_at + datetime.timedelta(minutes=minute)
    conversation = Conversation.objects.create(
        channel=consultation.channel,
        consultation=consultation,
        subject="Apie mano sūnų Joną",
        contact_name="Ona Onaitė",
        contact_address="ona@example.lt",
        caller_key=KEY,
        created_at=consultation.started_at,
        last_message_at=at,
    )
    for index, direction in enumerate([Direction.IN, Direction.OUT, Direction.NOTE]):
        Message.objects.create(
            conversation=conversation,
            direction=direction,
            body=f"Tekstas {direction}",
            created_at=consultation.started_at + datetime.timedelta(minutes=index),
        )
    return conversation


def letters_for(conversation: Conversation, number: int) -> None:
    message = conversation.messages.filter(direction=Direction.IN).get()
    letter = Letter.objects.create(
        conversation_message=message,
        dedupe_key=f"letter-{number}",
        from_address="ona@example.lt",
        from_name="Ona",
        to="linija@pastoge.lt",
        subject="Apie Joną",
        text="Mano sūnus Jonas",
        received_at=message.created_at,
    )
    letter.raw.save(f"{number}.eml", ContentFile(b"From: ona@example.lt\r\n\r\nHi"))
    attachment = Attachment(letter=letter, filename="jonas.pdf", content_type="application/pdf")
    attachment.file.save(f"{number}.pdf", ContentFile(b"%PDF"))
    outbox = OutboxMessage.objects.create(
        to=["ona@example.lt"],
        sender="linija@pastoge.lt",
        subject="Re: Apie Joną",
        body="Atsakymas",
        message_id=f"<out-{number}@pastoge.lt>",
        conversation=conversation,
        status=OutboxStatus.SENT,
        created_at=message.created_at,
    )
    Acknowledgement.objects.create(
        conversation=conversation, sender_key=KEY, outbox=outbox, created_at=message.created_at
    )
    ThreadClaim.objects.create(claimed=conversation, sender_key=KEY, created_at=message.created_at)
    quarantined = QuarantinedLetter(
        mailbox="linija@imap",
        key=f"{number:064d}",
        from_address="ona@example.lt",
        subject="Apie Joną",
        reason="RuntimeError",
        first_tried_at=message.created_at,
        quarantined_at=message.created_at,
    )
    quarantined.raw.save(f"{number}.eml", ContentFile(b"From: ona@example.lt\r\n\r\nHi"))


def chats_for(conversation: Conversation, number: int) -> None:
    session = ChatSession.objects.create(
        conversation=conversation,
        token_hash=f"{number:064d}",
        nickname="Ona",
        state=State.ENDED,
        queued_at=conversation.created_at,
        ended_at=conversation.last_message_at,
    )
    ChatTransfer.objects.create(
        session=session, note="Klausia apie Joną", created_at=conversation.created_at
    )
    ChatSurvey.objects.create(
        consultation=conversation.consultation,
        rating=5,
        comment="Ačiū, Ona",
        created_at=conversation.last_message_at,
    )


def calls_for(consultation: Consultation, number: int) -> None:
    Call.objects.create(
        call_id=f"call-{number}",
        direction="in",
        caller_key=KEY,
        started_at=consultation.started_at,
        consultation=consultation,
    )
    callback = Callback.objects.create(
        source=CallbackSource.WEB_FORM,
        status=CallbackStatus.DONE,
        caller_key=KEY,
        phone="+37061234567",
        name="Ona",
        due_at=consultation.started_at,
        created_at=consultation.started_at,
        consultation=consultation,
    )
    CallbackAttempt.objects.create(
        callback=callback, at=consultation.started_at, outcome="no_answer", note="Ona neatsiliepė"
    )


@pytest.fixture
def old_data(db, specialist, monkeypatch) -> OldData:
    now = timezone.now()
    then = now - datetime.timedelta(days=DAYS_AGO)
    consultations_demo_create(specialists=[specialist], count=40, now=then)
    consultations = list(Consultation.objects.order_by("pk"))
    Consultation.objects.update(summary="Ona klausė apie Joną", caller_key=KEY)
    for number, consultation in enumerate(consultations):
        if consultation.channel == Channel.PHONE:
            calls_for(consultation, number)
        else:
            conversation = conversation_for(consultation, number)
            if consultation.channel == Channel.EMAIL:
                letters_for(conversation, number)
            else:
                chats_for(conversation, number)
    case = Case.objects.create(
        title="Globėja", owner=specialist, caller_key=KEY, consent_given_at=then, consent_note="Ona"
    )
    CaseEntry.objects.create(
        case=case, kind=CaseEntryKind.CONTACT, consultation=consultations[0], at=then, note="Jonas"
    )
    Case.objects.filter(pk=case.pk).update(updated_at=then)
    # Older than the audit log's and the safeguarding notes' five years.
    monkeypatch.setattr(timezone, "now", lambda: now - datetime.timedelta(days=2000))
    audit_record(actor=specialist, action="view", obj=consultations[1])
    SafeguardingFlag.objects.create(
        consultation=consultations[2],
        raised_by=specialist,
        note="Ona sakė, kad Joną muša",
        resolved_by=specialist,
        resolved_at=timezone.now(),
        resolution="Pranešta VVTAĮT",
    )
    monkeypatch.undo()
    report = ReportFilter(
        start=timezone.localdate(then) - datetime.timedelta(days=62), end=timezone.localdate(then)
    )
    return OldData(now=now, report=report, consultations=consultations)
