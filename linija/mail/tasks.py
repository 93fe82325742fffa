"""The worker's side of the e-mail channel: fetch the mailbox and send the outbox every minute.

Each task holds a lock, so a slow run is never overlapped by the next one.
"""

from huey import crontab
from huey.contrib.djhuey import HUEY, db_periodic_task, db_task

from linija.mail.services import mail_fetch, outbox_send_due


@db_periodic_task(crontab(minute="*"))
@HUEY.lock_task("linija-mail-fetch")
def mail_fetch_every_minute() -> dict[str, int] | None:
    report = mail_fetch()
    return vars(report) if report is not None else None


@db_periodic_task(crontab(minute="*"))
@HUEY.lock_task("linija-mail-outbox")
def outbox_send_every_minute() -> dict[str, int]:
    return vars(outbox_send_due())


@db_task()
@HUEY.lock_task("linija-mail-outbox")
def outbox_send_now() -> dict[str, int]:
    return vars(outbox_send_due())
