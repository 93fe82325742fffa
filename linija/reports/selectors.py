"""Reads of the reports: who may see them, and every figure, counted by the database.

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
import statistics
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from django.db import connections, transaction
from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Sum
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from linija.accounts.selectors import is_supervisor
from linija.consultations.models import (
    CallerCategory,
    Channel,
    Consultation,
    ContactOrder,
    Conversation,
    ConversationStatus,
    Kind,
    Municipality,
    Outcome,
    ReferralTarget,
    Status,
    Taxonomy,
    Topic,
)
from linija.hours.calendar import VILNIUS, LineCalendar
from linija.hours.models import HoursException, Weekday, WeeklyHours
from linija.reports import providers
from linija.reports.counts import TAXONOMY_FIELDS, Counts
from linija.reports.expressions import AmongIds, Epoch, Joined, SecondsBetween, UtcHour
from linija.reports.filters import ReportFilter, add_months, local_midnight, month_end
from linija.reports.models import DayTally, ExportJob
from linija.reports.tables import Chart, Column, Row, Table, share
from linija.reports.timing import OpenHours, nearest_rank

TopicLink = Consultation.topics.through
SATISFACTION_TARGET = 95.0
TEXT_CHANNELS = (Channel.CHAT, Channel.EMAIL)
COUNSELLING = Q(kind=Kind.COUNSELLING)


def access_reports(user: Any) -> None:
    """Only supervisors and administrators see reports: ``Http404`` for everybody else."""
    if not is_supervisor(user):
        raise Http404


# --- The records counted ----------------------------------------------------------------------


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
        channels = _text_channels(report)
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
        waits: dict[str, list[int]] = {channel.value: [] for channel in _text_channels(report)}
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


def _entries(model: type[Taxonomy], counted: dict[Any, int]) -> QuerySet:
    return model.objects.filter(Q(active=True) | Q(pk__in=[pk for pk in counted if pk]))


SHARE_OF_COUNSELLING = Column(gettext_lazy("Share of counselling contacts, %"), "percent")


def _taxonomy_table(
    *,
    key: str,
    title: str,
    row_header: str,
    model: type[Taxonomy],
    counted: dict[Any, int],
    whole: int,
    share_column: Column,
    chart: Chart | None,
    note: str = "",
) -> Table:
    rows = [
        Row(str(entry), (counted.get(entry.pk, 0), share(counted.get(entry.pk, 0), whole)))
        for entry in _entries(model, counted)
    ]
    if counted.get(None):
        rows.append(Row(_("Not stated"), (counted[None], share(counted[None], whole))))
    counted_total = sum(counted.values())
    return Table(
        key=key,
        title=title,
        row_header=row_header,
        columns=(Column(_("Contacts")), share_column),
        rows=tuple(rows),
        total=Row(_("Total"), (counted_total, share(counted_total, whole))),
        chart=chart,
        note=note,
    )


# --- The tables -------------------------------------------------------------------------------


def summary_table(scope: Scope) -> Table:
    total = scope.total()
    counselling = scope.total(counselling=True)
    rows = (
        Row(_("All contacts"), (total,)),
        Row(_("Counselling contacts"), (counselling,)),
        Row(_("Non-counselling contacts"), (total - counselling,)),
        Row(
            _("First contacts"), (scope.total(counselling=True, contact_order=ContactOrder.FIRST),)
        ),
        Row(
            _("Repeat contacts"),
            (scope.total(counselling=True, contact_order=ContactOrder.REPEAT),),
        ),
        Row(_("Referrals"), (scope.total("referred", counselling=True),)),
    )
    return Table(
        key="summary",
        title=_("Summary"),
        row_header=_("Figure"),
        columns=(Column(_("Contacts")),),
        rows=rows,
    )


def channel_table(scope: Scope) -> Table:
    rows = []
    for channel in Channel:
        counselling = scope.total(channel=channel.value, counselling=True)
        other = scope.total(channel=channel.value, counselling=False)
        rows.append(Row(str(channel.label), (counselling, other, counselling + other)))
    sums = tuple(sum(row.values[index] for row in rows) for index in range(3))
    return Table(
        key="channel",
        title=_("Contacts by channel"),
        row_header=_("Channel"),
        columns=(
            Column(_("Counselling")),
            Column(_("Non-counselling")),
            Column(_("All contacts")),
        ),
        rows=tuple(rows),
        total=Row(_("Total"), sums),
        chart=Chart("barh", series=(0, 1), stacked=True),
    )


def caller_category_table(scope: Scope) -> Table:
    counted = scope.counted("caller_category_id")
    return _taxonomy_table(
        key="caller_category",
        title=_("Counselling contacts by caller category"),
        row_header=_("Caller category"),
        model=CallerCategory,
        counted=counted,
        whole=sum(counted.values()),
        share_column=SHARE_OF_COUNSELLING,
        chart=Chart("barh"),
    )


def topic_table(scope: Scope) -> Table:
    topics = list(Topic.objects.all())
    by_topic, by_group = scope.counts.topics, scope.counts.topic_groups
    whole = scope.total(counselling=True)
    counted = by_topic.keys() | by_group.keys()
    topics = [topic for topic in topics if topic.active or topic.pk in counted]
    rows = []
    for group in (topic for topic in topics if topic.parent_id is None):
        rows.append(
            Row(group.name, (by_group.get(group.pk, 0), share(by_group.get(group.pk, 0), whole)))
        )
        rows.extend(
            Row(topic.name, (by_topic.get(topic.pk, 0), share(by_topic.get(topic.pk, 0), whole)), 1)
            for topic in topics
            if topic.parent_id == group.pk
        )
    return Table(
        key="topic",
        title=_("Counselling contacts by topic"),
        row_header=_("Topic"),
        columns=(Column(_("Contacts")), SHARE_OF_COUNSELLING),
        rows=tuple(rows),
        total=Row(_("Counselling contacts"), (whole, share(whole, whole))),
        chart=Chart("barh"),
        note=_(
            "A contact about several topics is counted under each of them, and a group counts "
            "it once; the total counts every contact once."
        ),
    )


def municipality_table(scope: Scope) -> Table:
    counted = scope.counted("municipality_id")
    return _taxonomy_table(
        key="municipality",
        title=_("Counselling contacts by municipality"),
        row_header=_("Municipality"),
        model=Municipality,
        counted=counted,
        whole=sum(counted.values()),
        share_column=SHARE_OF_COUNSELLING,
        chart=Chart("barh", top=15),
        note=_("The chart shows the 15 municipalities with the most contacts."),
    )


def contact_order_table(scope: Scope) -> Table:
    whole = scope.total(counselling=True)
    first = scope.total(counselling=True, contact_order=ContactOrder.FIRST)
    repeat = scope.total(counselling=True, contact_order=ContactOrder.REPEAT)
    rows = tuple(
        Row(str(label), (count, share(count, whole)))
        for label, count in (
            (ContactOrder.FIRST.label, first),
            (ContactOrder.REPEAT.label, repeat),
            (ContactOrder.UNKNOWN.label, whole - first - repeat),
        )
    )
    return Table(
        key="contact_order",
        title=_("First and repeat contacts"),
        row_header=_("Contact"),
        columns=(Column(_("Contacts")), SHARE_OF_COUNSELLING),
        rows=rows,
        total=Row(_("Total"), (whole, share(whole, whole))),
        chart=Chart("bar"),
    )


def outcome_table(scope: Scope) -> Table:
    counted = scope.counted("outcome_id")
    return _taxonomy_table(
        key="outcome",
        title=_("Counselling contacts by outcome"),
        row_header=_("Outcome"),
        model=Outcome,
        counted=counted,
        whole=sum(counted.values()),
        share_column=SHARE_OF_COUNSELLING,
        chart=Chart("barh"),
    )


def referral_table(scope: Scope) -> Table:
    counted = scope.counted("referral_target_id")
    counted.pop(None, None)  # not referred
    return _taxonomy_table(
        key="referral",
        title=_("Referrals by target"),
        row_header=_("Referred to"),
        model=ReferralTarget,
        counted=counted,
        whole=sum(counted.values()),
        share_column=Column(_("Share of referrals, %"), "percent"),
        chart=Chart("barh"),
    )


def non_counselling_table(scope: Scope) -> Table:
    rows = []
    for kind in Kind:
        if kind == Kind.COUNSELLING:
            continue
        values = tuple(scope.total(kind=kind.value, channel=channel) for channel in Channel.values)
        rows.append(Row(str(kind.label), (*values, sum(values))))
    sums = tuple(sum(row.values[index] for row in rows) for index in range(len(Channel) + 1))
    return Table(
        key="non_counselling",
        title=_("Non-counselling contacts, counted apart"),
        row_header=_("Kind of contact"),
        columns=(*(Column(str(channel.label)) for channel in Channel), Column(_("Total"))),
        rows=tuple(rows),
        total=Row(_("Total"), sums),
        chart=Chart("barh", series=(len(Channel),)),
        note=_("Silent, test and hung-up contacts, thanks, questions about the line, feedback."),
    )


def _average(total: float | None, count: int) -> int | None:
    return round(total / count) if count and total is not None else None


def talk_time_table(scope: Scope) -> Table:
    rows = []
    for channel in [*Channel, None]:
        match = (
            {"counselling": True}
            if channel is None
            else {"counselling": True, "channel": channel.value}
        )
        timed, wrapped = scope.total("timed", **match), scope.total("wrapped", **match)
        talk, wrapup = scope.total("talk", **match), scope.total("wrapup", **match)
        label = _("Total") if channel is None else str(channel.label)
        rows.append(
            Row(label, (timed, _average(talk, timed), round(talk), _average(wrapup, wrapped)))
        )
    return Table(
        key="talk_time",
        title=_("Talk and wrap-up time of counselling contacts"),
        row_header=_("Channel"),
        columns=(
            Column(_("Contacts")),
            Column(_("Average talk time"), "seconds"),
            Column(_("Total talk time"), "seconds"),
            Column(_("Average wrap-up time"), "seconds"),
        ),
        rows=tuple(rows[:-1]),
        total=rows[-1],
        note=_(
            "Talk time runs from the start to the end of the contact; wrap-up time from "
            "the end of the contact to the completed record."
        ),
    )


def _selected_channels(report: ReportFilter) -> list[Channel]:
    return [channel for channel in Channel if not report.channel or channel == report.channel]


def _text_channels(report: ReportFilter) -> list[Channel]:
    return [channel for channel in _selected_channels(report) if channel in TEXT_CHANNELS]


def service_table(scope: Scope) -> Table:
    report, figures = scope.report, scope.figures
    rows = []
    answered_total = missed_total = 0
    for channel in _selected_channels(report):
        answered = figures.get(f"answered.{channel.value}")
        missed = figures.get(f"missed.{channel.value}")
        if answered is None and missed is None:
            rows.append(Row(str(channel.label), (None, None, None)))
            continue
        answered, missed = answered or 0, missed or 0
        answered_total += answered
        missed_total += missed
        rows.append(Row(str(channel.label), (answered, missed, share(answered, answered + missed))))
    return Table(
        key="service",
        title=_("Answered and missed contacts"),
        row_header=_("Channel"),
        columns=(
            Column(_("Answered")),
            Column(_("Missed")),
            Column(_("Answer rate, %"), "percent"),
        ),
        rows=tuple(rows),
        total=Row(
            _("Total"),
            (answered_total, missed_total, share(answered_total, answered_total + missed_total)),
        ),
        chart=Chart("bar", series=(0, 1)),
        note=_(
            "Counted from the channels, not from the records: only the period and the channel "
            "filters apply. An empty row means the channel does not record it yet."
        ),
    )


def report_calendar(start: datetime.date) -> LineCalendar:
    """The line's calendar with every exception from the day before ``start`` on."""
    schedule = {row.weekday: (row.opens, row.closes) for row in WeeklyHours.objects.all()}
    exceptions = {
        row.date: row.as_day_exception()
        for row in HoursException.objects.filter(date__gte=start - datetime.timedelta(days=1))
    }
    return LineCalendar(schedule=schedule, exceptions=exceptions)


