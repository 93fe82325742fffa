import datetime

import pytest
from django.http import QueryDict

from linija.reports.forms import ReportFilterForm
from linija.reports.models import ProjectPeriod

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2025, 5, 14)


def report(query: str):
    form = ReportFilterForm(QueryDict(query), today=TODAY)
    assert form.is_valid(), form.errors
    return form.report_filter()


@pytest.mark.parametrize(
    ("query", "start", "end"),
    [
        ("period=day&on=2025-03-30", "2025-03-30", "2025-03-30"),
        ("period=week&on=2025-03-30", "2025-03-24", "2025-03-30"),
        ("period=month&on=2024-02-10", "2024-02-01", "2024-02-29"),
        ("period=quarter&on=2025-11-02", "2025-10-01", "2025-12-31"),
        ("period=year&on=2025-06-01", "2025-01-01", "2025-12-31"),
        ("period=custom&start=2025-01-05&end=2025-02-06", "2025-01-05", "2025-02-06"),
        ("period=month", "2025-05-01", "2025-05-31"),
    ],
)
def test_it_turns_a_preset_into_days(query, start, end):
    found = report(query)
    assert (found.start, found.end) == (
        datetime.date.fromisoformat(start),
        datetime.date.fromisoformat(end),
    )


def test_it_shows_the_current_month_before_anything_is_chosen():
    form = ReportFilterForm(QueryDict(""), today=TODAY)
    assert not form.is_bound
    found = form.report_filter()
    assert (found.start, found.end) == (datetime.date(2025, 5, 1), datetime.date(2025, 5, 31))
    assert found.query == {}


def test_it_counts_a_project_period_until_today_while_it_goes_on():
    period = ProjectPeriod.objects.get(name="Tęstinis projektas nuo 2023-07-01")
    found = report(f"period=project&project={period.pk}")
    assert (found.start, found.end) == (datetime.date(2023, 7, 1), TODAY)
    assert found.period_label == period.name
    esf = ProjectPeriod.objects.get(name="ESF 2021–2023")
    assert report(f"period=project&project={esf.pk}").end == datetime.date(2023, 6, 30)


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("period=custom&end=2025-01-01", "start"),
        ("period=custom&start=2025-01-01", "end"),
        ("period=custom&start=2025-02-01&end=2025-01-01", "end"),
        ("period=custom&start=2000-01-01&end=2025-01-01", "end"),
        ("period=project", "project"),
        ("period=century", "period"),
        ("period=month&on=2025-13-01", "on"),
        ("period=month&channel=fax", "channel"),
    ],
)
def test_it_names_what_is_wrong(query, field):
    form = ReportFilterForm(QueryDict(query), today=TODAY)
    assert not form.is_valid()
    assert field in form.errors


def test_it_keeps_the_query_to_repeat_the_report(supervisor):
    found = report(f"period=month&on=2025-03-15&channel=chat&specialist={supervisor.pk}")
    assert found.query == {
        "period": "month",
        "on": "2025-03-15",
        "channel": "chat",
        "specialist": str(supervisor.pk),
    }
    assert found.specialist == supervisor
