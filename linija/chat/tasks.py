"""The worker's side of the chat: every minute, end the chats their visitor left (or whose
sockets died with a crashed server) and pass back to the queue those of a specialist whose
console is gone. A lease that expires with its holder keeps two runs from overlapping."""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from linija.chat.services import chat_sessions_expire, chat_sessions_of_gone_specialists_requeue
from linija.health.locks import lease_task


@db_periodic_task(crontab(minute="*"))
@lease_task("linija-chat-sweep")
def chat_sessions_expire_every_minute() -> dict[str, int]:
    return {
        "ended": chat_sessions_expire(),
        "requeued": chat_sessions_of_gone_specialists_requeue(),
    }
