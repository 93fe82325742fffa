"""The live web chat: one session per chat conversation, its transfers, the visitor's survey
and each specialist's presence.

The messages themselves are ``consultations.Message`` rows of the session's conversation; the
session keeps what only a live chat has: the visitor's secret token (hashed), the queue, who
read up to which message, and when the visitor was last connected.
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from linija.consultations.models import CallerCategory, Consultation, Conversation, Topic
from linija.privacy.fields import identifying
from linija.privacy.models import RetentionKind
from linija.privacy.personal import Personal, of_consultation


class State(models.TextChoices):
    WAITING = "waiting", _("Waiting in the queue")
    ACTIVE = "active", _("In a chat")
    ENDED = "ended", _("Ended")


class EndedBy(models.TextChoices):
    VISITOR = "visitor", _("The person")
    QUICK_EXIT = "quick_exit", _("The person (quick exit)")
    SPECIALIST = "specialist", _("The specialist")
    SYSTEM = "system", _("Linija (the person did not come back)")


class ChatSession(models.Model):
    """A visitor's live chat: the queue, the assignment and what each side has read."""

    conversation = models.OneToOneField(
        Conversation,
        verbose_name=_("conversation"),
        on_delete=models.CASCADE,
        related_name="chat_session",
    )
    token_hash = models.CharField(_("token hash"), max_length=64, unique=True)
    nickname = identifying(
        models.CharField(
            _("nickname"),
            max_length=40,
            blank=True,
            help_text=_("What the person asked to be called, if anything."),
        )
    )
    caller_category = models.ForeignKey(
        CallerCategory,
        verbose_name=_("caller category (as the person chose)"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    topic = models.ForeignKey(
        Topic,
        verbose_name=_("topic (as the person chose)"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    language = models.CharField(_("language"), max_length=8, default="lt")
    state = models.CharField(
        _("state"), max_length=10, choices=State.choices, default=State.WAITING
    )
    priority = models.BooleanField(
        _("priority"),
        default=False,
        help_text=_("A safeguarding topic: the chat goes to the front of the queue."),
    )
    queued_at = models.DateTimeField(_("queued"), default=timezone.now)
    accepted_at = models.DateTimeField(_("first accepted"), null=True, blank=True)
    ended_at = models.DateTimeField(_("ended"), null=True, blank=True)
    ended_by = models.CharField(_("ended by"), max_length=10, choices=EndedBy.choices, blank=True)
    visitor_connected = models.BooleanField(_("person connected"), default=False)
    visitor_seen_at = models.DateTimeField(_("person last connected or left"), default=timezone.now)
    visitor_read_up_to = models.BigIntegerField(_("person read up to message"), default=0)
    specialist_read_up_to = models.BigIntegerField(_("specialist read up to message"), default=0)
    transcripts_sent = models.PositiveSmallIntegerField(_("transcripts sent"), default=0)

    personal = Personal(
        age="conversation__last_message_at",
        kind=RetentionKind.CHAT_TRANSCRIPTS,
        lock=of_consultation("conversation__consultation"),
        of=("conversation",),
    )

    class Meta:
        verbose_name = _("chat session")
        verbose_name_plural = _("chat sessions")
        ordering = ["-queued_at", "-id"]
        indexes = [
            models.Index(fields=["state", "queued_at"], name="chat_state_queued_idx"),
            models.Index(fields=["accepted_at"], name="chat_accepted_idx"),
        ]

    def __str__(self) -> str:
        return f"#{self.pk or '-'} {self.get_state_display()}"

    @property
    def display_name(self) -> str:
        return self.nickname or str(_("Anonymous"))

    @property
    def wait_seconds(self) -> int | None:
        """The first wait in the queue, once a specialist accepted the chat."""
        if self.accepted_at is None:
            return None
        return max(0, int((self.accepted_at - self.queued_at).total_seconds()))

    @property
    def is_ended(self) -> bool:
        return self.state == State.ENDED


class ChatTransfer(models.Model):
    """A chat handed from one specialist to a colleague, or back to the queue."""

    session = models.ForeignKey(
        ChatSession,
        verbose_name=_("chat session"),
        on_delete=models.CASCADE,
        related_name="transfers",
    )
    from_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("from"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    to_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("to"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Empty: back to the queue."),
    )
    note = identifying(models.TextField(_("note"), max_length=1000, blank=True))
    created_at = models.DateTimeField(_("transferred"), default=timezone.now)

    personal = Personal(
        age="created_at",
        kind=RetentionKind.NOTES,
        lock=of_consultation("session__conversation__consultation"),
        of=("session",),
    )

    class Meta:
        verbose_name = _("chat transfer")
        verbose_name_plural = _("chat transfers")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"#{self.session_id} → {self.to_user or _('queue')}"


class ChatSurvey(models.Model):
    """The person's rating of a chat, stored with its consultation record."""

    consultation = models.OneToOneField(
        Consultation,
        verbose_name=_("consultation"),
        on_delete=models.CASCADE,
        related_name="chat_survey",
    )
    rating = models.PositiveSmallIntegerField(
        _("rating"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    comment = identifying(models.TextField(_("comment"), max_length=1000, blank=True))
    created_at = models.DateTimeField(_("answered"), default=timezone.now)

    # The rating stays for the reports.
    personal = Personal(
        age="created_at",
        kind=RetentionKind.CHAT_TRANSCRIPTS,
        lock=of_consultation("consultation"),
        of=("consultation",),
    )

    class Meta:
        verbose_name = _("chat survey answer")
        verbose_name_plural = _("chat survey answers")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(rating__gte=1, rating__lte=5), name="chat_survey_rating_1_to_5"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.consultation_id}: {self.rating}/5"

    # The lowest rating counted towards the line's target of positive answers.
    POSITIVE_FROM = 4

    @property
    def is_positive(self) -> bool:
        """Counts towards the line's target of positive ratings (4 or 5)."""
        return self.rating >= self.POSITIVE_FROM


class Presence(models.TextChoices):
    ONLINE = "online", _("Online")
    AWAY = "away", _("Away")
    OFFLINE = "offline", _("Offline")


class SpecialistPresence(models.Model):
    """Whether a specialist takes chats, and how many at once.

    ``status`` is what they chose; they count as present only while a chat console of theirs
    is connected and has been heard from recently (``is_present``).
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("specialist"),
        on_delete=models.CASCADE,
        related_name="chat_presence",
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Presence.choices, default=Presence.OFFLINE
    )
    max_chats = models.PositiveSmallIntegerField(
        _("chats at once"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(20)],
        help_text=_("Empty: the line's default."),
    )
    connections = models.PositiveIntegerField(_("open consoles"), default=0)
    last_seen_at = models.DateTimeField(_("last heard from"), null=True, blank=True)
    changed_at = models.DateTimeField(_("status changed"), default=timezone.now)

    class Meta:
        verbose_name = _("specialist's chat presence")
        verbose_name_plural = _("specialists' chat presence")
        ordering = ["user__username"]

    def __str__(self) -> str:
        return f"{self.user}: {self.get_status_display()}"

    @property
    def limit(self) -> int:
        return self.max_chats or settings.LINIJA_CHAT_MAX_CHATS

    def effective_status(self, now=None) -> str:
        """The chosen status while a console is connected and alive; otherwise offline."""
        now = now or timezone.now()
        alive = (
            self.connections > 0
            and self.last_seen_at is not None
            and now - self.last_seen_at <= timedelta(seconds=settings.LINIJA_CHAT_PRESENCE_TIMEOUT)
        )
        return self.status if alive else Presence.OFFLINE
