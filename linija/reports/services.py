"""Writes of the reports: exports prepared by the worker, their expiry, the monthly report,
and the days' tallies kept in step with the records."""

from __future__ import annotations

import datetime
import logging
import secrets
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage
from django.db import transaction
from django.db.models import F, Min
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from linija.accounts import roles
from linija.accounts.services import audit_record
from linija.consultations.models import Consultation
from linija.hours.calendar import VILNIUS
from linija.mail.outbox import outbox_add
from linija.reports.builders import report_table
from linija.reports.counting import day_figures
from linija.reports.counts import Counts
from linija.reports.exports import file_name, pdf_bytes, xlsx_bytes
from linija.reports.filters import Preset, ReportFilter, add_months, month_end
from linija.reports.forms import ReportFilterForm
from linija.reports.models import (
    CONTENT_TYPES,
    EXPORT_LIFETIME,
    DayTally,
    ExportFormat,
    ExportJob,
    ExportStatus,
    MonthlyReport,
)

logger = logging.getLogger(__name__)
BUILDERS = {ExportFormat.XLSX: xlsx_bytes, ExportFormat.PDF: pdf_bytes}


def export_storage() -> FileSystemStorage:
    """Where prepared exports wait for their download: never served directly."""
    return FileSystemStorage(location=Path(settings.VAR_DIR) / "private" / "exports")


def report_filter_from(
    filters: dict[str, str], *, today: datetime.date | None = None
) -> ReportFilter:
    """The report filter of stored query values; ``ValidationError`` if they are not valid."""
    form = ReportFilterForm(filters, today=today)
    if form.is_bound and not form.is_valid():
        raise ValidationError(form.errors.as_text())
    return form.report_filter()


@transaction.atomic
def export_job_create(
    *, user: Any, format: str, filters: dict[str, str], request: HttpRequest | None = None
) -> ExportJob:
    """Ask the worker for an export of the report with ``filters``; audited at once."""
    if format not in ExportFormat.values:
        raise ValidationError(_("Unknown export format."), code="format")
    report = report_filter_from(filters)
    job = ExportJob.objects.create(
        user=user,
        format=format,
        filters=report.query,
        download_name=file_name(report, format),
    )
    audit_record(
        actor=user,
        action="export",
        obj=job,
        request=request,
        detail={"format": format, "filters": dict(report.describe()), "step": "requested"},
    )
    from linija.reports.tasks import export_job_prepare

    transaction.on_commit(lambda: export_job_prepare(job.pk))
    return job


