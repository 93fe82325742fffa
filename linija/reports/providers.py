"""How the channels put their figures into the reports without the reports reading their tables.

An app names functions on its AppConfig (dotted paths, like the inbox's ``inbox_items``):

``dashboard_figures = "linija.<app>.selectors.dashboard_figures"``
    ``(*, now: datetime) -> Mapping[str, int]``: counts for the dashboard at ``now``, under the
    keys of ``DASHBOARD_KEYS``: ``waiting`` (people waiting for a first answer now), ``active``
    (contacts being handled now), ``answered`` / ``missed`` (today, Vilnius time),
    ``callbacks_due`` (call-backs due by now, not yet made), ``specialists_online``,
    ``stalled`` (the health page's checks failing now: a stalled fetch or outbox, a silent
    worker; ``linija.health``).

``report_figures = "linija.<app>.selectors.report_figures"``
    ``(*, since: datetime, until: datetime, records: QuerySet[Consultation]) -> Mapping[str, int]``
    for the statistics of the period ``since`` ≤ t < ``until``:

    - ``answered.<channel>`` and ``missed.<channel>``: contacts on that channel that began in
      the period and were answered, or given up without an answer (a missed call, a chat left
      before anybody replied). A channel reports only its own keys.
    - ``survey.invited``, ``survey.answered``, ``survey.positive``: satisfaction surveys offered,
      answered, and answered positively, for contacts whose record is in ``records`` (the
      completed records of the period, narrowed by every filter of the report).

``dashboard_events = ("chat.presence_changed", …)``
    staff-socket events after which the dashboard asks for fresh figures, besides the inbox's
    (``inbox_events``), which it always listens to.

The reports app itself counts the chat and e-mail ``answered``/``missed`` keys of a period
from the conversations (in one pass with the time to the first answer), and provides their
``waiting``/``active``/``answered``/``missed`` of the dashboard through the hook. Values of
the same key from several apps are added up; a key no app provides is shown as "not
recorded", never as 0. ``today_bounds`` gives a provider the day its ``answered``/``missed``
count.
"""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Callable, Mapping
from typing import Any

from django.apps import apps
from django.utils import timezone
from django.utils.module_loading import import_string

from linija.hours.calendar import VILNIUS
from linija.inbox.items import inbox_refresh_events
from linija.reports.filters import local_midnight

DASHBOARD_KEYS = (
    "waiting",
    "active",
    "answered",
    "missed",
    "callbacks_due",
    "specialists_online",
    "stalled",
)


def _providers(attribute: str) -> list[Callable[..., Mapping[str, int]]]:
    return [
        import_string(getattr(config, attribute))
        for config in apps.get_app_configs()
        if getattr(config, attribute, None)
    ]


def _added(attribute: str, **arguments: Any) -> dict[str, int]:
    totals: Counter[str] = Counter()
    for provider in _providers(attribute):
        for key, value in provider(**arguments).items():
            totals[key] += int(value)
    return dict(totals)


def dashboard_figures(*, now: datetime.datetime) -> dict[str, int]:
    """Every app's dashboard counts at ``now``, added up by key."""
    return _added("dashboard_figures", now=now)


def report_figures(
    *, since: datetime.datetime, until: datetime.datetime, records: Any
) -> dict[str, int]:
    """Every app's counts for the period, added up by key."""
    return _added("report_figures", since=since, until=until, records=records)


def dashboard_events() -> tuple[str, ...]:
    """The staff events after which the dashboard re-reads its figures: the inbox's and every
    app's ``dashboard_events``."""
    extra = [
        event
        for config in apps.get_app_configs()
        for event in getattr(config, "dashboard_events", ())
    ]
    return tuple(dict.fromkeys([*inbox_refresh_events(), *extra]))


def today_bounds(now: datetime.datetime) -> tuple[datetime.datetime, datetime.datetime]:
    """The Vilnius day of ``now``: its first instant and the next day's."""
    today = timezone.localdate(now, timezone=VILNIUS)
    return local_midnight(today), local_midnight(today + datetime.timedelta(days=1))
