from datetime import datetime, timedelta

import pytest
from django.contrib.sessions.models import Session
from django.utils import timezone

from linija.accounts.tasks import sessions_expired_clear_daily

pytestmark = pytest.mark.django_db


def test_it_clears_expired_sessions_when_run():
    Session.objects.create(
        session_key="old", session_data="", expire_date=timezone.now() - timedelta(days=1)
    )

    sessions_expired_clear_daily()

    assert not Session.objects.exists()


def test_it_runs_every_night_at_a_quarter_past_three():
    task = sessions_expired_clear_daily.s()

    assert task.validate_datetime(datetime(2025, 3, 4, 3, 15))
    assert not task.validate_datetime(datetime(2025, 3, 4, 4, 15))
    assert not task.validate_datetime(datetime(2025, 3, 4, 3, 16))
