"""Letters coming in: the intake of a batch of fetched letters (their parts, their thread or a
new conversation, the acknowledgement), the demo's letters. The mailbox runs that fetch them
are in ``mailbox.py``."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from email.message import EmailMessage

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from linija.consultations.models import Channel, Conversation, ConversationStatus
from linija.consultations.services import Opening, conversations_open, messages_receive
from linija.hours.status import LineStatus
from linija.inbox.live import staff_broadcast
from linija.mail.acknowledgements import acknowledgement_languages, acknowledgement_store
from linija.mail.addresses import address_clean
from linija.mail.attachments import content_type_for
from linija.mail.automatic import ACKNOWLEDGEMENT_INTERVAL, Line, Verdict, letter_verdict
from linija.mail.imap import imap_config
from linija.mail.models import (
    Acknowledgement,
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
    thread_by_tag,
    thread_correspondent,
    threads_by_message_ids,
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


@dataclass
class _Intake:
    """A letter of a batch between reading and storing: what it is and where it goes."""

    raw: bytes
    parsed: ParsedLetter
    letter: Letter
    sender_key: str
    verdict: Verdict | None
    # Where it goes: an existing conversation, the one an earlier letter of the batch opens
    # (``joins``), or a new one (``opens``); machine mail outside a thread goes nowhere.
    conversation: Conversation | None = None
    joins: _Intake | None = None
    opens: bool = False
    claimed: Conversation | None = None
    claimed_from: _Intake | None = None
    acknowledge: bool = False
    repeats: Letter | _Intake | None = None

    @property
    def root(self) -> _Intake:
        """The letter of the batch whose conversation this one goes to (itself if none)."""
        return self.joins.root if self.joins is not None else self

    @property
    def goes(self) -> bool:
        """Whether the letter goes to a conversation (an existing one or one the batch opens)."""
        root = self.root
        return root.conversation is not None or root.opens

    @property
    def conversation_to_be(self) -> Conversation | None:
        """The conversation the letter goes to; one the batch opens, once it is stored."""
        return self.root.conversation


@dataclass
class _Batch:
    """What the letters of one batch need to know of the database, read once for the batch,
    and what the batch's earlier letters add to it."""

    known: dict[str, Letter]
    threads: dict[str, Conversation]
    acknowledged: set[str]
    line: Line
    templates: dict[str, AcknowledgementTemplate]
    by_message_id: dict[str, _Intake] = field(default_factory=dict)
    by_dedupe_key: dict[str, _Intake] = field(default_factory=dict)
    acknowledged_in: set[tuple[tuple[str, int], str]] = field(default_factory=set)

    @classmethod
    def read(
        cls, parsed: Sequence[ParsedLetter], templates: dict[str, AcknowledgementTemplate]
    ) -> _Batch:
        keys = [letter.dedupe_key for letter in parsed]
        senders = {
            pseudonym("email", address)
            for letter in parsed
            if (address := letter.reply_to or letter.from_address)
        }
        acknowledged = set(
            Acknowledgement.objects.filter(
                sender_key__in=senders,
                created_at__gte=timezone.now() - ACKNOWLEDGEMENT_INTERVAL,
            ).values_list("sender_key", flat=True)
        )
        own = _own_addresses()
        return cls(
            known={
                letter.dedupe_key: letter for letter in Letter.objects.filter(dedupe_key__in=keys)
            },
            threads=threads_by_message_ids(
                value for letter in parsed for value in [letter.in_reply_to, *letter.references]
            ),
            acknowledged=acknowledged,
            line=Line(
                addresses=frozenset(own),
                domain=settings.LINIJA_EMAIL.rpartition("@")[2].lower(),
                # The rate per address: the database's last day, and this batch's letters.
                acknowledged_lately=lambda address: pseudonym("email", address) in acknowledged,
            ),
            templates=templates,
        )


