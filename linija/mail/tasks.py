"""The worker's side of the e-mail channel: fetch the mailbox and send the outbox every minute,
sweep the files no letter owns every night.

Each minute's task holds a lock that expires with its holder (``health.locks``), so a slow run
is never overlapped by the next one and a worker killed mid-run does not stop the next worker.
"""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task

from linija.health.locks import lease_task
from linija.health.services import beat_record
from linija.mail.files import private_files_sweep
from linija.mail.mailbox import mail_watch
from linija.mail.outbox import outbox_send_due
from linija.mail.selectors import MAIL_FETCH


@db_periodic_task(crontab(minute="*"))
@lease_task("linija-mail-fetch")
def mail_fetch_every_minute() -> dict[str, int] | None:
    """Fetch the mailbox, then watch it in IDLE for most of the minute (``mail_watch``); the
    next minute's run takes over, also after this worker was killed (its lease runs out)."""
    report = mail_watch(fetched=lambda _report: beat_record(name=MAIL_FETCH))
    return None if report is None else vars(report)


@db_periodic_task(crontab(minute="*"))
@lease_task("linija-mail-outbox")
def outbox_send_every_minute() -> dict[str, int]:
    return vars(outbox_send_due())


@db_task()
@lease_task("linija-mail-outbox")
def outbox_send_now() -> dict[str, int]:
    return vars(outbox_send_due())


@db_periodic_task(crontab(hour="3", minute="50"))
def private_files_sweep_daily() -> int:
    return private_files_sweep()
