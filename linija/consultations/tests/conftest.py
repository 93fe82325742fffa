"""Records and form data shared by the consultations tests."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from linija.consultations.models import (
    CallerCategory,
    Channel,
    Consultation,
    Kind,
    Outcome,
    ReferralTarget,
    Topic,
)

LOCAL_FORMAT = "%Y-%m-%dT%H:%M:%S"


def en_url(name: str, **kwargs) -> str:
    """A URL in English, so the tests read English messages whatever is compiled."""
    with translation.override("en"):
        return reverse(name, kwargs=kwargs or None)


def local(moment: datetime.datetime) -> str:
    """A moment as the browser's date-time field sends it (Vilnius time, to the second)."""
    return timezone.localtime(moment).strftime(LOCAL_FORMAT)


@pytest.fixture
def started():
    return (timezone.now() - datetime.timedelta(minutes=30)).replace(microsecond=0)


@pytest.fixture
def complete_values(db, started):
    """Everything a completed counselling record needs, as model values."""
    return {
        "channel": Channel.PHONE,
        "kind": Kind.COUNSELLING,
        "started_at": started,
        "ended_at": started + datetime.timedelta(minutes=12, seconds=5),
        "caller_category": CallerCategory.objects.get(code="prospective"),
        "topics": [Topic.objects.get(code="eligibility"), Topic.objects.get(code="documents")],
        "outcome": Outcome.objects.get(code="informed"),
        "contact_order": "first",
    }


@pytest.fixture
def referral_values(complete_values):
    return {
        **complete_values,
        "outcome": Outcome.objects.get(code="referred"),
        "referral_target": ReferralTarget.objects.get(code="foster_care_centre"),
    }


@pytest.fixture
def complete_post(complete_values):
    """The same record as the form posts it."""
    values = complete_values
    return {
        "channel": values["channel"],
        "kind": values["kind"],
        "started_at": local(values["started_at"]),
        "ended_at": local(values["ended_at"]),
        "caller_category": values["caller_category"].pk,
        "topics": [topic.pk for topic in values["topics"]],
        "contact_order": values["contact_order"],
        "municipality": "",
        "heard_from": "",
        "outcome": values["outcome"].pk,
        "referral_target": "",
        "summary": "Asked about the age limits.",
    }


@pytest.fixture
def make_consultation(db, started):
    """A record saved straight to the database (a draft phone call unless told otherwise)."""

    def make(*, topics=(), **fields) -> Consultation:
        values = {"channel": Channel.PHONE, "started_at": started, **fields}
        consultation = Consultation.objects.create(**values)
        consultation.topics.set(topics)
        return consultation

    return make


@pytest.fixture
def in_english():
    """Messages of services in English, whatever catalogs are compiled."""
    with translation.override("en"):
        yield
