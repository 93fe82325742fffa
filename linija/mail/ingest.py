"""Letters coming in: the intake of a fetched letter (its parts, its thread or a new
conversation, the acknowledgement), the batches of a mailbox fetch, the demo's letters."""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from email.message import EmailMessage

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from linija.consultations.models import Channel, Conversation, ConversationStatus, Direction
from linija.consultations.services import conversation_open, message_add
from linija.hours.selectors import line_status
from linija.hours.status import LineStatus
from linija.inbox.live import staff_broadcast, staff_broadcasts_together
from linija.mail.acknowledgements import acknowledgement_store
from linija.mail.addresses import address_clean
from linija.mail.attachments import content_type_for
from linija.mail.automatic import Line, acknowledged_lately, letter_verdict
from linija.mail.imap import FetchReport, imap_config, mailbox_fetch, mailbox_watch
from linija.mail.models import (
    AcknowledgementTemplate,
    Attachment,
    Letter,
    LetterKind,
    OutboxMessage,
    OutboxStatus,
    ThreadClaim,
    private_storage,
)
from linija.mail.outbox import outbox_failed
from linija.mail.parsing import ParsedAttachment, ParsedLetter, parse_letter
from linija.mail.selectors import (
    acknowledgement_templates,
    thread_by_message_ids,
    thread_by_tag,
    thread_correspondent,
)
from linija.privacy.pseudonyms import pseudonym


@dataclass
class IngestResult:
    letter: Letter
    created: bool


def _own_addresses() -> set[str]:
    own = {settings.LINIJA_EMAIL.lower(), settings.DEFAULT_FROM_EMAIL.lower()}
    imap_user = imap_config().user.lower()
    if "@" in imap_user:
        own.add(imap_user)
    return own


def _line() -> Line:
    return Line(
        addresses=frozenset(_own_addresses()),
        domain=settings.LINIJA_EMAIL.rpartition("@")[2].lower(),
        acknowledged_lately=acknowledged_lately,
    )


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


def letter_received_announce(*, conversation: Conversation, letter: Letter, opened: bool) -> None:
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
    parsed: ParsedLetter, *, opens: bool, sender_key: str, warnings: list[dict]
) -> tuple[Conversation | None, bool]:
    """The conversation a letter belongs to (In-Reply-To and References first, then the
    subject's tag of the same sender), or a new one for a person's letter; and whether it is
    new. Machine mail outside a thread gets none (``linija.mail.automatic``). A letter of
    somebody else naming a thread opens its own conversation, marked as claiming it."""
    conversation = thread_by_message_ids([parsed.in_reply_to, *reversed(parsed.references)])
    claimed = None
    if conversation is not None and not thread_correspondent(
        conversation=conversation, sender_key=sender_key
    ):
        claimed, conversation = conversation, None
    elif conversation is None:
        conversation, other = thread_by_tag(subject=parsed.subject, sender_key=sender_key)
        if other is not None:
            warnings.append({"code": "tag_ignored", "detail": f"#{other}"})
    if conversation is not None or not opens or not parsed.from_address:
        return conversation, False
    opened = conversation_open(
        channel=Channel.EMAIL,
        subject=parsed.subject[:200],
        contact_name=parsed.from_name[:200],
        contact_address=(parsed.reply_to or parsed.from_address)[:254],
        caller_key=sender_key,
    )
    if claimed is not None:
        ThreadClaim.objects.create(conversation=opened, claimed=claimed, sender_key=sender_key)
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


def _acknowledgeable(address: str, warnings: list[dict]) -> bool:
    """Whether an acknowledgement can go to ``address``. One SMTP cannot take (a non-ASCII
    local part of RFC 6532, a domain without a dot) gets a warning on the letter instead: the
    letter is stored all the same."""
    if not address:
        return False
    try:
        address_clean(address)
    except ValidationError:
        warnings.append({"code": "not_acknowledged", "detail": address[:200]})
        return False
    return True


