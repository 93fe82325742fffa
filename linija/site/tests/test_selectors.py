from datetime import date, time

import pytest
from django.http import Http404
from django.utils.translation import override

from linija.hours.models import HoursException
from linija.site.selectors import page_get, week_hours

pytestmark = pytest.mark.django_db


def test_it_gives_seven_days_of_hours_from_the_start():
    week = week_hours(start=date(2025, 3, 3))

    assert [day.day for day in week] == [date(2025, 3, d) for d in range(3, 10)]
    monday = week[0]
    assert monday.is_open
    assert (monday.opens.hour, monday.closes.hour) == (12, 20)
    assert [day.is_open for day in week[5:]] == [False, False]


def test_it_closes_on_holidays_and_shortens_the_day_before():
    with override("en"):
        week = week_hours(start=date(2025, 12, 22))

    by_day = {day.day: day for day in week}
    assert by_day[date(2025, 12, 22)].closes.hour == 20
    assert by_day[date(2025, 12, 23)].closes.hour == 19
    christmas = by_day[date(2025, 12, 25)]
    assert not christmas.is_open
    assert christmas.reason


def test_it_includes_administrator_exceptions_with_their_reason():
    HoursException.objects.create(date=date(2025, 3, 4), closed=True, reason="Mokymai")
    HoursException.objects.create(
        date=date(2025, 3, 8), closed=False, opens=time(10), closes=time(14), reason="Renginys"
    )

    week = week_hours(start=date(2025, 3, 3))

    assert (week[1].is_open, week[1].reason) == (False, "Mokymai")
    assert (week[5].opens.hour, week[5].closes.hour, week[5].reason) == (10, 14, "Renginys")


def test_it_gets_a_page_or_raises_404():
    assert page_get(slug="parama").title_lt == "Parama"
    with pytest.raises(Http404):
        page_get(slug="nera")
