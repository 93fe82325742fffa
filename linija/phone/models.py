"""The phone channel: the exchanges that post call events, the calls they report, who answers
them, and the queue of people to call back.

Linija carries no voice. A phone number is kept only as its keyed pseudonym (``caller_key``),
except on a callback the person asked for: there the number is stored until the callback is
done, then erased.
"""

from __future__ import annotations

import datetime
import secrets

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from linija.consultations.models import Consultation, seconds_between
from linija.privacy.fields import identifying
from linija.privacy.models import RetentionKind
from linija.privacy.personal import Personal, of_consultation

# A callback request names the start of a slot of this length.
CALLBACK_SLOT = datetime.timedelta(hours=1)


def new_token() -> str:
    return secrets.token_urlsafe(32)


def caller_label(caller_key: str) -> str:
    """How staff pages name a caller who is known only by a pseudonym: "Caller 4F2A-9C"."""
    if not caller_key:
        return str(_("Anonymous caller"))
    code = caller_key[:6].upper()
    return str(_("Caller %(code)s")) % {"code": f"{code[:4]}-{code[4:]}"}


class Exchange(models.Model):
    """A telephone exchange (cloud PBX, Asterisk) posting call events to Linija's webhook."""

    name = models.CharField(_("name"), max_length=100)
    token = models.CharField(
        _("webhook token"),
        max_length=100,
        unique=True,
        default=new_token,
        validators=[
            RegexValidator(
                r"^[A-Za-z0-9_-]{20,100}$",
                _("Use 20 to 100 letters, digits, “-” or “_”."),
            )
        ],
        help_text=_(
            "The secret part of the webhook address. Replace it with a new random value if it "
            "was ever exposed."
        ),
    )
    enabled = models.BooleanField(
        _("enabled"),
        default=True,
        help_text=_("The events of a disabled exchange are refused."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("telephone exchange")
        verbose_name_plural = _("telephone exchanges")
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return self.name

    def webhook_path(self) -> str:
        return reverse("phone_api:cti", kwargs={"token": self.token})


class BlockedNumber(models.Model):
    """A number whose calls the exchange is told to reject (kept only as its pseudonym)."""

    exchange = models.ForeignKey(
        Exchange,
        verbose_name=_("telephone exchange"),
        on_delete=models.CASCADE,
        related_name="blocked_numbers",
    )
    caller_key = identifying(models.CharField(_("caller key"), max_length=64))
    reason = models.CharField(
        _("reason"),
        max_length=200,
        blank=True,
        help_text=_("Why the number is blocked, without names, e.g. “repeated abusive calls”."),
    )
    created_at = models.DateTimeField(_("blocked since"), auto_now_add=True)

    # Not ``personal``: a block stays until an administrator lifts it.

    class Meta:
        verbose_name = _("blocked number")
        verbose_name_plural = _("blocked numbers")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["exchange", "caller_key"], name="phone_blocked_number_unique"
            ),
        ]

    def __str__(self) -> str:
        return caller_label(self.caller_key)