def first_response_table(scope: Scope) -> Table:
    channels, waits = _text_channels(scope.report), scope.waits
    everything = [wait for channel_waits in waits.values() for wait in channel_waits]
    rows = tuple(
        Row(str(channel.label), _wait_values(waits[channel.value])) for channel in channels
    )
    return Table(
        key="first_response",
        title=_("Time to the first answer in chat and e-mail"),
        row_header=_("Channel"),
        columns=(
            Column(_("Answered conversations")),
            Column(_("Median"), "seconds"),
            Column(_("90th percentile"), "seconds"),
        ),
        rows=rows,
        total=Row(_("Total"), _wait_values(everything)),
        note=_(
            "Counted in opening hours only: the time the line was closed does not count. "
            "The 90th percentile: nine answers in ten came at least this fast."
        ),
    )


def _wait_values(waits: list[int]) -> tuple[int, float | None, float | None]:
    middle = statistics.median(waits) if waits else None
    return len(waits), middle, nearest_rank(waits, 0.9)


def satisfaction_table(scope: Scope) -> Table:
    figures = scope.figures
    invited = figures.get("survey.invited")
    answered = figures.get("survey.answered")
    positive = figures.get("survey.positive")
    values = (
        invited,
        answered,
        positive,
        share(positive, answered),
        SATISFACTION_TARGET,
        share(answered, invited),
    )
    return Table(
        key="satisfaction",
        title=_("Satisfaction"),
        row_header=_("Contacts"),
        columns=(
            Column(_("Surveys offered")),
            Column(_("Answers")),
            Column(_("Positive answers")),
            Column(_("Positive, %"), "percent"),
            Column(_("Target, %"), "percent"),
            Column(_("Response rate, %"), "percent"),
        ),
        rows=(Row(_("All contacts"), values),),
        chart=Chart("barh", series=(3,), target=SATISFACTION_TARGET) if answered else None,
        note=_(
            "The project's target: %(target)s %% of the people who answer rate the service "
            "positively. Empty cells: no survey answers are recorded for this period."
        )
        % {"target": f"{SATISFACTION_TARGET:.0f}"},
    )


