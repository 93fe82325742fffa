"""The quarantine of letters that cannot be stored.

A letter of the mailbox whose storing fails is left in the mailbox and tried again with the
next fetch; its failed tries are counted per mailbox and letter (the SHA-256 of its bytes,
which stay the same from fetch to fetch). After ``LINIJA_MAIL_QUARANTINE_TRIES`` the raw bytes
are kept whole in a ``QuarantinedLetter`` with the reason, in the same transaction, and the
mailbox marks the letter handled: it is neither tried for ever nor in the way of the next
letters, and nothing is lost (a crash before the mailbox marks it finds it in quarantine on the
next fetch, so nothing is kept twice). A supervisor sees it in the staff pages, retries it
after a fix (``quarantined_retry``) or opens it as a conversation by hand
(``quarantined_open``).
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from email.parser import BytesHeaderParser
from email.policy import default as default_policy
from email.utils import parseaddr, parsedate_to_datetime
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from linija.accounts.services import audit_record
from linija.consultations.models import Channel, Conversation, Direction
from linija.consultations.services import conversation_open, message_add
from linija.hours.status import LineStatus
from linija.inbox.live import staff_broadcast
from linija.mail import ingest
from linija.mail.imap import QUARANTINED, ImapConfig
from linija.mail.models import AcknowledgementTemplate, Letter, QuarantinedLetter
from linija.mail.parsing import parse_letter
from linija.privacy.pseudonyms import pseudonym

logger = logging.getLogger(__name__)

REASON_MAX = 2000


def mailbox_name(config: ImapConfig) -> str:
    """The mailbox a letter came from, as its tries are counted."""
    return f"{config.user}@{config.host}:{config.port}/{config.folder}"


def letter_key(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()


def _reason(error: BaseException) -> str:
    return f"{type(error).__name__}: {error}"[:REASON_MAX]


def _header(message: Any, name: str) -> str:
    try:
        return " ".join(str(message.get(name, "") or "").split())
    except Exception:  # a header too broken to read is shown as empty
        return ""


def _headers(raw: bytes) -> dict[str, Any]:
    """What the list shows of a letter that could not be stored, read as far as it can be."""
    message = BytesHeaderParser(policy=default_policy).parsebytes(raw)
    try:
        sent_at = parsedate_to_datetime(_header(message, "Date"))
    except (TypeError, ValueError, IndexError):
        sent_at = None
    if sent_at is not None and timezone.is_naive(sent_at):
        sent_at = None
    return {
        "message_id": _header(message, "Message-ID")[:255],
        "from_address": parseaddr(_header(message, "From"))[1][:254],
        "subject": _header(message, "Subject")[:300],
        "sent_at": sent_at,
    }


def _announce(quarantined: QuarantinedLetter) -> None:
    staff_broadcast(event="mail.quarantine", data={"id": quarantined.pk})


@transaction.atomic
def letter_failure_record(
    *, mailbox: str, raw: bytes, error: BaseException, now: datetime | None = None
) -> QuarantinedLetter:
    """Count a failed try of a letter; at the last one, keep it whole in the quarantine."""
    now = now or timezone.now()
    quarantined, _created = QuarantinedLetter.objects.select_for_update().get_or_create(
        mailbox=mailbox,
        key=letter_key(raw),
        defaults={"first_tried_at": now, "raw_size": len(raw), **_headers(raw)},
    )
    quarantined.tries += 1
    quarantined.reason = _reason(error)
    quarantined.last_tried_at = now
    if quarantined.quarantined_at is None and (
        quarantined.tries >= settings.LINIJA_MAIL_QUARANTINE_TRIES
    ):
        quarantined.quarantined_at = now
        quarantined.raw.save(f"{quarantined.key}.eml", ContentFile(raw), save=False)
        _announce(quarantined)
    quarantined.save()
    return quarantined


@dataclass
class MailboxStore:
    """The ``store`` of one fetch run (``imap.mailbox_fetch``): for each letter of a batch,
    whether it was new; or ``imap.QUARANTINED`` when it went to the quarantine (the mailbox
    marks it handled); or the error of a letter that failed, counted (it stays in the
    mailbox)."""

    mailbox: str
    line: LineStatus | None = None
    templates: dict[str, AcknowledgementTemplate] | None = None
    failing: set[str] = field(default_factory=set)
    quarantined: set[str] = field(default_factory=set)

    @classmethod
    def of(
        cls,
        config: ImapConfig,
        *,
        line: LineStatus | None,
        templates: dict[str, AcknowledgementTemplate] | None = None,
    ) -> MailboxStore:
        store = cls(mailbox=mailbox_name(config), line=line, templates=templates)
        for key, at in QuarantinedLetter.objects.filter(mailbox=store.mailbox).values_list(
            "key", "quarantined_at"
        ):
            (store.failing if at is None else store.quarantined).add(key)
        return store

    def __call__(self, raws: Sequence[bytes]) -> list[bool | str | Exception]:
        keys = [letter_key(raw) for raw in raws]
        outcomes: list[bool | str | Exception] = [QUARANTINED] * len(raws)
        todo = [number for number, key in enumerate(keys) if key not in self.quarantined]
        if len(todo) > 1:
            try:
                results = ingest.letters_ingest(
                    raws=[raws[number] for number in todo], line=self.line, templates=self.templates
                )
            except Exception:
                # One letter spoils the batch: each is stored alone, so that only the one that
                # fails is counted (and the others are stored).
                logger.warning("A batch of %d letters failed; one at a time", len(todo))
            else:
                for number, result in zip(todo, results, strict=True):
                    outcomes[number] = self._stored(keys[number], result.created)
                return outcomes
        for number in todo:
            outcomes[number] = self._one(raws[number], keys[number])
        return outcomes

    def _one(self, raw: bytes, key: str) -> bool | str | Exception:
        try:
            created = ingest.letter_ingest(raw=raw, line=self.line, templates=self.templates)
        except Exception as error:
            recorded = letter_failure_record(mailbox=self.mailbox, raw=raw, error=error)
            if recorded.quarantined_at is None:
                self.failing.add(key)
                return error
            logger.warning(
                "Letter %s quarantined after %d tries", recorded.pk, recorded.tries, exc_info=True
            )
            self.failing.discard(key)
            self.quarantined.add(key)
            return QUARANTINED
        return self._stored(key, created.created)

    def _stored(self, key: str, created: bool) -> bool:
        if key in self.failing:
            QuarantinedLetter.objects.filter(
                mailbox=self.mailbox, key=key, quarantined_at__isnull=True
            ).delete()
            self.failing.discard(key)
        return created


def _raw(quarantined: QuarantinedLetter) -> bytes:
    with quarantined.raw.open("rb") as stored:
        return stored.read()


def _done(quarantined: QuarantinedLetter, *, keep_file: bool) -> None:
    """The letter leaves the quarantine (its file too, unless a letter keeps it now)."""
    if keep_file:
        quarantined.raw = ""
    _announce(quarantined)
    quarantined.delete()


def _conversation_of(letter: Letter) -> Conversation | None:
    message = letter.conversation_message
    return message.conversation if message is not None else None


def quarantined_retry(
    *, quarantined: QuarantinedLetter, user: Any, request: HttpRequest | None = None
) -> Letter | None:
    """Store a quarantined letter again (after a fix): stored, it leaves the quarantine and the
    letter is returned; failing again, the try and its reason are recorded and None returned."""
    raw = _raw(quarantined)
    try:
        letter = ingest.letter_ingest(raw=raw).letter
    except Exception as error:
        letter_failure_record(mailbox=quarantined.mailbox, raw=raw, error=error)
        audit_record(
            actor=user, action="change", obj=quarantined, request=request, detail={"retry": False}
        )
        return None
    with transaction.atomic():
        audit_record(
            actor=user,
            action="change",
            obj=quarantined,
            request=request,
            detail={"retry": True, "letter": letter.pk},
        )
        _done(quarantined, keep_file=False)
    return letter


@transaction.atomic
def quarantined_open(
    *, quarantined: QuarantinedLetter, user: Any, request: HttpRequest | None = None
) -> Conversation:
    """Open a conversation by hand from what can be read of a quarantined letter, with the
    original kept as the letter's raw message; the letter leaves the quarantine. No
    acknowledgement is sent."""
    raw = _raw(quarantined)
    try:
        parsed = parse_letter(raw, attachment_max_bytes=settings.LINIJA_MAIL_ATTACHMENT_MAX_BYTES)
    except Exception:  # what the quarantine read of the headers is all there is
        parsed = None
    address = (parsed.reply_to or parsed.from_address) if parsed else quarantined.from_address
    subject = (parsed.subject if parsed else quarantined.subject) or _("(No subject)")
    text = parsed.text if parsed and parsed.text.strip() else ""
    conversation = conversation_open(
        channel=Channel.EMAIL,
        subject=subject[:200],
        contact_name=parsed.from_name[:200] if parsed else "",
        contact_address=address[:254],
        caller_key=pseudonym("email", address) if address else "",
    )
    message, _created = message_add(
        conversation=conversation,
        direction=Direction.IN,
        body=text or _("(The letter could not be read; open the original to see it.)"),
        author=user,
    )
    Letter.objects.create(
        conversation_message=message,
        dedupe_key=parsed.dedupe_key if parsed else letter_key(raw),
        message_id=quarantined.message_id,
        from_address=(parsed.from_address if parsed else quarantined.from_address)[:254],
        from_name=parsed.from_name[:200] if parsed else "",
        reply_to=parsed.reply_to[:254] if parsed else "",
        subject=subject[:300],
        sent_at=parsed.date if parsed else quarantined.sent_at,
        text=text,
        raw=quarantined.raw.name,
        raw_size=len(raw),
        warnings=[{"code": "unreadable"}],
    )
    audit_record(
        actor=user,
        action="create",
        obj=conversation,
        request=request,
        detail={"quarantined": quarantined.pk},
    )
    _done(quarantined, keep_file=True)
    return conversation
