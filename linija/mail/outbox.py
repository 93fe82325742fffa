"""The outbox of the e-mail channel: every letter Linija sends is stored here in the
transaction that wants it sent, then sent by the worker with retries and back-off."""

from __future__ import annotations

import hashlib
import logging
import smtplib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from email.utils import formataddr
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from linija.consultations.models import Conversation, Message
from linija.inbox.live import staff_broadcast
from linija.mail.addresses import (
    MESSAGE_ID,
    address_clean,
    addresses_clean,
    message_id_clean,
    message_id_new,
    one_line,
    subject_tagged,
)
from linija.mail.attachments import content_type_for, filename_safe, refusal
from linija.mail.models import (
    Attachment,
    AttachmentRefusal,
    Letter,
    OutboxMessage,
    OutboxStatus,
)

logger = logging.getLogger(__name__)

SUBJECT_MAX = 250


def _outbox_attachment_store(
    *, outgoing: OutboxMessage, filename: str, data: bytes, content_type: str
) -> Attachment:
    attachment = Attachment(
        outbox=outgoing,
        filename=filename,
        content_type=content_type,
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
    )
    attachment.file.save(filename, ContentFile(data), save=False)
    attachment.save()
    return attachment


def outbox_attachments_check(
    attachments: Sequence[tuple[str, bytes, str]],
) -> list[tuple[str, bytes, str]]:
    """Safe names and the allow-list for files going out; ``ValidationError`` naming a
    refused file."""
    checked = []
    for name, data, _content_type in attachments:
        one_line(name, what=_("A file name"))
        filename = filename_safe(name)
        refused = refusal(
            filename=filename, data=data, max_bytes=settings.LINIJA_MAIL_ATTACHMENT_MAX_BYTES
        )
        if refused:
            raise ValidationError(
                _("“%(name)s” cannot be sent: %(reason)s.")
                % {"name": filename, "reason": AttachmentRefusal(refused).label},
                code="attachment",
            )
        checked.append((filename, data, content_type_for(filename)))
    return checked


def outbox_store(
    *,
    to: list[str],
    subject: str,
    body: str,
    html: str = "",
    attachments: Sequence[tuple[str, bytes, str]] = (),
    conversation: Conversation | None = None,
    in_reply_to: str = "",
    references: Sequence[str] = (),
    sender: str = "",
    cc: Sequence[str] = (),
    auto_submitted: bool = False,
    conversation_message: Message | None = None,
) -> OutboxMessage:
    """Store a letter to send; the worker sends it after the transaction commits (a person's
    letter at once, an automatic one with the next minute's run).

    Every header value is checked (addresses, Message-IDs, one-line subject): bad input raises
    ``ValidationError`` and stores nothing. A letter of a conversation carries its tag in the
    subject, ``[Linija #<id>]``, so that a reply finds its way back.
    """
    if not to:
        raise ValidationError(_("A letter needs at least one recipient."), code="no_recipient")
    recipients = addresses_clean(to)
    copies = addresses_clean(cc)
    from_address = address_clean(sender) if sender else settings.LINIJA_EMAIL
    one_line(subject, what=_("The subject"))
    if conversation is not None:
        subject = subject_tagged(subject, conversation.pk)
    if len(subject) > SUBJECT_MAX:
        raise ValidationError(_("The subject is too long."), code="subject_length")
    if not body.strip():
        raise ValidationError(_("A letter cannot be empty."), code="empty")
    reply_to_id = message_id_clean(in_reply_to) if in_reply_to else ""
    reference_ids = [message_id_clean(value) for value in references]
    files = outbox_attachments_check(attachments)
    outgoing = OutboxMessage.objects.create(
        to=recipients,
        cc=copies,
        sender=from_address,
        subject=subject,
        body=body,
        html=html,
        message_id=message_id_new(),
        in_reply_to=reply_to_id,
        references=" ".join(reference_ids),
        auto_submitted=auto_submitted,
        conversation=conversation,
        conversation_message=conversation_message,
    )
    for filename, data, content_type in files:
        _outbox_attachment_store(
            outgoing=outgoing, filename=filename, data=data, content_type=content_type
        )
    if not auto_submitted:
        transaction.on_commit(_send_soon)
    return outgoing


def threading_headers(letter: Letter | None) -> dict[str, Any]:
    """In-Reply-To and References of an answer to ``letter``."""
    if letter is None or not MESSAGE_ID.match(letter.message_id or ""):
        return {}
    earlier = [value for value in letter.references.split() if MESSAGE_ID.match(value)]
    return {"in_reply_to": letter.message_id, "references": [*earlier[-20:], letter.message_id]}


