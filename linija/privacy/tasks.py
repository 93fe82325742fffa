from django.utils import timezone
from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from linija.privacy.services import retention_purge


@db_periodic_task(crontab(hour="2", minute="40"))
def retention_purge_daily() -> dict[str, int]:
    return retention_purge(now=timezone.now(), dry_run=False)
