"""Durations counted in the line's opening hours, and the percentiles reported of them."""

from __future__ import annotations

import bisect
import datetime
import itertools
import math
from collections.abc import Sequence

from linija.hours.calendar import LineCalendar

DAY = datetime.timedelta(days=1)


class OpenHours:
    """Seconds during which the line was open between two instants, by ``calendar``, for
    instants from ``first`` to ``last`` (days; closed outside them).

    The opening intervals of those days are laid out once as POSIX timestamps with the open
    seconds before each, so one duration is two binary searches, not a walk over the days.
    """

    def __init__(self, calendar: LineCalendar, first: datetime.date, last: datetime.date) -> None:
        self.opens: list[float] = []
        self.closes: list[float] = []
        day = first
        while day <= last:
            hours = calendar.day_hours(day)
            if hours is not None:
                self.opens.append(hours[0].timestamp())
                self.closes.append(hours[1].timestamp())
            day += DAY
        lengths = (close - open_ for open_, close in zip(self.opens, self.closes, strict=True))
        self.before = [0.0, *itertools.accumulate(lengths)]

    def _open_until(self, moment: float) -> float:
        """Open seconds from the first day's start to ``moment``."""
        index = bisect.bisect_right(self.opens, moment)
        if index == 0:
            return 0.0
        return self.before[index - 1] + min(moment, self.closes[index - 1]) - self.opens[index - 1]

    def between(self, start: float, end: float) -> int:
        """Open seconds between two POSIX timestamps (0 if ``end`` is not after ``start``)."""
        if end <= start:
            return 0
        return round(self._open_until(end) - self._open_until(start))

    def seconds(self, start: datetime.datetime, end: datetime.datetime) -> int:
        return self.between(start.timestamp(), end.timestamp())


def nearest_rank(values: Sequence[float], share: float) -> float | None:
    """The ``share`` percentile (0 < share ≤ 1) by the nearest-rank method: the smallest value
    that at least that share of ``values`` does not exceed. None for no values."""
    if not values:
        return None
    ordered = sorted(values)
    return ordered[max(math.ceil(share * len(ordered)), 1) - 1]
