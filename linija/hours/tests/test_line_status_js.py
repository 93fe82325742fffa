import re
from datetime import datetime

import pytest
from playwright.sync_api import expect

from linija.hours.calendar import VILNIUS
from linija.hours.models import HoursException


@pytest.mark.browser
def test_it_refreshes_the_status_every_minute_in_the_pages_language(live_server, page):
    page.clock.install()
    page.goto(f"{live_server.url}/en/")
    status = page.locator("#line-status")
    reason = status.locator(".line-status-reason")
    expect(status.locator(".line-status-text")).to_have_text(re.compile(r"^(Open|Closed)"))
    assert reason.inner_text() != "(Staff training)"

    HoursException.objects.create(
        date=datetime.now(VILNIUS).date(), closed=True, reason="Staff training"
    )
    with page.expect_response(lambda response: "status.json?lang=en" in response.url):
        page.clock.run_for("01:01")

    expect(reason).to_have_text("(Staff training)")
    expect(status).to_have_class("line-status closed")
    expect(status.locator(".line-status-text")).to_have_text(re.compile(r"^Closed"))
