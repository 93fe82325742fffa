import datetime
import io

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from openpyxl import load_workbook

from linija.accounts.models import AuditEntry
from linija.mail.models import OutboxMessage
from linija.reports import services
from linija.reports.models import ExportJob, ExportStatus, MonthlyReport
from linija.reports.services import (
    export_job_create,
    export_job_run,
    export_jobs_expire,
    export_storage,
    monthly_report_send,
    previous_month,
)

pytestmark = pytest.mark.django_db
MARCH = {"period": "month", "on": "2025-03-15"}


@pytest.fixture(autouse=True)
def private_dir(settings, tmp_path):
    settings.VAR_DIR = tmp_path
    return tmp_path


def test_it_prepares_a_pdf_with_progress_to_the_end(
    supervisor, march, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        job = export_job_create(user=supervisor, format="pdf", filters=MARCH)
    job.refresh_from_db()
    assert job.status == ExportStatus.DONE
    assert job.progress == 100
    assert job.download_name == "linija-2025-03-01_2025-03-31.pdf"
    assert job.expires_at == job.finished_at + datetime.timedelta(hours=24)
    assert job.is_ready
    with export_storage().open(job.file_name, "rb") as stored:
        assert stored.read(5) == b"%PDF-"
    assert (export_storage().path(job.file_name)).startswith(
        str(services.Path(services.settings.VAR_DIR) / "private" / "exports")
    )


def test_it_refuses_bad_filters_and_stores_nothing(supervisor):
    with pytest.raises(ValidationError):
        export_job_create(user=supervisor, format="xlsx", filters={"period": "custom"})
    with pytest.raises(ValidationError):
        export_job_create(user=supervisor, format="docx", filters=MARCH)
    assert not ExportJob.objects.exists()
    assert not AuditEntry.objects.filter(action="export").exists()


def test_it_marks_a_failed_export_and_leaves_no_file(supervisor, march, monkeypatch, private_dir):
    job = ExportJob.objects.create(user=supervisor, format="xlsx", filters=MARCH)

    def broken(report, step):
        step(1, 2)
        raise RuntimeError("disk full")

    monkeypatch.setitem(services.BUILDERS, "xlsx", broken)
    finished = export_job_run(job_id=job.pk)
    assert finished.status == ExportStatus.FAILED
    assert finished.error == "disk full"
    assert finished.progress == 50
    assert not finished.is_ready
    assert not (private_dir / "private" / "exports").exists() or not any(
        (private_dir / "private" / "exports").iterdir()
    )


def test_it_runs_a_job_only_once(supervisor, march):
    job = ExportJob.objects.create(user=supervisor, format="xlsx", filters=MARCH)
    assert export_job_run(job_id=job.pk).status == ExportStatus.DONE
    assert export_job_run(job_id=job.pk) is None


def test_it_deletes_expired_files(supervisor, march):
    job = ExportJob.objects.create(user=supervisor, format="xlsx", filters=MARCH)
    job = export_job_run(job_id=job.pk)
    fresh = ExportJob.objects.create(user=supervisor, format="xlsx", filters=MARCH)
    fresh = export_job_run(job_id=fresh.pk)
    ExportJob.objects.filter(pk=job.pk).update(
        expires_at=timezone.now() - datetime.timedelta(seconds=1)
    )
    assert export_jobs_expire() == 1
    job.refresh_from_db()
    assert job.status == ExportStatus.EXPIRED
    assert job.file_name == ""
    assert export_storage().listdir("")[1] == [fresh.file_name]
    assert export_jobs_expire() == 0


def test_it_mails_the_monthly_report_to_the_supervisors_once(
    supervisor, administrator, django_user_model, march, mailoutbox
):
    supervisor.email = "vadove@pastoge.lt"
    supervisor.save()
    administrator.email = "admin@pastoge.lt"
    administrator.save()
    sent = monthly_report_send(month=datetime.date(2025, 3, 1))
    assert sent.recipients == 1
    letter = OutboxMessage.objects.get()
    assert letter.to == ["vadove@pastoge.lt"]
    assert "2025-03" in letter.subject
    assert "Visi kreipiniai: 7" in letter.body
    files = {attachment.filename: attachment for attachment in letter.attachments.all()}
    assert set(files) == {"linija-2025-03-01_2025-03-31.xlsx", "linija-2025-03-01_2025-03-31.pdf"}
    workbook = load_workbook(io.BytesIO(files["linija-2025-03-01_2025-03-31.xlsx"].file.read()))
    assert list(workbook["Santrauka"].iter_rows(values_only=True))[2] == ("Visi kreipiniai", 7)
    entry = AuditEntry.objects.get(action="export", object_type="reports.monthlyreport")
    assert entry.detail["recipients"] == 1
    assert monthly_report_send(month=datetime.date(2025, 3, 1)) is None
    assert OutboxMessage.objects.count() == 1
    assert MonthlyReport.objects.get().month == datetime.date(2025, 3, 1)


def test_it_reports_last_month_by_default(supervisor, monkeypatch):
    monkeypatch.setattr(services.timezone, "localdate", lambda **kwargs: datetime.date(2026, 1, 1))
    assert monthly_report_send().month == datetime.date(2025, 12, 1)
    assert previous_month(datetime.date(2025, 3, 31)) == datetime.date(2025, 2, 1)