def _thread_of(batch: _Batch, intake: _Intake) -> None:
    """Where a letter goes (In-Reply-To and References first, then the subject's tag of the
    same sender), or a new conversation for a person's letter. Machine mail outside a thread
    gets none (``linija.mail.automatic``). A letter of somebody else naming a thread opens its
    own conversation, marked as claiming it."""
    parsed = intake.parsed
    for value in [parsed.in_reply_to, *reversed(parsed.references)]:
        earlier = batch.by_message_id.get(value)
        if earlier is not None and earlier.goes and earlier.root.opens:
            # A thread the batch opens: its correspondent is the sender of its first letter.
            if intake.sender_key and earlier.root.sender_key == intake.sender_key:
                intake.joins = earlier.root
            else:
                intake.claimed_from = earlier.root
            break
        found = earlier.conversation_to_be if earlier is not None else batch.threads.get(value)
        if found is not None:
            if thread_correspondent(conversation=found, sender_key=intake.sender_key):
                intake.conversation = found
            else:
                intake.claimed = found
            break
    else:
        intake.conversation, other = thread_by_tag(
            subject=parsed.subject, sender_key=intake.sender_key
        )
        if other is not None:
            intake.letter.warnings.append({"code": "tag_ignored", "detail": f"#{other}"})
    opens = intake.verdict is None or not intake.verdict.rule.opens_no_conversation
    intake.opens = not intake.goes and opens and bool(parsed.from_address)


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


def _acknowledgement_of(batch: _Batch, intake: _Intake) -> None:
    """Whether the letter gets an acknowledgement: a person's letter in a conversation whose
    sender has had none in it (nor any in the last day, ``linija.mail.automatic``)."""
    address = intake.letter.answer_address
    if not intake.goes or intake.verdict is not None:
        return
    if not _acknowledgeable(address, intake.letter.warnings):
        return
    key = pseudonym("email", address)
    conversation = intake.conversation_to_be
    thread = ("stored", conversation.pk) if conversation is not None else ("new", id(intake.root))
    if (thread, key) in batch.acknowledged_in or (
        conversation is not None
        and Acknowledgement.objects.filter(conversation=conversation, sender_key=key).exists()
    ):
        return
    if not acknowledgement_languages(templates=batch.templates, language=None):
        return
    intake.acknowledge = True
    # Later letters of the batch see it as the database will: the rate per address, and
    # the acknowledgement in this conversation.
    batch.acknowledged.add(key)
    batch.acknowledged_in.add((thread, key))


def _intake_read(batch: _Batch, raw: bytes, parsed: ParsedLetter, received_at: datetime) -> _Intake:
    """A letter of the batch, decided in the order the mailbox gave them."""
    verdict = letter_verdict(parsed, line=batch.line)
    letter = Letter(
        kind=verdict.rule.kind if verdict else LetterKind.PERSON,
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
        warnings=list(parsed.warnings),
    )
    intake = _Intake(
        raw=raw,
        parsed=parsed,
        letter=letter,
        sender_key=pseudonym("email", parsed.from_address) if parsed.from_address else "",
        verdict=verdict,
    )
    intake.repeats = batch.known.get(parsed.dedupe_key) or batch.by_dedupe_key.get(
        parsed.dedupe_key
    )
    if intake.repeats is not None:
        return intake
    batch.by_dedupe_key[parsed.dedupe_key] = intake
    _thread_of(batch, intake)
    _acknowledgement_of(batch, intake)
    if parsed.message_id:
        batch.by_message_id.setdefault(parsed.message_id[:255], intake)
    return intake


def _attachments_of(letter: Letter, parsed: ParsedLetter, saved: list[str]) -> list[Attachment]:
    """The letter's files; a refused one keeps its name and reason, not its content."""
    attachments = []
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
        attachments.append(attachment)
    return attachments