def heatmap_table(scope: Scope) -> Table:
    counted: Counter[tuple[int, int]] = Counter()
    for hour, n in scope.counts.hour_starts():
        local = hour.astimezone(VILNIUS)
        counted[(local.isoweekday(), local.hour)] += n
    rows = []
    for weekday in Weekday:
        values = tuple(counted[(weekday.value + 1, hour)] for hour in range(24))
        rows.append(Row(str(weekday.label), (*values, sum(values))))
    sums = tuple(sum(row.values[index] for row in rows) for index in range(25))
    return Table(
        key="heatmap",
        title=_("Contacts by weekday and hour"),
        row_header=_("Weekday"),
        columns=(*(Column(f"{hour:02d}") for hour in range(24)), Column(_("Total"))),
        rows=tuple(rows),
        total=Row(_("Total"), sums),
        chart=Chart("heatmap", series=tuple(range(24))),
        note=_("Every contact, counselling or not, by the Vilnius time it started."),
    )


# --- The whole report -------------------------------------------------------------------------

TABLES: dict[str, Callable[[Scope], Table]] = {
    "summary": summary_table,
    "channel": channel_table,
    "service": service_table,
    "first_response": first_response_table,
    "caller_category": caller_category_table,
    "topic": topic_table,
    "municipality": municipality_table,
    "contact_order": contact_order_table,
    "outcome": outcome_table,
    "referral": referral_table,
    "talk_time": talk_time_table,
    "non_counselling": non_counselling_table,
    "satisfaction": satisfaction_table,
    "heatmap": heatmap_table,
}


