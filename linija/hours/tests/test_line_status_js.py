from datetime import datetime, time
from pathlib import Path

import pytest
from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

from linija.hours.calendar import VILNIUS, LineCalendar
from linija.hours.models import HoursException
from linija.hours.status import LineStatus

SCRIPT = Path(settings.BASE_DIR) / "linija" / "static" / "linija" / "js" / "line-status.js"


def stale_open_status() -> str:
    calendar = LineCalendar(schedule={2: (time(12), time(20))})
    status = LineStatus.at(calendar, datetime(2026, 5, 13, 13, tzinfo=VILNIUS))
    with translation.override("en"):
        return render_to_string("hours/_status.html", {"line_status": status})


@pytest.mark.browser
def test_it_refreshes_the_status_every_minute_in_the_pages_language(live_server, page):
    HoursException.objects.create(
        date=datetime.now(VILNIUS).date(), closed=True, reason="Staff training"
    )
    page.clock.install()
    page.goto(f"{live_server.url}/hours/status.json")
    page.set_content(f'<html lang="en"><body>{stale_open_status()}</body></html>')
    page.add_script_tag(path=str(SCRIPT))
    status = page.locator("#line-status")
    assert status.get_attribute("class") == "line-status open"
    assert status.locator(".line-status-text").inner_text() == "Open until 20:00"

    with page.expect_response(lambda response: "status.json?lang=en" in response.url):
        page.clock.run_for("01:01")

    page.wait_for_function("document.getElementById('line-status').classList.contains('closed')")
    assert status.get_attribute("class") == "line-status closed"
    assert status.locator(".line-status-text").inner_text().startswith("Closed")
    assert status.locator(".line-status-reason").inner_text() == "(Staff training)"