class Queue(models.Model):
    """A queue of the exchange (its ``queue`` field) and the staff who take its calls."""

    name = models.CharField(
        _("name at the exchange"),
        max_length=100,
        unique=True,
        help_text=_("Exactly as the exchange sends it in the “queue” field."),
    )
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("members"),
        blank=True,
        related_name="phone_queues",
        help_text=_("They see the pop-up of the queue's incoming calls."),
    )

    class Meta:
        verbose_name = _("call queue")
        verbose_name_plural = _("call queues")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Extension(models.Model):
    """The phone extension or number at which the exchange knows a staff member."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("staff member"),
        on_delete=models.CASCADE,
        related_name="phone_extension",
    )
    number = models.CharField(
        _("extension or number"),
        max_length=150,
        unique=True,
        help_text=_(
            "As the exchange sends it in “answeringNumber” or “user”, e.g. 101 or the phone's "
            "SIP name."
        ),
    )

    class Meta:
        verbose_name = _("phone extension")
        verbose_name_plural = _("phone extensions")
        ordering = ["number"]

    def __str__(self) -> str:
        return self.number


class Direction(models.TextChoices):
    IN = "in", _("Incoming")
    OUT = "out", _("Outgoing")


class CallState(models.TextChoices):
    RINGING = "ringing", _("Ringing")
    ANSWERED = "answered", _("In progress")
    COMPLETED = "completed", _("Answered")
    MISSED = "missed", _("Missed")
    FORWARDED = "forwarded", _("Forwarded")
    NOT_REACHED = "not_reached", _("Not reached")
    REJECTED = "rejected", _("Rejected (blocked number)")
    UNKNOWN_END = "unknown_end", _("Answered, end not reported")


# A call somebody picked up: going on, or over.
ANSWERED_STATES = (CallState.ANSWERED, CallState.COMPLETED, CallState.UNKNOWN_END)
# A call the pop-ups show: still ringing or going on.
LIVE_STATES = (CallState.RINGING, CallState.ANSWERED)


class HangupCause(models.TextChoices):
    NORMAL_CLEARING = "normalClearing", _("Normal end")
    BUSY = "busy", _("Busy")
    CANCEL = "cancel", _("The caller hung up")
    NO_ANSWER = "noAnswer", _("No answer")
    CONGESTION = "congestion", _("Network congestion")
    NOT_FOUND = "notFound", _("Number not found")
    FORWARDED = "forwarded", _("Forwarded")


# Causes that say nobody answered: an answer arriving after such a hangup came too late.
UNANSWERED_CAUSES = frozenset(HangupCause.values) - {HangupCause.NORMAL_CLEARING}


class Call(models.Model):
    """One call the exchange reported (or a specialist logged by hand), and its record."""

    exchange = models.ForeignKey(
        Exchange,
        verbose_name=_("telephone exchange"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="calls",
        help_text=_("Empty for a call a specialist logged by hand."),
    )
    call_id = models.CharField(_("call ID at the exchange"), max_length=250)
    direction = models.CharField(_("direction"), max_length=3, choices=Direction.choices)
    state = models.CharField(
        _("state"), max_length=12, choices=CallState.choices, default=CallState.RINGING
    )
    caller_key = identifying(
        models.CharField(_("caller key"), max_length=64, blank=True, db_index=True)
    )
    anonymous = models.BooleanField(_("number withheld"), default=False)
    line = models.CharField(
        _("line"), max_length=100, blank=True, help_text=_("The line's own number, as sent.")
    )
    queue = models.CharField(_("queue"), max_length=100, blank=True)
    started_at = models.DateTimeField(_("started"), default=timezone.now)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    ended_at = models.DateTimeField(_("ended"), null=True, blank=True)
    # As the exchange sent it: a cause the contract does not list is kept as given.
    cause = models.CharField(
        _("end cause"), max_length=100, choices=HangupCause.choices, blank=True
    )
    specialist = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("specialist"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="phone_calls",
        help_text=_("Who answered an incoming call, or who made an outgoing one."),
    )
    answering_number = models.CharField(_("answered at"), max_length=150, blank=True)
    users = models.JSONField(
        _("names the exchange gave"),
        default=list,
        blank=True,
        help_text=_("The “user” names of the answer (else of the new call), as sent."),
    )
    voicemail = models.BooleanField(
        _("answered by voicemail"),
        default=False,
        help_text=_("Nobody answered: the person is to be called back."),
    )
    timed_out = models.BooleanField(
        _("ended by Linija"),
        default=False,
        help_text=_("The exchange reported no hangup in time; a hangup arriving later counts."),
    )
    consultation = models.OneToOneField(
        Consultation,
        verbose_name=_("consultation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="phone_call",
    )
    callback = models.ForeignKey(
        "Callback",
        verbose_name=_("callback"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="calls",
        help_text=_("The callback a missed call waits in, or that an outgoing call works on."),
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    personal = Personal(
        age="started_at",
        kind=RetentionKind.PHONE_DATA,
        lock=of_consultation("consultation"),
        key="caller_key",
    )

    class Meta:
        verbose_name = _("call")
        verbose_name_plural = _("calls")
        ordering = ["-started_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["exchange", "call_id"], name="phone_call_unique_id"),
        ]
        indexes = [
            models.Index(fields=["state", "started_at"], name="phone_call_state_idx"),
            models.Index(fields=["started_at"], name="phone_call_started_idx"),
        ]

    def __str__(self) -> str:
        started = timezone.localtime(self.started_at)
        return f"#{self.pk or '-'} {self.get_direction_display()} {started:%Y-%m-%d %H:%M}"

    @property
    def label(self) -> str:
        return caller_label("" if self.anonymous else self.caller_key)

    @property
    def wait_seconds(self) -> int | None:
        """From the first ring to the answer (incoming calls)."""
        return seconds_between(self.started_at, self.answered_at)

    @property
    def talk_seconds(self) -> int | None:
        if self.timed_out:
            return None
        return seconds_between(self.answered_at, self.ended_at)

    @property
    def is_manual(self) -> bool:
        return self.exchange_id is None

    def derived_state(self) -> str:
        """The state that follows from what is known, whatever order the events came in.

        An incoming call that ended before anyone answered, or that voicemail answered, is
        missed, unless the exchange forwarded it; an outgoing one that nobody answered did not
        reach the person. An answered call Linija ended for want of a hangup has no known end.
        """
        if self.state == CallState.REJECTED:
            return CallState.REJECTED
        unanswered = CallState.MISSED if self.direction == Direction.IN else CallState.NOT_REACHED
        if self.answered_at is not None:
            if self.ended_at is None:
                return CallState.ANSWERED
            return CallState.UNKNOWN_END if self.timed_out else CallState.COMPLETED
        if self.voicemail:
            return unanswered
        if self.ended_at is None:
            return CallState.RINGING
        if self.cause == HangupCause.FORWARDED:
            return CallState.FORWARDED
        return unanswered


class CallbackSource(models.TextChoices):
    MISSED_CALL = "missed_call", _("Missed call")
    WEB_FORM = "web_form", _("Request on the website")
    CHAT = "chat", _("Request in the chat")


class CallbackStatus(models.TextChoices):
    OPEN = "open", _("To call back")
    DONE = "done", _("Done")


class CloseReason(models.TextChoices):
    REACHED = "reached", _("The person was reached")
    WRONG_NUMBER = "wrong_number", _("Wrong number")
    CALLED_AGAIN = "called_again", _("The person called again and was answered")
    GAVE_UP = "gave_up", _("Closed without reaching the person")


class Callback(models.Model):
    """Someone to call back: after a missed call, or because they asked for it."""

    source = models.CharField(_("source"), max_length=12, choices=CallbackSource.choices)
    status = models.CharField(
        _("status"), max_length=6, choices=CallbackStatus.choices, default=CallbackStatus.OPEN
    )
    caller_key = identifying(
        models.CharField(_("caller key"), max_length=64, blank=True, db_index=True)
    )
    phone = identifying(
        models.CharField(
            _("phone number"),
            max_length=20,
            blank=True,
            help_text=_(
                "Only when the person asked to be called back; erased when the callback is done."
            ),
        )
    )
    name = identifying(models.CharField(_("name given"), max_length=100, blank=True))
    preferred_at = models.DateTimeField(_("preferred time"), null=True, blank=True)
    due_at = models.DateTimeField(_("due"), db_index=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    claimed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("taken by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    claimed_at = models.DateTimeField(_("taken"), null=True, blank=True)
    closed_at = models.DateTimeField(_("done"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("closed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    close_reason = models.CharField(
        _("how it ended"), max_length=12, choices=CloseReason.choices, blank=True
    )
    consultation = models.ForeignKey(
        Consultation,
        verbose_name=_("consultation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    personal = Personal(
        age="created_at",
        kind=RetentionKind.PHONE_DATA,
        lock=of_consultation("consultation"),
        key="caller_key",
        addresses=("phone",),
        brings=("consultation",),
    )

    class Meta:
        verbose_name = _("callback")
        verbose_name_plural = _("callbacks")
        ordering = ["due_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["caller_key"],
                condition=Q(status="open") & ~Q(caller_key=""),
                name="phone_callback_one_open_per_caller",
            ),
        ]
        indexes = [models.Index(fields=["status", "due_at"], name="phone_callback_due_idx")]

    def __str__(self) -> str:
        # No name here: this text goes into the audit log, which outlives the callback.
        return f"#{self.pk or '-'} {self.get_source_display()}"

    @property
    def label(self) -> str:
        return self.name or caller_label(self.caller_key)

    @property
    def is_open(self) -> bool:
        return self.status == CallbackStatus.OPEN

    @property
    def preferred_until(self) -> datetime.datetime | None:
        return self.preferred_at + CALLBACK_SLOT if self.preferred_at else None

    def is_due(self, now: datetime.datetime | None = None) -> bool:
        return self.is_open and self.due_at <= (now or timezone.now())


class AttemptOutcome(models.TextChoices):
    NO_ANSWER = "no_answer", _("No answer")
    REACHED = "reached", _("Reached")
    WRONG_NUMBER = "wrong_number", _("Wrong number")


class CallbackAttempt(models.Model):
    """One try to call a person back."""

    callback = models.ForeignKey(
        Callback, verbose_name=_("callback"), on_delete=models.CASCADE, related_name="attempts"
    )
    at = models.DateTimeField(_("when"), default=timezone.now)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("who"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    outcome = models.CharField(_("outcome"), max_length=12, choices=AttemptOutcome.choices)
    note = identifying(
        models.CharField(
            _("note"),
            max_length=300,
            blank=True,
            help_text=_("E.g. “voicemail, left no message”. No names or numbers."),
        )
    )
    call = models.OneToOneField(
        Call,
        verbose_name=_("call"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="callback_attempt",
        help_text=_("The outgoing call through the exchange, when it was one."),
    )

    personal = Personal(
        age="at",
        kind=RetentionKind.NOTES,
        lock=of_consultation("callback__consultation"),
        of=("callback",),
    )

    class Meta:
        verbose_name = _("callback attempt")
        verbose_name_plural = _("callback attempts")
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{timezone.localtime(self.at):%Y-%m-%d %H:%M} {self.get_outcome_display()}"


class CallerIdRule(models.Model):
    """Which caller ID an outgoing call shows: the rule with the longest prefix of the number
    dialled, else the default (empty prefix). The exchange gets it in the newCall answer."""

    prefix = models.CharField(
        _("numbers starting with"),
        max_length=20,
        blank=True,
        unique=True,
        validators=[RegexValidator(r"^[0-9]*$", _("Digits only, e.g. 3705 or 86."))],
        help_text=_(
            "Digits the number dialled starts with, as the exchange sends it or written "
            "internationally without “+” (e.g. 3705 for Vilnius). Empty: every other number."
        ),
    )
    caller_id = models.CharField(
        _("caller ID shown"),
        max_length=20,
        validators=[RegexValidator(r"^\+?[0-9]{3,15}$", _("A number of 3 to 15 digits."))],
        help_text=_("The line's number the person called sees, e.g. 37080020300."),
    )
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("caller ID rule")
        verbose_name_plural = _("caller ID rules")
        ordering = ["prefix"]

    def __str__(self) -> str:
        return f"{self.prefix or '*'} → {self.caller_id}"


class RefusedEvent(models.Model):
    """A webhook request Linija refused or answered with a reject, and why: for the
    administrator. It holds neither the token nor the numbers the request carried."""

    at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)
    exchange = models.ForeignKey(
        Exchange,
        verbose_name=_("telephone exchange"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Empty when the token named no exchange."),
    )
    status = models.PositiveSmallIntegerField(_("answer (HTTP status)"))
    code = models.CharField(_("code"), max_length=30)
    reason = models.CharField(_("reason"), max_length=300)
    event = models.CharField(_("event"), max_length=30, blank=True)
    call_id = models.CharField(_("call ID at the exchange"), max_length=100, blank=True)
    client = models.CharField(_("sent from (address)"), max_length=45, blank=True)

    # The refused webhook requests go with the audit log.
    personal = Personal(age="at", kind=RetentionKind.AUDIT_LOG, delete=True)

    class Meta:
        verbose_name = _("refused webhook request")
        verbose_name_plural = _("refused webhook requests")
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{timezone.localtime(self.at):%Y-%m-%d %H:%M:%S} {self.status} {self.code}"
