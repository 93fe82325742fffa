from datetime import UTC, date, datetime, time, timedelta

import pytest
from django.utils import translation

from linija.hours.calendar import VILNIUS, DayException, LineCalendar
from linija.hours.status import MONTHS_OF_DAY, WEEKDAYS_ON, LineStatus, next_opening_text

WINTER_BREAK = {
    date(2027, 1, 4) + timedelta(days=offset): DayException(closed=True, reason="Žiemos pertrauka")
    for offset in range(5)
}
CALENDAR = LineCalendar(
    schedule={weekday: (time(12), time(20)) for weekday in range(5)},
    exceptions={
        date(2026, 5, 14): DayException(closed=True, reason="Personalo mokymai"),
        date(2026, 5, 15): DayException(
            closed=False, opens=time(9, 30), closes=time(13, 15), reason="Trumpesnė diena"
        ),
        **WINTER_BREAK,
    },
)


def local(*args) -> datetime:
    return datetime(*args, tzinfo=VILNIUS)


CASES = [
    # (now, Lithuanian, English)
    (local(2026, 5, 13, 15), "Atidaryta iki 20:00", "Open until 20:00"),
    (local(2026, 12, 23, 18), "Atidaryta iki 19:00", "Open until 19:00"),
    (local(2026, 5, 15, 9, 45), "Atidaryta iki 13:15", "Open until 13:15"),
    (
        local(2026, 5, 13, 9),
        "Uždaryta — atsidarome šiandien 12:00",
        "Closed — we open today at 12:00",
    ),
    (
        local(2026, 5, 12, 20),
        "Uždaryta — atsidarome rytoj 12:00",
        "Closed — we open tomorrow at 12:00",
    ),
    (
        local(2026, 5, 13, 20, 30),
        "Uždaryta — atsidarome penktadienį 09:30",
        "Closed — we open on Friday at 09:30",
    ),
    (
        local(2026, 5, 16, 10),
        "Uždaryta — atsidarome pirmadienį 12:00",
        "Closed — we open on Monday at 12:00",
    ),
    (
        local(2026, 4, 3, 21),
        "Uždaryta — atsidarome antradienį 12:00",
        "Closed — we open on Tuesday at 12:00",
    ),
    (
        local(2027, 10, 29, 20),
        "Uždaryta — atsidarome trečiadienį 12:00",
        "Closed — we open on Wednesday at 12:00",
    ),
    (
        local(2026, 3, 10, 19, 30),
        "Uždaryta — atsidarome ketvirtadienį 12:00",
        "Closed — we open on Thursday at 12:00",
    ),
    # Six days ahead the weekday is named; seven days ahead, the date.
    (
        local(2027, 1, 5, 10),
        "Uždaryta — atsidarome pirmadienį 12:00",
        "Closed — we open on Monday at 12:00",
    ),
    (
        local(2027, 1, 4, 10),
        "Uždaryta — atsidarome sausio 11 d. 12:00",
        "Closed — we open on 11 January at 12:00",
    ),
    (
        local(2026, 12, 31, 19),
        "Uždaryta — atsidarome sausio 11 d. 12:00",
        "Closed — we open on 11 January at 12:00",
    ),
]


@pytest.mark.parametrize(("now", "lithuanian", "english"), CASES)
def test_it_tells_the_status_in_both_languages(now, lithuanian, english):
    status = LineStatus.at(CALENDAR, now)
    with translation.override("lt"):
        assert status.text == lithuanian
    with translation.override("en"):
        assert status.text == english


def test_it_names_weekdays_in_the_accusative_and_months_in_the_genitive():
    with translation.override("lt"):
        assert [str(name) for name in WEEKDAYS_ON] == [
            "pirmadienį",
            "antradienį",
            "trečiadienį",
            "ketvirtadienį",
            "penktadienį",
            "šeštadienį",
            "sekmadienį",
        ]
        assert [str(name) for name in MONTHS_OF_DAY] == [
            "sausio",
            "vasario",
            "kovo",
            "balandžio",
            "gegužės",
            "birželio",
            "liepos",
            "rugpjūčio",
            "rugsėjo",
            "spalio",
            "lapkričio",
            "gruodžio",
        ]
    with translation.override("en"):
        assert str(WEEKDAYS_ON[5]) == "Saturday"
        assert str(MONTHS_OF_DAY[11]) == "December"


def test_it_counts_today_and_tomorrow_by_the_vilnius_calendar():
    # 21:30 UTC on the 12th is already 00:30 on the 13th in Vilnius: the opening is "today".
    status = LineStatus.at(CALENDAR, datetime(2026, 5, 12, 21, 30, tzinfo=UTC))
    with translation.override("en"):
        assert status.text == "Closed — we open today at 12:00"


def test_it_carries_the_instants_and_the_day_note():
    status = LineStatus.at(CALENDAR, local(2026, 5, 14, 13))
    assert not status.is_open
    assert status.state == "closed"
    assert status.closes_at is None
    assert status.next_opening == local(2026, 5, 15, 9, 30)
    assert status.reason == "Personalo mokymai"
    with translation.override("en"):
        assert status.as_json() == {
            "open": False,
            "text": "Closed — we open tomorrow at 09:30",
            "reason": "Personalo mokymai",
            "closes_at": None,
            "next_opening": "2026-05-15T09:30:00+03:00",
        }


def test_it_gives_the_closing_but_no_next_opening_while_open():
    status = LineStatus.at(CALENDAR, local(2026, 12, 23, 12))
    assert status.is_open
    assert status.state == "open"
    assert status.next_opening is None
    assert status.as_json()["closes_at"] == "2026-12-23T19:00:00+02:00"
    assert status.reason == ""


def test_it_names_the_holiday_in_the_active_language():
    status = LineStatus.at(CALENDAR, local(2026, 12, 25, 13))
    with translation.override("lt"):
        assert status.reason == "Šv. Kalėdų pirma diena"
    with translation.override("en"):
        assert status.reason == "Christmas Day"


def test_it_says_closed_alone_when_nothing_opens_within_the_search():
    status = LineStatus.at(LineCalendar(schedule={}), local(2026, 5, 13, 15))
    with translation.override("lt"):
        assert status.text == "Uždaryta"
    with translation.override("en"):
        assert status.text == "Closed"
    assert next_opening_text(LineCalendar(schedule={}), local(2026, 5, 13, 15)) == ""


def test_it_words_the_next_opening_for_auto_replies():
    with translation.override("lt"):
        assert next_opening_text(CALENDAR, local(2026, 5, 16, 3)) == "Atsidarome pirmadienį 12:00"
    with translation.override("en"):
        assert next_opening_text(CALENDAR, local(2026, 5, 13, 15)) == "We open on Friday at 09:30"
