from django.utils import timezone
from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from linija.phone.services import calls_timed_out_end


@db_periodic_task(crontab(minute="*/5"))
def calls_timed_out_end_every_five_minutes() -> int:
    return calls_timed_out_end(now=timezone.now())
