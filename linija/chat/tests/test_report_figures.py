"""The chat's figures for the reports: the survey of the counted records, specialists online."""

import datetime

import pytest

from linija.chat.models import ChatSession, ChatSurvey, Presence, SpecialistPresence, State
from linija.chat.selectors import dashboard_figures, report_figures
from linija.consultations.models import Consultation, Conversation, Kind, Status
from linija.hours.calendar import VILNIUS

pytestmark = pytest.mark.django_db

MARCH = datetime.datetime(2025, 3, 1, tzinfo=VILNIUS)
APRIL = datetime.datetime(2025, 4, 1, tzinfo=VILNIUS)
NOW = datetime.datetime(2025, 3, 5, 15, 0, tzinfo=VILNIUS)


def chat(
    name: str,
    *,
    started: datetime.datetime,
    state: str = State.ENDED,
    rating: int | None = None,
    kind: str = Kind.COUNSELLING,
    status: str = Status.COMPLETED,
) -> Consultation:
    """A chat with its record, in ``state``, answered with ``rating`` when given."""
    consultation = Consultation.objects.create(
        channel="chat", kind=kind, status=status, started_at=started, ended_at=started
    )
    conversation = Conversation.objects.create(
        channel="chat", consultation=consultation, created_at=started
    )
    ChatSession.objects.create(conversation=conversation, token_hash=name, state=state)
    if rating is not None:
        ChatSurvey.objects.create(consultation=consultation, rating=rating)
    return consultation


def counted(**narrowed):
    records = Consultation.objects.filter(
        status=Status.COMPLETED, started_at__gte=MARCH, started_at__lt=APRIL, **narrowed
    )
    return report_figures(since=MARCH, until=APRIL, records=records)


def test_it_counts_surveys_offered_answered_and_positive_for_the_counted_records():
    march_day = MARCH + datetime.timedelta(days=3, hours=13)
    chat("five", started=march_day, rating=5)
    chat("four", started=march_day, rating=4)
    chat("three", started=march_day, rating=3)
    chat("one", started=march_day, rating=1, kind=Kind.THANK_YOU)
    chat("unanswered", started=march_day)
    chat("going-on", started=march_day, state=State.ACTIVE)
    chat("draft", started=march_day, rating=5, status=Status.DRAFT)
    chat("april", started=APRIL, rating=5)

    assert counted() == {"survey.invited": 5, "survey.answered": 4, "survey.positive": 2}
    assert counted(kind=Kind.COUNSELLING) == {
        "survey.invited": 4,
        "survey.answered": 3,
        "survey.positive": 2,
    }


def test_it_counts_nothing_when_no_chat_is_counted():
    assert counted() == {"survey.invited": 0, "survey.answered": 0, "survey.positive": 0}


def test_it_counts_the_specialists_online_with_a_live_console(
    specialist, other_specialist, supervisor, administrator
):
    seen = NOW - datetime.timedelta(seconds=30)
    SpecialistPresence.objects.create(
        user=specialist, status=Presence.ONLINE, connections=1, last_seen_at=seen
    )
    SpecialistPresence.objects.create(
        user=other_specialist, status=Presence.AWAY, connections=1, last_seen_at=seen
    )
    SpecialistPresence.objects.create(
        user=supervisor,
        status=Presence.ONLINE,
        connections=1,
        last_seen_at=NOW - datetime.timedelta(minutes=10),
    )
    SpecialistPresence.objects.create(
        user=administrator, status=Presence.ONLINE, connections=0, last_seen_at=seen
    )

    assert dashboard_figures(now=NOW) == {"specialists_online": 1}
