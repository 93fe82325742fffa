from datetime import UTC, date, datetime, time, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from linija.hours.calendar import VILNIUS, DayException, LineCalendar, lithuanian_holidays

NOON, SEVEN, EIGHT = time(12), time(19), time(20)
WEEKDAYS = {weekday: (NOON, EIGHT) for weekday in range(5)}
TRAINING = DayException(closed=True, reason="Staff training")
EXCEPTIONS = {
    date(2026, 5, 14): TRAINING,
    date(2026, 5, 15): DayException(closed=False, opens=time(9), closes=time(13), reason="Short"),
    date(2026, 12, 24): DayException(closed=False, opens=NOON, closes=time(16), reason="Duty"),
    date(2027, 1, 2): DayException(closed=False, opens=time(10), closes=time(14), reason="Extra"),
    date(2026, 4, 30): DayException(closed=False, opens=NOON, closes=EIGHT, reason="Full day"),
}
MICROSECOND = timedelta(microseconds=1)


def line(exceptions=None) -> LineCalendar:
    return LineCalendar(schedule=WEEKDAYS, exceptions=exceptions)


def local(*args, fold: int = 0) -> datetime:
    return datetime(*args, tzinfo=VILNIUS, fold=fold)


CLOSED = None
NORMAL = (NOON, EIGHT)
SHORT = (NOON, SEVEN)

KNOWN_DAYS = [
    # Public holidays on weekdays.
    ("2025-01-01", CLOSED),
    ("2025-03-11", CLOSED),
    ("2025-04-21", CLOSED),  # Easter Monday
    ("2025-05-01", CLOSED),
    ("2025-06-24", CLOSED),
    ("2025-08-15", CLOSED),
    ("2025-12-24", CLOSED),
    ("2025-12-25", CLOSED),
    ("2025-12-26", CLOSED),
    ("2026-02-16", CLOSED),
    ("2026-04-06", CLOSED),  # Easter Monday
    ("2026-07-06", CLOSED),
    ("2026-11-02", CLOSED),
    ("2027-03-29", CLOSED),  # Easter Monday
    ("2027-11-01", CLOSED),
    ("2028-04-17", CLOSED),  # Easter Monday
    ("2028-12-25", CLOSED),
    # Mother's Day, Father's Day and Easter Sunday fall on Sundays: closed anyway.
    ("2025-05-04", CLOSED),
    ("2026-06-07", CLOSED),
    ("2027-03-28", CLOSED),
    # Weekends.
    ("2026-02-14", CLOSED),
    ("2026-02-15", CLOSED),
    ("2027-07-31", CLOSED),
    # The working day before a public holiday closes an hour early.
    ("2025-03-10", SHORT),
    ("2025-04-30", SHORT),
    ("2025-06-23", SHORT),
    ("2025-08-14", SHORT),
    ("2025-10-31", SHORT),  # Friday before All Saints' Saturday
    ("2025-12-23", SHORT),
    ("2025-12-31", SHORT),
    ("2026-02-13", NORMAL),  # Friday: the next day is Saturday, not a holiday
    ("2026-03-10", SHORT),
    ("2026-04-30", SHORT),
    ("2026-06-23", SHORT),
    ("2026-07-03", NORMAL),  # Friday before the weekend before Statehood Day
    ("2026-08-14", SHORT),
    ("2026-10-30", NORMAL),  # Oct 31 is a Saturday, so no short day
    ("2026-11-30", NORMAL),
    ("2026-12-23", SHORT),
    ("2026-12-31", SHORT),
    ("2027-02-15", SHORT),
    ("2027-03-10", SHORT),
    ("2027-03-26", NORMAL),  # Friday before Easter: Saturday is no holiday
    ("2027-07-05", SHORT),
    ("2027-12-23", SHORT),
    ("2027-12-31", SHORT),
    ("2028-02-15", SHORT),
    ("2028-04-14", NORMAL),  # Friday before Easter
    ("2028-04-28", NORMAL),  # Friday: May 1 is the next Monday
    ("2028-04-30", CLOSED),  # Sunday before May 1
    ("2028-07-05", SHORT),
    ("2028-10-31", SHORT),
    # Ordinary working days.
    ("2025-09-01", NORMAL),
    ("2027-06-01", NORMAL),
    ("2028-01-03", NORMAL),
]


@pytest.mark.parametrize(("day", "expected"), KNOWN_DAYS)
def test_it_knows_the_hours_of_known_days(day, expected):
    assert line().wall_hours(date.fromisoformat(day)) == expected


EXCEPTION_DAYS = [
    ("2026-05-14", CLOSED),  # closed on a normal Thursday for training
    ("2026-05-15", (time(9), time(13))),  # other hours on a normal Friday
    ("2026-12-24", (NOON, time(16))),  # open on Christmas Eve
    ("2027-01-02", (time(10), time(14))),  # open on a Saturday
    ("2026-04-30", NORMAL),  # the full day despite May 1 next
    ("2026-12-23", SHORT),  # an exception on the holiday does not undo the short day before
]


