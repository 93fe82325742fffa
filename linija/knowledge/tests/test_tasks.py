import datetime

import pytest

from linija.knowledge.models import Article
from linija.knowledge.tasks import kb_stale_notify
from linija.mail.models import OutboxMessage

pytestmark = pytest.mark.django_db


def test_it_reminds_owners_every_week(make_article, specialist, settings):
    settings.LINIJA_BASE_URL = "https://linija.example"
    specialist.email = "ona@pastoge.lt"
    specialist.save()
    Article.objects.update(checked_on=datetime.date.today())
    make_article(owner=specialist, checked_on=datetime.date(2020, 1, 1))
    assert kb_stale_notify.call_local() == 1
    [message] = OutboxMessage.objects.all()
    assert "https://linija.example/staff/knowledge/" in message.body


def test_it_runs_on_monday_mornings():
    runs_at = kb_stale_notify.task_class().validate_datetime
    assert runs_at(datetime.datetime(2026, 11, 30, 6, 0))
    assert not runs_at(datetime.datetime(2026, 12, 1, 6, 0))
    assert not runs_at(datetime.datetime(2026, 11, 30, 7, 0))
