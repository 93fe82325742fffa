import datetime

import pytest

from linija.reports import tasks
from linija.reports.models import DayTally, ExportJob, ExportStatus

pytestmark = pytest.mark.django_db


def test_it_sends_the_monthly_report_on_the_first_at_six_utc():
    validate = tasks.monthly_report_on_the_first.task_class().validate_datetime
    assert validate(datetime.datetime(2025, 4, 1, 6, 0))
    assert not validate(datetime.datetime(2025, 4, 2, 6, 0))
    assert not validate(datetime.datetime(2025, 4, 1, 7, 0))


def test_it_clears_expired_exports_every_hour():
    validate = tasks.exports_expire_hourly.task_class().validate_datetime
    assert validate(datetime.datetime(2025, 4, 2, 13, 17))
    assert not validate(datetime.datetime(2025, 4, 2, 13, 18))


def test_it_prepares_an_export_in_the_worker(supervisor, settings, tmp_path):
    settings.VAR_DIR = tmp_path
    job = ExportJob.objects.create(
        user=supervisor, format="xlsx", filters={"period": "month", "on": "2025-03-01"}
    )
    tasks.export_job_prepare(job.pk)
    job.refresh_from_db()
    assert job.status == ExportStatus.DONE


def test_it_counts_the_stale_days_every_five_minutes(march):
    validate = tasks.day_tallies_every_five_minutes.task_class().validate_datetime
    assert validate(datetime.datetime(2025, 4, 2, 13, 25))
    assert not validate(datetime.datetime(2025, 4, 2, 13, 26))
    stale = DayTally.objects.filter(figures__isnull=True)
    assert stale.count() >= 4  # the days of the March records
    assert tasks.day_tallies_every_five_minutes.call_local() == DayTally.objects.count()
    assert not stale.exists()
