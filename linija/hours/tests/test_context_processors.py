from datetime import date, datetime, time

import pytest
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.utils import timezone, translation

from linija.hours.calendar import VILNIUS, DayException, LineCalendar
from linija.hours.context_processors import line_status
from linija.hours.status import LineStatus

pytestmark = pytest.mark.django_db

CALENDAR = LineCalendar(
    schedule={weekday: (time(12), time(20)) for weekday in range(5)},
    exceptions={date(2026, 5, 14): DayException(closed=True, reason="Staff training")},
)


def render(status, language):
    with translation.override(language):
        return render_to_string("hours/_status.html", {"line_status": status})


def test_it_renders_an_open_line():
    html = render(LineStatus.at(CALENDAR, datetime(2026, 5, 13, 13, tzinfo=VILNIUS)), "lt")
    assert '<p class="line-status open" id="line-status"' in html
    assert 'data-url="/hours/status.json"' in html
    assert 'role="status" aria-live="polite"' in html
    assert '<span class="line-status-text">Atidaryta iki 20:00</span>' in html
    assert '<span class="line-status-reason" hidden></span>' in html


def test_it_renders_a_closed_line_with_the_reason():
    html = render(LineStatus.at(CALENDAR, datetime(2026, 5, 14, 13, tzinfo=VILNIUS)), "en")
    assert '<p class="line-status closed" id="line-status"' in html
    assert "Closed — we open tomorrow at 12:00" in html
    assert '<span class="line-status-reason">(Staff training)</span>' in html


def test_it_escapes_the_reason():
    calendar = LineCalendar(
        schedule={}, exceptions={date(2026, 5, 14): DayException(closed=True, reason="<b>x</b>")}
    )
    html = render(LineStatus.at(calendar, datetime(2026, 5, 14, 13, tzinfo=VILNIUS)), "en")
    assert "&lt;b&gt;x&lt;/b&gt;" in html
    assert "<b>" not in html


def test_it_reads_the_database_only_when_the_status_is_shown(
    monkeypatch, django_assert_num_queries
):
    monkeypatch.setattr(timezone, "now", lambda: datetime(2026, 5, 16, 10, tzinfo=VILNIUS))
    request = RequestFactory().get("/")
    with django_assert_num_queries(0):
        context = line_status(request)
    with django_assert_num_queries(2), translation.override("lt"):
        html = render_to_string("hours/_status.html", context)
    assert "Uždaryta — atsidarome pirmadienį 12:00" in html
    assert "line-status closed" in html
