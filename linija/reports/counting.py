"""How a report counts: the records it counts, and every figure, counted by the database.

Every count is one SQL aggregation (``values().annotate(Count)``, conditional counts);
Python only adds up and puts in order the few aggregated rows. The exception is the time to a
first answer, which is counted in opening hours from each conversation's two instants. On
PostgreSQL the whole report makes its few passes over the period's rows at once
(``Scope.prefetch``).

A report of every record of a period (no filter but the period and the channel) adds up the
days' stored counts (``DayTally``, ``reports.counts``, a channel's apart) instead of counting
the records, and counts itself only the days whose records changed since they were stored; a
report filtered by more counts the records.
"""

from __future__ import annotations

import datetime
from concurrent.futures import ThreadPoolExecutor
from functools import cached_property
from typing import Any

from django.db import connections, transaction
from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Sum

from linija.consultations.models import (
    Channel,
    Consultation,
    Conversation,
    ConversationStatus,
    Kind,
    Status,
    Topic,
)
from linija.hours.calendar import VILNIUS, LineCalendar
from linija.hours.models import HoursException, WeeklyHours
from linija.reports import providers
from linija.reports.counts import TAXONOMY_FIELDS, Counts
from linija.reports.expressions import AmongIds, Epoch, Joined, SecondsBetween, UtcHour
from linija.reports.filters import ReportFilter
from linija.reports.models import DayTally
from linija.reports.timing import OpenHours

TopicLink = Consultation.topics.through
TEXT_CHANNELS = (Channel.CHAT, Channel.EMAIL)
COUNSELLING = Q(kind=Kind.COUNSELLING)


def records(report: ReportFilter) -> QuerySet[Consultation]:
    """The completed records the report counts: started in the period, matching the filters."""
    found = Consultation.objects.filter(
        status=Status.COMPLETED, started_at__gte=report.since, started_at__lt=report.until
    )
    if report.channel:
        found = found.filter(channel=report.channel)
    for name in ("caller_category", "municipality", "specialist", "outcome"):
        value = getattr(report, name)
        if value is not None:
            found = found.filter(**{name: value})
    if report.topic is not None:
        about = TopicLink.objects.filter(consultation_id=OuterRef("pk")).filter(
            Q(topic=report.topic) | Q(topic__parent=report.topic)
        )
        found = found.filter(Exists(about))
    return found.order_by()


