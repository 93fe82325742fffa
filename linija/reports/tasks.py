"""The worker's side of the reports: exports, their expiry, the monthly report, and the
stale days' tallies counted again every few minutes.

Huey runs with ``utc=True``: the monthly report leaves at 06:00 UTC on the 1st (08:00 or 09:00
in Vilnius), before the working day starts.
"""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task

from linija.reports.services import (
    day_tallies_refresh,
    export_job_run,
    export_jobs_expire,
    monthly_report_send,
)


@db_task()
def export_job_prepare(job_id: int) -> None:
    export_job_run(job_id=job_id)


@db_periodic_task(crontab(minute="17"))
def exports_expire_hourly() -> int:
    return export_jobs_expire()


@db_periodic_task(crontab(day="1", hour="6", minute="0"))
def monthly_report_on_the_first() -> None:
    monthly_report_send()


@db_periodic_task(crontab(minute="*/5"))
def day_tallies_every_five_minutes() -> int:
    return day_tallies_refresh()
