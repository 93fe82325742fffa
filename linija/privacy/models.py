"""How long each kind of content is kept, and the safeguarding flags that hold a record back
from the retention purge until a supervisor resolves them."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from linija.privacy.fields import identifying
from linija.privacy.personal import Personal, of_consultation


class RetentionKind(models.TextChoices):
    CHAT_TRANSCRIPTS = "chat_transcripts", _("Chat transcripts")
    EMAIL_BODIES = "email_bodies", _("E-mail texts and attachments")
    RAW_EMAIL = "raw_email", _("Original e-mail files (.eml)")
    PHONE_DATA = "phone_data", _("Caller keys and callback numbers")
    NOTES = "notes", _("Summaries and internal notes")
    AUDIT_LOG = "audit_log", _("Audit log")
    SAFEGUARDING = "safeguarding", _("Notes and resolutions of safeguarding flags")


DEFAULT_DAYS = {
    RetentionKind.CHAT_TRANSCRIPTS: 365,
    RetentionKind.EMAIL_BODIES: 365,
    RetentionKind.RAW_EMAIL: 90,
    RetentionKind.PHONE_DATA: 365,
    RetentionKind.NOTES: 730,
    RetentionKind.AUDIT_LOG: 1825,
    # Counted from the resolution: longer than the records, a later worry may need them.
    RetentionKind.SAFEGUARDING: 1825,
}


class RevealReason(models.TextChoices):
    """Why a specialist looks at the contact a person gave: the audit log keeps this category,
    never a written reason (which would be content kept for the audit log's whole period)."""

    ANSWER = "answer", _("To answer or call the person back")
    SAFEGUARDING = "safeguarding", _("A child may be in danger")
    CASE = "case", _("To find or link the person's case")
    DATA_REQUEST = "data_request", _("The person asked about their data")
    OTHER = "other", _("Another reason (tell the supervisor)")


class RetentionRule(models.Model):
    """How many days one kind of content is kept before the daily purge blanks it."""

    kind = models.CharField(_("content"), max_length=20, choices=RetentionKind.choices, unique=True)
    days = models.PositiveIntegerField(
        _("kept for (days)"),
        validators=[MinValueValidator(1)],
        help_text=_("Content older than this is erased every night; statistics stay."),
    )

    class Meta:
        verbose_name = _("retention period")
        verbose_name_plural = _("retention periods")
        ordering = ["kind"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.days}"


class SafeguardingFlag(models.Model):
    """A specialist's alarm that a child may be in danger. While it is not resolved the
    consultation and everything tied to it are kept from the retention purge; once resolved,
    its note and resolution follow the retention kind "safeguarding" (the flag itself and its
    times stay, for the statistics)."""

    consultation = models.ForeignKey(
        "consultations.Consultation",
        verbose_name=_("consultation"),
        on_delete=models.PROTECT,
        related_name="safeguarding_flags",
    )
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("raised by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    raised_at = models.DateTimeField(_("raised"), auto_now_add=True)
    note = identifying(models.TextField(_("why"), max_length=2000))
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("resolved by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    resolved_at = models.DateTimeField(_("resolved"), null=True, blank=True)
    resolution = identifying(models.TextField(_("resolution"), max_length=2000, blank=True))

    # Counted from the resolution: an open flag is never purged.
    personal = Personal(
        age="resolved_at",
        kind=RetentionKind.SAFEGUARDING,
        lock=of_consultation("consultation"),
        of=("consultation",),
    )

    class Meta:
        verbose_name = _("safeguarding flag")
        verbose_name_plural = _("safeguarding flags")
        ordering = ["-raised_at", "-id"]
        indexes = [models.Index(fields=["resolved_at"], name="safeguarding_open_idx")]

    def __str__(self) -> str:
        return f"#{self.pk or '-'} {self.consultation_id}"

    @property
    def is_open(self) -> bool:
        return self.resolved_at is None
