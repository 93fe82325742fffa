"""The line's status as the public reads it: open until when, or when it opens next.

The texts are built when they are read, in the language active then, so one status object
serves a page in Lithuanian and a JSON answer in English alike.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.utils.translation import get_language, gettext, pgettext_lazy

from linija.hours.calendar import VILNIUS, LineCalendar

# "We open on Monday": Lithuanian needs the accusative (pirmadienį).
WEEKDAYS_ON = (
    pgettext_lazy("on which weekday", "Monday"),
    pgettext_lazy("on which weekday", "Tuesday"),
    pgettext_lazy("on which weekday", "Wednesday"),
    pgettext_lazy("on which weekday", "Thursday"),
    pgettext_lazy("on which weekday", "Friday"),
    pgettext_lazy("on which weekday", "Saturday"),
    pgettext_lazy("on which weekday", "Sunday"),
)
# "On 2 January": Lithuanian needs the genitive before the day number (sausio 2 d.).
MONTHS_OF_DAY = (
    pgettext_lazy("month of a date", "January"),
    pgettext_lazy("month of a date", "February"),
    pgettext_lazy("month of a date", "March"),
    pgettext_lazy("month of a date", "April"),
    pgettext_lazy("month of a date", "May"),
    pgettext_lazy("month of a date", "June"),
    pgettext_lazy("month of a date", "July"),
    pgettext_lazy("month of a date", "August"),
    pgettext_lazy("month of a date", "September"),
    pgettext_lazy("month of a date", "October"),
    pgettext_lazy("month of a date", "November"),
    pgettext_lazy("month of a date", "December"),
)
# Within this many days ahead the weekday names the day unambiguously.
WEEKDAY_NAMED_WITHIN = 6


def clock(moment: datetime) -> str:
    return f"{moment.astimezone(VILNIUS):%H:%M}"


def when_text(moment: datetime, *, now: datetime) -> str:
    """When, in words: today at 12:00, tomorrow at 12:00, on Monday at 12:00, on 2 January."""
    local = moment.astimezone(VILNIUS)
    days_ahead = (local.date() - now.astimezone(VILNIUS).date()).days
    time = clock(local)
    if days_ahead == 0:
        return gettext("today at %(time)s") % {"time": time}
    if days_ahead == 1:
        return gettext("tomorrow at %(time)s") % {"time": time}
    if 1 < days_ahead <= WEEKDAY_NAMED_WITHIN:
        weekday = WEEKDAYS_ON[local.weekday()]
        return gettext("on %(weekday)s at %(time)s") % {"weekday": weekday, "time": time}
    month = MONTHS_OF_DAY[local.month - 1]
    return gettext("on %(day)s %(month)s at %(time)s") % {
        "day": local.day,
        "month": month,
        "time": time,
    }


@dataclass(frozen=True)
class LineStatus:
    """Whether the line is open at ``now``; ``reason`` is the day's note for the public."""

    now: datetime
    is_open: bool
    closes_at: datetime | None
    next_opening: datetime | None
    calendar: LineCalendar

    @classmethod
    def at(cls, calendar: LineCalendar, now: datetime) -> LineStatus:
        closes_at = calendar.closes_at(now)
        return cls(
            now=now,
            is_open=closes_at is not None,
            closes_at=closes_at,
            next_opening=None if closes_at else calendar.next_opening(now),
            calendar=calendar,
        )

    @property
    def state(self) -> str:
        """The CSS class of the status: "open" or "closed"."""
        return "open" if self.is_open else "closed"

    @property
    def reason(self) -> str:
        day = self.now.astimezone(VILNIUS).date()
        return self.calendar.reason(day, get_language() or "lt")

    @property
    def text(self) -> str:
        if self.closes_at is not None:
            return gettext("Open until %(time)s") % {"time": clock(self.closes_at)}
        if self.next_opening is None:
            return gettext("Closed")
        return gettext("Closed — we open %(when)s") % {
            "when": when_text(self.next_opening, now=self.now)
        }

    def as_json(self) -> dict:
        return {
            "open": self.is_open,
            "text": self.text,
            "reason": self.reason,
            "closes_at": self.closes_at.isoformat() if self.closes_at else None,
            "next_opening": self.next_opening.isoformat() if self.next_opening else None,
        }


def next_opening_text(calendar: LineCalendar, now: datetime) -> str:
    """The line's next opening after ``now`` in words (We open on Monday at 12:00)."""
    opening = calendar.next_opening(now)
    if opening is None:
        return ""
    return gettext("We open %(when)s") % {"when": when_text(opening, now=now)}
