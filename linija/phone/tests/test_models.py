import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from linija.phone.models import Call, CallState, Exchange, caller_label
from linija.privacy.selectors import identifying_fields

START = timezone.now()


def call(**fields) -> Call:
    return Call(direction=fields.pop("direction", "in"), started_at=START, **fields)


@pytest.mark.parametrize(
    ("fields", "state"),
    [
        ({}, CallState.RINGING),
        ({"answered_at": START}, CallState.ANSWERED),
        ({"answered_at": START, "ended_at": START}, CallState.COMPLETED),
        ({"ended_at": START, "cause": "cancel"}, CallState.MISSED),
        ({"ended_at": START, "cause": "forwarded"}, CallState.FORWARDED),
        ({"ended_at": START, "cause": "noAnswer", "direction": "out"}, CallState.NOT_REACHED),
        ({"answered_at": START, "state": CallState.REJECTED}, CallState.REJECTED),
    ],
)
def test_it_derives_the_state_from_what_is_known(fields, state):
    assert call(**fields).derived_state() == state


def test_it_measures_waiting_and_talk_time():
    measured = call(
        answered_at=START + datetime.timedelta(seconds=15),
        ended_at=START + datetime.timedelta(seconds=75),
    )

    assert (measured.wait_seconds, measured.talk_seconds) == (15, 60)
    assert call().talk_seconds is None


def test_it_names_callers_by_a_short_code_of_their_pseudonym():
    with translation.override("en"):
        assert caller_label("4f2a9c" + "0" * 58) == "Caller 4F2A-9C"
        assert caller_label("") == "Anonymous caller"
        assert call(caller_key="ab" * 32, anonymous=True).label == "Anonymous caller"
    with translation.override("lt"):
        assert caller_label("4f2a9c" + "0" * 58) == "Skambintojas 4F2A-9C"


def test_it_marks_what_can_identify_a_person():
    found = {
        model.__name__: {field.name for field in fields}
        for model, fields in identifying_fields().items()
        if model._meta.app_label == "phone"
    }

    assert found == {
        "BlockedNumber": {"caller_key"},
        "Call": {"caller_key"},
        "Callback": {"caller_key", "phone", "name"},
        "CallbackAttempt": {"note"},
    }


@pytest.mark.django_db
def test_it_gives_each_exchange_a_random_url_safe_token():
    first, second = Exchange.objects.create(name="A"), Exchange.objects.create(name="B")

    assert first.token != second.token
    first.full_clean()
    first.token = "short"
    with pytest.raises(ValidationError):
        first.full_clean()