class Scope:
    """One report being counted: its filter, and the channels' figures asked for once."""

    # The passes over the period's rows, independent of each other: ``prefetch`` runs them at
    # once, each on its own database connection (``waits`` reads the conversations first).
    PASSES = ("groups", "taxonomies", "waits", "topic_sets", "hours")
    # Those a report of every record makes: its counts are the days' tallies.
    TALLIED_PASSES = ("waits",)
    # The databases on which it does. Not SQLite: its Python module lets go of the GIL for
    # every row it steps through and takes it back, and the threads then wait on each other
    # (the yearly report measured as fast or slower with the threads, on two busy cores).
    CONCURRENT_ON = ("postgresql",)

    def __init__(self, report: ReportFilter, *, tallied: bool | None = None) -> None:
        """``tallied``: add up the days' tallies (the default for a report narrowed by nothing
        but its period and channel) or count the records."""
        self.report = report
        self.tallied = not report.is_narrowed if tallied is None else tallied

    def prefetch(self) -> None:
        """Make every pass of ``PASSES`` at once, in threads on connections of their own (the
        database counts without holding the GIL): the whole report takes about as long as
        its longest pass, given free cores. Not inside a transaction, whose rows other
        connections may not see, nor on databases not in ``CONCURRENT_ON``: there each pass
        runs when a table first needs it."""
        connection = transaction.get_connection()
        if connection.vendor not in self.CONCURRENT_ON or connection.in_atomic_block:
            return
        passes = self.TALLIED_PASSES if self.tallied else self.PASSES
        with ThreadPoolExecutor(max_workers=len(passes)) as pool:
            list(pool.map(self._pass_apart, passes))

    def _pass_apart(self, name: str) -> None:
        try:
            getattr(self, name)
        finally:
            connections.close_all()  # this thread's connections only

    @cached_property
    def groups(self) -> list[dict[str, Any]]:
        """The records counted by channel, kind and contact order in one pass: the summary,
        the channels, first and repeat contacts, talk time and the non-counselling contacts
        are all sums of these few rows.

        Grouped by kind first: grouped by channel first, SQLite would walk the channel index
        (its rows in channel order) and read every record from the table instead of the
        covering report index, several times slower."""
        return list(
            records(self.report)
            .values("kind", "channel", "contact_order")
            .annotate(
                n=Count("id"),
                referred=Count("id", filter=Q(referral_target__isnull=False)),
                timed=Count("id", filter=Q(ended_at__isnull=False)),
                talk=Sum(SecondsBetween("started_at", "ended_at")),
                wrapped=Count("id", filter=Q(ended_at__isnull=False, completed_at__isnull=False)),
                wrapup=Sum(SecondsBetween("ended_at", "completed_at")),
            )
            .order_by()
        )

    @cached_property
    def taxonomies(self) -> list[tuple[Any, ...]]:
        """The counselling records counted by caller category, municipality, outcome and
        referral target together: one pass over the records for four tables (some thousand
        rows, 8,000 for the busiest year of a million records; added up by ``counted``)."""
        return list(
            records(self.report)
            .filter(COUNSELLING)
            .values_list(*TAXONOMY_FIELDS)
            .annotate(n=Count("id"))
            .order_by()
        )

    @cached_property
    def counts(self) -> Counts:
        """The period's counts: the days' tallies added up, or the passes over the records."""
        if self.tallied:
            return tallied_counts(self.report)
        return Counts.of_passes(
            groups=self.groups,
            taxonomies=self.taxonomies,
            topic_sets=self.topic_sets,
            hours=self.hours,
            group_of={pk: parent or pk for pk, parent in Topic.objects.values_list("pk", "parent")},
        )

    def counted(self, field: str) -> dict[Any, int]:
        """The counselling records by the value of ``field`` (one of ``TAXONOMY_FIELDS``)."""
        return dict(self.counts.taxonomies[field])

    @cached_property
    def _group_rows(self) -> list[dict[str, Any]]:
        return self.counts.group_rows()

    def total(self, name: str = "n", **match: Any) -> float:
        """The sum of ``name`` over the groups matching ``match`` (``counselling=True`` for
        the counselling kind, ``False`` for every other)."""
        counselling = match.pop("counselling", None)
        return sum(
            group[name] or 0
            for group in self._group_rows
            if all(group[key] == value for key, value in match.items())
            and (counselling is None or (group["kind"] == Kind.COUNSELLING) == counselling)
        )

    @cached_property
    def topic_sets(self) -> list[tuple[str, int]]:
        """The counselling records counted by their set of topics, the topic ids joined by
        commas (one to three topics make some thousand sets): one pass over the topic links
        for the counts by topic and the counts by group, a record counted once per group."""
        per_record = (
            TopicLink.objects.filter(
                AmongIds("consultation_id", records(self.report).filter(COUNSELLING).values("pk"))
            )
            .values("consultation_id")
            .annotate(topics=Joined("topic_id"))
            .values("topics")
            .order_by()
        )
        sql, params = per_record.query.get_compiler(using=per_record.db).as_sql()
        with connections[per_record.db].cursor() as cursor:
            # ``sql`` is Django's own compiled query, its values all in ``params``.
            grouped = f"SELECT topics, COUNT(*) FROM ({sql}) AS sets GROUP BY topics"  # noqa: S608
            cursor.execute(grouped, params)
            return cursor.fetchall()

    @cached_property
    def hours(self) -> list[tuple[datetime.datetime, int]]:
        """The records counted by the UTC hour they started in."""
        return list(
            records(self.report)
            .values_list(UtcHour("started_at"))
            .annotate(n=Count("id"))
            .order_by()
        )

    @cached_property
    def conversations(self) -> list[tuple[str, str, float, float | None]]:
        """The chat and e-mail conversations begun in the period, on the channels the report
        shows: channel, status, begun and first answered (POSIX seconds; None when no
        specialist wrote). One pass for the answered and missed figures and for the time to
        the first answer."""
        report = self.report
        channels = text_channels(report)
        if not channels:
            return []
        return _raw_rows(
            Conversation.objects.filter(
                channel__in=channels,
                created_at__gte=report.since,
                created_at__lt=report.until,
            )
            .order_by()
            .values_list("channel", "status", Epoch("created_at"), Epoch("first_answered_at"))
        )

    @cached_property
    def waits(self) -> dict[str, list[int]]:
        """The answered conversations' waits for their first answer in opening hours
        (seconds), by channel value."""
        report = self.report
        answered = [
            (channel, created_at, answered_at)
            for channel, _status, created_at, answered_at in self.conversations
            if answered_at is not None
        ]
        latest = max((answered_at for _channel, _created, answered_at in answered), default=0.0)
        last_day = max(
            report.end,
            datetime.datetime.fromtimestamp(latest, VILNIUS).date() if latest else report.end,
        )
        hours = OpenHours(report_calendar(report.start), report.start, last_day)
        waits: dict[str, list[int]] = {channel.value: [] for channel in text_channels(report)}
        for channel, created_at, answered_at in answered:
            waits[channel].append(hours.between(created_at, answered_at))
        return waits

    @cached_property
    def figures(self) -> dict[str, int]:
        """The channels' figures, and the chat and e-mail conversations' own."""
        figures = providers.report_figures(
            since=self.report.since, until=self.report.until, records=records(self.report)
        )
        for key, value in conversation_figures(self.report, self.conversations).items():
            figures[key] = figures.get(key, 0) + value
        return figures


