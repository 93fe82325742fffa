"""The report's tables, each built from one ``Scope``'s counts and figures."""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Callable
from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from linija.consultations.models import (
    CallerCategory,
    Channel,
    ContactOrder,
    Kind,
    Municipality,
    Outcome,
    ReferralTarget,
    Taxonomy,
    Topic,
)
from linija.hours.calendar import VILNIUS
from linija.hours.models import Weekday
from linija.reports.counting import Scope, selected_channels, text_channels
from linija.reports.filters import ReportFilter
from linija.reports.tables import Chart, Column, Row, Table, share
from linija.reports.timing import nearest_rank

SATISFACTION_TARGET = 95.0


def _entries(model: type[Taxonomy], counted: dict[Any, int]) -> QuerySet:
    return model.objects.filter(Q(active=True) | Q(pk__in=[pk for pk in counted if pk]))


SHARE_OF_COUNSELLING = Column(gettext_lazy("Share of counselling contacts, %"), "percent")


def _taxonomy_table(
    *,
    key: str,
    title: str,
    sheet: str,
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
        sheet=sheet,
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
        sheet=_("Summary"),
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
        sheet=_("Channels"),
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
        sheet=_("Caller categories"),
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
        sheet=_("Topics"),
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
        sheet=_("Municipalities"),
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
        sheet=_("First and repeat"),
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
        sheet=_("Outcomes"),
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
        sheet=_("Referrals"),
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
        sheet=_("Non-counselling"),
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
        sheet=_("Talk and wrap-up time"),
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


def service_table(scope: Scope) -> Table:
    report, figures = scope.report, scope.figures
    rows = []
    answered_total = missed_total = 0
    for channel in selected_channels(report):
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
        sheet=_("Answered and missed"),
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


def first_response_table(scope: Scope) -> Table:
    channels, waits = text_channels(scope.report), scope.waits
    everything = [wait for channel_waits in waits.values() for wait in channel_waits]
    rows = tuple(
        Row(str(channel.label), _wait_values(waits[channel.value])) for channel in channels
    )
    return Table(
        key="first_response",
        title=_("Time to the first answer in chat and e-mail"),
        sheet=_("Time to first answer"),
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
        sheet=_("Satisfaction"),
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
        sheet=_("Weekday and hour"),
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
