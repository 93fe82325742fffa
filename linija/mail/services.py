"""Writes of the e-mail channel: the outbox and its sending, the intake of letters, replies,
conversation status, the automatic acknowledgement and the website's contact form."""

from __future__ import annotations

import hashlib
import logging
import smtplib
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from email.utils import formataddr
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import IntegrityError, transaction
from django.db.models import F, Q, QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from linija.accounts.services import audit_record
from linija.consultations.models import (
    Channel,
    Consultation,
    Conversation,
    ConversationStatus,
    Direction,
    Message,
    Topic,
)
from linija.consultations.services import (
    consultation_update,
    conversation_claim,
    conversation_open,
    conversation_status_set,
    message_add,
)
from linija.hours.selectors import line_status
from linija.hours.status import LineStatus
from linija.inbox.live import staff_broadcast
from linija.mail import conf
from linija.mail.addresses import (
    MESSAGE_ID,
    address_clean,
    addresses_clean,
    message_id_clean,
    message_id_new,
    one_line,
    reply_subject,
    subject_tagged,
)
from linija.mail.attachments import content_type_for, filename_safe, refusal
from linija.mail.imap import FetchReport, mailbox_fetch
from linija.mail.models import (
    Acknowledgement,
    AcknowledgementTemplate,
    Attachment,
    AttachmentRefusal,
    Letter,
    LetterKind,
    LetterSource,
    OutboxMessage,
    OutboxStatus,
    private_storage,
)
from linija.mail.parsing import ParsedAttachment, ParsedLetter, parse_letter
from linija.mail.selectors import (
    answer_expected,
    first_letter_at,
    last_answer_at,
    letter_to_answer,
    thread_by_message_ids,
    thread_by_tag,
)
from linija.privacy.pseudonyms import pseudonym
from linija.privacy.retention import blank, files_delete_on_commit

logger = logging.getLogger(__name__)

SUBJECT_MAX = 250
NAME_MAX = 200


# --- The outbox -----------------------------------------------------------------------------


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
        refused = refusal(filename=filename, data=data, max_bytes=conf.attachment_max_bytes())
        if refused:
            raise ValidationError(
                _("“%(name)s” cannot be sent: %(reason)s.")
                % {"name": filename, "reason": AttachmentRefusal(refused).label},
                code="attachment",
            )
        checked.append((filename, data, content_type_for(filename)))
    return checked