def report_tables(
    report: ReportFilter,
    *,
    step: Callable[[int, int], None] | None = None,
    tallied: bool | None = None,
) -> list[Table]:
    """Every table of the report, in the page's order; ``step(done, total)`` after each.
    ``tallied``: as ``Scope``'s."""
    scope = Scope(report, tallied=tallied)
    scope.prefetch()
    built = []
    for index, build in enumerate(TABLES.values(), start=1):
        built.append(build(scope))
        if step is not None:
            step(index, len(TABLES))
    return built


def report_table(report: ReportFilter, key: str) -> Table:
    """One table of the report by its key; ``Http404`` for an unknown key."""
    if key not in TABLES:
        raise Http404
    return TABLES[key](Scope(report))


# --- The reports app's own figures of the chat and e-mail conversations ----------------------


def conversation_figures(
    report: ReportFilter, conversations: list[tuple[str, str, float, float | None]]
) -> dict[str, int]:
    """Chat and e-mail conversations begun in the period (``Scope.conversations``): answered
    (a specialist wrote), and missed (closed without a specialist's message)."""
    figures = {}
    for channel in _text_channels(report):
        figures[f"answered.{channel.value}"] = figures[f"missed.{channel.value}"] = 0
    for channel, status, _created_at, answered_at in conversations:
        if answered_at is not None:
            figures[f"answered.{channel}"] += 1
        elif status == ConversationStatus.CLOSED:
            figures[f"missed.{channel}"] += 1
    return figures


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


