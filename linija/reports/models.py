"""What the reports keep: the project periods they are counted by, the exports people ask
for, and the monthly reports already sent. Never a person's data: only counts and categories."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

EXPORT_LIFETIME = datetime.timedelta(hours=24)


class ProjectPeriod(models.Model):
    """A funding period of the line (e.g. the ESF project), reported on as a whole."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    start = models.DateField(_("first day"))
    end = models.DateField(
        _("last day"), null=True, blank=True, help_text=_("Empty while the period goes on.")
    )

    class Meta:
        verbose_name = _("project period")
        verbose_name_plural = _("project periods")
        ordering = ["start", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(end__gte=F("start")),
                name="reports_period_ends_after_start",
                violation_error_message=_("The last day cannot be before the first day."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.start and self.end and self.end < self.start:
            raise ValidationError({"end": _("The last day cannot be before the first day.")})


class ExportFormat(models.TextChoices):
    XLSX = "xlsx", _("Spreadsheet (XLSX)")
    PDF = "pdf", _("PDF document")


class ExportStatus(models.TextChoices):
    QUEUED = "queued", _("Waiting")
    RUNNING = "running", _("Being prepared")
    DONE = "done", _("Ready")
    FAILED = "failed", _("Failed")
    EXPIRED = "expired", _("Expired")


CONTENT_TYPES = {
    ExportFormat.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ExportFormat.PDF: "application/pdf",
}


class ExportJob(models.Model):
    """One export a person asked for, prepared by the worker and kept for a day."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("asked by"),
        on_delete=models.CASCADE,
        related_name="report_exports",
    )
    format = models.CharField(_("format"), max_length=10, choices=ExportFormat.choices)
    filters = models.JSONField(_("filters"), default=dict, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=ExportStatus.choices, default=ExportStatus.QUEUED
    )
    progress = models.PositiveSmallIntegerField(_("progress, %"), default=0)
    file_name = models.CharField(_("file in private storage"), max_length=200, blank=True)
    download_name = models.CharField(_("file name"), max_length=200, blank=True)
    error = models.CharField(_("error"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("asked"), default=timezone.now)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    expires_at = models.DateTimeField(_("expires"), db_index=True)

    class Meta:
        verbose_name = _("report export")
        verbose_name_plural = _("report exports")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(progress__lte=100), name="reports_export_progress_at_most_100"
            ),
        ]

    def __str__(self) -> str:
        return f"#{self.pk or '-'} {self.get_format_display()}"

    def save(self, *args, **kwargs) -> None:
        if self.expires_at is None:
            self.expires_at = self.created_at + EXPORT_LIFETIME
        super().save(*args, **kwargs)

    @property
    def is_ready(self) -> bool:
        return self.status == ExportStatus.DONE and self.expires_at > timezone.now()

    @property
    def is_finished(self) -> bool:
        return self.status in {ExportStatus.DONE, ExportStatus.FAILED, ExportStatus.EXPIRED}

    @property
    def content_type(self) -> str:
        return CONTENT_TYPES[self.format]


class MonthlyReport(models.Model):
    """The report of one calendar month, sent to the supervisors once."""

    month = models.DateField(_("month"), unique=True, help_text=_("The first day of the month."))
    recipients = models.PositiveIntegerField(_("recipients"), default=0)
    created_at = models.DateTimeField(_("sent"), default=timezone.now)

    class Meta:
        verbose_name = _("monthly report")
        verbose_name_plural = _("monthly reports")
        ordering = ["-month"]

    def __str__(self) -> str:
        return f"{self.month:%Y-%m}"


class DayTally(models.Model):
    """The counts of one Vilnius day's completed records (``reports.counts``: ``figures``
    of every channel, ``by_channel`` of each apart), so that a long period's report adds up a
    row a day instead of counting every record again.

    A change to a record of the day (or to the topic tree) makes the day stale: both counts
    empty and ``version`` one up, in the same transaction as the change. The worker counts
    stale days again and stores their figures only if ``version`` did not move meanwhile;
    a report counts the records of a day it finds stale (or without a row) itself."""

    day = models.DateField(_("day"), primary_key=True)
    version = models.PositiveIntegerField(_("version"), default=0)
    figures = models.JSONField(_("figures"), null=True, blank=True)
    by_channel = models.JSONField(_("figures by channel"), null=True, blank=True)

    class Meta:
        verbose_name = _("day's tally")
        verbose_name_plural = _("days' tallies")
        ordering = ["day"]

    def __str__(self) -> str:
        return f"{self.day:%Y-%m-%d}"
