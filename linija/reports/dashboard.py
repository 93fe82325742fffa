"""The supervisors' dashboard: today's figures and this month against the months before."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from linija.consultations.models import (
    Channel,
    ContactOrder,
    Conversation,
    ConversationStatus,
)
from linija.hours.calendar import VILNIUS
from linija.reports import providers
from linija.reports.counting import TEXT_CHANNELS, Scope
from linija.reports.filters import ReportFilter, add_months, month_end
from linija.reports.tables import Column, Row, Table


def conversation_dashboard_figures(*, now: datetime.datetime) -> dict[str, int]:
    """Chat and e-mail now: waiting for a first answer, being handled, and today's answered
    (first answer today) and missed (begun today, closed without an answer)."""
    since, until = providers.today_bounds(now)
    conversations = Conversation.objects.filter(channel__in=TEXT_CHANNELS)
    figures = conversations.aggregate(
        waiting=Count("id", filter=Q(status=ConversationStatus.NEW)),
        active=Count("id", filter=Q(status=ConversationStatus.OPEN)),
        answered=Count("id", filter=Q(first_answered_at__gte=since, first_answered_at__lt=until)),
        missed=Count(
            "id",
            filter=Q(
                created_at__gte=since,
                created_at__lt=until,
                status=ConversationStatus.CLOSED,
                first_answered_at__isnull=True,
            ),
        ),
    )
    return figures


@dataclass(frozen=True)
class Figure:
    key: str
    label: str
    value: int | None  # None: no channel records it yet


DASHBOARD_LABELS = {
    "waiting": gettext_lazy("Waiting for an answer"),
    "active": gettext_lazy("Being handled"),
    "answered": gettext_lazy("Answered today"),
    "missed": gettext_lazy("Missed today"),
    "callbacks_due": gettext_lazy("Call-backs due"),
    "specialists_online": gettext_lazy("Specialists online"),
    "stalled": gettext_lazy("Background services needing attention"),
}


def dashboard_today(*, now: datetime.datetime | None = None) -> list[Figure]:
    """Today's figures: the channels' counts and the records completed today."""
    now = now or timezone.now()
    figures = providers.dashboard_figures(now=now)
    today = timezone.localdate(now, timezone=VILNIUS)
    completed = Scope(ReportFilter(start=today, end=today)).total()
    return [
        *(
            Figure(key, str(DASHBOARD_LABELS[key]), figures.get(key))
            for key in providers.DASHBOARD_KEYS
        ),
        Figure("records", _("Records completed today"), completed),
    ]


# The rows of the comparison: what ``Scope.total`` adds up for each.
COMPARED = (
    ("total", gettext_lazy("All contacts"), {}),
    ("counselling", gettext_lazy("Counselling contacts"), {"counselling": True}),
    ("non_counselling", gettext_lazy("Non-counselling contacts"), {"counselling": False}),
    *(
        (f"channel_{channel.value}", channel.label, {"channel": channel.value})
        for channel in Channel
    ),
    (
        "first",
        gettext_lazy("First contacts"),
        {"counselling": True, "contact_order": ContactOrder.FIRST},
    ),
    (
        "repeat",
        gettext_lazy("Repeat contacts"),
        {"counselling": True, "contact_order": ContactOrder.REPEAT},
    ),
    ("referred", gettext_lazy("Referrals"), {"name": "referred", "counselling": True}),
)


def _month_to_day(month: datetime.date, day: int) -> tuple[datetime.date, datetime.date]:
    return month, month.replace(day=min(day, month_end(month).day))


def _change(now: int, before: int) -> float | None:
    return round(100.0 * (now - before) / before, 1) if before else None


def month_comparison(*, today: datetime.date | None = None) -> Table:
    """This month so far against the same days of last month and of this month a year ago."""
    today = today or timezone.localdate(timezone=VILNIUS)
    this_month = today.replace(day=1)
    periods = [
        _month_to_day(this_month, today.day),
        _month_to_day(add_months(this_month, -1), today.day),
        _month_to_day(add_months(this_month, -12), today.day),
    ]
    scopes = [Scope(ReportFilter(start=first, end=last)) for first, last in periods]
    counted = [{key: scope.total(**match) for key, _label, match in COMPARED} for scope in scopes]
    rows = tuple(
        Row(
            str(label),
            (
                counted[0][key],
                counted[1][key],
                counted[2][key],
                _change(counted[0][key], counted[1][key]),
                _change(counted[0][key], counted[2][key]),
            ),
        )
        for key, label, _match in COMPARED
    )
    return Table(
        key="comparison",
        title=_("This month against last month and a year ago"),
        sheet=_("Month comparison"),
        row_header=_("Completed records"),
        columns=(
            *(Column(f"{first:%Y-%m} ({first.day}–{last.day})") for first, last in periods),
            Column(_("Change against last month, %"), "percent"),
            Column(_("Change against a year ago, %"), "percent"),
        ),
        rows=rows,
        note=_("Each month is counted to the same day of the month, so that they compare fairly."),
    )