@pytest.mark.parametrize(("day", "expected"), EXCEPTION_DAYS)
def test_it_lets_exceptions_override_everything(day, expected):
    assert line(EXCEPTIONS).wall_hours(date.fromisoformat(day)) == expected


def test_it_tells_the_reason_of_an_exception_or_a_holiday():
    calendar = line(EXCEPTIONS)
    assert calendar.reason(date(2026, 5, 14)) == "Staff training"
    assert calendar.reason(date(2025, 12, 25), "en") == "Christmas Day"
    assert calendar.reason(date(2025, 12, 25), "lt") == "Šv. Kalėdų pirma diena"
    assert calendar.reason(date(2026, 5, 13)) == ""


def test_it_caches_the_holidays_of_a_year():
    lithuanian_holidays.cache_clear()
    calendar = line()
    for day in range(1, 29):
        calendar.day_hours(date(2027, 2, day))
    info = lithuanian_holidays.cache_info()
    assert info.misses == 1
    assert info.hits > 20


def test_it_is_open_from_opening_up_to_but_not_at_closing():
    calendar = line()
    assert not calendar.is_open(local(2026, 5, 13, 11, 59, 59))
    assert calendar.is_open(local(2026, 5, 13, 12))
    assert calendar.closes_at(local(2026, 5, 13, 19, 59)) == local(2026, 5, 13, 20)
    assert not calendar.is_open(local(2026, 5, 13, 20))
    assert calendar.closes_at(local(2026, 5, 13, 20)) is None


def test_it_reads_instants_in_vilnius_whatever_their_zone():
    calendar = line()
    # 2026-05-13 09:30 UTC is 12:30 in Vilnius (summer time, UTC+3).
    assert calendar.is_open(datetime(2026, 5, 13, 9, 30, tzinfo=UTC))
    # 2026-05-13 22:30 UTC is already the 14th in Vilnius, 01:30: closed.
    assert not calendar.is_open(datetime(2026, 5, 13, 22, 30, tzinfo=UTC))


def test_it_finds_the_next_opening_across_a_holiday_weekend():
    calendar = line()
    opening = calendar.next_opening(local(2026, 12, 23, 19, 0))
    assert opening == local(2026, 12, 28, 12)
    assert calendar.next_opening(local(2026, 12, 28, 11)) == local(2026, 12, 28, 12)


def test_it_gives_the_following_day_as_next_opening_while_open():
    assert line().next_opening(local(2026, 5, 13, 15)) == local(2026, 5, 14, 12)


def test_it_gives_no_next_opening_when_nothing_opens_within_the_search():
    assert LineCalendar(schedule={}).next_opening(local(2026, 5, 13, 15)) is None


@pytest.mark.parametrize(
    ("at", "opening", "offset_hours"),
    [
        # Spring forward on Sunday 2026-03-29: EET (+2) before, EEST (+3) after.
        (local(2026, 3, 27, 20, 30), local(2026, 3, 30, 12), 3),
        (local(2026, 3, 29, 3, 30), local(2026, 3, 30, 12), 3),
        # Fall back on Sunday 2026-10-25: EEST (+3) before, EET (+2) after.
        (local(2026, 10, 23, 20, 30), local(2026, 10, 26, 12), 2),
        (local(2026, 10, 25, 3, 30, fold=1), local(2026, 10, 26, 12), 2),
        (local(2027, 3, 26, 21), local(2027, 3, 30, 12), 3),  # Easter Monday 03-29 too
        (local(2027, 10, 29, 23), local(2027, 11, 3, 12), 2),  # Nov 1 and 2: Mon, Tue
    ],
)
def test_it_opens_at_local_noon_across_daylight_saving_changes(at, opening, offset_hours):
    result = line().next_opening(at)
    assert result == opening
    assert result.utcoffset() == timedelta(hours=offset_hours)
    assert result.astimezone(VILNIUS).hour == 12
    assert line().is_open(result)


def test_it_gives_the_utc_instants_of_a_dst_changing_week():
    calendar = line()
    assert calendar.day_hours(date(2026, 3, 27))[0] == datetime(2026, 3, 27, 10, tzinfo=UTC)
    assert calendar.day_hours(date(2026, 3, 30))[0] == datetime(2026, 3, 30, 9, tzinfo=UTC)
    assert calendar.day_hours(date(2026, 10, 23))[1] == datetime(2026, 10, 23, 17, tzinfo=UTC)
    assert calendar.day_hours(date(2026, 10, 26))[1] == datetime(2026, 10, 26, 18, tzinfo=UTC)