def _intakes_store(
    intakes: Sequence[_Intake], *, line: LineStatus | None, batch: _Batch, saved: list[str]
) -> None:
    """Write a batch's new letters: one insert each for the new conversations (with their
    records), the messages, the letters, their files and claims; then the acknowledgements."""
    new = [intake for intake in intakes if intake.repeats is None]
    opening = [intake for intake in new if intake.opens]
    opened = (
        conversations_open(
            openings=[
                Opening(
                    channel=Channel.EMAIL,
                    subject=intake.parsed.subject[:200],
                    contact_name=intake.parsed.from_name[:200],
                    contact_address=intake.letter.answer_address[:254],
                    caller_key=intake.sender_key,
                )
                for intake in opening
            ]
        )
        if opening
        else []
    )
    for intake, conversation in zip(opening, opened, strict=True):
        intake.conversation = conversation
    going = [intake for intake in new if intake.conversation_to_be is not None]
    messages = (
        messages_receive(
            received=[
                (
                    intake.conversation_to_be,
                    _message_body(intake.parsed.text, intake.parsed.attachments),
                    intake.parsed.message_id[:255],
                )
                for intake in going
            ]
        )
        if going
        else []
    )
    for intake, message in zip(going, messages, strict=True):
        intake.letter.conversation_message = message
        if intake.letter.kind == LetterKind.PERSON and not intake.opens:
            _conversation_reopen(intake.conversation_to_be)
    for intake in new:
        if intake.letter.kind == LetterKind.BOUNCE:
            _bounce_apply(intake.parsed)
        intake.letter.raw.save(
            f"{intake.parsed.raw_sha256}.eml", ContentFile(intake.raw), save=False
        )
        saved.append(intake.letter.raw.name)
    Letter.objects.bulk_create([intake.letter for intake in new])
    Attachment.objects.bulk_create(
        [
            attachment
            for intake in new
            for attachment in _attachments_of(intake.letter, intake.parsed, saved)
        ]
    )
    ThreadClaim.objects.bulk_create(
        [
            ThreadClaim(
                conversation=intake.conversation,
                claimed=intake.claimed or intake.claimed_from.conversation_to_be,
                sender_key=intake.sender_key,
            )
            for intake in new
            if intake.opens and (intake.claimed or intake.claimed_from)
        ]
    )
    for intake in going:
        conversation = intake.conversation_to_be
        if intake.acknowledge:
            acknowledgement_store(
                conversation=conversation,
                address=intake.letter.answer_address,
                letter=intake.letter,
                line=line,
                templates=batch.templates,
                unacknowledged=True,
            )
        letter_received_announce(
            conversation=conversation, letter=intake.letter, opened=intake.opens
        )


def letters_ingest(
    *,
    raws: Sequence[bytes],
    received_at: datetime | None = None,
    line: LineStatus | None = None,
    templates: dict[str, AcknowledgementTemplate] | None = None,
) -> list[IngestResult]:
    """Store letters from the mailbox, each with its raw message, its parts, its place in a
    thread (or a new conversation) and its acknowledgement, in the mailbox's order; all in one
    transaction, in a few statements for the whole batch (a savepoint inside
    ``mailbox.letters_batch``): one letter that cannot be stored fails the batch, whose caller
    then stores the letters one at a time (``linija.mail.quarantine.MailboxStore``).

    A letter already stored (the same Message-ID, or the same content when it has none) is
    not stored again: fetching twice is harmless. ``line``, the line's status, and
    ``templates``, the active acknowledgement templates, let a run of batches share one
    reading of each.
    """
    limit = settings.LINIJA_MAIL_ATTACHMENT_MAX_BYTES
    parsed = [parse_letter(raw, attachment_max_bytes=limit) for raw in raws]
    templates = acknowledgement_templates() if templates is None else templates
    received_at = received_at or timezone.now()
    # A letter another worker stores at the same moment clashes on its key: read again once.
    for last_try in (False, True):
        saved: list[str] = []
        try:
            with transaction.atomic():
                batch = _Batch.read(parsed, templates)
                intakes = [
                    _intake_read(batch, raw, letter, received_at)
                    for raw, letter in zip(raws, parsed, strict=True)
                ]
                _intakes_store(intakes, line=line, batch=batch, saved=saved)
        except IntegrityError:
            _files_remove(saved)
            if last_try:
                raise
        except BaseException:
            _files_remove(saved)
            raise
        else:
            return [_result(intake) for intake in intakes]
    raise AssertionError("unreachable")  # the last try returns or raises


def _result(intake: _Intake) -> IngestResult:
    repeats = intake.repeats
    if repeats is None:
        return IngestResult(letter=intake.letter, created=True)
    return IngestResult(
        letter=repeats.letter if isinstance(repeats, _Intake) else repeats, created=False
    )


def letter_ingest(
    *,
    raw: bytes,
    received_at: datetime | None = None,
    line: LineStatus | None = None,
    templates: dict[str, AcknowledgementTemplate] | None = None,
) -> IngestResult:
    """``letters_ingest`` of one letter."""
    return letters_ingest(raws=[raw], received_at=received_at, line=line, templates=templates)[0]


def _files_remove(names: Sequence[str]) -> None:
    """Files written for a transaction that was rolled back."""
    for name in names:
        private_storage.delete(name)


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
