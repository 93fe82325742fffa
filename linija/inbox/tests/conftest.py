"""Conversations and records shared by the inbox tests."""

import datetime

import pytest
from django.utils import timezone, translation

from linija.consultations.models import (
    CallerCategory,
    Consultation,
    Conversation,
    Outcome,
    Topic,
)
from linija.consultations.services import conversation_open


@pytest.fixture
def in_english():
    with translation.override("en"):
        yield


@pytest.fixture
def make_conversation(db):
    """A conversation as a channel opens it, then with the given fields set."""

    def make(channel="email", *, topics=(), **fields) -> Conversation:
        conversation = conversation_open(channel=channel, subject=fields.pop("subject", ""))
        if fields:
            Conversation.objects.filter(pk=conversation.pk).update(**fields)
            conversation.refresh_from_db()
        conversation.consultation.topics.set(Topic.objects.filter(code__in=topics))
        return conversation

    return make


@pytest.fixture
def draft(db):
    """A phone call's record waiting for its wrap-up."""

    def make(specialist, **fields) -> Consultation:
        started = timezone.now() - datetime.timedelta(minutes=20)
        values = {"channel": "phone", "started_at": started, "specialist": specialist, **fields}
        return Consultation.objects.create(**values)

    return make


@pytest.fixture
def complete(db):
    """Fill in and complete a record straight in the database."""
    return complete_record


def complete_record(record: Consultation) -> None:
    record.ended_at = timezone.now()
    record.caller_category = CallerCategory.objects.get(code="prospective")
    record.outcome = Outcome.objects.get(code="informed")
    record.contact_order = "first"
    record.status = "completed"
    record.completed_at = timezone.now()
    record.save()
    record.topics.set(Topic.objects.filter(code="eligibility"))
