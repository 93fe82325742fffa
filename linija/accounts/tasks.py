from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from linija.accounts.services import sessions_expired_clear


@db_periodic_task(crontab(hour="3", minute="15"))
def sessions_expired_clear_daily() -> dict[str, int]:
    return sessions_expired_clear()
