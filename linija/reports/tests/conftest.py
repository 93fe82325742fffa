"""A small, known data set: March 2025 in Vilnius, with the edge cases the reports must count
exactly (a contact across midnight, a public holiday and an administrator's closed day, the
daylight saving change on 30 March, a contact with three topics, non-counselling contacts)."""

import datetime

import pytest
from django.utils import translation

from linija.consultations.models import (
    CallerCategory,
    Consultation,
    Conversation,
    ConversationStatus,
    Direction,
    Kind,
    Message,
    Municipality,
    Outcome,
    ReferralTarget,
    Status,
    Topic,
)
from linija.hours.calendar import VILNIUS
from linija.hours.models import HoursException
from linija.reports.filters import ReportFilter

SECOND = datetime.timedelta(seconds=1)


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    """The shared users get a password each; a slow hash is not what these tests are about."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def english():
    with translation.override("en"):
        yield


def rows(table):
    """A table's values by row label."""
    return {row.label: row.values for row in table.rows}


def at(text: str) -> datetime.datetime:
    """A Vilnius wall-clock time, e.g. "2025-03-03 12:30"."""
    return datetime.datetime.strptime(text, "%Y-%m-%d %H:%M").replace(tzinfo=VILNIUS)


def record(
    *,
    specialist,
    channel: str,
    started: str,
    talk: int,
    wrapup: int,
    kind: str = Kind.COUNSELLING,
    category: str | None = None,
    topics: tuple[str, ...] = (),
    municipality: str | None = None,
    order: str = "",
    outcome: str | None = None,
    target: str | None = None,
    status: str = Status.COMPLETED,
) -> Consultation:
    started_at = at(started)
    ended_at = started_at + talk * SECOND
    consultation = Consultation.objects.create(
        channel=channel,
        kind=kind,
        started_at=started_at,
        ended_at=ended_at,
        completed_at=ended_at + wrapup * SECOND if status == Status.COMPLETED else None,
        caller_category=CallerCategory.objects.get(code=category) if category else None,
        municipality=Municipality.objects.get(code=municipality) if municipality else None,
        contact_order=order,
        outcome=Outcome.objects.get(code=outcome) if outcome else None,
        referral_target=ReferralTarget.objects.get(code=target) if target else None,
        specialist=specialist,
        status=status,
    )
    consultation.topics.set(Topic.objects.filter(code__in=topics))
    return consultation


def conversation(*, channel: str, created: str, answered: str | None, status: str):
    found = Conversation.objects.create(
        channel=channel, status=status, created_at=at(created), last_message_at=at(created)
    )
    Message.objects.create(
        conversation=found, direction=Direction.IN, body="?", created_at=at(created)
    )
    if answered:
        Message.objects.create(
            conversation=found, direction=Direction.OUT, body="!", created_at=at(answered)
        )
        Message.objects.create(
            conversation=found,
            direction=Direction.OUT,
            body="!!",
            created_at=at(answered) + datetime.timedelta(hours=1),
        )
    return found


@pytest.fixture
def march(db, specialist, other_specialist):
    """Seven completed records counted in March 2025, a draft, one in April; conversations."""
    records = {
        "three_topics": record(
            specialist=specialist,
            channel="phone",
            started="2025-03-03 12:30",
            talk=900,
            wrapup=300,
            category="guardian",
            topics=("eligibility", "documents", "adoption_who"),
            municipality="kaunas-city",
            order="first",
            outcome="referred",
            target="vvtaat",
        ),
        "across_midnight": record(
            specialist=specialist,
            channel="phone",
            started="2025-03-03 23:50",
            talk=1800,
            wrapup=60,
            category="kinship_guardian",
            topics=("care_allowance",),
            municipality="vilnius-city",
            order="repeat",
            outcome="informed",
        ),
        "dst_day": record(
            specialist=other_specialist,
            channel="chat",
            started="2025-03-30 10:30",
            talk=600,
            wrapup=180,
            category="guardian",
            topics=("behaviour",),
            order="first",
            outcome="consulted",
        ),
        "holiday": record(
            specialist=other_specialist,
            channel="email",
            started="2025-03-11 14:00",
            talk=300,
            wrapup=60,
            category="prospective",
            topics=("eligibility",),
            municipality="kaunas-city",
            order="first",
            outcome="referred",
            target="foster_care_centre",
        ),
        "silent": record(
            specialist=specialist,
            channel="phone",
            started="2025-03-04 13:00",
            talk=60,
            wrapup=10,
            kind=Kind.SILENT,
        ),
        "test": record(
            specialist=specialist,
            channel="chat",
            started="2025-03-05 15:00",
            talk=120,
            wrapup=10,
            kind=Kind.TEST,
        ),
        "first_minutes": record(
            specialist=specialist,
            channel="phone",
            started="2025-03-01 00:30",
            talk=600,
            wrapup=120,
            category="guardian",
            topics=("other",),
            municipality="kaunas-city",
            order="unknown",
            outcome="informed",
        ),
        "draft": record(
            specialist=specialist,
            channel="phone",
            started="2025-03-06 12:10",
            talk=100,
            wrapup=0,
            category="guardian",
            topics=("respite",),
            status=Status.DRAFT,
        ),
        "april": record(
            specialist=specialist,
            channel="phone",
            started="2025-04-01 00:10",
            talk=100,
            wrapup=10,
            category="guardian",
            topics=("respite",),
            municipality="kaunas-city",
            order="first",
            outcome="informed",
        ),
    }
    HoursException.objects.create(date=datetime.date(2025, 3, 14), closed=True, reason="Mokymai")
    closed, open_ = ConversationStatus.CLOSED, ConversationStatus.OPEN
    conversations = {
        "chat_fast": conversation(
            channel="chat", created="2025-03-03 12:00", answered="2025-03-03 12:02", status=closed
        ),
        "chat_faster": conversation(
            channel="chat", created="2025-03-06 13:00", answered=None, status=closed
        ),
        "chat_missed": conversation(
            channel="chat", created="2025-03-05 14:00", answered=None, status=closed
        ),
        "mail_over_holiday": conversation(
            channel="email", created="2025-03-10 19:30", answered="2025-03-12 12:30", status=closed
        ),
        "mail_over_weekend": conversation(
            channel="email", created="2025-03-28 19:00", answered="2025-03-31 12:10", status=closed
        ),
        "mail_over_closed_day": conversation(
            channel="email", created="2025-03-13 19:50", answered="2025-03-17 12:05", status=open_
        ),
        "mail_unanswered": conversation(
            channel="email", created="2025-03-07 12:00", answered=None, status=open_
        ),
    }
    Message.objects.create(
        conversation=conversations["chat_faster"],
        direction=Direction.OUT,
        body="!",
        created_at=at("2025-03-06 13:00") + 30 * SECOND,
    )
    return {"records": records, "conversations": conversations}


@pytest.fixture
def march_filter():
    return ReportFilter(
        start=datetime.date(2025, 3, 1), end=datetime.date(2025, 3, 31), period_label="Month"
    )
