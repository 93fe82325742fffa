"""The period and the filters a report is counted with, independent of any form."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from linija.consultations.models import Channel
from linija.hours.calendar import VILNIUS


class Preset:
    DAY = "day"
    WEEK = "week"
    MONTH = "month"
    QUARTER = "quarter"
    YEAR = "year"
    CUSTOM = "custom"
    PROJECT = "project"


def month_start(day: datetime.date) -> datetime.date:
    return day.replace(day=1)


def month_end(day: datetime.date) -> datetime.date:
    following = (day.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)
    return following - datetime.timedelta(days=1)


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day ``months`` later (earlier if negative), cut to the month's last day."""
    index = day.year * 12 + day.month - 1 + months
    first = datetime.date(index // 12, index % 12 + 1, 1)
    return first.replace(day=min(day.day, month_end(first).day))


def preset_bounds(preset: str, on: datetime.date) -> tuple[datetime.date, datetime.date]:
    """The first and last day of the day, ISO week, month, quarter or year holding ``on``."""
    if preset == Preset.DAY:
        return on, on
    if preset == Preset.WEEK:
        monday = on - datetime.timedelta(days=on.weekday())
        return monday, monday + datetime.timedelta(days=6)
    if preset == Preset.MONTH:
        return month_start(on), month_end(on)
    if preset == Preset.QUARTER:
        first = datetime.date(on.year, (on.month - 1) // 3 * 3 + 1, 1)
        return first, month_end(add_months(first, 2))
    if preset == Preset.YEAR:
        return datetime.date(on.year, 1, 1), datetime.date(on.year, 12, 31)
    raise ValueError(f"Not a preset period: {preset}")


def local_midnight(day: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(), tzinfo=VILNIUS)


@dataclass(frozen=True)
class ReportFilter:
    """Completed records started from ``start`` to ``end`` (both days included, Vilnius time),
    narrowed by the optional taxonomy entries, channel and specialist."""

    start: datetime.date
    end: datetime.date
    period_label: str = ""
    channel: str = ""
    caller_category: Any = None
    topic: Any = None
    municipality: Any = None
    specialist: Any = None
    outcome: Any = None
    query: dict[str, str] = field(default_factory=dict, compare=False)

    @property
    def since(self) -> datetime.datetime:
        """The first instant counted."""
        return local_midnight(self.start)

    @property
    def until(self) -> datetime.datetime:
        """The first instant no longer counted."""
        return local_midnight(self.end + datetime.timedelta(days=1))

    @property
    def is_narrowed(self) -> bool:
        """True when the report counts less than every record of its period and channel."""
        return any(
            getattr(self, name) is not None
            for name in ("caller_category", "topic", "municipality", "specialist", "outcome")
        )

    def describe(self) -> list[tuple[str, str]]:
        """The filter in words, as (label, value) pairs, for the page, the exports and audit."""
        dates = f"{self.start:%Y-%m-%d} – {self.end:%Y-%m-%d}"
        rows = [(_("Period"), f"{self.period_label} ({dates})" if self.period_label else dates)]
        if self.channel:
            rows.append((_("Channel"), str(Channel(self.channel).label)))
        if self.caller_category is not None:
            rows.append((_("Caller category"), str(self.caller_category)))
        if self.topic is not None:
            rows.append((_("Topic"), self.topic.full_name))
        if self.municipality is not None:
            rows.append((_("Municipality"), str(self.municipality)))
        if self.outcome is not None:
            rows.append((_("Outcome"), str(self.outcome)))
        if self.specialist is not None:
            rows.append((_("Specialist"), specialist_name(self.specialist)))
        return rows


def specialist_name(user: Any) -> str:
    return user.get_full_name() or user.get_username()