def test_it_moves_a_time_in_the_skipped_spring_hour_forward():
    skipped = DayException(closed=False, opens=time(3, 30), closes=time(5), reason="Night")
    calendar = line({date(2026, 3, 29): skipped})
    opens, closes = calendar.day_hours(date(2026, 3, 29))
    assert opens == datetime(2026, 3, 29, 1, 30, tzinfo=UTC)
    assert closes == datetime(2026, 3, 29, 2, tzinfo=UTC)


def test_it_counts_hours_that_the_skipped_hour_swallows_as_closed():
    swallowed = DayException(closed=False, opens=time(3, 30), closes=time(4, 10), reason="x")
    calendar = line({date(2026, 3, 29): swallowed})
    assert calendar.day_hours(date(2026, 3, 29)) is None
    assert calendar.next_opening(local(2026, 3, 29, 2)) == local(2026, 3, 30, 12)


def test_it_closes_a_pre_holiday_day_too_short_to_shorten():
    calendar = LineCalendar(schedule={2: (NOON, time(12, 45))})
    assert calendar.wall_hours(date(2026, 12, 23)) is None
    assert calendar.wall_hours(date(2026, 12, 16)) == (NOON, time(12, 45))


# --- Properties over random instants and random exceptions -----------------------------------

FIRST, LAST = date(2025, 1, 1), date(2029, 12, 31)
instants = st.datetimes(
    min_value=datetime(2025, 1, 1), max_value=datetime(2029, 12, 31, 23, 59)
).map(lambda naive: naive.replace(tzinfo=UTC))
minutes = st.integers(0, 24 * 60 - 1).map(lambda m: time(m // 60, m % 60))


@st.composite
def day_exceptions(draw):
    if draw(st.booleans()):
        return DayException(closed=True, reason="closed")
    first, second = draw(minutes), draw(minutes)
    if first == second:
        return DayException(closed=True, reason="closed")
    return DayException(closed=False, opens=min(first, second), closes=max(first, second))


exception_maps = st.dictionaries(st.dates(FIRST, LAST), day_exceptions(), max_size=40)


@st.composite
def instant_with_nearby_exceptions(draw):
    at = draw(instants)
    day = at.astimezone(VILNIUS).date()
    nearby = st.integers(-2, 12).map(lambda offset: day + timedelta(days=offset))
    exceptions = draw(exception_maps)
    exceptions.update(draw(st.dictionaries(nearby, day_exceptions(), max_size=8)))
    return at, exceptions


@settings(max_examples=300, deadline=None)
@given(instant_with_nearby_exceptions())
def test_it_opens_next_at_an_instant_when_it_is_open_and_was_closed(case):
    at, exceptions = case
    calendar = line(exceptions)
    opening = calendar.next_opening(at)
    assert opening is not None
    assert opening > at
    assert calendar.is_open(opening)
    assert not calendar.is_open(opening - MICROSECOND)
    assert opening.tzinfo is VILNIUS
    if not calendar.is_open(at):
        assert not any(calendar.is_open(at + (opening - at) * step / 16) for step in range(1, 16))


@settings(max_examples=300, deadline=None)
@given(instant_with_nearby_exceptions())
def test_it_closes_at_an_instant_when_it_was_open_and_is_closed(case):
    at, exceptions = case
    calendar = line(exceptions)
    closes = calendar.closes_at(at)
    if calendar.is_open(at):
        assert closes > at
        assert calendar.is_open(closes - MICROSECOND)
        assert not calendar.is_open(closes)
        assert closes.tzinfo is VILNIUS
    else:
        assert closes is None


HOLIDAYS = sorted(
    day for year in range(FIRST.year, LAST.year + 1) for day in lithuanian_holidays(year)
)


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(HOLIDAYS), minutes, exception_maps)
def test_it_is_never_open_on_a_holiday_without_an_exception(day, minute, exceptions):
    exceptions.pop(day, None)
    calendar = line(exceptions)
    assert calendar.is_holiday(day)
    assert not calendar.is_open(datetime.combine(day, minute, tzinfo=VILNIUS))
    assert calendar.day_hours(day) is None


days_often_before_holidays = st.one_of(
    st.dates(FIRST, LAST), st.sampled_from(HOLIDAYS).map(lambda day: day - timedelta(days=1))
)


@settings(max_examples=500, deadline=None)
@given(days_often_before_holidays, exception_maps)
def test_it_closes_at_seven_exactly_on_working_days_before_a_holiday(day, exceptions):
    calendar = line(exceptions)
    hours = calendar.day_hours(day)
    closes_at_seven = hours is not None and hours[1].astimezone(VILNIUS).time() == SEVEN
    following = day + timedelta(days=1)
    exception = exceptions.get(day)
    if exception is None:
        expected = (
            day.weekday() < 5
            and day not in lithuanian_holidays(day.year)
            and following in lithuanian_holidays(following.year)
        )
    else:
        expected = not exception.closed and exception.closes == SEVEN
    assert closes_at_seven == expected
