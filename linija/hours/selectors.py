"""Reads of the hours app: the line's calendar from the database and its public status."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from django.utils import timezone

from linija.hours import status
from linija.hours.calendar import SEARCH_DAYS, VILNIUS, LineCalendar
from linija.hours.models import HoursException, WeeklyHours


def line_calendar(*, start: date | None = None) -> LineCalendar:
    """The calendar with the exceptions from the day before ``start`` (default: today in
    Vilnius) to the end of the ``next_opening`` search: answers are right in that window."""
    start = start or timezone.localdate(timezone=VILNIUS)
    schedule = {row.weekday: (row.opens, row.closes) for row in WeeklyHours.objects.all()}
    exceptions = {
        row.date: row.as_day_exception()
        for row in HoursException.objects.filter(
            date__gte=start - timedelta(days=1),
            date__lte=start + timedelta(days=SEARCH_DAYS + 1),
        )
    }
    return LineCalendar(schedule=schedule, exceptions=exceptions)


def _calendar_at(now: datetime | None) -> tuple[LineCalendar, datetime]:
    now = now or timezone.now()
    return line_calendar(start=now.astimezone(VILNIUS).date()), now


def line_status(now: datetime | None = None) -> status.LineStatus:
    """Whether the line is open at ``now`` (default: this moment), for the public."""
    calendar, now = _calendar_at(now)
    return status.LineStatus.at(calendar, now)


def next_opening_text(now: datetime | None = None) -> str:
    """The next opening in words, e.g. for chat and e-mail auto-replies; "" if none near."""
    calendar, now = _calendar_at(now)
    return status.next_opening_text(calendar, now)
