from datetime import date, datetime, time, timedelta

import pytest
from django.utils import timezone, translation

from linija.hours import selectors
from linija.hours.calendar import SEARCH_DAYS, VILNIUS
from linija.hours.models import HoursException, WeeklyHours

pytestmark = pytest.mark.django_db


def local(*args) -> datetime:
    return datetime(*args, tzinfo=VILNIUS)


def test_it_builds_the_calendar_in_two_queries(django_assert_num_queries):
    HoursException.objects.create(date=date(2026, 5, 14), reason="Training")
    with django_assert_num_queries(2):
        calendar = selectors.line_calendar(start=date(2026, 5, 1))
    assert calendar.schedule[0] == (time(12), time(20))
    assert 5 not in calendar.schedule
    assert calendar.wall_hours(date(2026, 5, 14)) is None


def test_it_reads_only_the_exceptions_of_the_search_window():
    start = date(2026, 5, 1)
    last = start + timedelta(days=SEARCH_DAYS + 1)
    for day in (date(2026, 4, 29), date(2026, 4, 30), last, last + timedelta(days=1)):
        HoursException.objects.create(date=day, reason=f"{day}")
    calendar = selectors.line_calendar(start=start)
    assert sorted(calendar.exceptions) == [date(2026, 4, 30), last]


def test_it_follows_the_administrators_schedule():
    WeeklyHours.objects.filter(weekday=0).update(opens=time(10), closes=time(18))
    WeeklyHours.objects.create(weekday=5, opens=time(10), closes=time(14))
    calendar = selectors.line_calendar(start=date(2026, 5, 1))
    assert calendar.wall_hours(date(2026, 5, 4)) == (time(10), time(18))
    assert calendar.wall_hours(date(2026, 5, 9)) == (time(10), time(14))


def test_it_tells_the_status_at_a_given_moment():
    HoursException.objects.create(date=date(2026, 5, 14), reason="Personalo mokymai")
    status = selectors.line_status(local(2026, 5, 14, 13))
    assert not status.is_open
    assert status.next_opening == local(2026, 5, 15, 12)
    with translation.override("lt"):
        assert status.text == "Uždaryta — atsidarome rytoj 12:00"
        assert status.reason == "Personalo mokymai"


def test_it_tells_the_status_now_by_default(monkeypatch):
    monkeypatch.setattr(timezone, "now", lambda: local(2026, 5, 13, 19, 59))
    status = selectors.line_status()
    assert status.is_open
    assert status.closes_at == local(2026, 5, 13, 20)
    monkeypatch.setattr(timezone, "now", lambda: local(2026, 5, 13, 20))
    assert not selectors.line_status().is_open


def test_it_words_the_next_opening_for_auto_replies():
    with translation.override("en"):
        assert selectors.next_opening_text(local(2026, 12, 23, 20)) == (
            "We open on Monday at 12:00"
        )
    with translation.override("lt"):
        assert selectors.next_opening_text(local(2026, 12, 23, 20)) == "Atsidarome pirmadienį 12:00"
