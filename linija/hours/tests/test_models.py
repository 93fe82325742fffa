from datetime import date, time

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import translation

from linija.hours.calendar import DayException
from linija.hours.models import HoursException, WeeklyHours

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def test_it_seeds_monday_to_friday_noon_to_eight():
    rows = list(WeeklyHours.objects.values_list("weekday", "opens", "closes"))
    assert rows == [(weekday, time(12), time(20)) for weekday in range(5)]


def test_it_refuses_weekly_hours_closing_before_opening():
    hours = WeeklyHours(weekday=5, opens=time(14), closes=time(10))
    with pytest.raises(ValidationError) as error:
        hours.full_clean()
    assert error.value.message_dict == {
        "closes": ["The closing time must be after the opening time."]
    }
    with pytest.raises(IntegrityError), transaction.atomic():
        hours.save()
    assert not WeeklyHours.objects.filter(weekday=5).exists()


def test_it_accepts_a_closed_exception_without_times():
    exception = HoursException(date=date(2026, 5, 14), closed=True, reason="Staff training")
    exception.full_clean()
    exception.save()
    assert exception.as_day_exception() == DayException(closed=True, reason="Staff training")
    assert str(exception) == "2026-05-14 closed: Staff training"


def test_it_accepts_changed_hours():
    exception = HoursException(
        date=date(2026, 5, 15), closed=False, opens=time(9), closes=time(13), reason="Outage"
    )
    exception.full_clean()
    assert exception.as_day_exception() == DayException(
        closed=False, opens=time(9), closes=time(13), reason="Outage"
    )
    assert str(exception) == "2026-05-15 open 09:00–13:00: Outage"


@pytest.mark.parametrize(
    ("fields", "errors"),
    [
        (
            {"closed": True, "opens": time(12)},
            {"opens": ["Leave this empty when the line is closed all day."]},
        ),
        (
            {"closed": False, "closes": time(12)},
            {"opens": ["Give the time, or tick “closed all day”."]},
        ),
        (
            {"closed": False},
            {
                "opens": ["Give the time, or tick “closed all day”."],
                "closes": ["Give the time, or tick “closed all day”."],
            },
        ),
        (
            {"closed": False, "opens": time(12), "closes": time(12)},
            {"closes": ["The closing time must be after the opening time."]},
        ),
        (
            {"closed": True, "reason": ""},
            {"reason": ["This field cannot be blank."]},
        ),
    ],
)
def test_it_explains_what_is_wrong_with_an_exception(fields, errors):
    exception = HoursException(date=date(2026, 5, 14), **{"reason": "Training", **fields})
    with pytest.raises(ValidationError) as error:
        exception.full_clean()
    assert error.value.message_dict == errors
    assert not HoursException.objects.exists()


def test_it_keeps_one_exception_per_date():
    HoursException.objects.create(date=date(2026, 5, 14), reason="Training")
    duplicate = HoursException(date=date(2026, 5, 14), reason="Again")
    with pytest.raises(ValidationError) as error:
        duplicate.full_clean()
    assert list(error.value.message_dict) == ["date"]


def test_it_refuses_contradictory_exceptions_in_the_database():
    with pytest.raises(IntegrityError), transaction.atomic():
        HoursException.objects.create(
            date=date(2026, 5, 14), closed=False, opens=time(12), reason="No closing"
        )
    assert not HoursException.objects.exists()
