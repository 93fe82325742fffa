from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from linija.chat.services import chat_sessions_expire


@db_periodic_task(crontab(minute="*"))
def chat_sessions_expire_every_minute() -> int:
    return chat_sessions_expire()