@transaction.atomic
def outbox_add(
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
    from_address = address_clean(sender) if sender else conf.line_address()
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


def _send_soon() -> None:
    from linija.mail.tasks import outbox_send_now  # the tasks module imports this one

    try:
        outbox_send_now()
    except Exception:  # the periodic task sends it within a minute anyway
        logger.exception("Could not queue the outbox for sending now")


def mail_connection():
    """An SMTP connection from ``LINIJA_SMTP_*``, or Django's ``EMAIL_BACKEND`` when no SMTP
    host is configured (the console in development, memory in tests)."""
    smtp = conf.smtp_config()
    if not smtp.enabled:
        return get_connection(fail_silently=False)
    return get_connection(
        "django.core.mail.backends.smtp.EmailBackend",
        fail_silently=False,
        host=smtp.host,
        port=smtp.port,
        username=smtp.user or None,
        password=smtp.password or None,
        use_tls=smtp.security == "starttls",
        use_ssl=smtp.security == "tls",
        timeout=smtp.timeout,
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
    email = EmailMultiAlternatives(
        subject=outgoing.subject,
        body=outgoing.body,
        from_email=formataddr((conf.from_name(), outgoing.sender)),
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
    if permanent or outgoing.attempts >= conf.OUTBOX_MAX_ATTEMPTS:
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
    stale = now - timedelta(minutes=conf.OUTBOX_STALE_MINUTES)
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


# --- The automatic acknowledgement ----------------------------------------------------------


def acknowledgement_compose(
    *, conversation: Conversation, language: str | None, line: LineStatus | None = None
) -> tuple[str, str] | None:
    """The acknowledgement's subject and text in ``language``, or in Lithuanian and English
    together when the person's language is not known; None when it is turned off. ``line`` is
    the line's status to promise an answer from (default: now)."""
    templates = {
        template.language: template
        for template in AcknowledgementTemplate.objects.filter(active=True)
    }
    languages = (
        [language]
        if language in templates
        else [code for code in ("lt", "en") if code in templates]
    )
    if not languages:
        return None
    subjects, bodies = [], []
    line = line or line_status()
    for code in languages:
        with translation.override(code):
            values = {
                "when": answer_expected(line),
                "reference": f"Linija #{conversation.pk}",
                "phone": settings.LINIJA_PHONE,
            }
        subject, body = templates[code].render(values)
        subjects.append(subject)
        bodies.append(body)
    return " / ".join(subjects), "\n\n* * *\n\n".join(bodies)


@transaction.atomic
def acknowledgement_send(
    *,
    conversation: Conversation,
    address: str,
    letter: Letter | None = None,
    language: str | None = None,
    line: LineStatus | None = None,
) -> OutboxMessage | None:
    """Tell the sender the letter arrived and when to expect an answer: once per sender and
    conversation, through the outbox."""
    sender_key = pseudonym("email", address)
    if Acknowledgement.objects.filter(conversation=conversation, sender_key=sender_key).exists():
        return None
    composed = acknowledgement_compose(conversation=conversation, language=language, line=line)
    if composed is None:
        return None
    subject, body = composed
    threading = _threading_headers(letter)
    outgoing = outbox_add(
        to=[address],
        subject=subject,
        body=body,
        conversation=conversation,
        auto_submitted=True,
        **threading,
    )
    Acknowledgement.objects.create(
        conversation=conversation, sender_key=sender_key, outbox=outgoing
    )
    return outgoing


def _threading_headers(letter: Letter | None) -> dict[str, Any]:
    """In-Reply-To and References of an answer to ``letter``."""
    if letter is None or not MESSAGE_ID.match(letter.message_id or ""):
        return {}
    earlier = [value for value in letter.references.split() if MESSAGE_ID.match(value)]
    return {"in_reply_to": letter.message_id, "references": [*earlier[-20:], letter.message_id]}


# --- Letters coming in ----------------------------------------------------------------------


@dataclass
class IngestResult:
    letter: Letter
    created: bool


def _own_addresses() -> set[str]:
    own = {conf.line_address().lower(), settings.DEFAULT_FROM_EMAIL.lower()}
    imap_user = conf.imap_config().user.lower()
    if "@" in imap_user:
        own.add(imap_user)
    return own


def _letter_kind(parsed: ParsedLetter) -> tuple[str, str]:
    if parsed.kind == LetterKind.PERSON and parsed.from_address.lower() in _own_addresses():
        return LetterKind.OWN, "From: the line's own address"
    return parsed.kind, parsed.noise_reason


def _bounce_apply(parsed: ParsedLetter) -> None:
    """A delivery failure of a letter we sent marks it failed, with the server's reason."""
    reason = _("Returned as undeliverable: %(reason)s") % {
        "reason": parsed.bounce_reason or parsed.subject or "?"
    }
    for outgoing in OutboxMessage.objects.filter(
        message_id__in=parsed.bounced_ids, status=OutboxStatus.SENT
    ):
        outbox_failed(outgoing=outgoing, reason=reason, permanent=True)


def _conversation_reopen(conversation: Conversation) -> None:
    if conversation.status in {ConversationStatus.WAITING, ConversationStatus.CLOSED}:
        conversation.status = ConversationStatus.OPEN
        conversation.save(update_fields=["status"])


def _message_body(parsed_text: str, attachments: Sequence[ParsedAttachment]) -> str:
    if parsed_text.strip():
        return parsed_text
    names = ", ".join(attachment.filename for attachment in attachments)
    if names:
        return _("(No text. Attachments: %(names)s)") % {"names": names}
    return _("(No text.)")


def _received_announce(*, conversation: Conversation, letter: Letter, opened: bool) -> None:
    staff_broadcast(
        event="mail.received",
        data={
            "conversation": conversation.pk,
            "letter": letter.pk,
            "new_conversation": opened,
            "status": conversation.status,
            "title": conversation.subject,
            "automatic": letter.is_automatic,
            "url": reverse("mail:conversation", args=[conversation.pk]),
        },
    )


def _letter_thread(
    parsed: ParsedLetter, *, kind: str, sender_key: str, warnings: list[dict]
) -> tuple[Conversation | None, bool]:
    """The conversation a letter belongs to (In-Reply-To and References first, then the
    subject's tag of the same sender), or a new one for a person's letter; and whether it is
    new. Automatic mail outside a thread gets none."""
    conversation = thread_by_message_ids([parsed.in_reply_to, *reversed(parsed.references)])
    if conversation is None:
        conversation, other = thread_by_tag(subject=parsed.subject, sender_key=sender_key)
        if other is not None:
            warnings.append({"code": "tag_ignored", "detail": f"#{other}"})
    if conversation is not None or kind != LetterKind.PERSON or not parsed.from_address:
        return conversation, False
    opened = conversation_open(
        channel=Channel.EMAIL,
        subject=parsed.subject[:200],
        contact_name=parsed.from_name[:200],
        contact_address=(parsed.reply_to or parsed.from_address)[:254],
        caller_key=sender_key,
    )
    return opened, True


def _attachments_store(letter: Letter, parsed: ParsedLetter, saved: list[str]) -> None:
    """The letter's files; a refused one keeps its name and reason, not its content."""
    for found in parsed.attachments:
        attachment = Attachment(
            letter=letter,
            filename=found.filename,
            content_type=(
                found.content_type[:100] if found.refused else content_type_for(found.filename)
            ),
            size=len(found.data),
            sha256=hashlib.sha256(found.data).hexdigest() if found.data else "",
            inline=found.inline,
            content_id=found.content_id[:255],
            refused=found.refused,
        )
        if not found.refused:
            attachment.file.save(found.filename, ContentFile(found.data), save=False)
            saved.append(attachment.file.name)
        attachment.save()


def _letter_store(
    parsed: ParsedLetter,
    raw: bytes,
    *,
    received_at: datetime,
    line: LineStatus | None,
    saved: list[str],
) -> Letter:
    kind, noise_reason = _letter_kind(parsed)
    sender_key = pseudonym("email", parsed.from_address) if parsed.from_address else ""
    warnings = list(parsed.warnings)
    conversation, opened = _letter_thread(
        parsed, kind=kind, sender_key=sender_key, warnings=warnings
    )
    letter = Letter(
        kind=kind,
        noise_reason=noise_reason[:200],
        dedupe_key=parsed.dedupe_key,
        message_id=parsed.message_id[:255],
        in_reply_to=parsed.in_reply_to[:255],
        references=" ".join(parsed.references),
        from_address=parsed.from_address[:254],
        from_name=parsed.from_name[:200],
        reply_to=parsed.reply_to[:254],
        to=parsed.to,
        cc=parsed.cc,
        subject=parsed.subject[:300],
        sent_at=parsed.date,
        received_at=received_at,
        text=parsed.text,
        html=parsed.html,
        raw_size=parsed.size,
        warnings=warnings,
    )
    letter.raw.save(f"{parsed.raw_sha256}.eml", ContentFile(raw), save=False)
    saved.append(letter.raw.name)
    if kind == LetterKind.BOUNCE:
        _bounce_apply(parsed)
    if conversation is not None:
        letter.conversation_message, _created = message_add(
            conversation=conversation,
            direction=Direction.IN,
            body=_message_body(parsed.text, parsed.attachments),
            external_id=parsed.message_id[:255],
        )
        if kind == LetterKind.PERSON:
            _conversation_reopen(conversation)
    letter.save()
    _attachments_store(letter, parsed, saved)
    if conversation is not None:
        if kind == LetterKind.PERSON and letter.answer_address:
            acknowledgement_send(
                conversation=conversation, address=letter.answer_address, letter=letter, line=line
            )
        _received_announce(conversation=conversation, letter=letter, opened=opened)
    return letter


def letter_ingest(
    *, raw: bytes, received_at: datetime | None = None, line: LineStatus | None = None
) -> IngestResult:
    """Store a letter from the mailbox: the raw message, its parts, its place in a thread (or
    a new conversation), the acknowledgement; all in one transaction.

    A letter already stored (the same Message-ID, or the same content when it has none) is
    not stored again: fetching twice is harmless. ``line``, the line's status, lets a run of
    letters share one reading of the opening hours.
    """
    parsed = parse_letter(raw, attachment_max_bytes=conf.attachment_max_bytes())
    existing = Letter.objects.filter(dedupe_key=parsed.dedupe_key).first()
    if existing is not None:
        return IngestResult(letter=existing, created=False)
    saved: list[str] = []
    try:
        with transaction.atomic():
            letter = _letter_store(
                parsed, raw, received_at=received_at or timezone.now(), line=line, saved=saved
            )
    except IntegrityError:
        _files_remove(saved)
        existing = Letter.objects.filter(dedupe_key=parsed.dedupe_key).first()
        if existing is None:
            raise
        return IngestResult(letter=existing, created=False)
    except BaseException:
        _files_remove(saved)
        raise
    return IngestResult(letter=letter, created=True)


def _files_remove(names: Sequence[str]) -> None:
    """Files written for a transaction that was rolled back."""
    for name in names:
        private_storage.delete(name)


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
        **_threading_headers(letter),
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
def conversation_status_change(
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
) -> Conversation:
    """A message left on the website (the contact form, the chat's "leave a message"): an
    e-mail conversation at once, and the acknowledgement to the address given, in the
    language of the page. Bad input raises ``ValidationError`` and stores nothing."""
    errors: dict[str, list[str]] = {}
    try:
        address = address_clean(email)
    except ValidationError as invalid:
        errors["email"] = invalid.messages
    text = text.strip().replace("\x00", "")
    if not text:
        errors["text"] = [_("Write your message.")]
    elif len(text) > conf.text_max_chars():
        errors["text"] = [
            _("The message is too long: at most %(limit)d characters.")
            % {"limit": conf.text_max_chars()}
        ]
    name = " ".join(name.split())
    if len(name) > NAME_MAX:
        errors["name"] = [_("The name is too long.")]
    topic = Topic.objects.filter(code=topic_code, active=True).first() if topic_code else None
    if topic_code and topic is None:
        errors["topic"] = [_("Choose a topic from the list.")]
    if errors:
        raise ValidationError(errors)
    with translation.override(settings.LANGUAGE_CODE):
        subject = topic.name if topic else _("Message from the website")
    conversation = conversation_open(
        channel=Channel.EMAIL,
        subject=subject,
        contact_name=name,
        contact_address=address,
        caller_key=pseudonym("email", address),
    )
    message, _created = message_add(conversation=conversation, direction=Direction.IN, body=text)
    letter = Letter.objects.create(
        conversation_message=message,
        source=source,
        dedupe_key=hashlib.sha256(f"{source}:{uuid.uuid4()}".encode()).hexdigest(),
        from_address=address,
        from_name=name,
        subject=subject,
        topic_code=topic.code if topic else "",
        text=text,
        received_at=message.created_at,
    )
    acknowledgement_send(
        conversation=conversation, address=address, language=translation.get_language()
    )
    _received_announce(conversation=conversation, letter=letter, opened=True)
    return conversation


def mail_fetch() -> FetchReport | None:
    """Fetch and store the mailbox's new letters; None when no IMAP server is configured."""
    config = conf.imap_config()
    if not config.enabled:
        return None
    line = line_status()  # one reading of the opening hours for the run's acknowledgements
    return mailbox_fetch(config=config, store=lambda raw: letter_ingest(raw=raw, line=line).created)


# --- Retention: the purgers of ``linija.privacy.retention`` for letters ----------------------

LETTER_LOCKED = "conversation_message__conversation__consultation__in"
LETTER_CONTENT = (
    ~Q(from_address="")
    | ~Q(from_name="")
    | ~Q(reply_to="")
    | ~Q(to="")
    | ~Q(cc="")
    | ~Q(subject="")
    | ~Q(text="")
    | ~Q(html="")
)
OUTBOX_CONTENT = ~Q(to=[]) | ~Q(cc=[]) | ~Q(subject="") | ~Q(body="") | ~Q(html="")


def _attachments_purge(attachments: QuerySet, *, dry_run: bool) -> int:
    attachments = attachments.exclude(filename="", file="")
    if not dry_run:
        files_delete_on_commit(private_storage, attachments.values_list("file", flat=True))
    return blank(attachments, dry_run=dry_run, filename="", file="")


@transaction.atomic
def letters_purge(*, kind: str, before: datetime, locked: QuerySet, dry_run: bool) -> int:
    """Blank the addresses, subjects and texts of the letters received and sent before
    ``before`` and delete their attachments' files (their size and type stay)."""
    letters = Letter.objects.filter(received_at__lt=before).exclude(**{LETTER_LOCKED: locked})
    outbox = OutboxMessage.objects.filter(
        created_at__lt=before, status__in=[OutboxStatus.SENT, OutboxStatus.FAILED]
    ).exclude(conversation__consultation__in=locked)
    attachments = Attachment.objects.filter(Q(letter__in=letters) | Q(outbox__in=outbox))
    return (
        _attachments_purge(attachments, dry_run=dry_run)
        + blank(
            letters.filter(LETTER_CONTENT),
            dry_run=dry_run,
            **dict.fromkeys(["from_address", "from_name", "reply_to", "to", "cc"], ""),
            **dict.fromkeys(["subject", "text", "html"], ""),
        )
        + blank(
            outbox.filter(OUTBOX_CONTENT),
            dry_run=dry_run,
            to=[],
            cc=[],
            subject="",
            body="",
            html="",
        )
    )


@transaction.atomic
def raw_letters_purge(*, kind: str, before: datetime, locked: QuerySet, dry_run: bool) -> int:
    """Delete the original .eml files of the letters received before ``before``."""
    letters = (
        Letter.objects.filter(received_at__lt=before)
        .exclude(raw="")
        .exclude(**{LETTER_LOCKED: locked})
    )
    if not dry_run:
        files_delete_on_commit(private_storage, letters.values_list("raw", flat=True))
    return blank(letters, dry_run=dry_run, raw="")


@transaction.atomic
def sender_keys_purge(*, kind: str, before: datetime, locked: QuerySet, dry_run: bool) -> int:
    """Forget which senders got an acknowledgement before ``before`` (the keyed pseudonyms)."""
    acknowledgements = Acknowledgement.objects.filter(created_at__lt=before).exclude(
        conversation__consultation__in=locked
    )
    return acknowledgements.count() if dry_run else acknowledgements.delete()[0]
