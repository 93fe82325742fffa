"""Reads of the public site: its pages and the line's hours for the week ahead."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import get_language

from linija.hours.selectors import line_calendar
from linija.site.models import Page


@dataclass(frozen=True)
class DayHours:
    day: date
    opens: datetime | None
    closes: datetime | None
    reason: str

    @property
    def is_open(self) -> bool:
        return self.opens is not None


def page_get(*, slug: str) -> Page:
    return get_object_or_404(Page, slug=slug)


def week_hours(*, start: date | None = None, days: int = 7) -> list[DayHours]:
    """The line's opening hours for ``days`` days from ``start`` (today in Vilnius), with the
    public reason of a closure or of changed hours in the active language."""
    first = start or timezone.localdate()
    calendar = line_calendar(start=first)
    language = get_language() or "lt"
    week = []
    for offset in range(days):
        day = first + timedelta(days=offset)
        opens, closes = calendar.day_hours(day) or (None, None)
        week.append(DayHours(day, opens, closes, calendar.reason(day, language)))
    return week
