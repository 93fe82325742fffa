"""When the line is open: the weekly schedule, Lithuanian public holidays, the shorter working
day before a holiday and the administrator's exceptions, with no database in sight.

Every instant is an aware ``datetime``; it is read in Europe/Vilnius, and every answer is an
aware datetime in that zone, so the daylight saving changes need no special care by callers.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from types import MappingProxyType
from zoneinfo import ZoneInfo

import holidays

VILNIUS = ZoneInfo("Europe/Vilnius")
# How far ahead ``next_opening`` looks before it gives up.
SEARCH_DAYS = 400
# Labour Code art. 112(5): the working day before a public holiday is one hour shorter.
PRE_HOLIDAY_SHORTENING = timedelta(hours=1)
HOLIDAY_LANGUAGES = {"lt": "lt", "en": "en_US"}


@lru_cache(maxsize=64)
def lithuanian_holidays(year: int, language: str = "lt") -> Mapping[date, str]:
    """The public holidays of one year with their names in ``language`` ("lt" or "en")."""
    names = holidays.country_holidays(
        "LT", years=year, language=HOLIDAY_LANGUAGES.get(language.split("-")[0], "lt")
    )
    return MappingProxyType(dict(names.items()))


@dataclass(frozen=True)
class DayException:
    """An administrator's decision for one date: closed, or open at other hours."""

    closed: bool
    opens: time | None = None
    closes: time | None = None
    reason: str = ""


def _at(day: date, wall: time) -> datetime:
    """The instant a Vilnius wall clock shows ``wall`` on ``day``.

    A wall time skipped by the spring change moves forward by the gap, as in Java and
    JavaScript; in the autumn the repeated hour is read the first time it is shown.
    """
    return datetime.combine(day, wall, tzinfo=VILNIUS).astimezone(UTC).astimezone(VILNIUS)


class LineCalendar:
    """The line's opening hours, built from a weekly schedule and the exceptions."""

    def __init__(
        self,
        *,
        schedule: Mapping[int, tuple[time, time]],
        exceptions: Mapping[date, DayException] | None = None,
    ) -> None:
        self.schedule = dict(schedule)
        self.exceptions = dict(exceptions or {})

    def holiday_name(self, day: date, language: str = "lt") -> str | None:
        return lithuanian_holidays(day.year, language).get(day)

    def is_holiday(self, day: date) -> bool:
        return day in lithuanian_holidays(day.year)

    def is_pre_holiday(self, day: date) -> bool:
        """A scheduled working day, not a holiday itself, whose next day is a holiday."""
        return (
            day.weekday() in self.schedule
            and not self.is_holiday(day)
            and self.is_holiday(day + timedelta(days=1))
        )

    def wall_hours(self, day: date) -> tuple[time, time] | None:
        """The opening and closing wall-clock times of ``day``, or None when it is closed."""
        exception = self.exceptions.get(day)
        if exception is not None:
            if exception.closed:
                return None
            return exception.opens, exception.closes
        if self.is_holiday(day) or day.weekday() not in self.schedule:
            return None
        opens, closes = self.schedule[day.weekday()]
        if self.is_pre_holiday(day):
            shortened = datetime.combine(day, closes) - PRE_HOLIDAY_SHORTENING
            if shortened.date() != day or shortened.time() <= opens:
                return None
            closes = shortened.time()
        return opens, closes

    def day_hours(self, day: date) -> tuple[datetime, datetime] | None:
        """The instants the line opens and closes on ``day`` (Vilnius), or None if closed."""
        wall = self.wall_hours(day)
        if wall is None:
            return None
        opens, closes = _at(day, wall[0]), _at(day, wall[1])
        if closes <= opens:
            return None
        return opens, closes

    def reason(self, day: date, language: str = "lt") -> str:
        """What the public is told about ``day``: the exception's reason or the holiday."""
        exception = self.exceptions.get(day)
        if exception is not None:
            return exception.reason
        return self.holiday_name(day, language) or ""

    def is_open(self, at: datetime) -> bool:
        return self.closes_at(at) is not None

    def closes_at(self, at: datetime) -> datetime | None:
        """When the line closes, if it is open at ``at``; otherwise None."""
        hours = self.day_hours(at.astimezone(VILNIUS).date())
        if hours is not None and hours[0] <= at < hours[1]:
            return hours[1]
        return None

    def next_opening(self, at: datetime) -> datetime | None:
        """The first moment strictly after ``at`` when the line opens (None if none is near)."""
        day = at.astimezone(VILNIUS).date()
        for offset in range(SEARCH_DAYS + 1):
            hours = self.day_hours(day + timedelta(days=offset))
            if hours is not None and hours[0] > at:
                return hours[0]
        return None