def _letter_store(
    parsed: ParsedLetter,
    raw: bytes,
    *,
    received_at: datetime,
    line: LineStatus | None,
    templates: dict[str, AcknowledgementTemplate] | None,
    saved: list[str],
) -> Letter:
    verdict = letter_verdict(parsed, line=_line())
    kind = verdict.rule.kind if verdict else LetterKind.PERSON
    sender_key = pseudonym("email", parsed.from_address) if parsed.from_address else ""
    warnings = list(parsed.warnings)
    conversation, opened = _letter_thread(
        parsed,
        opens=verdict is None or not verdict.rule.opens_no_conversation,
        sender_key=sender_key,
        warnings=warnings,
    )
    letter = Letter(
        kind=kind,
        noise_reason=verdict.evidence[:200] if verdict else "",
        automatic_rule=verdict.rule.name if verdict else "",
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
    acknowledge = (
        conversation is not None
        and verdict is None
        and _acknowledgeable(letter.answer_address, warnings)
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
        if acknowledge:
            acknowledgement_store(
                conversation=conversation,
                address=letter.answer_address,
                letter=letter,
                line=line,
                templates=templates,
                opened=opened,
            )
        letter_received_announce(conversation=conversation, letter=letter, opened=opened)
    return letter


def letter_ingest(
    *,
    raw: bytes,
    received_at: datetime | None = None,
    line: LineStatus | None = None,
    templates: dict[str, AcknowledgementTemplate] | None = None,
) -> IngestResult:
    """Store a letter from the mailbox: the raw message, its parts, its place in a thread (or
    a new conversation), the acknowledgement; all in one transaction (a savepoint inside
    ``letters_batch``).

    A letter already stored (the same Message-ID, or the same content when it has none) is
    not stored again: fetching twice is harmless. ``line``, the line's status, and
    ``templates``, the active acknowledgement templates, let a run of letters share one
    reading of each.
    """
    parsed = parse_letter(raw, attachment_max_bytes=settings.LINIJA_MAIL_ATTACHMENT_MAX_BYTES)
    existing = Letter.objects.filter(dedupe_key=parsed.dedupe_key).first()
    if existing is not None:
        return IngestResult(letter=existing, created=False)
    saved: list[str] = []
    try:
        with transaction.atomic():
            letter = _letter_store(
                parsed,
                raw,
                received_at=received_at or timezone.now(),
                line=line,
                templates=templates,
                saved=saved,
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


@contextmanager
def letters_batch() -> Iterator[None]:
    """One transaction for a fetched batch of letters (each ``letter_ingest`` in it is a
    savepoint: a failing letter rolls back alone), its announcements sent together after the
    commit."""
    with staff_broadcasts_together(), transaction.atomic():
        yield


def mail_fetch() -> FetchReport | None:
    """Fetch and store the mailbox's new letters; None when no IMAP server is configured."""
    config = imap_config()
    if not config.enabled:
        return None
    from linija.mail.quarantine import MailboxStore  # the quarantine module imports this one

    # One reading of the opening hours and the templates for the run's acknowledgements.
    store = MailboxStore.of(config, line=line_status(), templates=acknowledgement_templates())
    return mailbox_fetch(config=config, store=store, batched=letters_batch)


def mail_watch(
    *,
    fetched: Callable[[FetchReport], None] = lambda report: None,
    stop: threading.Event | None = None,
) -> FetchReport | None:
    """Fetch the mailbox's new letters, then wait for more in IMAP IDLE for the configured
    time, storing each as it comes; None when no IMAP server is configured."""
    config = imap_config()
    if not config.enabled:
        return None
    from linija.mail.quarantine import MailboxStore

    return mailbox_watch(
        config=config,
        store=MailboxStore.of(config, line=line_status(), templates=acknowledgement_templates()),
        seconds=config.watch_seconds,
        fetched=fetched,
        stop=stop,
        batched=letters_batch,
    )


# The demo's letters from the public: (Message-ID, sender, subject, text).
DEMO_LETTERS = (
    (
        "<demo-1@linija-demo.example>",
        "Jurgita <jurgita@linija-demo.example>",
        "Dėl budinčio globotojo",
        "Laba diena,\n\nnorėtume tapti budinčiais globotojais. Nuo ko pradėti?\n\nJurgita",
    ),
    (
        "<demo-2@linija-demo.example>",
        "Paulius <paulius@linija-demo.example>",
        "Globos išmoka",
        "Sveiki,\n\nkur kreiptis dėl globos išmokos, kai vaikas pas mus jau mėnesį?\n\nPaulius",
    ),
)


def letters_demo_ingest() -> int:
    """The demo's letters, stored once as if fetched from the mailbox: new e-mail conversations."""
    created = 0
    for message_id, sender, subject, text in DEMO_LETTERS:
        letter = EmailMessage()
        letter["From"] = sender
        letter["To"] = settings.LINIJA_EMAIL
        letter["Subject"] = subject
        letter["Message-ID"] = message_id
        letter.set_content(text)
        created += letter_ingest(raw=letter.as_bytes()).created
    return created
