"""The e-mail channel's own records: letters as they arrived, their attachments, the outbox
of letters Linija sends, and the automatic acknowledgement.

The conversation and its messages are the core ``consultations`` records; a ``Letter`` adds
what only e-mail has (headers, the raw message, the HTML, parsing warnings).
"""

from __future__ import annotations

import os
import secrets
import string
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import FileSystemStorage
from django.db import models, transaction
from django.db.models import Q
from django.db.models.signals import post_delete
from django.dispatch import receiver
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from linija.consultations.models import Conversation, Message
from linija.mail.attachments import REFUSALS
from linija.mail.automatic import rule_reason
from linija.mail.parsing import warning_text
from linija.privacy.fields import identifying
from linija.privacy.models import RetentionKind
from linija.privacy.personal import Personal, of_consultation


class PrivateStorage(FileSystemStorage):
    """Files no URL leads to: raw letters and attachments, read only through staff views."""

    @property
    def base_location(self):
        return settings.LINIJA_MAIL_PRIVATE_DIR

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    @property
    def base_url(self):
        return None

    def url(self, name):
        raise ValueError("Private mail files have no public URL.")


private_storage = PrivateStorage()


def private_files() -> PrivateStorage:
    return private_storage


def attachment_path(instance: models.Model, filename: str) -> str:
    """Where a file is kept: under a random name, never the sender's (which is only shown)."""
    return f"attachments/{timezone.now():%Y/%m}/{secrets.token_hex(16)}"


class OutboxStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    SENDING = "sending", _("Sending")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")


