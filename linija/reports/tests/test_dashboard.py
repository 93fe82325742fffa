"""The dashboard's figures of today and the month comparison."""

import datetime

import pytest

from linija.chat.models import Presence, SpecialistPresence
from linija.consultations.models import Conversation, ConversationStatus, Direction, Message
from linija.phone.models import Call, Callback, CallbackSource, CallState
from linija.reports import providers
from linija.reports.dashboard import (
    conversation_dashboard_figures,
    dashboard_today,
    month_comparison,
)
from linija.reports.tests.conftest import at, rows

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def test_it_counts_todays_conversations_for_the_dashboard(db):
    now = at("2025-03-03 15:00")
    waiting = Conversation.objects.create(channel="chat", created_at=now)
    Conversation.objects.create(channel="email", status=ConversationStatus.OPEN, created_at=now)
    missed = Conversation.objects.create(
        channel="chat", status=ConversationStatus.CLOSED, created_at=now
    )
    answered = Conversation.objects.create(
        channel="email", status=ConversationStatus.WAITING, created_at=at("2025-03-02 10:00")
    )
    Message.objects.create(conversation=answered, direction=Direction.OUT, body="!", created_at=now)
    yesterday = Conversation.objects.create(
        channel="email", status=ConversationStatus.CLOSED, created_at=at("2025-03-02 10:00")
    )
    Message.objects.create(
        conversation=yesterday, direction=Direction.OUT, body="!", created_at=at("2025-03-02 11:00")
    )
    Message.objects.create(
        conversation=yesterday, direction=Direction.OUT, body="!", created_at=now
    )
    assert waiting.pk and missed.pk
    assert conversation_dashboard_figures(now=now) == {
        "waiting": 1,
        "active": 1,
        "answered": 1,
        "missed": 1,
    }


def test_it_shows_the_phone_and_the_chat_on_the_dashboard(march, specialist):
    now = at("2025-03-03 15:00")
    Call.objects.create(call_id="r", direction="in", state=CallState.RINGING, started_at=now)
    Call.objects.create(
        call_id="m", direction="in", state=CallState.MISSED, started_at=at("2025-03-03 12:00")
    )
    Callback.objects.create(source=CallbackSource.MISSED_CALL, due_at=at("2025-03-03 12:05"))
    SpecialistPresence.objects.create(
        user=specialist, status=Presence.ONLINE, connections=1, last_seen_at=now
    )
    Conversation.objects.create(channel="chat", created_at=now)
    figures = {figure.key: figure.value for figure in dashboard_today(now=now)}
    assert figures == {
        "waiting": 2,  # the ringing call and the new chat
        "active": 2,  # the two open e-mails of the data set
        "answered": 1,  # the chat answered at 12:02
        "missed": 1,  # the call
        "callbacks_due": 1,
        "specialists_online": 1,
        "stalled": 1,  # no background worker has beaten yet
        "records": 2,
    }


def test_it_shows_figures_nobody_records_as_empty(march, monkeypatch):
    monkeypatch.setattr(providers, "_providers", lambda attribute: [lambda now: {"waiting": 3}])
    figures = {figure.key: figure.value for figure in dashboard_today(now=at("2025-03-03 23:59"))}
    assert figures == {
        "waiting": 3,
        "active": None,
        "answered": None,
        "missed": None,
        "callbacks_due": None,
        "specialists_online": None,
        "stalled": None,
        "records": 2,
    }


def test_it_compares_the_month_to_the_same_days_before(march):
    extra = march["records"]["three_topics"]
    extra.pk = None
    extra.started_at = at("2024-03-02 12:00")
    extra.save()
    table = month_comparison(today=datetime.date(2025, 4, 1))
    assert [column.label for column in table.columns[:3]] == [
        "2025-04 (1–1)",
        "2025-03 (1–1)",
        "2024-04 (1–1)",
    ]
    assert rows(table)["All contacts"] == (1, 1, 0, 0.0, None)
    march_table = month_comparison(today=datetime.date(2025, 3, 31))
    assert rows(march_table)["All contacts"] == (7, 0, 1, None, 600.0)
    assert rows(march_table)["Phone"][0] == 4
