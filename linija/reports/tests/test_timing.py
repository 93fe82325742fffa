import datetime

import pytest

from linija.consultations.models import Consultation
from linija.hours.calendar import VILNIUS, DayException, LineCalendar
from linija.reports.expressions import UtcHour
from linija.reports.tests.conftest import at
from linija.reports.timing import OpenHours, nearest_rank

NOON, EIGHT = datetime.time(12), datetime.time(20)
CALENDAR = LineCalendar(
    schedule={day: (NOON, EIGHT) for day in range(5)},
    exceptions={datetime.date(2025, 3, 14): DayException(closed=True, reason="Mokymai")},
)


def test_it_counts_only_the_open_hours_between_two_instants():
    hours = OpenHours(CALENDAR, datetime.date(2025, 3, 1), datetime.date(2025, 3, 31))
    assert hours.seconds(at("2025-03-03 12:00"), at("2025-03-03 12:02")) == 120
    assert hours.seconds(at("2025-03-03 09:00"), at("2025-03-03 12:10")) == 600
    assert hours.seconds(at("2025-03-03 19:00"), at("2025-03-04 13:00")) == 2 * 3600
    # Friday evening to Monday noon across the daylight saving change.
    assert hours.seconds(at("2025-03-28 19:00"), at("2025-03-31 12:10")) == 4200
    # The day before the 11 March holiday closes at 19:00; the holiday is closed.
    assert hours.seconds(at("2025-03-10 18:30"), at("2025-03-12 12:30")) == 3600
    # The administrator's closed day.
    assert hours.seconds(at("2025-03-13 19:50"), at("2025-03-17 12:05")) == 900
    assert hours.seconds(at("2025-03-17 12:05"), at("2025-03-13 19:50")) == 0
    # Before the first day and after the last one the line counts as closed.
    assert hours.seconds(at("2025-02-27 12:00"), at("2025-03-03 12:01")) == 60
    assert hours.seconds(at("2025-03-31 19:59"), at("2025-04-01 13:00")) == 60


def test_it_takes_the_nearest_rank_percentile():
    assert nearest_rank([], 0.9) is None
    assert nearest_rank([5], 0.9) == 5
    assert nearest_rank([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9) == 9
    assert nearest_rank([30, 120], 0.9) == 120
    assert nearest_rank([3, 1, 2], 0.5) == 2


@pytest.mark.django_db
def test_it_reads_a_utc_hour_on_the_vilnius_clock_in_winter_and_summer():
    utc = ("2025-03-30 00:59:59", "2025-03-30 01:00", "2025-10-26 00:30", "2025-10-26 01:30")
    for instant in (*utc, "2025-02-28 22:10"):
        started_at = datetime.datetime.fromisoformat(instant).replace(tzinfo=datetime.UTC)
        Consultation.objects.create(channel="phone", started_at=started_at)
    hours = sorted(Consultation.objects.values_list(UtcHour("started_at"), flat=True).order_by())
    assert [hour.astimezone(VILNIUS).hour for hour in hours] == [0, 2, 4, 3, 3]
    assert hours[0].isoformat() == "2025-02-28T22:00:00+00:00"
    assert hours[0].astimezone(VILNIUS).isoweekday() == 6