# In its own transaction; inside a letter's, ``outbox_store`` spares the savepoint.
outbox_add = transaction.atomic(outbox_store)


def _send_soon() -> None:
    from linija.mail.tasks import outbox_send_now  # the tasks module imports this one

    try:
        outbox_send_now()
    except Exception:  # the periodic task sends it within a minute anyway
        logger.exception("Could not queue the outbox for sending now")


def mail_connection():
    """An SMTP connection from ``LINIJA_SMTP_*``, or Django's ``EMAIL_BACKEND`` when no SMTP
    host is configured (the console in development, memory in tests)."""
    if not settings.LINIJA_SMTP_HOST:
        return get_connection(fail_silently=False)
    return get_connection(
        "django.core.mail.backends.smtp.EmailBackend",
        fail_silently=False,
        host=settings.LINIJA_SMTP_HOST,
        port=int(settings.LINIJA_SMTP_PORT),
        username=settings.LINIJA_SMTP_USER or None,
        password=settings.LINIJA_SMTP_PASSWORD or None,
        use_tls=settings.LINIJA_SMTP_TLS == "starttls",
        use_ssl=settings.LINIJA_SMTP_TLS == "tls",
        timeout=int(settings.LINIJA_SMTP_TIMEOUT),
    )


def email_build(outgoing: OutboxMessage, *, connection=None) -> EmailMultiAlternatives:
    """The letter as Django sends it, with Linija's threading headers."""
    headers = {"Message-ID": outgoing.message_id}
    if outgoing.in_reply_to:
        headers["In-Reply-To"] = outgoing.in_reply_to
    if outgoing.references:
        headers["References"] = outgoing.references
    if outgoing.auto_submitted:
        headers["Auto-Submitted"] = "auto-replied"
        headers["X-Auto-Response-Suppress"] = "All"
        headers["X-Loop"] = outgoing.sender
    email = EmailMultiAlternatives(
        subject=outgoing.subject,
        body=outgoing.body,
        from_email=formataddr((settings.LINIJA_MAIL_FROM_NAME, outgoing.sender)),
        to=outgoing.to,
        cc=outgoing.cc,
        headers=headers,
        connection=connection,
    )
    if outgoing.html:
        email.attach_alternative(outgoing.html, "text/html")
    for attachment in outgoing.attachments.all():
        with attachment.file.open("rb") as stored:
            email.attach(attachment.filename, stored.read(), attachment.content_type)
    return email


@dataclass
class SendReport:
    sent: int = 0
    retrying: int = 0
    failed: int = 0


class SendFailure(Exception):
    def __init__(self, reason: str, *, permanent: bool, server_down: bool = False):
        super().__init__(reason)
        self.reason = reason
        self.permanent = permanent
        self.server_down = server_down


def _answer_text(answer: bytes | str) -> str:
    return answer.decode(errors="replace") if isinstance(answer, bytes) else str(answer)


def _smtp_failure(error: Exception) -> SendFailure:
    """Whether a send error is worth retrying: 5xx answers are final, the rest is not; a
    server that cannot be reached or refuses Linija's login stops the run."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        answers = error.recipients.items()
        reason = "; ".join(f"{to}: {code} {_answer_text(text)}" for to, (code, text) in answers)
        return SendFailure(reason, permanent=all(code >= 500 for _to, (code, _t) in answers))
    if isinstance(error, smtplib.SMTPAuthenticationError):
        reason = f"SMTP login refused: {error.smtp_code}"
        return SendFailure(reason, permanent=False, server_down=True)
    if isinstance(error, smtplib.SMTPResponseException):
        reason = f"{error.smtp_code} {_answer_text(error.smtp_error)}"
        return SendFailure(reason, permanent=error.smtp_code >= 500)
    if isinstance(error, OSError):  # refused connections, time-outs, dropped sessions
        return SendFailure(f"SMTP server unreachable: {error}", permanent=False, server_down=True)
    return SendFailure(f"{type(error).__name__}: {error}", permanent=True)


@transaction.atomic
def _outbox_claim(now: datetime) -> OutboxMessage | None:
    """Take the next due letter for this worker: ``sending`` and one attempt more. On PostgreSQL
    other workers skip the locked row; SQLite's immediate transactions serialise the claim."""
    candidates = (
        OutboxMessage.objects.select_for_update(skip_locked=True)
        .filter(status=OutboxStatus.QUEUED, next_attempt_at__lte=now)
        .order_by("next_attempt_at", "id")
    )
    candidate = candidates.first()
    if candidate is None:
        return None
    claimed = OutboxMessage.objects.filter(pk=candidate.pk, status=OutboxStatus.QUEUED).update(
        status=OutboxStatus.SENDING, claimed_at=timezone.now(), attempts=F("attempts") + 1
    )
    if not claimed:
        return None
    candidate.refresh_from_db()
    return candidate


