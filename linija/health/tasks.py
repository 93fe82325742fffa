from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from linija.health.selectors import WORKER
from linija.health.services import beat_record


@db_periodic_task(crontab(minute="*"))
def worker_heartbeat() -> None:
    beat_record(name=WORKER)