class OutboxMessage(models.Model):
    """A letter Linija sends: stored in the writer's transaction, sent later by the worker."""

    to = identifying(models.JSONField(_("to"), default=list))
    cc = identifying(models.JSONField(_("copy to"), default=list, blank=True))
    sender = models.CharField(_("from"), max_length=254)
    subject = identifying(models.CharField(_("subject"), max_length=300))
    body = identifying(models.TextField(_("text")))
    html = identifying(models.TextField(_("HTML version"), blank=True))
    message_id = models.CharField(_("Message-ID"), max_length=255, unique=True)
    in_reply_to = models.CharField(_("In-Reply-To"), max_length=255, blank=True)
    references = models.TextField(_("References"), blank=True)
    auto_submitted = models.BooleanField(
        _("automatic"), default=False, help_text=_("Sent by Linija itself, not by a person.")
    )
    conversation = models.ForeignKey(
        Conversation,
        verbose_name=_("conversation"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="outbox",
    )
    conversation_message = models.OneToOneField(
        Message,
        verbose_name=_("message"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="outbox",
    )
    status = models.CharField(
        _("status"), max_length=10, choices=OutboxStatus.choices, default=OutboxStatus.QUEUED
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt"), default=timezone.now)
    claimed_at = models.DateTimeField(_("sending since"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    personal = Personal(
        age="created_at",
        # A letter still waiting is sent first.
        kind=(
            (Q(status__in=[OutboxStatus.SENT, OutboxStatus.FAILED]), RetentionKind.EMAIL_BODIES),
        ),
        lock=of_consultation("conversation__consultation"),
        addresses=("to", "cc"),
        of=("conversation", "acknowledgement"),
    )

    class Meta:
        verbose_name = _("outgoing letter")
        verbose_name_plural = _("outgoing letters")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="mail_outbox_due_idx")]

    def __str__(self) -> str:
        return f"#{self.pk or '-'} {self.get_status_display()}"

    def retry_delay(self) -> timedelta:
        """How long to wait after the latest failed attempt: 1, 2, 4 … minutes, capped."""
        minutes = 2 ** max(self.attempts - 1, 0)
        return timedelta(minutes=min(minutes, settings.LINIJA_OUTBOX_MAX_DELAY_MINUTES))


class LetterKind(models.TextChoices):
    PERSON = "person", _("Letter from a person")
    AUTO_REPLY = "auto_reply", _("Automatic reply")
    BOUNCE = "bounce", _("Delivery failure notice")
    BULK = "bulk", _("Bulk or mailing-list mail")
    OWN = "own", _("Sent from the line's own address")


class LetterSource(models.TextChoices):
    EMAIL = "email", _("E-mail")
    CONTACT_FORM = "contact_form", _("Contact form on the website")
    CHAT_OFFLINE = "chat_offline", _("Message left in the chat")


class Letter(models.Model):
    """A written message that reached the line: a letter fetched from the mailbox, or a
    message left on the website, which the channel treats the same way."""

    conversation_message = models.OneToOneField(
        Message,
        verbose_name=_("message"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="letter",
        help_text=_("Empty for automatic mail that belongs to no conversation."),
    )
    source = models.CharField(
        _("source"), max_length=20, choices=LetterSource.choices, default=LetterSource.EMAIL
    )
    kind = models.CharField(
        _("kind"), max_length=12, choices=LetterKind.choices, default=LetterKind.PERSON
    )
    noise_reason = models.CharField(_("why it is automatic"), max_length=200, blank=True)
    automatic_rule = models.CharField(
        _("rule of automatic mail"),
        max_length=30,
        blank=True,
        help_text=_("The rule that kept the acknowledgement, or a new conversation, back."),
    )
    dedupe_key = models.CharField(
        _("fingerprint"),
        max_length=64,
        unique=True,
        help_text=_("Of the Message-ID, or of the content when there is none."),
    )
    message_id = models.CharField(_("Message-ID"), max_length=255, blank=True, db_index=True)
    in_reply_to = models.CharField(_("In-Reply-To"), max_length=255, blank=True)
    references = models.TextField(_("References"), blank=True)
    from_address = identifying(models.CharField(_("from"), max_length=254, blank=True))
    from_name = identifying(models.CharField(_("sender's name"), max_length=200, blank=True))
    reply_to = identifying(models.CharField(_("reply to"), max_length=254, blank=True))
    to = identifying(models.TextField(_("to"), blank=True))
    cc = identifying(models.TextField(_("copy to"), blank=True))
    subject = identifying(models.CharField(_("subject"), max_length=300, blank=True))
    topic_code = models.SlugField(_("topic chosen"), max_length=50, blank=True)
    sent_at = models.DateTimeField(_("date in the letter"), null=True, blank=True)
    received_at = models.DateTimeField(_("received"), default=timezone.now)
    text = identifying(models.TextField(_("text"), blank=True))
    html = identifying(
        models.TextField(_("HTML version"), blank=True, help_text=_("Already sanitised."))
    )
    raw = identifying(
        models.FileField(
            _("original letter"), storage=private_files, upload_to="letters/%Y/%m/", blank=True
        )
    )
    raw_size = models.PositiveIntegerField(_("size in bytes"), default=0)
    warnings = models.JSONField(_("warnings"), default=list, blank=True)

    personal = Personal(
        age="received_at",
        kind=RetentionKind.EMAIL_BODIES,
        field_kinds={"raw": RetentionKind.RAW_EMAIL},
        lock=of_consultation("conversation_message__conversation__consultation"),
        addresses=("from_address", "reply_to"),
        of=("conversation_message__conversation",),
    )

    class Meta:
        verbose_name = _("letter")
        verbose_name_plural = _("letters")
        ordering = ["received_at", "id"]

    def __str__(self) -> str:
        return f"#{self.pk or '-'} {self.get_kind_display()}"

    @property
    def answer_address(self) -> str:
        """Where an answer goes: Reply-To when the sender set one, otherwise From."""
        return self.reply_to or self.from_address

    @property
    def is_automatic(self) -> bool:
        return self.kind != LetterKind.PERSON

    @property
    def automatic_reason(self) -> str:
        return rule_reason(self.automatic_rule)

    @cached_property
    def warning_texts(self) -> list[str]:
        return [warning_text(warning) for warning in self.warnings]


class AttachmentRefusal(models.TextChoices):
    TOO_LARGE = "too_large", REFUSALS["too_large"]
    DANGEROUS = "dangerous", REFUSALS["dangerous"]
    NOT_ALLOWED = "not_allowed", REFUSALS["not_allowed"]


class Attachment(models.Model):
    """A file that came with a letter or goes out with a reply. A refused file keeps its name
    and the reason, not its content."""

    letter = models.ForeignKey(
        Letter,
        verbose_name=_("letter"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="attachments",
    )
    outbox = models.ForeignKey(
        OutboxMessage,
        verbose_name=_("outgoing letter"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="attachments",
    )
    filename = identifying(models.CharField(_("file name"), max_length=255))
    content_type = models.CharField(_("type"), max_length=100)
    size = models.PositiveIntegerField(_("size in bytes"), default=0)
    sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True)
    file = identifying(
        models.FileField(_("file"), storage=private_files, upload_to=attachment_path, blank=True)
    )
    inline = models.BooleanField(_("shown in the letter"), default=False)
    content_id = models.CharField(_("Content-ID"), max_length=255, blank=True)
    refused = models.CharField(
        _("refused as"), max_length=12, choices=AttachmentRefusal.choices, blank=True
    )

    personal = Personal(
        age=("letter__received_at", "outbox__created_at"),
        kind=(
            (
                Q(letter__isnull=False)
                | Q(outbox__status__in=[OutboxStatus.SENT, OutboxStatus.FAILED]),
                RetentionKind.EMAIL_BODIES,
            ),
        ),
        lock=of_consultation(
            "letter__conversation_message__conversation__consultation",
            "outbox__conversation__consultation",
        ),
        of=("letter", "outbox"),
    )

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(letter__isnull=False, outbox__isnull=True)
                | Q(letter__isnull=True, outbox__isnull=False),
                name="mail_attachment_of_one_letter",
            )
        ]

    def __str__(self) -> str:
        return self.filename

    @property
    def conversation_id(self) -> int | None:
        """The conversation the file belongs to, if any."""
        if self.outbox_id is not None:
            return self.outbox.conversation_id
        message = self.letter.conversation_message if self.letter_id is not None else None
        return message.conversation_id if message is not None else None

    @property
    def is_image(self) -> bool:
        return self.content_type in INLINE_IMAGE_TYPES and not self.refused


INLINE_IMAGE_TYPES = frozenset({"image/png", "image/jpeg", "image/gif", "image/webp"})
TEMPLATE_PLACEHOLDERS = frozenset({"when", "reference", "phone"})


class AcknowledgementTemplate(models.Model):
    """The automatic acknowledgement in one language. ``{when}`` becomes the time an answer can
    be expected, ``{reference}`` the conversation's tag, ``{phone}`` the line's number."""

    language = models.CharField(
        _("language"), max_length=5, choices=settings.LANGUAGES, unique=True
    )
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(
        _("text"),
        help_text=_(
            "{when}: when an answer can be expected (e.g. “on Monday after 12:00”); "
            "{reference}: the conversation's number; {phone}: the line's phone number."
        ),
    )
    active = models.BooleanField(
        _("send it"), default=True, help_text=_("Turned off, no acknowledgement is sent.")
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("acknowledgement template")
        verbose_name_plural = _("acknowledgement templates")
        ordering = ["language"]

    def __str__(self) -> str:
        return self.get_language_display()

    def clean(self) -> None:
        errors = {}
        for field in ("subject", "body"):
            unknown = placeholders_unknown(getattr(self, field))
            if unknown:
                errors[field] = _("Unknown or broken placeholders: %(names)s.") % {
                    "names": ", ".join(unknown)
                }
        if "\n" in self.subject or "\r" in self.subject:
            errors["subject"] = _("The subject must be one line.")
        if errors:
            raise ValidationError(errors)

    def render(self, values: dict[str, str]) -> tuple[str, str]:
        return self.subject.format_map(values), self.body.format_map(values)


def placeholders_unknown(text: str) -> list[str]:
    """The placeholders in ``text`` that the acknowledgement cannot fill (or broken braces)."""
    try:
        names = [name for _literal, name, _spec, _conv in string.Formatter().parse(text) if name]
    except ValueError:
        return ["{ }"]
    return sorted({name for name in names if name not in TEMPLATE_PLACEHOLDERS})


class Acknowledgement(models.Model):
    """That a sender got the automatic acknowledgement in a conversation: at most once."""

    conversation = models.ForeignKey(
        Conversation,
        verbose_name=_("conversation"),
        on_delete=models.CASCADE,
        related_name="acknowledgements",
    )
    sender_key = identifying(models.CharField(_("sender key"), max_length=64))
    outbox = models.OneToOneField(
        OutboxMessage,
        verbose_name=_("outgoing letter"),
        on_delete=models.CASCADE,
        related_name="acknowledgement",
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    personal = Personal(
        age="created_at",
        kind=RetentionKind.PHONE_DATA,
        delete=True,
        lock=of_consultation("conversation__consultation"),
        key="sender_key",
    )

    class Meta:
        verbose_name = _("acknowledgement sent")
        verbose_name_plural = _("acknowledgements sent")
        constraints = [
            models.UniqueConstraint(
                fields=["conversation", "sender_key"], name="mail_one_acknowledgement_per_sender"
            )
        ]

    def __str__(self) -> str:
        return f"#{self.pk or '-'}"


class QuarantinedLetter(models.Model):
    """A letter of the mailbox that could not be stored: its failed tries are counted here
    (``linija.mail.quarantine``), and after ``LINIJA_MAIL_QUARANTINE_TRIES`` it is kept whole
    (``quarantined_at`` set, the raw bytes in ``raw``) for a supervisor to retry or open by
    hand, while the mailbox moves on."""

    mailbox = models.CharField(_("mailbox"), max_length=300)
    key = models.CharField(
        _("fingerprint"), max_length=64, help_text=_("SHA-256 of the letter as it came.")
    )
    message_id = models.CharField(_("Message-ID"), max_length=255, blank=True)
    from_address = identifying(models.CharField(_("from"), max_length=254, blank=True))
    subject = identifying(models.CharField(_("subject"), max_length=300, blank=True))
    sent_at = models.DateTimeField(_("date in the letter"), null=True, blank=True)
    raw = identifying(
        models.FileField(
            _("original letter"), storage=private_files, upload_to="quarantine/%Y/%m/", blank=True
        )
    )
    raw_size = models.PositiveIntegerField(_("size in bytes"), default=0)
    reason = models.TextField(_("reason"))
    tries = models.PositiveIntegerField(_("tries"), default=0)
    first_tried_at = models.DateTimeField(_("first tried"), default=timezone.now)
    last_tried_at = models.DateTimeField(_("last tried"), default=timezone.now)
    quarantined_at = models.DateTimeField(_("quarantined"), null=True, blank=True)

    personal = Personal(
        age="first_tried_at", kind=RetentionKind.RAW_EMAIL, delete=True, addresses=("from_address",)
    )

    class Meta:
        verbose_name = _("quarantined letter")
        verbose_name_plural = _("quarantined letters")
        ordering = ["-last_tried_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["mailbox", "key"], name="mail_quarantine_one_per_letter"
            )
        ]

    def __str__(self) -> str:
        return f"#{self.pk or '-'}"


@receiver(post_delete, sender=Letter)
@receiver(post_delete, sender=Attachment)
@receiver(post_delete, sender=QuarantinedLetter)
def _private_file_delete(sender, instance, **kwargs) -> None:
    """A deleted letter, attachment or quarantined letter takes its file along (retention,
    erasure)."""
    stored = instance.file if isinstance(instance, Attachment) else instance.raw
    if stored:
        transaction.on_commit(lambda: stored.storage.delete(stored.name))


class ThreadClaim(models.Model):
    """A letter whose In-Reply-To or References name a conversation of somebody else: it
    opened a conversation of its own, marked as claiming that thread, until a specialist links
    it in by hand, which makes its sender a correspondent of the thread."""

    conversation = models.OneToOneField(
        Conversation,
        verbose_name=_("conversation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="thread_claim",
        help_text=_("The conversation the letter opened; empty once linked."),
    )
    claimed = models.ForeignKey(
        Conversation,
        verbose_name=_("claimed conversation"),
        on_delete=models.CASCADE,
        related_name="thread_claims",
    )
    sender_key = identifying(models.CharField(_("sender key"), max_length=64))
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    linked_at = models.DateTimeField(_("linked"), null=True, blank=True)
    linked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("linked by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    personal = Personal(
        age="created_at",
        kind=RetentionKind.PHONE_DATA,
        delete=True,
        lock=of_consultation("claimed__consultation"),
        key="sender_key",
        of=("conversation",),
    )

    class Meta:
        verbose_name = _("claim on a thread")
        verbose_name_plural = _("claims on threads")
        indexes = [models.Index(fields=["claimed", "sender_key"], name="mail_claim_sender_idx")]

    def __str__(self) -> str:
        return f"#{self.pk or '-'}"