def _outbox_announce(outgoing: OutboxMessage) -> None:
    if outgoing.conversation_id is not None:
        staff_broadcast(
            event="mail.outbox",
            data={
                "id": outgoing.pk,
                "conversation": outgoing.conversation_id,
                "status": outgoing.status,
            },
        )


@transaction.atomic
def _outbox_sent(outgoing: OutboxMessage) -> None:
    outgoing.status = OutboxStatus.SENT
    outgoing.sent_at = timezone.now()
    outgoing.claimed_at = None
    outgoing.last_error = ""
    outgoing.save(update_fields=["status", "sent_at", "claimed_at", "last_error"])
    _outbox_announce(outgoing)


@transaction.atomic
def outbox_failed(*, outgoing: OutboxMessage, reason: str, permanent: bool) -> OutboxMessage:
    """Record a failed attempt: try again later with back-off, or give up with the reason."""
    outgoing.claimed_at = None
    if permanent or outgoing.attempts >= settings.LINIJA_OUTBOX_MAX_ATTEMPTS:
        outgoing.status = OutboxStatus.FAILED
        outgoing.last_error = (
            reason
            if permanent
            else _("Given up after %(count)d attempts: %(reason)s")
            % {"count": outgoing.attempts, "reason": reason}
        )
    else:
        outgoing.status = OutboxStatus.QUEUED
        outgoing.last_error = reason
        outgoing.next_attempt_at = timezone.now() + outgoing.retry_delay()
    outgoing.save(update_fields=["status", "claimed_at", "last_error", "next_attempt_at"])
    _outbox_announce(outgoing)
    return outgoing


@transaction.atomic
def outbox_requeue_stale(*, now: datetime | None = None) -> int:
    """Queue again the letters a dead worker left ``sending`` (they may go out twice: the same
    Message-ID lets mail programs show them once)."""
    now = now or timezone.now()
    stale = now - timedelta(minutes=settings.LINIJA_OUTBOX_STALE_MINUTES)
    return OutboxMessage.objects.filter(
        Q(claimed_at__lt=stale) | Q(claimed_at__isnull=True), status=OutboxStatus.SENDING
    ).update(status=OutboxStatus.QUEUED, claimed_at=None, next_attempt_at=now)


@transaction.atomic
def outbox_retry(*, outgoing: OutboxMessage) -> OutboxMessage:
    """Send a failed letter again now, with a fresh count of attempts."""
    if outgoing.status != OutboxStatus.FAILED:
        raise ValidationError(_("Only a failed letter can be sent again."), code="not_failed")
    outgoing.status = OutboxStatus.QUEUED
    outgoing.attempts = 0
    outgoing.next_attempt_at = timezone.now()
    outgoing.save(update_fields=["status", "attempts", "next_attempt_at"])
    _outbox_announce(outgoing)
    transaction.on_commit(_send_soon)
    return outgoing


def outbox_send_due(*, now: datetime | None = None, limit: int = 200) -> SendReport:
    """Send the letters that are due, over one connection. A server that cannot be reached
    stops the run; the letters wait for the next one."""
    now = now or timezone.now()
    outbox_requeue_stale(now=now)
    report = SendReport()
    connection = None
    try:
        for _index in range(limit):
            outgoing = _outbox_claim(now)
            if outgoing is None:
                break
            try:
                if connection is None:
                    connection = mail_connection()
                    connection.open()
                email_build(outgoing, connection=connection).send()
            except Exception as error:  # every failure is recorded on the letter
                failure = _smtp_failure(error)
                logger.warning("Outgoing letter %s not sent: %s", outgoing.pk, failure.reason)
                outbox_failed(outgoing=outgoing, reason=failure.reason, permanent=failure.permanent)
                if outgoing.status == OutboxStatus.FAILED:
                    report.failed += 1
                else:
                    report.retrying += 1
                if failure.server_down:
                    break
                continue
            _outbox_sent(outgoing)
            report.sent += 1
    finally:
        if connection is not None:
            connection.close()
    return report