def _raw_rows(queryset: QuerySet) -> list[tuple[Any, ...]]:
    """The rows of ``values_list`` as the database returns them, without Django's converter
    call per value: for many rows of plain text and numbers."""
    sql, params = queryset.query.get_compiler(using=queryset.db).as_sql()
    with connections[queryset.db].cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def tallied_counts(report: ReportFilter) -> Counts:
    """The counts of every completed record of the period (of the report's channel): the
    days' stored tallies added up; the days found stale or without a tally counted from their
    records, a run of consecutive days at a time."""
    counts = Counts()
    fresh = set()
    tallies = DayTally.objects.filter(
        day__gte=report.start, day__lte=report.end, figures__isnull=False
    )
    if report.channel:
        for day, by_channel in tallies.values_list("day", "by_channel"):
            if report.channel in by_channel:
                counts.add_stored(by_channel[report.channel])
            fresh.add(day)
    else:
        for day, figures in tallies.values_list("day", "figures"):
            counts.add_stored(figures)
            fresh.add(day)
    for first, last in _runs_without(fresh, report.start, report.end):
        run = ReportFilter(start=first, end=last, channel=report.channel)
        counts.add(Scope(run, tallied=False).counts)
    return counts


def _runs_without(
    days: set[datetime.date], start: datetime.date, end: datetime.date
) -> list[tuple[datetime.date, datetime.date]]:
    """The runs of consecutive days from ``start`` to ``end`` not among ``days``."""
    runs: list[tuple[datetime.date, datetime.date]] = []
    day = start
    while day <= end:
        if day not in days:
            if runs and runs[-1][1] == day - datetime.timedelta(days=1):
                runs[-1] = (runs[-1][0], day)
            else:
                runs.append((day, day))
        day += datetime.timedelta(days=1)
    return runs


def day_figures(day: datetime.date) -> dict[str, dict[str, Any]]:
    """The counts of the day's completed records on each channel that has some (``Counts``,
    stored), counted from the records."""
    figures = {}
    on_the_day = records(ReportFilter(start=day, end=day))
    for channel in on_the_day.values_list("channel", flat=True).distinct().order_by("channel"):
        report = ReportFilter(start=day, end=day, channel=channel)
        figures[channel] = Scope(report, tallied=False).counts.as_stored()
    return figures


def drafts_count(report: ReportFilter) -> int:
    """Records of the period still in draft: not counted until they are completed."""
    return Consultation.objects.filter(
        status=Status.DRAFT, started_at__gte=report.since, started_at__lt=report.until
    ).count()


def selected_channels(report: ReportFilter) -> list[Channel]:
    return [channel for channel in Channel if not report.channel or channel == report.channel]


def text_channels(report: ReportFilter) -> list[Channel]:
    return [channel for channel in selected_channels(report) if channel in TEXT_CHANNELS]


def report_calendar(start: datetime.date) -> LineCalendar:
    """The line's calendar with every exception from the day before ``start`` on."""
    schedule = {row.weekday: (row.opens, row.closes) for row in WeeklyHours.objects.all()}
    exceptions = {
        row.date: row.as_day_exception()
        for row in HoursException.objects.filter(date__gte=start - datetime.timedelta(days=1))
    }
    return LineCalendar(schedule=schedule, exceptions=exceptions)


def conversation_figures(
    report: ReportFilter, conversations: list[tuple[str, str, float, float | None]]
) -> dict[str, int]:
    """Chat and e-mail conversations begun in the period (``Scope.conversations``): answered
    (a specialist wrote), and missed (closed without a specialist's message)."""
    figures = {}
    for channel in text_channels(report):
        figures[f"answered.{channel.value}"] = figures[f"missed.{channel.value}"] = 0
    for channel, status, _created_at, answered_at in conversations:
        if answered_at is not None:
            figures[f"answered.{channel}"] += 1
        elif status == ConversationStatus.CLOSED:
            figures[f"missed.{channel}"] += 1
    return figures
