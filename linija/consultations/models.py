"""Consultation records, their taxonomies, the raw conversations of the channels, and the cases
that link one person's consultations."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from linija.privacy.fields import identifying
from linija.privacy.models import RetentionKind
from linija.privacy.personal import Personal, of_consultation

CLOCK_SKEW = datetime.timedelta(minutes=5)


class Taxonomy(models.Model):
    """An entry of a list the administrator keeps, named in Lithuanian and English."""

    code = models.SlugField(_("code"), max_length=50, unique=True)
    name_lt = models.CharField(_("name in Lithuanian"), max_length=200)
    name_en = models.CharField(_("name in English"), max_length=200)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    active = models.BooleanField(
        _("active"),
        default=True,
        help_text=_("Inactive entries stay on old records but cannot be chosen for new ones."),
    )

    class Meta:
        abstract = True
        ordering = ["order", "code"]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        """The name in the active language; Lithuanian when there is no English one."""
        language = get_language() or settings.LANGUAGE_CODE
        if language.startswith("en") and self.name_en:
            return self.name_en
        return self.name_lt


class CallerCategory(Taxonomy):
    class Meta(Taxonomy.Meta):
        verbose_name = _("caller category")
        verbose_name_plural = _("caller categories")


class Topic(Taxonomy):
    """What a person asks about: a top-level group or one of its subtopics."""

    parent = models.ForeignKey(
        "self",
        verbose_name=_("group"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        limit_choices_to={"parent__isnull": True},
        help_text=_("Empty for a top-level group."),
    )
    safeguarding = models.BooleanField(
        _("safeguarding concern"),
        default=False,
        help_text=_("A child may be in danger: refer to the VVTAĮT division; outside hours, 112."),
    )

    class Meta(Taxonomy.Meta):
        verbose_name = _("topic")
        verbose_name_plural = _("topics")

    @property
    def full_name(self) -> str:
        """The name with its group's in front: "Adoption › Who can adopt"."""
        return f"{self.parent.name} › {self.name}" if self.parent_id else self.name

    def clean(self) -> None:
        if self.parent_id is not None and (
            self.parent_id == self.pk or self.parent.parent_id is not None
        ):
            raise ValidationError(
                {"parent": _("Choose a top-level group: topics have two levels.")}
            )


class Municipality(Taxonomy):
    class Meta(Taxonomy.Meta):
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")


class Outcome(Taxonomy):
    needs_referral_target = models.BooleanField(
        _("needs a referral target"),
        default=False,
        help_text=_("The record must say where the person was referred."),
    )

    class Meta(Taxonomy.Meta):
        verbose_name = _("outcome")
        verbose_name_plural = _("outcomes")


class ReferralTarget(Taxonomy):
    class Meta(Taxonomy.Meta):
        verbose_name = _("referral target")
        verbose_name_plural = _("referral targets")


class HeardFrom(Taxonomy):
    class Meta(Taxonomy.Meta):
        verbose_name = _("source of information about the line")
        verbose_name_plural = _("sources of information about the line")


class Channel(models.TextChoices):
    PHONE = "phone", _("Phone")
    EMAIL = "email", _("E-mail")
    CHAT = "chat", _("Chat")


class Kind(models.TextChoices):
    COUNSELLING = "counselling", _("Counselling")
    SILENT = "silent", _("Silent contact")
    TEST = "test", _("Test contact")
    HANG_UP = "hang_up", _("Hung up")
    ABUSIVE = "abusive", _("Abusive contact")
    THANK_YOU = "thank_you", _("Thanks only")
    ABOUT_LINE = "about_line", _("Question about the line")
    FEEDBACK = "feedback", _("Feedback or complaint")


class ContactOrder(models.TextChoices):
    FIRST = "first", _("First contact")
    REPEAT = "repeat", _("Repeat contact")
    UNKNOWN = "unknown", _("Not known")


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    COMPLETED = "completed", _("Completed")


def completion_missing(
    *,
    kind: str,
    ended_at: datetime.datetime | None,
    caller_category: CallerCategory | None,
    topics: Iterable[Topic],
    outcome: Outcome | None,
    referral_target: ReferralTarget | None,
    contact_order: str,
) -> list[str]:
    """The names of the fields that keep a record with these values from being completed."""
    missing = [] if ended_at else ["ended_at"]
    if kind != Kind.COUNSELLING:
        return missing
    if caller_category is None:
        missing.append("caller_category")
    if not list(topics):
        missing.append("topics")
    if outcome is None:
        missing.append("outcome")
    elif outcome.needs_referral_target and referral_target is None:
        missing.append("referral_target")
    if not contact_order:
        missing.append("contact_order")
    return missing


