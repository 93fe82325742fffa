"""The health endpoint for the proxy and the health page for supervisors: database, Redis, the
worker's heartbeat, the last mail fetch, the outbox's oldest letter, the oldest waiting chat."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from linija.chat.models import ChatSession, State
from linija.consultations.models import Consultation, Conversation
from linija.health.checks import health_checks
from linija.health.models import Beat
from linija.health.selectors import dashboard_figures
from linija.health.services import beat_record
from linija.health.tasks import worker_heartbeat
from linija.hours.calendar import VILNIUS
from linija.mail.models import OutboxMessage, QuarantinedLetter
from linija.mail.outbox import outbox_add
from linija.mail.selectors import MAIL_FETCH

pytestmark = pytest.mark.django_db

# A Tuesday in opening hours.
OPEN = datetime.datetime(2026, 12, 1, 14, 0, tzinfo=VILNIUS)
NIGHT = datetime.datetime(2026, 12, 1, 23, 0, tzinfo=VILNIUS)


def checks(now):
    return {check.key: check for check in health_checks(now=now)}


def dead_redis(settings):
    settings.REDIS_URL = "redis://127.0.0.1:1/0"
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": settings.REDIS_URL,
        }
    }


def test_it_answers_the_proxy_ok_without_details(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok\n"
    assert "no-cache" in response["Cache-Control"]


def test_it_answers_the_proxy_503_when_redis_is_down(client, settings):
    dead_redis(settings)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.content == b"unavailable\n"


def test_it_shows_the_health_page_only_to_supervisors(client, specialist_client):
    assert specialist_client.get(reverse("health:status")).status_code == 404
    client.logout()
    response = client.get(reverse("health:status"))
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


def test_it_lists_every_check_on_the_health_page(supervisor_client):
    beat_record(name="worker")
    page = supervisor_client.get(reverse("health:status")).content.decode()
    for key in (
        "database",
        "redis",
        "worker",
        "mail_fetch",
        "outbox",
        "mail_quarantine",
        "chat_waiting",
    ):
        assert f'data-check="{key}"' in page
    assert 'data-check="worker" data-ok="yes"' in page


def test_it_shows_redis_down_on_the_health_page(supervisor_client, settings):
    dead_redis(settings)
    assert checks(timezone.now())["redis"].ok is False


def test_it_writes_the_workers_heartbeat_every_minute():
    worker_heartbeat()
    assert Beat.objects.filter(name="worker").exists()


def test_it_tells_a_silent_worker():
    assert checks(OPEN)["worker"].ok is False
    beat_record(name="worker", at=OPEN - datetime.timedelta(minutes=1))
    assert checks(OPEN)["worker"].ok is True
    assert checks(OPEN + datetime.timedelta(minutes=16))["worker"].ok is False


def test_it_tells_a_stalled_mail_fetch_in_opening_hours(settings):
    settings.LINIJA_IMAP_HOST = "imap.example.lt"
    beat_record(name=MAIL_FETCH, at=OPEN - datetime.timedelta(minutes=20))
    found = checks(OPEN)["mail_fetch"]
    assert found.ok is False
    assert "Stalled" in found.detail or "Sustojo" in found.detail
    beat_record(name=MAIL_FETCH, at=NIGHT - datetime.timedelta(minutes=60))
    assert checks(NIGHT)["mail_fetch"].ok is True
    beat_record(name=MAIL_FETCH, at=OPEN - datetime.timedelta(minutes=2))
    assert checks(OPEN)["mail_fetch"].ok is True


def test_it_does_not_count_fetching_that_is_off(settings):
    settings.LINIJA_IMAP_HOST = ""
    assert checks(OPEN)["mail_fetch"].ok is True


def test_it_tells_a_letter_waiting_too_long_in_the_outbox():
    now = timezone.now()
    assert checks(now)["outbox"].ok is True
    outgoing = outbox_add(
        to=["ona@example.lt"], subject="Labas", body="Tekstas.", auto_submitted=True
    )
    assert checks(now)["outbox"].ok is True
    OutboxMessage.objects.filter(pk=outgoing.pk).update(
        created_at=now - datetime.timedelta(minutes=16)
    )
    assert checks(now)["outbox"].ok is False


def test_it_tells_the_letters_waiting_in_the_quarantine():
    now = timezone.now()
    assert checks(now)["mail_quarantine"].ok is True
    QuarantinedLetter.objects.create(mailbox="linija@imap", key="a" * 64, reason="RuntimeError")
    assert checks(now)["mail_quarantine"].ok is True  # still counting its tries
    QuarantinedLetter.objects.create(
        mailbox="linija@imap", key="b" * 64, reason="RuntimeError", quarantined_at=now
    )
    found = checks(now)["mail_quarantine"]
    assert (found.ok, found.at) == (False, now)
    assert "1" in found.detail


def test_it_shows_the_oldest_waiting_chat():
    now = timezone.now()
    assert checks(now)["chat_waiting"].ok is True
    consultation = Consultation.objects.create(channel="chat", started_at=now)
    conversation = Conversation.objects.create(channel="chat", consultation=consultation)
    ChatSession.objects.create(
        conversation=conversation,
        token_hash="waiting",
        state=State.WAITING,
        queued_at=now - datetime.timedelta(minutes=7),
    )
    found = checks(now)["chat_waiting"]
    assert "(7 min" in found.detail


def test_it_counts_the_stalled_services_on_the_supervisors_dashboard(supervisor_client):
    now = timezone.now()
    beat_record(name="worker", at=now)
    assert dashboard_figures(now=now) == {"stalled": 0}
    outgoing = outbox_add(
        to=["ona@example.lt"], subject="Labas", body="Tekstas.", auto_submitted=True
    )
    OutboxMessage.objects.filter(pk=outgoing.pk).update(
        created_at=now - datetime.timedelta(minutes=30)
    )
    data = supervisor_client.get(reverse("reports:dashboard_data")).json()
    assert data["figures"]["stalled"] == "1"
    page = supervisor_client.get(reverse("reports:dashboard")).content.decode()
    assert 'data-figure="stalled"' in page
