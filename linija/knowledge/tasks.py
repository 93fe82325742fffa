from django.conf import settings
from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from linija.knowledge.services import stale_articles_notify


@db_periodic_task(crontab(day_of_week="1", hour="6", minute="0"))
def kb_stale_notify() -> int:
    """Every Monday morning: remind owners of the articles that need a check."""
    return stale_articles_notify(base_url=settings.LINIJA_BASE_URL)
