"""The days' tallies: a report of every record of a period adds them up, and every way a
record changes makes its day stale, so that the tallied report always equals the one counted
from the records."""

import datetime
import random
from dataclasses import replace

import pytest

from linija.consultations.models import CallerCategory, Consultation, Kind, Status, Topic
from linija.consultations.services import consultation_update
from linija.reports import services
from linija.reports.builders import report_tables
from linija.reports.filters import ReportFilter
from linija.reports.models import DayTally
from linija.reports.services import day_tallies_mark_all, day_tallies_refresh
from linija.reports.tests.conftest import at, record

pytestmark = pytest.mark.django_db
MARCH = ReportFilter(start=datetime.date(2025, 3, 1), end=datetime.date(2025, 3, 31))
THIRD, FOURTH = datetime.date(2025, 3, 3), datetime.date(2025, 3, 4)


def both_ways(report: ReportFilter = MARCH):
    """The report from the tallies and from the records."""
    return report_tables(report), report_tables(report, tallied=False)


def all_fresh() -> None:
    day_tallies_mark_all(today=datetime.date(2025, 4, 30))
    day_tallies_refresh()
    assert not DayTally.objects.filter(figures__isnull=True).exists()


def stale_days() -> set[datetime.date]:
    return set(DayTally.objects.filter(figures__isnull=True).values_list("day", flat=True))


def test_it_counts_a_period_from_the_days_tallies(march):
    all_fresh()
    tallied, counted = both_ways()
    assert tallied == counted
    assert tallied[0].rows[0].values == (7,)  # all contacts

    phone = replace(MARCH, channel="phone")
    assert both_ways(phone)[0] == both_ways(phone)[1]
    assert both_ways(phone)[0][0].rows[0].values == (4,)

    # A change past the models is not seen: the report adds up the stored tallies, for one
    # channel too; a report filtered by more counts the records.
    Consultation.objects.filter(pk=march["records"]["three_topics"].pk).update(status=Status.DRAFT)
    tallied, counted = both_ways()
    assert tallied != counted
    assert both_ways(phone)[0] != both_ways(phone)[1]
    guardians = replace(MARCH, caller_category=CallerCategory.objects.get(code="guardian"))
    assert report_tables(guardians) == report_tables(guardians, tallied=False)
    day_tallies_mark_all(today=datetime.date(2025, 4, 30))
    assert both_ways()[0] == counted


def test_it_counts_stale_days_and_days_without_a_tally_from_their_records(march):
    all_fresh()
    DayTally.objects.filter(day=THIRD).update(figures=None)
    DayTally.objects.filter(day=FOURTH).delete()
    tallied, counted = both_ways()
    assert tallied == counted


def test_it_makes_the_day_stale_when_a_record_is_saved_or_deleted(march, specialist):
    all_fresh()
    added = record(
        specialist=specialist,
        channel="chat",
        started="2025-03-12 13:00",
        talk=60,
        wrapup=30,
        category="guardian",
        topics=("eligibility",),
        order="first",
        outcome="informed",
    )
    assert stale_days() == {datetime.date(2025, 3, 12)}
    assert both_ways()[0] == both_ways()[1]

    all_fresh()
    added.delete()
    assert stale_days() == {datetime.date(2025, 3, 12)}
    tallied, counted = both_ways()
    assert tallied == counted


def test_it_makes_both_days_stale_when_a_record_moves(march, specialist):
    all_fresh()
    moved = march["records"]["three_topics"]
    consultation_update(
        consultation=moved,
        user=specialist,
        data={"started_at": at("2025-03-01 12:30"), "ended_at": at("2025-03-01 12:45")},
    )
    assert stale_days() == {datetime.date(2025, 3, 1), THIRD}
    tallied, counted = both_ways()
    assert tallied == counted


def test_it_makes_the_day_stale_when_topics_change(march, specialist):
    all_fresh()
    consultation_update(
        consultation=march["records"]["three_topics"],
        user=specialist,
        data={"topics": list(Topic.objects.filter(code="documents"))},
    )
    assert stale_days() == {THIRD}
    assert both_ways()[0] == both_ways()[1]

    all_fresh()
    Topic.objects.get(code="eligibility").consultations.add(march["records"]["across_midnight"])
    assert stale_days() == {THIRD}
    assert both_ways()[0] == both_ways()[1]


def test_it_leaves_the_tallies_alone_when_an_uncounted_field_changes(march):
    all_fresh()
    kept = march["records"]["three_topics"]
    kept.summary = "Pasikalbėjome apie dokumentus."
    kept.save(update_fields=["summary"])
    assert stale_days() == set()


def test_it_makes_every_day_stale_when_the_topic_tree_changes(march):
    all_fresh()
    moved = Topic.objects.get(code="documents")
    moved.parent = Topic.objects.filter(parent__isnull=True).exclude(pk=moved.parent_id).first()
    moved.save()
    assert len(stale_days()) == DayTally.objects.count() > 31
    tallied, counted = both_ways()
    assert tallied == counted


def test_it_stores_nothing_counted_before_a_change_of_the_day(march, specialist, monkeypatch):
    all_fresh()
    DayTally.objects.filter(day=THIRD).update(figures=None)
    counted_before = services.day_figures

    def changed_meanwhile(day):
        counts = counted_before(day)
        consultation_update(
            consultation=march["records"]["three_topics"],
            user=specialist,
            data={"channel": "email"},
        )
        return counts

    monkeypatch.setattr(services, "day_figures", changed_meanwhile)
    assert day_tallies_refresh() == 0
    assert stale_days() == {THIRD}
    monkeypatch.undo()
    assert day_tallies_refresh() == 1
    tallied, counted = both_ways()
    assert tallied == counted


def test_it_marks_every_day_from_the_first_record_to_today(march):
    DayTally.objects.all().delete()
    assert day_tallies_mark_all(today=datetime.date(2025, 4, 30)) == 61
    assert stale_days() == {
        datetime.date(2025, 3, 1) + datetime.timedelta(days=offset) for offset in range(61)
    }
    assert day_tallies_refresh(limit=10) == 10
    assert len(stale_days()) == 51


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_it_adds_up_to_the_records_count_for_any_records(seeded, specialist, seed):
    rng = random.Random(seed)
    topics = list(Topic.objects.filter(parent__isnull=False).values_list("code", flat=True))
    for _ in range(40):
        counselling = rng.random() < 0.8
        day = datetime.date(2025, 3, 1) + datetime.timedelta(days=rng.randrange(45))
        record(
            specialist=specialist,
            channel=rng.choice(["phone", "chat", "email"]),
            started=f"{day:%Y-%m-%d} {rng.randrange(24):02d}:{rng.randrange(60):02d}",
            talk=rng.randrange(30, 3000),
            wrapup=rng.randrange(0, 600),
            kind=Kind.COUNSELLING if counselling else rng.choice(Kind.values[1:]),
            category=rng.choice(["guardian", "prospective", None]) if counselling else None,
            topics=tuple(rng.sample(topics, rng.randint(1, 3))) if counselling else (),
            municipality=rng.choice(["kaunas-city", "vilnius-city", None]),
            order=rng.choice(["first", "repeat", ""]) if counselling else "",
            outcome="informed" if counselling else None,
            status=rng.choice([Status.COMPLETED] * 4 + [Status.DRAFT]),
        )
    if seed % 2:
        all_fresh()
    later = ReportFilter(start=datetime.date(2025, 3, 10), end=FOURTH.replace(month=4))
    for report in (MARCH, later, replace(MARCH, channel="chat"), replace(later, channel="phone")):
        tallied, counted = both_ways(report)
        assert tallied == counted