def completion_error(missing: Iterable[str]) -> ValidationError:
    """The error naming each field in ``missing`` as needed before the record is completed."""
    return ValidationError(
        {
            name: ValidationError(_("Needed to complete the record."), code="incomplete")
            for name in missing
        }
    )


def seconds_between(start: datetime.datetime | None, end: datetime.datetime | None) -> int | None:
    if start is None or end is None:
        return None
    return int((end - start).total_seconds())


class Consultation(models.Model):
    """One contact of one person on one channel, as the specialist records it."""

    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    kind = models.CharField(
        _("kind of contact"), max_length=20, choices=Kind.choices, default=Kind.COUNSELLING
    )
    started_at = models.DateTimeField(_("started"))
    ended_at = models.DateTimeField(_("ended"), null=True, blank=True)
    completed_at = models.DateTimeField(_("record completed"), null=True, blank=True)
    caller_category = models.ForeignKey(
        CallerCategory,
        verbose_name=_("caller category"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    topics = models.ManyToManyField(
        Topic, verbose_name=_("topics"), blank=True, related_name="consultations"
    )
    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("municipality"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    contact_order = models.CharField(
        _("first or repeat contact"), max_length=10, choices=ContactOrder.choices, blank=True
    )
    heard_from = models.ForeignKey(
        HeardFrom,
        verbose_name=_("heard of the line from"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    outcome = models.ForeignKey(
        Outcome,
        verbose_name=_("outcome"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    referral_target = models.ForeignKey(
        ReferralTarget,
        verbose_name=_("referred to"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Required when the outcome is a referral."),
    )
    summary = identifying(
        models.TextField(
            _("summary"),
            max_length=2000,
            blank=True,
            help_text=_("A few words on the question and the help given. No names or contacts."),
        )
    )
    specialist = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("specialist"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="consultations",
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    caller_key = identifying(
        models.CharField(_("caller key"), max_length=64, blank=True, db_index=True)
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    personal = Personal(
        age="started_at",
        kind=RetentionKind.NOTES,
        field_kinds={"caller_key": RetentionKind.PHONE_DATA},
        lock=of_consultation("pk"),
        key="caller_key",
        of=("conversation", "phone_call"),
    )

    class Meta:
        verbose_name = _("consultation")
        verbose_name_plural = _("consultations")
        ordering = ["-started_at", "-id"]
        indexes = [
            models.Index(fields=["started_at"], name="consult_started_idx"),
            models.Index(fields=["specialist", "status"], name="consult_specialist_status_idx"),
            models.Index(fields=["channel", "started_at"], name="consult_channel_started_idx"),
            # The reports read their counts from this index alone (a covering index; the id
            # too, which PostgreSQL needs for an index-only scan and SQLite has anyway).
            models.Index(
                fields=[
                    *("status", "started_at", "kind", "channel", "caller_category"),
                    *("municipality", "contact_order", "outcome", "referral_target"),
                    *("ended_at", "completed_at"),
                ],
                include=["id"],
                name="consult_report_idx",
            ),
        ]
        permissions = [("view_all_consultations", _("Can see every specialist's consultations"))]

    def __str__(self) -> str:
        started = timezone.localtime(self.started_at) if self.started_at else None
        when = f"{started:%Y-%m-%d %H:%M}" if started else ""
        return f"#{self.pk or '-'} {self.get_channel_display()} {when}".strip()

    @property
    def talk_seconds(self) -> int | None:
        return seconds_between(self.started_at, self.ended_at)

    @property
    def wrapup_seconds(self) -> int | None:
        return seconds_between(self.ended_at, self.completed_at)

    @property
    def is_counselling(self) -> bool:
        return self.kind == Kind.COUNSELLING

    @property
    def is_completed(self) -> bool:
        return self.status == Status.COMPLETED

    @property
    def has_safeguarding_topic(self) -> bool:
        return any(topic.safeguarding for topic in self.topics.all())

    def missing_fields_for_completion(self) -> list[str]:
        return completion_missing(
            kind=self.kind,
            ended_at=self.ended_at,
            caller_category=self.caller_category,
            topics=self.topics.all() if self.pk else [],
            outcome=self.outcome,
            referral_target=self.referral_target,
            contact_order=self.contact_order,
        )

    def missing_for_completion(self) -> list[str]:
        """The labels of the fields that keep this record from being completed."""
        return [
            str(self._meta.get_field(name).verbose_name)
            for name in self.missing_fields_for_completion()
        ]

    def clean(self) -> None:
        errors = {}
        if self.started_at and self.started_at > timezone.now() + CLOCK_SKEW:
            errors["started_at"] = _("The start cannot be in the future.")
        if self.started_at and self.ended_at and self.ended_at < self.started_at:
            errors["ended_at"] = _("The end cannot be before the start.")
        if self.ended_at and self.completed_at and self.completed_at < self.ended_at:
            errors["completed_at"] = _("The record cannot be completed before the contact ended.")
        if (
            self.outcome_id is not None
            and self.outcome.needs_referral_target
            and self.referral_target_id is None
        ):
            errors["referral_target"] = _("Choose where the person was referred.")
        if errors:
            raise ValidationError(errors)


class ConversationStatus(models.TextChoices):
    NEW = "new", _("New")
    OPEN = "open", _("Open")
    WAITING = "waiting", _("Waiting for the person")
    CLOSED = "closed", _("Closed")


class Conversation(models.Model):
    """The raw exchange with one person on one channel, linked to its consultation record."""

    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=ConversationStatus.choices,
        default=ConversationStatus.NEW,
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assigned to"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="conversations",
    )
    consultation = models.OneToOneField(
        Consultation,
        verbose_name=_("consultation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="conversation",
    )
    subject = identifying(models.CharField(_("subject"), max_length=200, blank=True))
    contact_name = identifying(
        models.CharField(
            _("name given"),
            max_length=200,
            blank=True,
            help_text=_("Only if the person gave it: help is anonymous by default."),
        )
    )
    contact_address = identifying(
        models.CharField(
            _("contact given"),
            max_length=254,
            blank=True,
            help_text=_("An e-mail address or phone number the person gave, if any."),
        )
    )
    caller_key = identifying(
        models.CharField(_("caller key"), max_length=64, blank=True, db_index=True)
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    last_message_at = models.DateTimeField(_("last message"), default=timezone.now)
    # Kept by ``Message.save``: the reports count the time to the first answer from it.
    first_answered_at = models.DateTimeField(
        _("first answered"), null=True, blank=True, editable=False
    )

    personal = Personal(
        age="last_message_at",
        kind=(
            (Q(channel=Channel.CHAT), RetentionKind.CHAT_TRANSCRIPTS),
            (Q(channel=Channel.EMAIL), RetentionKind.EMAIL_BODIES),
        ),
        field_kinds={"caller_key": RetentionKind.PHONE_DATA},
        lock=of_consultation("consultation"),
        key="caller_key",
        addresses=("contact_address",),
    )

    class Meta:
        verbose_name = _("conversation")
        verbose_name_plural = _("conversations")
        ordering = ["-last_message_at", "-id"]
        indexes = [
            models.Index(fields=["channel", "status"], name="conv_channel_status_idx"),
            models.Index(fields=["last_message_at"], name="conv_last_message_idx"),
            models.Index(
                fields=["created_at", "channel", "status", "first_answered_at"],
                include=["id"],
                name="conv_created_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"#{self.pk or '-'} {self.get_channel_display()}"


class Direction(models.TextChoices):
    IN = "in", _("From the person")
    OUT = "out", _("From a specialist")
    NOTE = "note", _("Internal note")


class Message(models.Model):
    """One message of a conversation, or an internal note of the staff."""

    conversation = models.ForeignKey(
        Conversation,
        verbose_name=_("conversation"),
        on_delete=models.CASCADE,
        related_name="messages",
    )
    direction = models.CharField(_("direction"), max_length=4, choices=Direction.choices)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = identifying(models.TextField(_("text")))
    created_at = models.DateTimeField(_("sent"), default=timezone.now, db_index=True)
    client_id = models.CharField(
        _("client message ID"),
        max_length=64,
        blank=True,
        help_text=_("Set by the sender so that a resent message is stored once."),
    )
    external_id = models.CharField(
        _("external ID"),
        max_length=255,
        blank=True,
        db_index=True,
        help_text=_("For example the Message-ID of an e-mail."),
    )

    personal = Personal(
        age="created_at",
        kind=(
            (Q(direction=Direction.NOTE), RetentionKind.NOTES),
            (Q(conversation__channel=Channel.CHAT), RetentionKind.CHAT_TRANSCRIPTS),
            (Q(conversation__channel=Channel.EMAIL), RetentionKind.EMAIL_BODIES),
        ),
        lock=of_consultation("conversation__consultation"),
        of=("conversation",),
    )

    class Meta:
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["conversation", "client_id"],
                condition=~Q(client_id=""),
                name="consultations_message_unique_client_id",
            ),
        ]
        indexes = [
            models.Index(
                fields=["conversation", "direction", "created_at"],
                name="message_first_answer_idx",
            )
        ]

    def __str__(self) -> str:
        return f"#{self.pk or '-'} {self.get_direction_display()}"

    def save(self, *args, **kwargs) -> None:
        """Store the message; a specialist's answer earlier than any before it becomes the
        conversation's first answer."""
        super().save(*args, **kwargs)
        if self.direction == Direction.OUT:
            Conversation.objects.filter(pk=self.conversation_id).filter(
                Q(first_answered_at__isnull=True) | Q(first_answered_at__gt=self.created_at)
            ).update(first_answered_at=self.created_at)
            if "conversation" in self._state.fields_cache:
                answered = self.conversation.first_answered_at
                if answered is None or answered > self.created_at:
                    self.conversation.first_answered_at = self.created_at


class CaseStatus(models.TextChoices):
    OPEN = "open", pgettext_lazy("case", "Open")
    IN_PROGRESS = "in_progress", pgettext_lazy("case", "In progress")
    CLOSED = "closed", pgettext_lazy("case", "Closed")


class Case(models.Model):
    """Several consultations of one person over time, kept together with their consent.

    The person is found again by ``caller_key``, the keyed pseudonym of a phone number or
    e-mail address; the number or address itself is never stored here.
    """

    title = models.CharField(
        _("label"),
        max_length=120,
        help_text=_(
            "A label that does not identify the person, e.g. “Kinship carer, two siblings”."
        ),
    )
    status = models.CharField(
        _("status"), max_length=12, choices=CaseStatus.choices, default=CaseStatus.OPEN
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        on_delete=models.PROTECT,
        related_name="cases",
    )
    caller_key = identifying(
        models.CharField(_("caller key"), max_length=64, blank=True, db_index=True)
    )
    consent_given_at = models.DateTimeField(_("consent recorded"))
    consent_note = identifying(
        models.CharField(
            _("how consent was given"),
            max_length=300,
            blank=True,
            help_text=_("For example: “agreed on the phone to keep the contacts together”."),
        )
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    personal = Personal(
        age="updated_at",
        kind=RetentionKind.NOTES,
        field_kinds={"caller_key": RetentionKind.PHONE_DATA},
        lock=of_consultation("entries__consultation"),
        key="caller_key",
    )

    class Meta:
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        ordering = ["-updated_at", "-id"]
        indexes = [models.Index(fields=["owner", "status"], name="case_owner_status_idx")]

    def __str__(self) -> str:
        return f"#{self.pk or '-'} {self.get_status_display()}"

    @property
    def is_closed(self) -> bool:
        return self.status == CaseStatus.CLOSED


class CaseEntryKind(models.TextChoices):
    CONTACT = "contact", _("Contact")
    NOTE = "note", _("Note")
    REFERRAL = "referral", _("Referral")


class CaseEntry(models.Model):
    """One event on a case's timeline: a linked consultation, a note or a referral."""

    case = models.ForeignKey(
        Case, verbose_name=_("case"), on_delete=models.CASCADE, related_name="entries"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=CaseEntryKind.choices)
    at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)
    consultation = models.OneToOneField(
        Consultation,
        verbose_name=_("consultation"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="case_entry",
    )
    note = identifying(models.TextField(_("note"), max_length=2000, blank=True))
    referral_target = models.ForeignKey(
        ReferralTarget,
        verbose_name=_("referred to"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("written by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    personal = Personal(
        age="at",
        kind=RetentionKind.NOTES,
        # A case's notes stay while any of its records is flagged.
        lock=of_consultation("case__entries__consultation"),
        of=("case",),
    )

    class Meta:
        verbose_name = _("case entry")
        verbose_name_plural = _("case entries")
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"#{self.pk or '-'} {self.get_kind_display()}"