def _progress(job_id: int, done: int, total: int) -> None:
    ExportJob.objects.filter(pk=job_id).update(progress=min(100 * done // total, 99))


def export_job_run(*, job_id: int) -> ExportJob | None:
    """Prepare the file of a waiting export, saving the progress as it goes.

    Not one transaction: the page polling the job must see the progress move. A failure marks
    the job failed with the error, and no file is left behind.
    """
    with transaction.atomic():
        job = (
            ExportJob.objects.select_for_update()
            .filter(pk=job_id, status=ExportStatus.QUEUED)
            .first()
        )
        if job is None:
            return None
        job.status = ExportStatus.RUNNING
        job.save(update_fields=["status"])
    try:
        with translation.override(settings.LANGUAGE_CODE):
            report = report_filter_from(
                job.filters, today=timezone.localdate(job.created_at, VILNIUS)
            )
        content = BUILDERS[job.format](
            report, step=lambda done, total: _progress(job.pk, done, total)
        )
        stored = export_storage().save(
            f"{job.pk}-{secrets.token_hex(8)}.{job.format}", ContentFile(content)
        )
    except Exception as error:
        logger.exception("Export %s failed", job.pk)
        ExportJob.objects.filter(pk=job.pk).update(
            status=ExportStatus.FAILED, error=str(error)[:500], finished_at=timezone.now()
        )
        job.refresh_from_db()
        return job
    now = timezone.now()
    ExportJob.objects.filter(pk=job.pk).update(
        status=ExportStatus.DONE,
        progress=100,
        file_name=stored,
        finished_at=now,
        expires_at=now + EXPORT_LIFETIME,
    )
    job.refresh_from_db()
    return job


@transaction.atomic
def export_download_record(*, job: ExportJob, user: Any, request: HttpRequest | None) -> None:
    audit_record(
        actor=user,
        action="export",
        obj=job,
        request=request,
        detail={"format": job.format, "step": "downloaded"},
    )


@transaction.atomic
def export_jobs_expire(*, now: datetime.datetime | None = None) -> int:
    """Delete the files of exports past their time and mark them expired; how many."""
    now = now or timezone.now()
    storage = export_storage()
    expired = (
        ExportJob.objects.select_for_update()
        .filter(expires_at__lte=now)
        .exclude(status=ExportStatus.EXPIRED)
    )
    count = 0
    for job in expired:
        if job.file_name:
            storage.delete(job.file_name)
        job.status = ExportStatus.EXPIRED
        job.file_name = ""
        job.save(update_fields=["status", "file_name"])
        count += 1
    return count


def supervisor_addresses() -> list[str]:
    """The e-mail addresses of the active supervisors."""
    return sorted(
        set(
            get_user_model()
            .objects.filter(is_active=True, groups__name=roles.SUPERVISOR)
            .exclude(email="")
            .values_list("email", flat=True)
        )
    )


def previous_month(today: datetime.date) -> datetime.date:
    return add_months(today.replace(day=1), -1)


@transaction.atomic
def monthly_report_send(*, month: datetime.date | None = None) -> MonthlyReport | None:
    """E-mail the report of ``month`` (default: last month) with its XLSX and PDF to the
    supervisors, once: None if that month's report was already sent."""
    month = (month or previous_month(timezone.localdate(timezone=VILNIUS))).replace(day=1)
    if MonthlyReport.objects.filter(month=month).exists():
        return None
    recipients = supervisor_addresses()
    sent = MonthlyReport.objects.create(month=month, recipients=len(recipients))
    with translation.override(settings.LANGUAGE_CODE):
        filters = {"period": Preset.MONTH, "on": month.isoformat()}
        report = report_filter_from(filters, today=month_end(month))
        if recipients:
            context = {"month": month, "report": report, "summary": report_table(report, "summary")}
            outbox_add(
                to=recipients,
                subject=_("Linija: the report of %(month)s") % {"month": f"{month:%Y-%m}"},
                body=render_to_string("reports/monthly_email.txt", context),
                attachments=[
                    (
                        file_name(report, "xlsx"),
                        xlsx_bytes(report),
                        CONTENT_TYPES[ExportFormat.XLSX],
                    ),
                    (file_name(report, "pdf"), pdf_bytes(report), CONTENT_TYPES[ExportFormat.PDF]),
                ],
            )
        else:
            logger.warning(
                "No supervisor has an e-mail address: the report of %s is not sent", month
            )
    audit_record(
        actor=None,
        action="export",
        obj=sent,
        detail={"format": "xlsx+pdf", "filters": filters, "recipients": len(recipients)},
    )
    return sent


# --- The days' tallies ----------------------------------------------------------------------


STALE = {"figures": None, "by_channel": None, "version": F("version") + 1}


def day_tallies_mark(*, days: Iterable[datetime.date]) -> None:
    """Make the tallies of ``days`` stale (created stale where there were none), in the
    transaction of the change that called for it.

    Created first, then moved on in one update: a worker storing a day's figures counted
    before this change finds the version moved and stores nothing."""
    marked = sorted(set(days))
    if not marked:
        return
    DayTally.objects.bulk_create([DayTally(day=day) for day in marked], ignore_conflicts=True)
    DayTally.objects.filter(day__in=marked).update(**STALE)


@transaction.atomic
def day_tallies_mark_all(*, today: datetime.date | None = None) -> int:
    """Make every day from the first record's to ``today`` stale (after records were loaded
    past the models, or the topic tree changed); how many days."""
    first = Consultation.objects.aggregate(first=Min("started_at"))["first"]
    today = today or timezone.localdate(timezone=VILNIUS)
    if first is None:
        DayTally.objects.update(**STALE)
        return 0
    day, days = timezone.localdate(first, VILNIUS), []
    while day <= today:
        days.append(day)
        day += datetime.timedelta(days=1)
    DayTally.objects.bulk_create(
        [DayTally(day=day) for day in days], ignore_conflicts=True, batch_size=500
    )
    DayTally.objects.update(**STALE)
    return len(days)


def day_tallies_refresh(
    *, limit: int | None = None, step: Callable[[int, int], None] | None = None
) -> int:
    """Count the stale days again from their records, oldest first, and store each day's
    figures unless the day changed meanwhile; how many were stored. ``step(done, total)``
    after each day."""
    stale = list(
        DayTally.objects.filter(figures__isnull=True)
        .order_by("day")
        .values_list("day", "version")[:limit]
    )
    stored = 0
    for done, (day, version) in enumerate(stale, start=1):
        by_channel = day_figures(day)
        every = Counts()
        for counted in by_channel.values():
            every.add_stored(counted)
        stored += DayTally.objects.filter(day=day, version=version).update(
            figures=every.as_stored(), by_channel=by_channel
        )
        if step is not None:
            step(done, len(stale))
    return stored
