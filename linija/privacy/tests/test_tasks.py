import pytest

from linija.consultations.models import Message
from linija.privacy.tasks import retention_purge_daily

pytestmark = pytest.mark.django_db


def test_it_purges_every_day(old_data):
    counts = retention_purge_daily.call_local()

    assert counts["chat_transcripts"] > 0
    assert not Message.objects.exclude(body="").exists()