# --- The dashboard ----------------------------------------------------------------------------


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
}


def dashboard_today(*, now: datetime.datetime | None = None) -> list[Figure]:
    """Today's figures: the channels' counts and the records completed today."""
    now = now or timezone.now()
    figures = providers.dashboard_figures(now=now)
    since, until = providers.today_bounds(now)
    completed = Consultation.objects.filter(
        status=Status.COMPLETED, started_at__gte=since, started_at__lt=until
    ).count()
    return [
        *(
            Figure(key, str(DASHBOARD_LABELS[key]), figures.get(key))
            for key in providers.DASHBOARD_KEYS
        ),
        Figure("records", _("Records completed today"), completed),
    ]


COMPARED = (
    ("total", gettext_lazy("All contacts"), Q()),
    ("counselling", gettext_lazy("Counselling contacts"), COUNSELLING),
    ("non_counselling", gettext_lazy("Non-counselling contacts"), ~COUNSELLING),
    *((f"channel_{channel.value}", channel.label, Q(channel=channel.value)) for channel in Channel),
    ("first", gettext_lazy("First contacts"), COUNSELLING & Q(contact_order=ContactOrder.FIRST)),
    ("repeat", gettext_lazy("Repeat contacts"), COUNSELLING & Q(contact_order=ContactOrder.REPEAT)),
    ("referred", gettext_lazy("Referrals"), COUNSELLING & Q(referral_target__isnull=False)),
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
    counted = [
        Consultation.objects.filter(
            status=Status.COMPLETED,
            started_at__gte=local_midnight(first),
            started_at__lt=local_midnight(last + datetime.timedelta(days=1)),
        )
        .order_by()
        .aggregate(**{key: Count("id", filter=condition) for key, _label, condition in COMPARED})
        for first, last in periods
    ]
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
        for key, label, _condition in COMPARED
    )
    return Table(
        key="comparison",
        title=_("This month against last month and a year ago"),
        row_header=_("Completed records"),
        columns=(
            *(Column(f"{first:%Y-%m} ({first.day}–{last.day})") for first, last in periods),
            Column(_("Change against last month, %"), "percent"),
            Column(_("Change against a year ago, %"), "percent"),
        ),
        rows=rows,
        note=_("Each month is counted to the same day of the month, so that they compare fairly."),
    )


def access_export_job(*, user: Any, pk: int) -> ExportJob:
    """An export of ``user``'s own; ``Http404`` when missing, somebody else's, or when the
    person may no longer see reports."""
    access_reports(user)
    try:
        return ExportJob.objects.get(pk=pk, user=user)
    except ExportJob.DoesNotExist as missing:
        raise Http404 from missing
